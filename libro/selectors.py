"""Reads for the provider's queue, dashboard, archive and the regulator's export, scoped to the
caller through libro.permisos (pages and API share them)."""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan

from conciliacion.paginacion import (
    TAMANO,
    Pagina,
    codificar_cursor,
    leer_cursor,
    paginar_por_claves,
)
from libro import terminos
from libro.estados import EstadoHoja
from libro.models import EventoHoja, Hoja
from libro.permisos import hojas_visibles
from normativa.calendarios import calendario
from normativa.regimenes import Calendario


def _filtrar(qs: QuerySet, *, organizacion=None, libro=None) -> QuerySet:
    if organizacion:
        qs = qs.filter(libro__organizacion_id=organizacion)
    if libro:
        qs = qs.filter(libro__codigo=libro)
    return qs


# The queue's keyset order (conciliacion.paginacion.paginar_por_claves), the order of the
# partial index hoja_cola_abiertas: running before suspended, soonest due first (a sheet without
# a due date last), then the oldest filed.
ORDEN_COLA = ("respuesta_suspendida", "vence_respuesta", "presentada_en", "pk")
NULOS_COLA = ("vence_respuesta",)


def cola(usuario, *, clave=None, organizacion=None, libro=None) -> QuerySet[Hoja]:
    """Open sheets, the most urgent first (PE-01 due date; suspended ones wait for the
    consumer and go after those running). Walk it with `pagina_cola`."""
    qs = hojas_visibles(usuario, clave).exclude(estado__in=EstadoHoja.cerrados_ordenados())
    return (
        _filtrar(qs, organizacion=organizacion, libro=libro)
        .select_related("libro")
        .prefetch_related("propuestas")
        .order_by(
            F("respuesta_suspendida"),
            F("vence_respuesta").asc(nulls_last=True),
            "presentada_en",
            "pk",
        )
    )


def pagina_cola(hojas: QuerySet[Hoja], cursor: str | None = None, tamano: int = TAMANO) -> Pagina:
    """A page of the queue. A later page seeks its start in hoja_cola_abiertas instead of
    walking the index from the queue's head: the rows after the cursor are, in order, those of
    its group (running or suspended) with a due date after its key, the group's undated ones,
    and, after the running group, the suspended group; each stretch is one index range (a row
    comparison, which the OR-expanded keyset of paginar_por_claves is not), read only while the
    page is not full. An unreadable cursor is the first page, as there."""
    desde = leer_cursor(Hoja, cursor, list(ORDEN_COLA), set(NULOS_COLA))
    if desde is None:
        return paginar_por_claves(hojas, claves=ORDEN_COLA, nulos=NULOS_COLA, tamano=tamano)
    suspendida, vence, presentada, pk = desde
    grupo = hojas.filter(respuesta_suspendida=suspendida)
    if vence is not None:
        tramos = [
            grupo.filter(
                _despues(("vence_respuesta", "presentada_en", "pk"), (vence, presentada, pk))
            ),
            grupo.filter(vence_respuesta__isnull=True),
        ]
    else:
        tramos = [
            grupo.filter(vence_respuesta__isnull=True).filter(
                _despues(("presentada_en", "pk"), (presentada, pk))
            )
        ]
    if not suspendida:
        tramos.append(hojas.filter(respuesta_suspendida=True))
    orden = (F("vence_respuesta").asc(nulls_last=True), "presentada_en", "pk")
    filas: list[Hoja] = []
    for tramo in tramos:
        if len(filas) > tamano:
            break
        filas += tramo.order_by("respuesta_suspendida", *orden)[: tamano + 1 - len(filas)]
    siguiente = None
    if len(filas) > tamano:
        filas = filas[:tamano]
        ultima = filas[-1]
        siguiente = codificar_cursor([getattr(ultima, n) for n in ORDEN_COLA])
    return Pagina(filas=filas, siguiente=siguiente, es_primera=False, orden=(ORDEN_COLA[0], "pk"))


def _despues(campos: tuple[str, ...], valores: tuple):
    """ "(campos) > (valores)" as one row comparison, which PostgreSQL uses as a single index
    range (Django's tuple lookup; a backend without row values gets the expanded OR)."""
    return TupleGreaterThan(Tuple(*(F(c) for c in campos)), list(valores))


@dataclass
class FilaCola:
    hoja: Hoja
    dias_restantes: int | None  # business days after today up to the due day; None: suspended


def filas_cola(hojas) -> list[FilaCola]:
    # One calendar for the page: each terminos.habiles_entre call checks the holidays' version
    # with a query, which per row made the panel grow with the queue.
    cal = calendario(Calendario.PE_PROVEEDOR)
    hoy = cal.hoy()
    filas = []
    for hoja in hojas:
        if hoja.respuesta_suspendida or hoja.vence_respuesta is None:
            restantes = None
        elif hoja.vence_respuesta < hoy:
            restantes = -cal.habiles_entre(hoja.vence_respuesta, hoy)
        else:
            restantes = cal.habiles_entre(hoy, hoja.vence_respuesta)
        filas.append(FilaCola(hoja, restantes))
    return filas


def dias_de_respuesta(hoja: Hoja) -> int | None:
    """Business days (PE-proveedor) from filing to closing, suspension included (what the
    consumer waited)."""
    if hoja.fecha_cierre is None:
        return None
    return terminos.habiles_entre(hoja.fecha_presentacion, hoja.fecha_cierre)


def dias_suspendidos(hoja: Hoja) -> int:
    """Business days PE-01 stood suspended by the first proposal: (sent, end], where the end is
    the consumer's decision, PE-02's last day (silence) or the formal answer that left it without
    effect — what terminos.reanudar_respuesta gave the deadline engine. Uses the prefetched
    proposals when the query prefetched them."""
    from zoneinfo import ZoneInfo

    from normativa.regimenes.peru import PERU

    propuestas = list(hoja.propuestas.all())
    primera = next((p for p in propuestas if p.suspende), None)
    if primera is None:
        return 0
    if primera.decidida_en is None:
        fin = terminos.hoy()
    else:
        fin = primera.decidida_en.astimezone(ZoneInfo(PERU.zona_horaria)).date()
    if primera.vence is not None:
        fin = min(fin, primera.vence)
    fin = max(fin, primera.fecha_envio + datetime.timedelta(days=1))
    return terminos.habiles_entre(primera.fecha_envio, fin)


def dias_computables(hoja: Hoja) -> int | None:
    """Business days from filing to closing as PE-01 counts them: without the suspension."""
    total = dias_de_respuesta(hoja)
    return None if total is None else total - dias_suspendidos(hoja)


@dataclass
class Resumen:
    abiertas: int
    vencidas: int
    propuestas_pendientes: int
    cerradas: int
    cerradas_fuera_de_plazo: int
    promedio_dias_habiles: float | None
    anio: int


def resumen(usuario, *, anio: int, clave=None, organizacion=None, libro=None) -> Resumen:
    """Two aggregates, no row read into Python: the open sheets over the queue's partial index,
    the year's closed ones over hoja_cerradas_por_fecha with the business days written at closing
    (`Hoja.dias_habiles_respuesta`)."""
    visibles = _filtrar(hojas_visibles(usuario, clave), organizacion=organizacion, libro=libro)
    abiertas = visibles.exclude(estado__in=EstadoHoja.cerrados_ordenados()).aggregate(
        abiertas=Count("pk"),
        vencidas=Count("pk", filter=Q(vencida=True)),
        propuestas=Count("pk", filter=Q(estado=EstadoHoja.PROPUESTA_ENVIADA)),
    )
    cerradas = visibles.filter(
        fecha_cierre__isnull=False,
        fecha_cierre__gte=datetime.date(anio, 1, 1),
        fecha_cierre__lte=datetime.date(anio, 12, 31),
        estado__in=EstadoHoja.cerrados_ordenados(),
    ).aggregate(
        cerradas=Count("pk"),
        fuera=Count("pk", filter=Q(vencida=True)),
        promedio=Avg("dias_habiles_respuesta"),
    )
    promedio = cerradas["promedio"]
    return Resumen(
        abiertas=abiertas["abiertas"],
        vencidas=abiertas["vencidas"],
        propuestas_pendientes=abiertas["propuestas"],
        cerradas=cerradas["cerradas"],
        cerradas_fuera_de_plazo=cerradas["fuera"],
        promedio_dias_habiles=None if promedio is None else round(float(promedio), 1),
        anio=anio,
    )


def archivo(usuario, *, anio: int, clave=None, libro=None) -> QuerySet[Hoja]:
    """Closed sheets filed in `anio` (PE-03 keeps them at least two years)."""
    qs = hojas_visibles(usuario, clave).filter(estado__in=EstadoHoja.cerrados(), anio=anio)
    # The page walks it by keyset, newest filed first, over the index hoja_archivo (issue 13).
    return _filtrar(qs, libro=libro).select_related("libro").order_by("-presentada_en", "-pk")


def anios_con_hojas(usuario, clave=None) -> list[int]:
    """The years with sheets, newest first: DISTINCT in the database, not every sheet read."""
    return list(
        hojas_visibles(usuario, clave).order_by("-anio").values_list("anio", flat=True).distinct()
    )


def periodo(
    usuario, *, desde: datetime.date, hasta: datetime.date, clave=None, organizacion=None
) -> QuerySet[Hoja]:
    """Every sheet filed in [desde, hasta] (the regulator's export)."""
    qs = hojas_visibles(usuario, clave).filter(
        fecha_presentacion__gte=desde, fecha_presentacion__lte=hasta
    )
    return (
        _filtrar(qs, organizacion=organizacion)
        .select_related("libro", "respuesta")
        .prefetch_related("propuestas")
        .order_by("libro__codigo", "anio", "correlativo")
    )


def linea_de_tiempo(hoja: Hoja) -> QuerySet[EventoHoja]:
    return hoja.eventos.select_related("por").order_by("en", "pk")


def buscar(qs: QuerySet[Hoja], texto: str) -> QuerySet[Hoja]:
    texto = texto.strip()
    if not texto:
        return qs
    return qs.filter(
        Q(nombres__icontains=texto)
        | Q(apellidos__icontains=texto)
        | Q(numero_documento__icontains=texto)
        | Q(email__icontains=texto)
    )


# S003 7.1 c: the provider phones the consumer on receiving the claim and, as an internal
# measure, tells them the corrective solution "no mayor a 48h". A company practice, not a legal
# term: the panel shows it, nothing expires.
CONTACTO_INTERNO = datetime.timedelta(hours=48)


def contacto_inicial(hoja: Hoja) -> dict:
    """The first call to the consumer logged on the sheet, and the 48-hour internal target."""
    from libro.models import NotaHoja

    llamada = hoja.notas.filter(tipo=NotaHoja.Tipo.LLAMADA).order_by("contacto_en", "pk").first()
    objetivo = hoja.presentada_en + CONTACTO_INTERNO
    return {
        "llamada": llamada,
        "objetivo": objetivo,
        "a_tiempo": llamada is not None and llamada.contacto_en <= objetivo,
    }
