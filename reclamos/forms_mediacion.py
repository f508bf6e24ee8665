"""Browser forms of the mediation procedure and of the registration to its platform (seed 001).
Wording in Peruvian Spanish ("usted"): these forms belong to the régimen whose procedure is
mediation; the ids and the currency come from the régimen's textos."""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conciliacion.errores import ErrorDeDominio
from cuentas.identificadores import validar_ruc
from reclamos.models import AdhesionMediacion, RevisionAdhesion
from reclamos.services.adhesion import DOCUMENTOS_JURIDICA

DOCUMENTOS_CONSUMIDOR = [
    (AdhesionMediacion.Documento.DNI, _("DNI")),
    (AdhesionMediacion.Documento.CE, _("Carné de extranjería (CE)")),
]


def aplicar_error(form, error: ErrorDeDominio) -> None:
    """Shows a domain error on the form, keeping what the person typed."""
    form.add_error(None, error.mensaje)
    for campo, errores in error.campos.items():
        if campo in form.fields:
            for texto in errores:
                form.add_error(campo, str(texto))


class AdhesionNaturalForm(forms.Form):
    nombres = forms.CharField(label=_("Nombres"), max_length=120)
    apellidos = forms.CharField(label=_("Apellidos"), max_length=120)
    documento_tipo = forms.ChoiceField(
        label=_("Tipo de documento"),
        choices=AdhesionMediacion.Documento.choices,
        widget=forms.RadioSelect,
    )
    documento_numero = forms.CharField(label=_("Número de documento"), max_length=14)
    telefono = forms.CharField(
        label=_("Teléfono de contacto"),
        max_length=40,
        help_text=_("Lo llamaremos a este número para validar su identidad."),
    )
    acepta_terminos = forms.BooleanField(
        label=_("Leí y acepto los Términos y Condiciones de la plataforma."),
        error_messages={"required": _("Debe aceptar los Términos y Condiciones.")},
    )


class DocumentoEmpresaForm(forms.Form):
    categoria = forms.ChoiceField(
        label=_("Documento"), choices=list(DOCUMENTOS_JURIDICA.items()), widget=forms.RadioSelect
    )
    archivo = forms.FileField(label=_("Archivo (PDF, JPG o PNG)"))


class AdhesionJuridicaForm(forms.Form):
    acepta_terminos = forms.BooleanField(
        label=_("En nombre de la empresa, acepto los Términos y Condiciones de la plataforma."),
        error_messages={"required": _("Debe aceptar los Términos y Condiciones.")},
    )


class ValidacionIdentidadForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisión"), choices=RevisionAdhesion.Decision.choices, widget=forms.RadioSelect
    )
    documento_tipo = forms.ChoiceField(
        label=_("Documento verificado"),
        choices=AdhesionMediacion.Documento.choices,
        required=False,
    )
    documento_numero = forms.CharField(label=_("Número verificado"), max_length=14, required=False)
    medio = forms.ChoiceField(
        label=_("Cómo se verificó"),
        choices=[("", "—"), *RevisionAdhesion.Medio.choices],
        required=False,
    )
    observacion = forms.CharField(
        label=_("Observación"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class RevisionEmpresaForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Registro en la plataforma de mediación"),
        choices=RevisionAdhesion.Decision.choices,
        widget=forms.RadioSelect,
    )
    observacion = forms.CharField(
        label=_("Observación"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PresentacionForm(forms.Form):
    nombres = forms.CharField(label=_("Nombres"), max_length=120)
    apellidos = forms.CharField(label=_("Apellidos"), max_length=120)
    documento_tipo = forms.ChoiceField(
        label=_("Tipo de documento"), choices=DOCUMENTOS_CONSUMIDOR, widget=forms.RadioSelect
    )
    documento_numero = forms.CharField(label=_("Número de documento"), max_length=14)
    domicilio = forms.CharField(label=_("Domicilio"), max_length=300)
    email = forms.EmailField(
        label=_("Correo electrónico"),
        help_text=_("Le enviaremos allí las comunicaciones de su reclamo."),
    )
    telefono = forms.CharField(label=_("Teléfono"), max_length=40, required=False)
    ruc = forms.CharField(label=_("RUC del proveedor"), max_length=13)
    razon_social = forms.CharField(label=_("Razón social del proveedor"), max_length=200)
    domicilio_proveedor = forms.CharField(
        label=_("Domicilio del proveedor"), max_length=300, required=False
    )
    hechos = forms.CharField(
        label=_("Detalle del reclamo"), widget=forms.Textarea(attrs={"rows": 5})
    )
    pedido = forms.CharField(
        label=_("Pedido"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Qué solución espera del proveedor."),
    )
    monto = forms.DecimalField(
        label=_("Monto reclamado (S/)"), max_digits=14, decimal_places=2, required=False
    )

    def clean_ruc(self):
        try:
            return validar_ruc(self.cleaned_data["ruc"].replace("-", "").strip())
        except ValidationError:
            raise ValidationError(_("El RUC no es válido: revise los 11 dígitos.")) from None


class MensajeForm(forms.Form):
    texto = forms.CharField(label=_("Mensaje"), widget=forms.Textarea(attrs={"rows": 3}))
    adjunto = forms.FileField(label=_("Adjunto (opcional: PDF, JPG o PNG)"), required=False)


class PropuestaForm(forms.Form):
    texto = forms.CharField(
        label=_("Propuesta de solución"), widget=forms.Textarea(attrs={"rows": 6})
    )
    monto = forms.DecimalField(
        label=_("Monto ofrecido (S/), si corresponde"),
        max_digits=14,
        decimal_places=2,
        required=False,
    )


class ConformidadForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirmo = forms.BooleanField(
        label=_("Doy mi conformidad a la propuesta del proveedor tal como figura en el documento."),
        error_messages={"required": _("Marque la casilla para dar su conformidad.")},
    )
    contrasena = forms.CharField(
        label=_("Contraseña"),
        widget=forms.PasswordInput,
        help_text=_("Ingrese su contraseña para confirmar que es usted."),
    )


class RechazoForm(forms.Form):
    motivo = forms.CharField(
        label=_("Motivo del rechazo"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ConvocatoriaForm(forms.Form):
    inicio = forms.DateTimeField(
        label=_("Día y hora (hora de Lima)"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    enlace_video = forms.URLField(
        label=_("Enlace de la videoconferencia"),
        required=False,
        assume_scheme="https",
        help_text=_("Si lo deja vacío, el portal genera una sala."),
    )
    duracion_minutos = forms.IntegerField(
        label=_("Duración prevista (minutos)"), initial=60, min_value=15, max_value=240
    )

    def __init__(self, *args, zona: str, **kwargs):
        self.zona = ZoneInfo(zona)
        super().__init__(*args, **kwargs)

    def clean_inicio(self):
        inicio: datetime.datetime = self.cleaned_data["inicio"]
        # The official types Lima's time, whatever the site's default zone.
        local = timezone.make_naive(inicio) if timezone.is_aware(inicio) else inicio
        return local.replace(tzinfo=self.zona)


class SinAcuerdoForm(forms.Form):
    motivo = forms.CharField(label=_("Motivo"), widget=forms.Textarea(attrs={"rows": 3}))


class CumplimientoForm(forms.Form):
    cumplio = forms.TypedChoiceField(
        label=_("¿El proveedor cumplió lo acordado?"),
        choices=[("si", _("Sí, cumplió")), ("no", _("No cumplió"))],
        coerce=lambda valor: valor == "si",
        widget=forms.RadioSelect,
    )
    detalle = forms.CharField(
        label=_("Detalle"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
