"""Staff forms of the dated legal values (rendering and types; normativa.servicios decides)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from normativa import valores
from normativa.models import Confianza


class _ConEstilo:
    def _estilo(self):
        for campo in self.fields.values():
            campo.widget.attrs.setdefault("class", "form-control")


class ValorForm(_ConEstilo, forms.Form):
    tipo = forms.ChoiceField(label=_("Tipo de valor"), choices=valores.opciones)
    vigente_desde = forms.DateField(
        label=_("Vigente desde"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    valor = forms.DecimalField(
        label=_("Valor"),
        max_digits=14,
        decimal_places=2,
        min_value=0.01,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    fuente = forms.CharField(
        label=_("Norma"),
        max_length=200,
        help_text=_("La norma que fija el valor, por ejemplo: Resolución 5/2025 del CNEPySMVyM."),
    )
    confianza = forms.ChoiceField(
        label=_("Confianza"),
        choices=Confianza.choices,
        initial=Confianza.H,
        help_text=_("Baja: se muestra «verificar» hasta que alguien lo confirme con una norma."),
    )
    nota = forms.CharField(label=_("Nota"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._estilo()


class EditarValorForm(ValorForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["tipo"]  # a row never changes kind: load a new one instead


class ConfirmarValorForm(_ConEstilo, forms.Form):
    fuente_confirmacion = forms.CharField(
        label=_("Norma con la que lo verificaste"),
        max_length=200,
        help_text=_("Por ejemplo: Ley 6.800 (Ley Tarifaria 2026), art. 3."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._estilo()
