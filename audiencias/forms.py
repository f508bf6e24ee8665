"""Forms of audiencias' pages (Spanish labels; errors tied to fields)."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from audiencias.models import Bloqueo, FranjaSemanal, TurnoPuntual
from conciliadores.models import Modalidad


class ElegirTurnoForm(forms.Form):
    turno = forms.ChoiceField(label=_("Día y hora"), widget=forms.RadioSelect)

    def __init__(self, *args, turnos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.turnos = {t.clave: t for t in turnos}
        self.fields["turno"].choices = [(t.clave, t.clave) for t in turnos]
        self.fields["turno"].error_messages["required"] = _("Elegí un día y horario.")
        self.fields["turno"].error_messages["invalid_choice"] = _(
            "Ese turno acaba de ser tomado; elegí otro."
        )


class _AgendaForm(forms.ModelForm):
    """Availability forms shared by the conciliator's own agenda and the staff's agenda of an
    agency office (audiencias.services.agenda does the checks of both).

    - `conciliadores`: staff pick whose slot it is (those serving at the office).
    - `en_oficina`: the office is fixed by the page; it is the place, so no "lugar" field.
    - `oficinas`: a conciliator serving at agency offices may put a slot at one of them.
    """

    def __init__(self, *args, conciliadores=None, oficinas=None, en_oficina=False, **kwargs):
        super().__init__(*args, **kwargs)
        if en_oficina:
            del self.fields["lugar"]
            self.fields["modalidad"].initial = Modalidad.PRESENCIAL
        elif oficinas is not None and oficinas.exists():
            self.fields["oficina"] = forms.ModelChoiceField(
                label=_("Oficina de la autoridad"),
                queryset=oficinas,
                required=False,
                empty_label=_("— Mi estudio o videoconferencia —"),
                help_text=_(
                    "Si la audiencia presencial es en una oficina, el lugar es la oficina."
                ),
            )
        if conciliadores is not None:
            campo = forms.ModelChoiceField(label=_("Conciliador/a"), queryset=conciliadores)
            self.fields = {"conciliador": campo, **self.fields}

    def datos(self) -> dict:
        """The keyword arguments of the publishing service (without whose slot it is)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "conciliador"}


class FranjaSemanalForm(_AgendaForm):
    class Meta:
        model = FranjaSemanal
        fields = [
            "dia_semana",
            "desde",
            "hasta",
            "duracion_minutos",
            "intervalo_minutos",
            "modalidad",
            "lugar",
            "vigente_desde",
            "vigente_hasta",
        ]
        widgets = {
            "desde": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "hasta": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "vigente_desde": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "vigente_hasta": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta and hasta <= desde:
            self.add_error("hasta", _("Tiene que ser posterior a «desde»."))
        return datos


class TurnoPuntualForm(_AgendaForm):
    class Meta:
        model = TurnoPuntual
        fields = ["inicio", "duracion_minutos", "modalidad", "lugar"]
        widgets = {
            "inicio": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        }


class BloqueoForm(forms.ModelForm):
    class Meta:
        model = Bloqueo
        fields = ["desde", "hasta", "motivo"]
        widgets = {
            "desde": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "hasta": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        datos = super().clean()
        if datos.get("desde") and datos.get("hasta") and datos["hasta"] < datos["desde"]:
            self.add_error("hasta", _("No puede ser anterior a «desde»."))
        return datos


class FijarAudienciaForm(forms.Form):
    fecha = forms.DateField(
        label=_("Día"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hora = forms.TimeField(
        label=_("Hora"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    modalidad = forms.ChoiceField(label=_("Modalidad"), choices=Modalidad.choices)
    lugar = forms.CharField(label=_("Lugar (presencial)"), required=False, max_length=300)
    enlace_video = forms.URLField(
        assume_scheme="https",
        label=_("Enlace de la videoconferencia"),
        required=False,
        help_text=_("Si lo dejás vacío, el portal genera una sala."),
    )
    duracion_minutos = forms.IntegerField(
        label=_("Duración (minutos)"), min_value=15, max_value=480, initial=60
    )

    def inicio(self, zona) -> datetime.datetime:
        datos = self.cleaned_data
        return datetime.datetime.combine(datos["fecha"], datos["hora"], tzinfo=zona)


class ReprogramarForm(forms.Form):
    fecha = forms.DateField(
        label=_("Nuevo día"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hora = forms.TimeField(
        label=_("Nueva hora"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    motivo = forms.CharField(label=_("Motivo"), widget=forms.Textarea(attrs={"rows": 3}))


class CancelarForm(forms.Form):
    motivo = forms.CharField(label=_("Motivo"), widget=forms.Textarea(attrs={"rows": 3}))
