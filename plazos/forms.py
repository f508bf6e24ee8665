"""Browser forms: the calculator (rendering only: plazos.calculadora validates) and the decreed
days staff load."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conciliacion.errores import DatosInvalidos
from normativa.models import DiaNoHabil
from normativa.regimenes import Calendario
from plazos.calculadora import DIAS_MAXIMOS, interpretar


class _ConEstilo:
    """Poncho/Bootstrap look for text inputs and selects."""

    def _estilo(self):
        for campo in self.fields.values():
            if not isinstance(campo.widget, forms.CheckboxSelectMultiple):
                campo.widget.attrs.setdefault("class", "form-control")


class CalculadoraForm(_ConEstilo, forms.Form):
    """Renders the calculator and delegates every check to plazos.calculadora.interpretar, the
    same function the API and the CLI use."""

    pais = forms.CharField(
        label=_("País"),
        required=False,
        widget=forms.Select(
            choices=[
                ("AR", _("Argentina")),
                (Calendario.AR_CABA.value, _("Ciudad de Buenos Aires (administración)")),
                ("PE", _("Perú (plazos del proveedor)")),
            ]
        ),
    )
    desde = forms.CharField(
        label=_("Fecha de inicio"),
        required=False,
        help_text=_("El día del acto que hace correr el plazo (por ejemplo, la notificación)."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    dias = forms.CharField(
        label=_("Cantidad de días"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "max": DIAS_MAXIMOS, "inputmode": "numeric"}),
    )
    unidad = forms.CharField(
        label=_("Unidad"),
        required=False,
        widget=forms.Select(
            choices=[("habiles", _("Días hábiles")), ("corridos", _("Días corridos"))]
        ),
    )

    def __init__(self, *args, suspensiones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._estilo()
        self.suspensiones = list(suspensiones)
        self.errores_suspension: list[str] = []
        self.consulta = None

    def clean(self):
        datos = self.cleaned_data
        try:
            self.consulta = interpretar(
                pais=datos.get("pais", ""),
                desde=datos.get("desde", ""),
                dias=datos.get("dias", ""),
                unidad=datos.get("unidad") or "habiles",
                suspensiones=self.suspensiones,
            )
        except DatosInvalidos as error:
            for campo, mensajes in error.campos.items():
                if campo in self.fields:
                    for mensaje in mensajes:
                        self.add_error(campo, mensaje)
                else:
                    self.errores_suspension.extend(mensajes)
            if self.errores_suspension:
                self.add_error(None, _("Revisá las suspensiones."))
        return datos


class DiaNoHabilForm(_ConEstilo, forms.Form):
    fecha = forms.DateField(
        label=_("Fecha"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    jurisdiccion = forms.ChoiceField(
        label=_("Jurisdicción"), choices=DiaNoHabil.Jurisdiccion.choices
    )
    tipo = forms.ChoiceField(label=_("Tipo"), choices=DiaNoHabil.Tipo.choices)
    calendarios = forms.MultipleChoiceField(
        label=_("Calendarios que afecta"),
        choices=[
            (Calendario.AR.value, _("Argentina")),
            (Calendario.AR_CABA.value, _("Ciudad de Buenos Aires (administración)")),
            (Calendario.PE_PROVEEDOR.value, _("Perú — plazos del proveedor")),
            (Calendario.PE_ENTIDAD.value, _("Perú — plazos de la entidad")),
        ],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Un día no laborable del sector público peruano afecta solo los plazos de la entidad. "
            "Un asueto nacional no afecta a la Ciudad de Buenos Aires salvo que ella adhiera."
        ),
    )
    fuente = forms.CharField(
        label=_("Norma"), max_length=200, help_text=_("Por ejemplo: Decreto 883/2025.")
    )
    descripcion = forms.CharField(label=_("Descripción"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._estilo()


class CorregirDiaNoHabilForm(DiaNoHabilForm):
    """The date and the jurisdiction identify the day: a wrong date is a new day."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["fecha"]
        del self.fields["jurisdiccion"]
