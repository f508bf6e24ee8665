from django import forms
from django.utils.translation import gettext_lazy as _

from webhooks import red
from webhooks.eventos import TIPOS


class EndpointForm(forms.Form):
    url = forms.URLField(
        label=_("URL de tu servidor"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Debe empezar con https://. Le enviamos un POST con JSON firmado."),
    )
    descripcion = forms.CharField(label=_("Descripción"), max_length=120, required=False)
    tipos = forms.MultipleChoiceField(
        label=_("Eventos"),
        choices=list(TIPOS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Elegí al menos un evento.")},
    )
    dias_aviso = forms.IntegerField(
        label=_("Días hábiles de anticipación del aviso de vencimiento"),
        min_value=1,
        max_value=15,
        initial=2,
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            red.validar_url(url)
        except red.DestinoRechazado as error:
            raise forms.ValidationError(str(error)) from error
        return url
