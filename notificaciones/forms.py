from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class CambioDomicilioForm(forms.Form):
    email = forms.EmailField(
        label=_("Nuevo domicilio electrónico"),
        help_text=_(
            "Desde que lo guardes, las notificaciones se envían allí y se tienen por "
            "notificadas el día siguiente al del envío."
        ),
    )
    confirmacion = forms.EmailField(label=_("Repetí el nuevo domicilio"))

    def clean(self):
        datos = super().clean()
        email, confirmacion = datos.get("email"), datos.get("confirmacion")
        if email and confirmacion and email.strip().lower() != confirmacion.strip().lower():
            raise ValidationError({"confirmacion": _("No coincide con el domicilio ingresado.")})
        return datos
