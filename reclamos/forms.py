"""Browser forms for the claim wizard, the admission review and the parties' acts."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from cuentas.identificadores import validar_cuit, validar_dni
from reclamos.models import MetodoDesignacion

LUGARES = [
    ("", _("Elegí una opción")),
    ("domicilio_consumidor", _("Mi domicilio")),
    ("lugar_contratacion", _("Donde contraté o compré")),
    ("lugar_cumplimiento", _("Donde debía cumplirse el contrato")),
    ("domicilio_proveedor", _("El domicilio del proveedor")),
]

# Art. 17: who pays the conciliator's basic fee under each method if there is no agreement.
QUIEN_PAGA = {
    MetodoDesignacion.SORTEO: _(
        "Si no hay acuerdo, el honorario básico lo paga el Fondo de "
        "Financiamiento: es gratuito para vos."
    ),
    MetodoDesignacion.ACUERDO: _(
        "Si no hay acuerdo, el honorario básico lo paga el proveedor, "
        "salvo que el documento de designación diga otra cosa."
    ),
    MetodoDesignacion.ELECCION: _("Si no hay acuerdo, el honorario básico lo pagás vos."),
}


class PasoDatosForm(forms.Form):
    consumidor_nombre = forms.CharField(label=_("Nombre"), max_length=120)
    consumidor_apellido = forms.CharField(label=_("Apellido"), max_length=120)
    consumidor_dni = forms.CharField(
        label=_("DNI"), max_length=12, help_text=_("Sin puntos. Ej.: 30123456")
    )
    consumidor_domicilio = forms.CharField(label=_("Domicilio real"), max_length=300)
    consumidor_email = forms.EmailField(
        label=_("Correo electrónico para notificaciones"),
        help_text=_(
            "Lo constituís como domicilio electrónico: las notificaciones que te "
            "enviemos ahí se tienen por recibidas al día siguiente."
        ),
    )
    consumidor_telefono = forms.CharField(label=_("Teléfono"), max_length=40, required=False)
    consentimiento = forms.BooleanField(
        label=_(
            "Leí el aviso de privacidad y acepto que mis datos se usen para tramitar el "
            "reclamo (Ley 25.326)."
        ),
        error_messages={"required": _("Necesitamos tu consentimiento para tramitar el reclamo.")},
    )

    def clean_consumidor_dni(self):
        return validar_dni(self.cleaned_data["consumidor_dni"].replace(".", "").strip())


class ProveedorForm(forms.Form):
    identificador = forms.CharField(
        label=_("CUIT"), max_length=13, help_text=_("11 dígitos, con o sin guiones.")
    )
    razon_social = forms.CharField(label=_("Razón social"), max_length=200)
    domicilio_legal = forms.CharField(
        label=_("Domicilio legal"),
        max_length=300,
        help_text=_("El inscripto en la IGJ o el registro provincial, si lo sabés."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # htmx: a known provider's data fill in when the CUIT is typed (no inline JS: CSP).
        self.fields["identificador"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("reclamos:sugerir_proveedor"),
                "hx-trigger": "change",
                "hx-target": f"#sugerencia-{self.prefix}",
                "hx-vals": f'{{"prefijo": "{self.prefix}"}}',
                "name": f"{self.prefix}-identificador" if self.prefix else "identificador",
            }
        )

    def clean_identificador(self):
        return validar_cuit(self.cleaned_data["identificador"])


class ProveedoresBaseFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        cuits = [
            f.cleaned_data.get("identificador")
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if not cuits:
            raise ValidationError(_("Indicá al menos un proveedor."))
        if len(cuits) != len(set(cuits)):
            raise ValidationError(_("Cargaste dos veces el mismo CUIT."))


ProveedoresFormSet = formset_factory(
    ProveedorForm, formset=ProveedoresBaseFormSet, extra=0, min_num=1, max_num=10, can_delete=True
)


class PasoReclamoForm(forms.Form):
    hechos = forms.CharField(
        label=_("¿Qué pasó?"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    objeto = forms.CharField(
        label=_("¿Qué reclamás?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_(
            "Por ejemplo: el cambio del producto, la devolución del dinero, la baja del servicio."
        ),
    )
    monto = forms.DecimalField(
        label=_("Monto reclamado en pesos"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        localize=True,
        help_text=_("Ej.: 150000,50"),
    )
    monto_indeterminado = forms.BooleanField(
        label=_(
            "No puedo determinar el monto con precisión: declaro bajo juramento que no "
            "supera el límite legal (art. 2)."
        ),
        required=False,
    )

    def clean(self):
        datos = super().clean()
        monto, dj = datos.get("monto"), datos.get("monto_indeterminado")
        if monto is None and not dj and "monto" not in self.errors:
            self.add_error(
                "monto",
                _("Indicá el monto, o marcá la declaración jurada si no podés determinarlo."),
            )
        if monto is not None and dj:
            self.add_error(
                "monto_indeterminado", _("Si indicás el monto no hace falta la declaración jurada.")
            )
        return datos


class PasoDesignacionForm(forms.Form):
    lugar_criterio = forms.ChoiceField(
        label=_("¿Dónde querés tramitar el reclamo?"),
        choices=LUGARES,
        help_text=_("Ley 26.993 art. 5: lo elegís vos; una cláusula previa del contrato no vale."),
    )
    localidad = forms.CharField(label=_("Localidad"), max_length=80)
    metodo_designacion = forms.ChoiceField(
        label=_("¿Cómo se designa al conciliador?"),
        choices=MetodoDesignacion.choices,
        widget=forms.RadioSelect,
    )
    confirmo_metodo = forms.BooleanField(
        label=_("Entiendo que la forma elegida es definitiva para este reclamo (art. 7)."),
        error_messages={"required": _("Confirmá que entendés que la elección es definitiva.")},
    )

    def lugar(self) -> str:
        etiqueta = dict(LUGARES)[self.cleaned_data["lugar_criterio"]]
        return f"{etiqueta} — {self.cleaned_data['localidad']}"[:120]


class DocumentosForm(forms.Form):
    archivo = forms.FileField(label=_("Documento (PDF, JPG o PNG, hasta 10 MB)"), required=False)


class OficinaForm(forms.Form):
    email = forms.EmailField(
        label=_("Correo del consumidor"),
        help_text=_("Será su usuario. Recibirá el aviso de derivación."),
    )
    nombre = forms.CharField(label=_("Nombre"), max_length=120)
    apellido = forms.CharField(label=_("Apellido"), max_length=120)
    dni = forms.CharField(label=_("DNI"), max_length=12)
    telefono = forms.CharField(label=_("Teléfono"), max_length=40, required=False)

    def clean_dni(self):
        return validar_dni(self.cleaned_data["dni"].replace(".", "").strip())


class RevisionAdmisionForm(forms.Form):
    formulario_completo = forms.BooleanField(label=_("El formulario está completo"), required=False)
    relacion_de_consumo = forms.BooleanField(label=_("Hay una relación de consumo"), required=False)
    individual = forms.BooleanField(
        label=_("El reclamo es individual (no colectivo)"), required=False
    )
    dentro_del_tope = forms.BooleanField(label=_("El monto está dentro del tope"), required=False)
    decision = forms.ChoiceField(
        label=_("Decisión"),
        widget=forms.RadioSelect,
        choices=[
            ("admitir", _("Admitir")),
            ("requerir", _("Requerir acreditación (10 días hábiles)")),
            ("inadmitir", _("No admitir")),
        ],
    )
    texto = forms.CharField(
        label=_("Requerimiento o motivos"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    CHECKLIST = ("formulario_completo", "relacion_de_consumo", "individual", "dentro_del_tope")

    def clean(self):
        datos = super().clean()
        decision = datos.get("decision")
        if decision == "admitir" and not all(datos.get(c) for c in self.CHECKLIST):
            raise ValidationError(_("Para admitir, todos los puntos del art. 6 deben cumplirse."))
        if decision in {"requerir", "inadmitir"} and not datos.get("texto", "").strip():
            self.add_error("texto", _("Escribí el requerimiento o los motivos."))
        return datos


class RespuestaRequerimientoForm(forms.Form):
    respuesta = forms.CharField(
        label=_("Tu respuesta"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    archivo = forms.FileField(label=_("Documentación (PDF, JPG o PNG)"), required=False)


class RecursoForm(forms.Form):
    tipo = forms.ChoiceField(
        label=_("Recurso"),
        widget=forms.RadioSelect,
        choices=[
            ("reconsideracion", _("Reconsideración (ante la misma oficina)")),
            ("jerarquico", _("Jerárquico (ante la autoridad superior)")),
        ],
    )
    fundamentos = forms.CharField(label=_("Fundamentos"), widget=forms.Textarea(attrs={"rows": 5}))


class DecisionRecursoForm(forms.Form):
    admitido = forms.TypedChoiceField(
        label=_("Decisión"),
        widget=forms.RadioSelect,
        coerce=lambda v: v == "si",
        choices=[("si", _("Admitir el recurso")), ("no", _("Rechazar el recurso"))],
    )
    fundamentos = forms.CharField(label=_("Fundamentos"), widget=forms.Textarea(attrs={"rows": 4}))


class AcumulacionForm(forms.Form):
    numeros = forms.CharField(
        label=_("Números de reclamo"),
        help_text=_("Separados por coma. Ej.: COPREC-2026-000001, COPREC-2026-000002"),
    )
    fundamento = forms.CharField(
        label=_("Fundamento (mismos hechos, títulos conexos, mismo objeto)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_numeros(self):
        numeros = [n.strip().upper() for n in self.cleaned_data["numeros"].split(",") if n.strip()]
        if len(numeros) < 2:
            raise ValidationError(_("Indicá al menos dos números."))
        return numeros


class CoReclamanteForm(forms.Form):
    nombre = forms.CharField(label=_("Nombre"), max_length=120)
    apellido = forms.CharField(label=_("Apellido"), max_length=120)
    dni = forms.CharField(label=_("DNI"), max_length=12)
    email = forms.EmailField(
        label=_("Correo para notificaciones"),
        required=False,
        help_text=_(
            "Si tiene cuenta en el portal con este correo, ve el reclamo y firma en línea."
        ),
    )
    domicilio = forms.CharField(label=_("Domicilio real"), max_length=300, required=False)
    fundamento = forms.CharField(
        label=_("Fundamento (mismos hechos, títulos conexos, mismo objeto)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TopeForm(forms.Form):
    motivo = forms.CharField(label=_("Motivo"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionTopeForm(forms.Form):
    continuar = forms.TypedChoiceField(
        label=_("Decisión"),
        widget=forms.RadioSelect,
        coerce=lambda v: v == "si",
        choices=[("si", _("Continuar el procedimiento")), ("no", _("Cerrar: excede el tope"))],
    )
    fundamentos = forms.CharField(label=_("Fundamentos"), widget=forms.Textarea(attrs={"rows": 3}))
