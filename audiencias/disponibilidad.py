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

from django.db.models import Q

from audiencias import anticipacion
from audiencias.models import Audiencia, Bloqueo, FranjaSemanal, TurnoPuntual
from conciliadores.models import Licencia, Modalidad
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


def _lugar(publicado) -> str:
    if publicado.oficina_id:
        return lugar_de_oficina(publicado.oficina)
    return publicado.lugar


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


@dataclass
class Publicado:
    """One conciliator's published agenda, read once for their agenda page, which lists it and
    also computes their free slots from it (issue 13: the page read each table twice).

    `franjas`: every weekly slot; `puntuales`: the one-off slots starting at `desde` or later;
    `bloqueos`: the blocked days ending on `desde`'s day or later (all with their office)."""

    conciliador_id: int
    desde: datetime.datetime
    franjas: list
    puntuales: list
    bloqueos: list

    def cubre(self, ids: list[int], desde: datetime.datetime) -> bool:
        """Whether it holds every row a computation from `desde` on needs."""
        return ids == [self.conciliador_id] and self.desde <= desde


def publicado_de(conciliador, *, desde: datetime.datetime) -> Publicado:
    """A conciliator's agenda as of `desde` (an aware datetime): three queries."""
    return Publicado(
        conciliador.pk,
        desde,
        list(conciliador.franjas.select_related("oficina")),
        list(conciliador.turnos_puntuales.filter(inicio__gte=desde).select_related("oficina")),
        list(conciliador.bloqueos.filter(hasta__gte=desde.date())),
    )


def franjas_de(
    conciliador_ids: Iterable[int],
    *,
    desde: datetime.date,
    hasta: datetime.date,
    zona: ZoneInfo,
    publicado: Publicado | None = None,
) -> list[Franja]:
    """Every published slot of these conciliators between two dates (both included), before
    removing blocked days, licences and booked hearings. `publicado`: the rows already read
    (used when they cover the request, filtered here as the queries below filter)."""
    ids = list(conciliador_ids)
    inicio_rango = datetime.datetime.combine(desde, datetime.time.min, tzinfo=zona)
    fin_rango = datetime.datetime.combine(hasta, datetime.time.max, tzinfo=zona)
    if publicado is not None and not publicado.cubre(ids, inicio_rango):
        publicado = None
    franjas: list[Franja] = []
    if publicado is None:
        semanales = (
            FranjaSemanal.objects.filter(conciliador_id__in=ids, vigente_desde__lte=hasta)
            .filter(Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=desde))
            .select_related("oficina")
        )
    else:
        semanales = [
            f
            for f in publicado.franjas
            if f.vigente_desde <= hasta and (f.vigente_hasta is None or f.vigente_hasta >= desde)
        ]
    por_dia = defaultdict(list)
    for franja in semanales:
        por_dia[franja.dia_semana].append(franja)
    for fecha in _fechas(desde, hasta):
        for franja in por_dia.get(fecha.weekday(), []):
            if fecha < franja.vigente_desde or (
                franja.vigente_hasta and fecha > franja.vigente_hasta
            ):
                continue
            inicio = datetime.datetime.combine(fecha, franja.desde, tzinfo=zona)
            limite = datetime.datetime.combine(fecha, franja.hasta, tzinfo=zona)
            paso = datetime.timedelta(minutes=franja.duracion_minutos + franja.intervalo_minutos)
            while inicio + datetime.timedelta(minutes=franja.duracion_minutos) <= limite:
                franjas.append(
                    Franja(
                        franja.conciliador_id,
                        inicio,
                        franja.duracion_minutos,
                        franja.intervalo_minutos,
                        franja.modalidad,
                        _lugar(franja),
                        franja.oficina_id,
                    )
                )
                inicio += paso
    if publicado is None:
        puntuales = TurnoPuntual.objects.filter(
            conciliador_id__in=ids, inicio__gte=inicio_rango, inicio__lte=fin_rango
        ).select_related("oficina")
    else:
        puntuales = [t for t in publicado.puntuales if inicio_rango <= t.inicio <= fin_rango]
    for turno in puntuales:
        franjas.append(
            Franja(
                turno.conciliador_id,
                turno.inicio.astimezone(zona),
                turno.duracion_minutos,
                0,
                turno.modalidad,
                _lugar(turno),
                turno.oficina_id,
            )
        )
    return franjas


def _ocupados(ids, desde, hasta, zona, publicado: Publicado | None = None):
    """Blocked days, approved licences and fixed hearings of each conciliator."""
    dias = defaultdict(set)
    if publicado is not None and publicado.cubre(
        ids, datetime.datetime.combine(desde, datetime.time.min, tzinfo=zona)
    ):
        bloqueos = [b for b in publicado.bloqueos if b.desde <= hasta and b.hasta >= desde]
    else:
        bloqueos = Bloqueo.objects.filter(
            conciliador_id__in=ids, desde__lte=hasta, hasta__gte=desde
        )
    for bloqueo in bloqueos:
        dias[bloqueo.conciliador_id] |= set(_fechas(bloqueo.desde, bloqueo.hasta))
    for licencia in Licencia.objects.filter(
        conciliador_id__in=ids, estado=Licencia.Estado.APROBADA, desde__lte=hasta, hasta__gte=desde
    ):
        dias[licencia.conciliador_id] |= set(_fechas(licencia.desde, licencia.hasta))
    audiencias = defaultdict(list)
    for audiencia in Audiencia.objects.filter(
        conciliador_id__in=ids,
        estado=Audiencia.Estado.FIJADA,
        inicio__gte=datetime.datetime.combine(desde, datetime.time.min, tzinfo=zona)
        - datetime.timedelta(days=1),
        inicio__lte=datetime.datetime.combine(hasta, datetime.time.max, tzinfo=zona),
    ).only("conciliador_id", "inicio", "duracion_minutos"):
        audiencias[audiencia.conciliador_id].append((audiencia.inicio, audiencia.fin))
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
    conciliador_ids: Iterable[int],
    *,
    desde: datetime.date,
    hasta: datetime.date,
    zona: ZoneInfo,
    publicado: Publicado | None = None,
) -> list[Franja]:
    """The slots of these conciliators that are still free, on the régimen's business days.
    `publicado`: one conciliator's agenda already read (publicado_de)."""
    ids = list(conciliador_ids)
    dias, audiencias = _ocupados(ids, desde, hasta, zona, publicado)
    habil = calendario_de_audiencias(zona).es_habil
    return [
        f
        for f in franjas_de(ids, desde=desde, hasta=hasta, zona=zona, publicado=publicado)
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
    agenda read in five queries, whatever the number of conciliators."""
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
) -> Turno | None:
    """The slot `turnos_para` would offer at `inicio` (of that mode and office, the first of
    them in its order when several match), or None — checked directly: only that day of the
    eligible conciliators' agendas is read, not every slot of the month. A slot after AR-07's
    limit is offered only while there is none within it, so only then the days up to the limit
    are read as well."""
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
    candidatos = [c.pk for c in elegibles(reclamo, fechas=[hoy])]
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
