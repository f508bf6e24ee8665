from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notificaciones.cambios_de_domicilio import HORAS_DE_VIGENCIA


class CambioDomicilioForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Nuevo domicilio electrónico"))
    confirmacion = forms.EmailField(label=gettext_lazy("Repetí el nuevo domicilio"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "Le enviamos un enlace de confirmación que vence a las %(horas)s horas. Desde que "
            "alguien lo abra y confirme, las notificaciones se envían allí y se tienen por "
            "notificadas el día siguiente al del envío."
        ) % {"horas": HORAS_DE_VIGENCIA}

    def clean(self):
        datos = super().clean()
        email, confirmacion = datos.get("email"), datos.get("confirmacion")
        if email and confirmacion and email.strip().lower() != confirmacion.strip().lower():
            raise ValidationError({"confirmacion": _("No coincide con el domicilio ingresado.")})
        return datos
