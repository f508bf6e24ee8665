"""Counting a term (DOMAIN Decisions 2–8, §8.3). Pure functions: no database, no clock.

- Business days: the first counted day is the first business day after `desde`.
- Calendar days: the first counted day is the day after `desde`; a term to perform an act that
  ends on a non-business day moves to the next business day (`mueve_a_habil`); waiting periods
  and durations do not (Decision 7).
- Suspensions: ranges include both ends; suspended days count in neither unit and the count
  resumes where it stopped (Decision 8).
- Hours: elapsed time from the start moment; each suspended day adds 24 hours.

The rules that turn a notice into `desde` (the day-after rule, proven service dates) belong to the
services that open plazos, not to this module.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from normativa.calendarios import DIAS_SEMANA, CalendarioHabil, fecha_larga
from normativa.regimenes import Unidad

UN_DIA = datetime.timedelta(days=1)
NOMBRE_UNIDAD = {
    Unidad.HABILES: ("%(n)s día hábil", "%(n)s días hábiles"),
    Unidad.CORRIDOS: ("%(n)s día corrido", "%(n)s días corridos"),
    Unidad.HORAS: ("%(n)s hora", "%(n)s horas"),
}


def motivo_suspension() -> str:
    return _("plazo suspendido")


Rango = tuple[datetime.date, datetime.date]


@dataclass
class Computo:
    vence: datetime.date | datetime.datetime
    computados: list[datetime.date]
    excluidos: list[tuple[datetime.date, str]]
    suspensiones: list[Rango]
    explicacion: list[str]
    version_calendario: str
    calendario: str
    desde: datetime.date | datetime.datetime
    cantidad: int
    unidad: Unidad
    trasladado_a_habil: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def vence_fecha(self) -> datetime.date:
        return self.vence.date() if isinstance(self.vence, datetime.datetime) else self.vence

    def como_dict(self) -> dict:
        """JSON-ready: what Plazo.explicacion stores and what the API and the CLI print."""
        return {
            "calendario": self.calendario,
            "version_calendario": self.version_calendario,
            "desde": self.desde.isoformat(),
            "cantidad": self.cantidad,
            "unidad": str(self.unidad),
            "vence": self.vence.isoformat(),
            "trasladado_a_habil": self.trasladado_a_habil,
            "computados": [dia.isoformat() for dia in self.computados],
            "excluidos": [{"fecha": d.isoformat(), "motivo": m} for d, m in self.excluidos],
            "suspensiones": [
                {"desde": d.isoformat(), "hasta": h.isoformat()} for d, h in self.suspensiones
            ],
            "explicacion": list(self.explicacion),
        }


def plural(cantidad: int, unidad: Unidad) -> str:
    singular, plurales = NOMBRE_UNIDAD[Unidad(unidad)]
    return ngettext(singular, plurales, cantidad) % {"n": cantidad}


def _normalizar_suspensiones(suspensiones: Iterable[Rango]) -> list[Rango]:
    rangos = []
    for desde, hasta in suspensiones:
        if hasta < desde:
            raise ValueError(
                _("La suspensión termina (%(hasta)s) antes de empezar (%(desde)s).")
                % {"hasta": f"{hasta:%d/%m/%Y}", "desde": f"{desde:%d/%m/%Y}"}
            )
        rangos.append((desde, hasta))
    return sorted(rangos)


def _legible(motivo: str) -> str:
    return "fin de semana" if motivo in DIAS_SEMANA else motivo


def _suspendido(dia: datetime.date, rangos: list[Rango]) -> bool:
    return any(desde <= dia <= hasta for desde, hasta in rangos)


def _fecha_local(momento, calendario: CalendarioHabil) -> datetime.date:
    """The start act's date in the calendar's zone: its time of day never matters."""
    if isinstance(momento, datetime.datetime):
        if momento.tzinfo is not None:
            momento = momento.astimezone(calendario.zona)
        return momento.date()
    return momento


def _lineas_suspension(rangos: list[Rango]) -> list[str]:
    texto = _(
        "Suspensión del %(desde)s al %(hasta)s, ambos incluidos: esos días no se cuentan y el "
        "cómputo sigue donde quedó."
    )
    return [texto % {"desde": f"{d:%d/%m/%Y}", "hasta": f"{h:%d/%m/%Y}"} for d, h in rangos]


def _contar_dias(calendario, desde, cantidad, habiles, rangos):
    """Walks forward from `desde` until `cantidad` days are counted."""
    computados, excluidos, lineas = [], [], []
    dia = desde
    while len(computados) < cantidad:
        dia += UN_DIA
        if _suspendido(dia, rangos):
            motivo = motivo_suspension()
        else:
            motivo = calendario.motivo(dia) if habiles else None
        if motivo:
            excluidos.append((dia, motivo))
            lineas.append(
                _("No se cuenta el %(dia)s: %(motivo)s.")
                % {"dia": fecha_larga(dia), "motivo": _legible(motivo)}
            )
            continue
        computados.append(dia)
        lineas.append(_("Día %(n)s: %(dia)s.") % {"n": len(computados), "dia": fecha_larga(dia)})
    return dia, computados, excluidos, lineas


def _trasladar(calendario, vence, rangos):
    """Decision 7: a calendar-day term to act that ends on a non-business day moves forward."""
    excluidos, dia = [], vence
    while True:
        motivo = motivo_suspension() if _suspendido(dia, rangos) else calendario.motivo(dia)
        if motivo is None:
            return dia, excluidos
        excluidos.append((dia, motivo))
        dia += UN_DIA


def computar(
    *,
    calendario: CalendarioHabil,
    desde: datetime.date | datetime.datetime,
    cantidad: int,
    unidad: Unidad | str,
    suspensiones: Iterable[Rango] = (),
    mueve_a_habil: bool = True,
) -> Computo:
    """Computes the due date of a term and explains it, day by day, in Spanish."""
    unidad = Unidad(unidad)
    if isinstance(cantidad, bool) or not isinstance(cantidad, int) or cantidad <= 0:
        raise ValueError(_("La cantidad debe ser un número entero mayor que cero."))
    rangos = _normalizar_suspensiones(suspensiones)
    if unidad == Unidad.HORAS:
        return _computar_horas(calendario, desde, cantidad, rangos)
    inicio = _fecha_local(desde, calendario)
    habiles = unidad == Unidad.HABILES
    lineas = [
        _("Plazo de %(cantidad)s contado desde el %(desde)s (calendario: %(calendario)s).")
        % {
            "cantidad": plural(cantidad, unidad),
            "desde": fecha_larga(inicio),
            "calendario": calendario.nombre,
        },
        _("Se empieza a contar el primer día hábil posterior a esa fecha.")
        if habiles
        else _("Se cuentan todos los días a partir del día siguiente a esa fecha."),
        *_lineas_suspension(rangos),
    ]
    vence, computados, excluidos, detalle = _contar_dias(
        calendario, inicio, cantidad, habiles, rangos
    )
    lineas += detalle
    trasladado = False
    if not habiles:
        motivo = motivo_suspension() if _suspendido(vence, rangos) else calendario.motivo(vence)
        if motivo and mueve_a_habil:
            nuevo, saltados = _trasladar(calendario, vence, rangos)
            lineas.append(
                _(
                    "El último día (%(dia)s) no es hábil (%(motivo)s): el plazo para actuar se "
                    "traslada al primer día hábil siguiente, %(nuevo)s."
                )
                % {
                    "dia": fecha_larga(vence),
                    "motivo": _legible(motivo),
                    "nuevo": fecha_larga(nuevo),
                }
            )
            excluidos += saltados
            vence, trasladado = nuevo, True
        elif motivo:
            lineas.append(
                _(
                    "El último día (%(dia)s) no es hábil (%(motivo)s), pero es un plazo de espera "
                    "o de duración: no se traslada."
                )
                % {"dia": fecha_larga(vence), "motivo": _legible(motivo)}
            )
    lineas.append(
        _("Vence el %(dia)s: se puede cumplir hasta las 23:59:59 de ese día (%(zona)s).")
        % {"dia": fecha_larga(vence), "zona": calendario.nombre_zona}
    )
    return Computo(
        vence=vence,
        computados=computados,
        excluidos=excluidos,
        suspensiones=rangos,
        explicacion=lineas,
        version_calendario=calendario.version,
        calendario=str(calendario.codigo),
        desde=inicio,
        cantidad=cantidad,
        unidad=unidad,
        trasladado_a_habil=trasladado,
    )


def _computar_horas(calendario, desde, cantidad, rangos) -> Computo:
    if not isinstance(desde, datetime.datetime):
        desde = datetime.datetime.combine(desde, datetime.time(), tzinfo=calendario.zona)
    elif desde.tzinfo is None:
        desde = desde.replace(tzinfo=calendario.zona)
    desde = desde.astimezone(calendario.zona)
    vence = desde + datetime.timedelta(hours=cantidad)
    lineas = [
        _("Plazo de %(cantidad)s contado desde el %(desde)s (%(zona)s).")
        % {
            "cantidad": plural(cantidad, Unidad.HORAS),
            "desde": f"{desde:%d/%m/%Y %H:%M}",
            "zona": calendario.nombre_zona,
        },
        *_lineas_suspension(rangos),
    ]
    excluidos = []
    # Each suspended day inside the running window adds a whole day.
    dia = desde.date()
    while dia < vence.date():
        dia += UN_DIA
        if _suspendido(dia, rangos):
            excluidos.append((dia, motivo_suspension()))
            vence += UN_DIA
    lineas.append(
        _("Vence el %(dia)s a las %(hora)s.")
        % {"dia": fecha_larga(vence.date()), "hora": f"{vence:%H:%M}"}
    )
    return Computo(
        vence=vence,
        computados=[],
        excluidos=excluidos,
        suspensiones=rangos,
        explicacion=lineas,
        version_calendario=calendario.version,
        calendario=str(calendario.codigo),
        desde=desde,
        cantidad=cantidad,
        unidad=Unidad.HORAS,
    )
