"""The period of an export and the quarter of a report, validated with messages in Spanish.
Pages and API use the same forms (the API turns their errors into the JSON envelope)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cuentas.models import Organizacion
from normativa import regimenes

DIAS_MAXIMOS = 366


def _nombre_regimen(codigo: str) -> str:
    try:
        return regimenes.obtener(codigo).nombre
    except LookupError:
        return codigo


def oficinas():
    return Organizacion.objects.filter(tipo=Organizacion.Tipo.OFICINA).order_by("razon_social")


class _ConRegimen(forms.Form):
    regimen = forms.ChoiceField(label=_("Régimen"), required=False)
    oficina = forms.ModelChoiceField(
        label=_("Oficina"),
        queryset=Organizacion.objects.none(),
        required=False,
        empty_label=_("Todas las oficinas"),
        error_messages={"invalid_choice": _("Elegí una oficina de la lista.")},
    )

    def __init__(self, *args, regimenes_permitidos: list[str], todos: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.regimenes_permitidos = regimenes_permitidos
        opciones = [(c, _nombre_regimen(c)) for c in regimenes_permitidos]
        if not todos:
            self.fields["regimen"].required = True
        elif len(opciones) > 1:
            opciones = [("", _("Todos los que podés ver")), *opciones]
        self.fields["regimen"].choices = opciones
        self.fields["regimen"].error_messages["invalid_choice"] = _(
            "Elegí un régimen de la lista: %(value)s no está entre los que podés exportar."
        )
        self.fields["regimen"].error_messages["required"] = _("Elegí el régimen.")
        self.fields["oficina"].queryset = oficinas()

    def regimenes_elegidos(self) -> list[str]:
        elegido = self.cleaned_data.get("regimen")
        return [elegido] if elegido else list(self.regimenes_permitidos)


class PeriodoForm(_ConRegimen):
    """From and to (both included), in the régimen's calendar; at most DIAS_MAXIMOS days."""

    desde = forms.DateField(
        label=_("Desde"),
        error_messages={
            "required": _("Ingresá la fecha de inicio del período."),
            "invalid": _("Ingresá la fecha de inicio como día/mes/año (por ejemplo 01/03/2026)."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    hasta = forms.DateField(
        label=_("Hasta"),
        error_messages={
            "required": _("Ingresá la fecha de fin del período."),
            "invalid": _("Ingresá la fecha de fin como día/mes/año (por ejemplo 31/03/2026)."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Browsers send ISO dates (type="date"); people typing by hand, dd/mm/aaaa.
        for nombre in ("desde", "hasta"):
            self.fields[nombre].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta:
            if hasta < desde:
                self.add_error("hasta", _("La fecha de fin no puede ser anterior a la de inicio."))
            elif (hasta - desde).days + 1 > DIAS_MAXIMOS:
                self.add_error(
                    "hasta",
                    _("El período no puede superar los %(n)s días: exportalo en partes.")
                    % {"n": DIAS_MAXIMOS},
                )
            elif desde > timezone.localdate() + dt.timedelta(days=1):
                self.add_error("desde", _("El período empieza en el futuro: no hay datos todavía."))
        return datos


TRIMESTRES = [
    (1, _("1.º (enero a marzo)")),
    (2, _("2.º (abril a junio)")),
    (3, _("3.º (julio a septiembre)")),
    (4, _("4.º (octubre a diciembre)")),
]


class TrimestreForm(_ConRegimen):
    anio = forms.IntegerField(
        label=_("Año"),
        min_value=2015,
        max_value=2100,
        error_messages={
            "max_value": _("Ingresá un año hasta 2100."),
            "required": _("Ingresá el año."),
            "invalid": _("Ingresá el año con números (por ejemplo 2026)."),
            "min_value": _("El procedimiento empezó en 2015: elegí un año desde 2015."),
        },
    )
    trimestre = forms.TypedChoiceField(
        label=_("Trimestre"),
        choices=TRIMESTRES,
        coerce=int,
        error_messages={
            "required": _("Elegí el trimestre."),
            "invalid_choice": _("Elegí un trimestre de la lista (1 a 4)."),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs["todos"] = False
        super().__init__(*args, **kwargs)

    def clean(self):
        datos = super().clean()
        anio, trimestre = datos.get("anio"), datos.get("trimestre")
        if anio and trimestre:
            inicio = dt.date(anio, 3 * (trimestre - 1) + 1, 1)
            if inicio > timezone.localdate():
                self.add_error("trimestre", _("Ese trimestre todavía no empezó."))
        return datos
