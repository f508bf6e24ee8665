"""Forms of the book's pages. Wording in Spanish (Peru), formal treatment (usted)."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cuentas.identificadores import validar_ruc
from documentos.forms import ArchivoField
from libro.models import CODIGOS_RESERVADOS, Hoja, Libro, NotaHoja

DOCUMENTO = {
    Hoja.TipoDocumento.DNI: (re.compile(r"^\d{8}$"), _("El DNI tiene 8 dígitos.")),
    Hoja.TipoDocumento.CE: (
        re.compile(r"^[A-Za-z0-9]{6,12}$"),
        _("El carné de extranjería tiene de 6 a 12 letras o números."),
    ),
    Hoja.TipoDocumento.PASAPORTE: (
        re.compile(r"^[A-Za-z0-9]{6,12}$"),
        _("El pasaporte tiene de 6 a 12 letras o números."),
    ),
}


def validar_documento(tipo: str, numero: str) -> str:
    numero = re.sub(r"[\s.-]", "", numero or "").upper()
    if tipo == Hoja.TipoDocumento.RUC:
        return validar_ruc(numero)
    patron, mensaje = DOCUMENTO.get(tipo, (None, None))
    if patron is not None and not patron.match(numero):
        raise ValidationError(mensaje)
    return numero


class ConEstilo:
    """Bootstrap's form-control on text inputs, selects and text areas."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for campo in self.fields.values():
            if not isinstance(campo.widget, forms.RadioSelect | forms.CheckboxInput):
                campo.widget.attrs.setdefault("class", "form-control")


class MontoSoles(forms.CharField):
    """Accepts "1234.50", "1,234.50" or "S/ 1,234.50" (Peruvian notation: comma for thousands,
    dot for decimals)."""

    def to_python(self, value):
        texto = (super().to_python(value) or "").replace("S/", "").replace(" ", "")
        if not texto:
            return None
        if not re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d{1,2})?|\d+(\.\d{1,2})?", texto):
            raise ValidationError(_("Escriba el monto como 1,234.50 (punto para los decimales)."))
        try:
            monto = Decimal(texto.replace(",", ""))
        except InvalidOperation as error:  # pragma: no cover - the pattern already filters
            raise ValidationError(_("Monto no válido.")) from error
        if monto >= Decimal("10000000000"):
            raise ValidationError(_("El monto es demasiado alto."))
        return monto


class HojaForm(ConEstilo, forms.ModelForm):
    monto_reclamado = MontoSoles(
        label=_("Monto reclamado (S/)"),
        required=False,
        help_text=_("Opcional. Por ejemplo: 1,234.50"),
    )

    class Meta:
        model = Hoja
        fields = [
            "nombres",
            "apellidos",
            "tipo_documento",
            "numero_documento",
            "domicilio",
            "telefono",
            "email",
            "es_menor",
            "apoderado_nombre",
            "apoderado_tipo_documento",
            "apoderado_numero_documento",
            "tipo_bien",
            "monto_reclamado",
            "descripcion_bien",
            "numero_pedido",
            "tipo",
            "detalle",
            "pedido",
            "medio_respuesta",
            "declaracion",
        ]
        labels = {
            "domicilio": _("Domicilio"),
            "es_menor": _(
                "Soy menor de edad: presento la hoja con mi padre, madre o representante"
            ),
            "apoderado_nombre": _("Nombre completo del padre, madre o representante"),
            "tipo_bien": _("Bien contratado"),
            "descripcion_bien": _("Descripción del producto o servicio"),
            "numero_pedido": _("N.º de pedido, boleta o factura (opcional)"),
            "tipo": _("Tipo"),
            "detalle": _("Detalle del reclamo o queja"),
            "pedido": _("Pedido: ¿qué solicita al proveedor?"),
            "medio_respuesta": _("¿Cómo desea recibir la respuesta?"),
            "declaracion": _(
                "Declaro que los datos consignados son verdaderos y que presento esta hoja "
                "en el Libro de Reclamaciones virtual del proveedor."
            ),
        }
        help_texts = {
            "domicilio": _("Obligatorio si elige recibir la respuesta en su domicilio."),
            "email": _(
                "Obligatorio si elige recibir la respuesta por correo. Allí le enviaremos "
                "la constancia con la hoja completa."
            ),
            "apoderado_nombre": _("Solo si el consumidor es menor de edad."),
        }
        widgets = {
            "tipo": forms.RadioSelect,
            "tipo_bien": forms.RadioSelect,
            "medio_respuesta": forms.RadioSelect,
            "descripcion_bien": forms.Textarea(attrs={"rows": 3}),
            "detalle": forms.Textarea(attrs={"rows": 6}),
            "pedido": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaracion"].required = True
        for nombre in ("tipo", "tipo_bien", "medio_respuesta", "tipo_documento"):
            self.fields[nombre].choices = [c for c in self.fields[nombre].choices if c[0] != ""]

    def clean(self):
        datos = super().clean()
        self._validar_documentos(datos)
        self._validar_medio(datos)
        return datos

    def _validar_documentos(self, datos):
        if datos.get("tipo_documento") and datos.get("numero_documento"):
            try:
                datos["numero_documento"] = validar_documento(
                    datos["tipo_documento"], datos["numero_documento"]
                )
            except ValidationError as error:
                self.add_error("numero_documento", error)
        if not datos.get("es_menor"):
            return
        for campo in ("apoderado_nombre", "apoderado_tipo_documento", "apoderado_numero_documento"):
            if not datos.get(campo):
                self.add_error(campo, _("Obligatorio cuando el consumidor es menor de edad."))
        if datos.get("apoderado_tipo_documento") and datos.get("apoderado_numero_documento"):
            try:
                datos["apoderado_numero_documento"] = validar_documento(
                    datos["apoderado_tipo_documento"], datos["apoderado_numero_documento"]
                )
            except ValidationError as error:
                self.add_error("apoderado_numero_documento", error)

    def _validar_medio(self, datos):
        # Neither e-mail nor address: the model's constraint says so (hoja_con_email_o_domicilio).
        medio = datos.get("medio_respuesta")
        if medio == Hoja.Medio.EMAIL and not datos.get("email") and "email" not in self.errors:
            self.add_error("email", _("Indique el correo donde desea recibir la respuesta."))
        if medio == Hoja.Medio.DOMICILIO and not datos.get("domicilio"):
            self.add_error("domicilio", _("Indique el domicilio donde desea recibir la respuesta."))


def _en_hora_de_lima(valor):
    """Django reads a typed date and time in the site's zone (Buenos Aires); the book's pages
    ask for Lima's time: keep the wall-clock value and attach Lima's zone."""
    from django.utils import timezone

    from libro.templatetags.libro_tags import LIMA

    if valor is None:
        return None
    if timezone.is_aware(valor):
        valor = timezone.make_naive(valor)
    return timezone.make_aware(valor, LIMA)


class HojaEnPapelForm(HojaForm):
    """The provider keys in a sheet the consumer filled in on the physical book."""

    libro = forms.ModelChoiceField(label=_("Libro"), queryset=Libro.objects.none())
    numero_en_papel = forms.CharField(label=_("N.º impreso en la hoja física"), max_length=40)
    presentada_en = forms.DateTimeField(
        label=_("Día y hora de la hoja (hora de Lima)"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, libros=None, **kwargs):
        super().__init__(*args, **kwargs)
        if libros is not None:
            self.fields["libro"].queryset = libros
        self.fields["declaracion"].label = _(
            "Copié los datos tal como figuran en la hoja física firmada por el consumidor."
        )

    def clean_presentada_en(self):
        return _en_hora_de_lima(self.cleaned_data.get("presentada_en"))


class PruebaForm(forms.Form):
    archivo = ArchivoField(label=_("Adjuntar una prueba (boleta, foto, mensaje)"))


class NotaForm(ConEstilo, forms.Form):
    ID = "nota_%s"
    tipo = forms.ChoiceField(label=_("Tipo"), choices=NotaHoja.Tipo.choices)
    texto = forms.CharField(
        label=_("Texto"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Solo la ve el proveedor: no se muestra al consumidor."),
    )
    contacto_en = forms.DateTimeField(
        label=_("Día y hora de la llamada (hora de Lima)"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_contacto_en(self):
        return _en_hora_de_lima(self.cleaned_data.get("contacto_en"))


class PropuestaForm(ConEstilo, forms.Form):
    ID = "propuesta_%s"  # several forms share the sheet's page: unique element ids
    texto = forms.CharField(
        label=_("Propuesta de solución"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "La primera propuesta suspende el plazo de respuesta hasta 5 días hábiles mientras "
            "el consumidor la acepta o rechaza. Si la rechaza, puede enviar otra, que ya no "
            "suspende el plazo."
        ),
    )


class RespuestaForm(ConEstilo, forms.Form):
    ID = "respuesta_%s"
    texto = forms.CharField(
        label=_("Respuesta formal y acciones adoptadas"), widget=forms.Textarea(attrs={"rows": 6})
    )
    despacho_fecha = forms.DateField(
        label=_("Fecha de despacho de la carta"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    despacho_referencia = forms.CharField(
        label=_("Empresa de mensajería y N.º de guía"), max_length=160, required=False
    )

    def __init__(self, *args, hoja: Hoja, **kwargs):
        super().__init__(*args, **kwargs)
        if hoja.medio_respuesta == Hoja.Medio.EMAIL:
            del self.fields["despacho_fecha"]
            del self.fields["despacho_referencia"]
        else:
            self.fields["despacho_fecha"].required = True


class RecalificarForm(ConEstilo, forms.Form):
    ID = "recalificar_%s"
    tipo = forms.ChoiceField(label=_("Nuevo tipo"), choices=Hoja.Tipo.choices)
    motivo = forms.CharField(
        label=_("Motivo de la recalificación"), widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionPropuestaForm(ConEstilo, forms.Form):
    decision = forms.ChoiceField(
        label=_("Su decisión"),
        choices=[("aceptar", _("Acepto la propuesta")), ("rechazar", _("Rechazo la propuesta"))],
        widget=forms.RadioSelect,
    )
    comentario = forms.CharField(
        label=_("Comentario (opcional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LibroForm(ConEstilo, forms.Form):
    organizacion = forms.ModelChoiceField(label=_("Proveedor"), queryset=None, empty_label=None)
    nombre = forms.CharField(label=_("Establecimiento o canal"), max_length=160)
    codigo = forms.SlugField(
        label=_("Código para la dirección pública"),
        max_length=60,
        help_text=_("Letras minúsculas, números y guiones. Ejemplo: tienda-miraflores."),
    )
    direccion = forms.CharField(label=_("Dirección del establecimiento"), max_length=300)
    canal = forms.ChoiceField(label=_("Canal"), choices=Libro.Canal.choices)

    def __init__(self, *args, organizaciones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizacion"].queryset = organizaciones

    def clean_codigo(self):
        codigo = self.cleaned_data["codigo"].lower()
        if codigo in CODIGOS_RESERVADOS:
            raise ValidationError(_("Ese código está reservado: elija otro."))
        if Libro.objects.filter(codigo=codigo).exists():
            raise ValidationError(_("Ya existe un libro con ese código: elija otro."))
        return codigo
