"""Form pieces for uploads: a file field that checks size and type by content while the person
is still on the form (the service checks again and sanitises)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from conciliacion.errores import DatosInvalidos
from documentos import saneamiento
from documentos.services import leer_con_limite

ACEPTA = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def validar_archivo(archivo) -> None:
    """Django validator: size, type by content and a truthful extension."""
    try:
        contenido = leer_con_limite(archivo)
        tipo = saneamiento.detectar_tipo(contenido)
        saneamiento.validar_extension(archivo.name, tipo)
    except DatosInvalidos as error:
        raise ValidationError(
            error.mensaje, code=next(iter(error.campos.get("archivo", [])), "invalid")
        ) from error


class ArchivoField(forms.FileField):
    default_validators = [validar_archivo]

    def __init__(self, **kwargs):
        mb = settings.SUBIDA_TAMANO_MAXIMO // (1024 * 1024)
        kwargs.setdefault("help_text", _("PDF, JPG o PNG, hasta %(mb)s MB.") % {"mb": mb})
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACEPTA}))
        super().__init__(**kwargs)


class PoderForm(forms.Form):
    archivo = ArchivoField(label=_("Poder del firmante"))
