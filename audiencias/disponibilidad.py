"""Which hearing slots exist and who is free at each (S000, D202-I.7, DOMAIN Decisions 4 and 10).

A conciliator's slots come from their weekly hours (cut into hearings of `duracion_minutos`
separated by `intervalo_minutos`) and their one-off slots, minus blocked days, approved licences
and the hearings already fixed (with the buffer around each). Everything is computed in the
régimen's time zone and returned as aware datetimes.

For the consumer (method a) a slot is offered only when some eligible conciliator is free then
and every provider can be served in time (audiencias.anticipacion). Slots within AR-07 (the
term to hold the first hearing, counted from the designation the booking itself makes) come
first; when there are none, later slots are offered and the hearing is flagged.

The place of an in-person slot at one of the agency's offices is that office (its name and
address, `lugar_de_oficina`): the consumer sees it when choosing, and the draw is made among the
conciliators free at that office. In-person slots at the conciliators' own offices are offered
together, without an address (it would name the conciliator before the draw): the drawn
conciliator's office is the place, and the cédula says it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import connection

from audiencias import anticipacion
from audiencias.models import Audiencia, Bloqueo, FranjaSemanal, TurnoPuntual
from conciliadores.models import Conciliador, Licencia, Modalidad
from cuentas.models import Organizacion
from normativa.calendarios import calendario
from normativa.regimenes import Papel, obtener, registro_de_conciliadores, todos

DIAS_OFRECIDOS = 30  # how far ahead the booking page looks
CUALQUIERA = object()  # "any office" for the filters below


def lugar_de_oficina(oficina) -> str:
    """The place of a hearing at an agency office: its name and address."""
    return ", ".join(p for p in (oficina.razon_social, oficina.domicilio_legal) if p)


def sede_de_audiencia(audiencia):
    """The agency office an in-person hearing is at (None: a conciliator's own office); any
    office (CUALQUIERA) for a video hearing. The office the hearing carries from the slot it was
    booked in, never read back from the place text (two offices may share an address, and an
    office's name or address may change after the hearing was fixed)."""
    if audiencia.modalidad != Modalidad.PRESENCIAL:
        return CUALQUIERA
    return audiencia.oficina_id


@dataclass(frozen=True)
class Franja:
    """One slot of one conciliator."""

    conciliador_id: int
    inicio: datetime.datetime
    duracion_minutos: int
    intervalo_minutos: int
    modalidad: str
    lugar: str
    oficina_id: int | None = None

    @property
    def fin(self) -> datetime.datetime:
        return self.inicio + datetime.timedelta(minutes=self.duracion_minutos)

    @property
    def sede(self) -> int | None:
        """The agency office an in-person slot is at (None: the conciliator's own, or video)."""
        return self.oficina_id if self.modalidad == Modalidad.PRESENCIAL else None


@dataclass
class Turno:
    """A slot as the consumer sees it: a start time and mode, with the conciliators free then
    (never shown to the consumer)."""

    inicio: datetime.datetime
    modalidad: str
    duracion_minutos: int
    dentro_de_plazo: bool
    libres: list[Franja] = field(default_factory=list)
    # In person at an agency office: the office and its place (shown to the consumer).
    oficina_id: int | None = None
    lugar: str = ""

    @property
    def clave(self) -> str:
        clave = f"{self.inicio.astimezone(datetime.UTC):%Y%m%dT%H%M}-{self.modalidad}"
        return f"{clave}-o{self.oficina_id}" if self.oficina_id else clave


def _fechas(desde: datetime.date, hasta: datetime.date) -> Iterable[datetime.date]:
    dia = desde
    while dia <= hasta:
        yield dia
        dia += datetime.timedelta(days=1)


# The columns of `_agenda`'s rows: every kind of row in the same columns (NULL where a kind has
# none). "orden" is the conciliator's matricula for weekly hours (their default order).
_COLUMNAS = (
    "tipo",
    "conciliador",
    "fecha_desde",
    "fecha_hasta",
    "hora_desde",
    "hora_hasta",
    "momento",
    "duracion",
    "intervalo",
    "dia",
    "modalidad",
    "sitio",
    "oficina",
    "oficina_nombre",
    "oficina_domicilio",
    "orden",
)

_SQL_AGENDA = """
SELECT 's', f.conciliador_id, f.vigente_desde, f.vigente_hasta, f.desde, f.hasta, NULL,
       f.duracion_minutos, f.intervalo_minutos, f.dia_semana, f.modalidad, f.lugar, f.oficina_id,
       o.razon_social, o.domicilio_legal, c.matricula
  FROM {semanal} f
  JOIN {conciliador} c ON c.id = f.conciliador_id
  LEFT JOIN {organizacion} o ON o.id = f.oficina_id
 WHERE f.conciliador_id IN ({ids}) AND f.vigente_desde <= %s
   AND (f.vigente_hasta IS NULL OR f.vigente_hasta >= %s)
UNION ALL
SELECT 'p', t.conciliador_id, NULL, NULL, NULL, NULL, t.inicio, t.duracion_minutos, NULL, NULL,
       t.modalidad, t.lugar, t.oficina_id, o.razon_social, o.domicilio_legal, NULL
  FROM {puntual} t
  LEFT JOIN {organizacion} o ON o.id = t.oficina_id
 WHERE t.conciliador_id IN ({ids}) AND t.inicio >= %s AND t.inicio <= %s
UNION ALL
SELECT 'b', conciliador_id, desde, hasta, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL
  FROM {bloqueo}
 WHERE conciliador_id IN ({ids}) AND desde <= %s AND hasta >= %s
UNION ALL
SELECT 'l', conciliador_id, desde, hasta, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL
  FROM {licencia}
 WHERE conciliador_id IN ({ids}) AND estado = %s AND desde <= %s AND hasta >= %s
UNION ALL
SELECT 'a', conciliador_id, NULL, NULL, NULL, NULL, inicio, duracion_minutos, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL
  FROM {audiencia}
 WHERE conciliador_id IN ({ids}) AND estado = %s AND inicio >= %s AND inicio <= %s
"""


def _valor(columna: str, valor):
    """A column's value as Python: PostgreSQL's driver already gives dates, times and aware
    datetimes; SQLite gives text (datetimes stored in UTC)."""
    if not isinstance(valor, str):
        return valor
    if columna in ("fecha_desde", "fecha_hasta"):
        return datetime.date.fromisoformat(valor)
    if columna in ("hora_desde", "hora_hasta"):
        return datetime.time.fromisoformat(valor)
    if columna == "momento":
        momento = datetime.datetime.fromisoformat(valor)
        return momento if momento.tzinfo else momento.replace(tzinfo=datetime.UTC)
    return valor


def _agenda(ids: list[int], desde: datetime.date, hasta: datetime.date, zona: ZoneInfo) -> dict:
    """Every row that decides these conciliators' free slots between two dates, read in one
    statement (decision 0045; the five ORM queries it replaces cost more to build than to run):
    weekly hours ("s") in their default order and one-off slots ("p") by start, each with its
    office, blocked days ("b"), approved licences ("l") and fixed hearings ("a"). Each row is a
    dict of _COLUMNAS."""
    por_tipo = {"s": [], "p": [], "b": [], "l": [], "a": []}
    if not ids:
        return por_tipo
    inicio_rango = datetime.datetime.combine(desde, datetime.time.min, tzinfo=zona)
    fin_rango = datetime.datetime.combine(hasta, datetime.time.max, tzinfo=zona)
    sql = _SQL_AGENDA.format(
        semanal=FranjaSemanal._meta.db_table,
        puntual=TurnoPuntual._meta.db_table,
        bloqueo=Bloqueo._meta.db_table,
        licencia=Licencia._meta.db_table,
        audiencia=Audiencia._meta.db_table,
        conciliador=Conciliador._meta.db_table,
        organizacion=Organizacion._meta.db_table,
        ids=", ".join(["%s"] * len(ids)),
    )
    ops = connection.ops
    dia_desde, dia_hasta = ops.adapt_datefield_value(desde), ops.adapt_datefield_value(hasta)
    parametros = [
        *ids,
        dia_hasta,
        dia_desde,
        *ids,
        ops.adapt_datetimefield_value(inicio_rango),
        ops.adapt_datetimefield_value(fin_rango),
        *ids,
        dia_hasta,
        dia_desde,
        *ids,
        Licencia.Estado.APROBADA.value,
        dia_hasta,
        dia_desde,
        *ids,
        Audiencia.Estado.FIJADA.value,
        ops.adapt_datetimefield_value(inicio_rango - datetime.timedelta(days=1)),
        ops.adapt_datetimefield_value(fin_rango),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, parametros)
        filas = cursor.fetchall()
    for fila in filas:
        fila = {c: _valor(c, v) for c, v in zip(_COLUMNAS, fila, strict=True)}
        por_tipo[fila["tipo"]].append(fila)
    por_tipo["s"].sort(key=lambda f: (f["orden"], f["dia"], f["hora_desde"]))
    por_tipo["p"].sort(key=lambda f: f["momento"])
    return por_tipo


def _lugar_de_fila(fila: dict) -> str:
    if fila["oficina"]:
        return ", ".join(p for p in (fila["oficina_nombre"], fila["oficina_domicilio"]) if p)
    return fila["sitio"]


def _franjas(
    agenda: dict, *, desde: datetime.date, hasta: datetime.date, zona: ZoneInfo
) -> list[Franja]:
    """Every published slot in `agenda` between two dates (both included), before removing
    blocked days, licences and booked hearings."""
    franjas: list[Franja] = []
    por_dia = defaultdict(list)
    for franja in agenda["s"]:
        por_dia[franja["dia"]].append(franja)
    for fecha in _fechas(desde, hasta):
        for franja in por_dia.get(fecha.weekday(), []):
            if fecha < franja["fecha_desde"] or (
                franja["fecha_hasta"] and fecha > franja["fecha_hasta"]
            ):
                continue
            inicio = datetime.datetime.combine(fecha, franja["hora_desde"], tzinfo=zona)
            limite = datetime.datetime.combine(fecha, franja["hora_hasta"], tzinfo=zona)
            duracion = datetime.timedelta(minutes=franja["duracion"])
            paso = datetime.timedelta(minutes=franja["duracion"] + franja["intervalo"])
            lugar = _lugar_de_fila(franja)
            while inicio + duracion <= limite:
                franjas.append(
                    Franja(
                        franja["conciliador"],
                        inicio,
                        franja["duracion"],
                        franja["intervalo"],
                        franja["modalidad"],
                        lugar,
                        franja["oficina"],
                    )
                )
                inicio += paso
    for turno in agenda["p"]:
        franjas.append(
            Franja(
                turno["conciliador"],
                turno["momento"].astimezone(zona),
                turno["duracion"],
                0,
                turno["modalidad"],
                _lugar_de_fila(turno),
                turno["oficina"],
            )
        )
    return franjas


def franjas_de(
    conciliador_ids: Iterable[int], *, desde: datetime.date, hasta: datetime.date, zona: ZoneInfo
) -> list[Franja]:
    """Every published slot of these conciliators between two dates (both included), before
    removing blocked days, licences and booked hearings."""
    ids = list(conciliador_ids)
    return _franjas(_agenda(ids, desde, hasta, zona), desde=desde, hasta=hasta, zona=zona)


def _ocupados(agenda: dict):
    """Blocked days, approved licences and fixed hearings of each conciliator in `agenda`."""
    dias = defaultdict(set)
    for fila in agenda["b"] + agenda["l"]:
        dias[fila["conciliador"]] |= set(_fechas(fila["fecha_desde"], fila["fecha_hasta"]))
    audiencias = defaultdict(list)
    for fila in agenda["a"]:
        inicio = fila["momento"]
        audiencias[fila["conciliador"]].append(
            (inicio, inicio + datetime.timedelta(minutes=fila["duracion"]))
        )
    return dias, audiencias


def _choca(franja: Franja, ocupadas: list[tuple[datetime.datetime, datetime.datetime]]) -> bool:
    margen = datetime.timedelta(minutes=franja.intervalo_minutos)
    return any(
        franja.inicio < fin + margen and inicio < franja.fin + margen for inicio, fin in ocupadas
    )


def calendario_de_audiencias(zona: ZoneInfo):
    """The business-day calendar of the régimen whose hearings are held in this time zone: no
    hearing is offered on a day it does not count (a national holiday, a decreed day)."""
    for regimen in todos():
        if regimen.zona_horaria == str(zona):
            return calendario(regimen.calendario_por_defecto)
    return calendario(registro_de_conciliadores().calendario_por_defecto)


def libres(
    conciliador_ids: Iterable[int], *, desde: datetime.date, hasta: datetime.date, zona: ZoneInfo
) -> list[Franja]:
    """The slots of these conciliators that are still free, on the régimen's business days."""
    agenda = _agenda(list(conciliador_ids), desde, hasta, zona)
    dias, audiencias = _ocupados(agenda)
    habil = calendario_de_audiencias(zona).es_habil
    return [
        f
        for f in _franjas(agenda, desde=desde, hasta=hasta, zona=zona)
        if habil(f.inicio.date())
        and f.inicio.date() not in dias[f.conciliador_id]
        and not _choca(f, audiencias[f.conciliador_id])
    ]


def conciliador_libre(
    conciliador_id: int,
    *,
    inicio: datetime.datetime,
    zona: ZoneInfo,
    modalidad: str | None = None,
    sede=CUALQUIERA,
) -> Franja | None:
    """The free slot of one conciliator starting at `inicio` (of that mode and, for an in-person
    slot, at that agency office — None: their own office), or None."""
    fecha = inicio.astimezone(zona).date()
    for franja in libres([conciliador_id], desde=fecha, hasta=fecha, zona=zona):
        if (
            franja.inicio == inicio
            and modalidad in (None, franja.modalidad)
            and (sede is CUALQUIERA or franja.sede == sede)
        ):
            return franja
    return None


def libres_en(
    conciliador_ids: Iterable[int],
    *,
    inicio: datetime.datetime,
    zona: ZoneInfo,
    modalidad: str | None = None,
    sede=CUALQUIERA,
) -> list[Franja]:
    """The free slots of these conciliators starting exactly at `inicio` (of that mode and, for
    an in-person slot, at that agency office — None: their own office): one day of each one's
    agenda read in one statement (_agenda), whatever the number of conciliators."""
    fecha = inicio.astimezone(zona).date()
    return [
        franja
        for franja in libres(conciliador_ids, desde=fecha, hasta=fecha, zona=zona)
        if franja.inicio == inicio
        and modalidad in (None, franja.modalidad)
        and (sede is CUALQUIERA or franja.sede == sede)
    ]


def limite_ar07(reclamo, *, hoy: datetime.date) -> datetime.date:
    """The last day to hold the first hearing if the conciliator were designated today: the
    designation is deemed notified tomorrow (D202-I.4) and AR-07 runs 10 business days after."""
    regimen = obtener(reclamo.regimen_codigo)
    tipo = regimen.plazos.get(regimen.codigo_o_vacio(Papel.PRIMERA_AUDIENCIA))
    cal = calendario(tipo.calendario if tipo else regimen.calendario_por_defecto)
    dia = hoy + datetime.timedelta(days=1)
    for _ in range(tipo.duracion if tipo and tipo.duracion else 10):
        dia = cal.habil_siguiente(dia)
    return dia


def turnos_para(reclamo, *, ahora: datetime.datetime, dias: int = DIAS_OFRECIDOS) -> list[Turno]:
    """The slots offered to the consumer of a method-a claim, earliest first: only those within
    AR-07 when there are any, else the later ones (flagged `dentro_de_plazo=False`)."""
    from conciliadores.elegibilidad import elegibles

    zona = ZoneInfo(reclamo.regimen.zona_horaria)
    hoy = ahora.astimezone(zona).date()
    # The consumer books (or staff book with the consumer at the office): notified in the act.
    desde = anticipacion.primera_fecha_de_audiencia(reclamo, hoy=hoy, consumidor_presente=True)
    hasta = hoy + datetime.timedelta(days=dias)
    if desde > hasta:
        return []
    candidatos = [c.pk for c in elegibles(reclamo, fechas=[hoy])]
    limite = limite_ar07(reclamo, hoy=hoy)
    turnos: dict[tuple, Turno] = {}
    for franja in libres(candidatos, desde=desde, hasta=hasta, zona=zona):
        if franja.inicio <= ahora:
            continue
        clave = (franja.inicio, franja.modalidad, franja.sede)
        turno = turnos.get(clave)
        if turno is None:
            turno = turnos[clave] = Turno(
                franja.inicio,
                franja.modalidad,
                franja.duracion_minutos,
                franja.inicio.date() <= limite,
                oficina_id=franja.sede,
                lugar=franja.lugar if franja.sede else "",
            )
        turno.libres.append(franja)
    ordenados = sorted(turnos.values(), key=lambda t: (t.inicio, t.modalidad, t.oficina_id or 0))
    en_plazo = [t for t in ordenados if t.dentro_de_plazo]
    return en_plazo or ordenados


def turno_en(
    reclamo,
    *,
    inicio: datetime.datetime,
    ahora: datetime.datetime,
    modalidad: str | None = None,
    sede=CUALQUIERA,
    dias: int = DIAS_OFRECIDOS,
    apartados: set[int] | None = None,
) -> Turno | None:
    """The slot `turnos_para` would offer at `inicio` (of that mode and office, the first of
    them in its order when several match), or None — checked directly: only that day of the
    eligible conciliators' agendas is read, not every slot of the month. A slot after AR-07's
    limit is offered only while there is none within it, so only then the days up to the limit
    are read as well. `apartados`: apartados_de(reclamo) when the caller already read it."""
    from conciliadores.elegibilidad import elegibles

    zona = ZoneInfo(reclamo.regimen.zona_horaria)
    hoy = ahora.astimezone(zona).date()
    fecha = inicio.astimezone(zona).date()
    if inicio <= ahora or fecha > hoy + datetime.timedelta(days=dias):
        return None
    # As in turnos_para: the consumer books, notified in the act.
    desde = anticipacion.primera_fecha_de_audiencia(reclamo, hoy=hoy, consumidor_presente=True)
    if fecha < desde:
        return None
    candidatos = [c.pk for c in elegibles(reclamo, fechas=[hoy], apartados=apartados)]
    franjas = libres_en(candidatos, inicio=inicio, zona=zona, modalidad=modalidad, sede=sede)
    if not franjas:
        return None
    primera = min(franjas, key=lambda f: (f.modalidad, f.sede or 0))
    elegidas = [f for f in franjas if (f.modalidad, f.sede) == (primera.modalidad, primera.sede)]
    limite = limite_ar07(reclamo, hoy=hoy)
    dentro = fecha <= limite
    if not dentro and any(
        f.inicio > ahora for f in libres(candidatos, desde=desde, hasta=limite, zona=zona)
    ):
        return None
    return Turno(
        primera.inicio,
        primera.modalidad,
        primera.duracion_minutos,
        dentro,
        libres=elegidas,
        oficina_id=primera.sede,
        lugar=primera.lugar if primera.sede else "",
    )
