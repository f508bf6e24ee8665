"""A provider's claim list, driven from its own rows (decision 0033, issue 13).

A big provider's served claims are rare among the newest claims, so walking every claim's
newest-first index and checking an EXISTS per claim read ~84,000 rows a page at 1M claims.
Here each organisation the representative acts for walks the partial index
proveedor_citado_fecha (organizacion, presentado_en DESC, reclamo DESC) WHERE citado_en IS NOT
NULL for `tamano + 1` rows after the cursor; several organisations are merged in Python (one
query each: a representative acts for a handful). A claim naming two of them comes once (its
rows share the sort key, so they are adjacent). Then the page's claims are read by id.
"""

import datetime
import heapq

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from conciliacion.paginacion import TAMANO, Pagina, _codificar, _decodificar
from cuentas.permisos import organizaciones_representadas
from reclamos.estados import Estado
from reclamos.models import Reclamo, ReclamoProveedor

ORDEN = ("-presentado_en", "-pk")


def _inicio_del_dia(fecha: datetime.date, *, siguiente=False) -> datetime.datetime:
    """The day's start in the current time zone (what `presentado_en__date` compares in), as
    an index bound instead of a per-row date cast."""
    if siguiente:
        fecha += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(fecha, datetime.time.min))


def _filas_de(organizacion_id, *, filtro: Q, desde, atras: bool, n: int) -> list[tuple]:
    """(presentado_en, reclamo_id) of one organisation's served claims after `desde`."""
    qs = ReclamoProveedor.objects.filter(
        filtro, organizacion_id=organizacion_id, citado_en__isnull=False
    )
    if desde is not None:
        valor, pk = desde
        if atras:
            qs = qs.filter(
                Q(presentado_en__gte=valor), Q(presentado_en__gt=valor) | Q(reclamo_id__gt=pk)
            )
        else:
            qs = qs.filter(
                Q(presentado_en__lte=valor), Q(presentado_en__lt=valor) | Q(reclamo_id__lt=pk)
            )
    orden = ("presentado_en", "reclamo_id") if atras else ("-presentado_en", "-reclamo_id")
    return list(qs.order_by(*orden).values_list("presentado_en", "reclamo_id")[:n])


def _claves(organizaciones, *, filtro, desde, atras, n) -> list[tuple]:
    """Up to `n` distinct (presentado_en, reclamo_id) in the list's order."""
    pedir = n
    while True:
        por_org = [
            _filas_de(o, filtro=filtro, desde=desde, atras=atras, n=pedir) for o in organizaciones
        ]
        unicas, vistos = [], set()
        for clave in heapq.merge(*por_org, reverse=not atras):
            if clave[1] not in vistos:
                vistos.add(clave[1])
                unicas.append(clave)
        completas = any(len(filas) == pedir for filas in por_org)
        # A duplicate (a claim naming two of them) took a place: ask for more.
        if len(unicas) >= n or not completas:
            return unicas[:n]
        pedir *= 2


def _leer_cursor(cursor) -> list | None:
    """[aware datetime, id] from paginacion's cursor, or None (a tampered one: first page)."""
    valores = _decodificar(cursor)
    if valores is None or not isinstance(valores[0], str):
        return None
    try:
        fecha = datetime.datetime.fromisoformat(valores[0])
    except ValueError:
        return None
    return [fecha if timezone.is_aware(fecha) else timezone.make_aware(fecha), valores[1]]


def _filtro(*, estado, desde, hasta, proveedor) -> Q:
    """lista_reclamos' filters over the provider rows (the dates as index bounds)."""
    filtro = Q(presentado_en__isnull=False) & ~Q(reclamo__estado=Estado.BORRADOR)
    if estado:
        filtro &= Q(reclamo__estado=estado)
    if desde:
        filtro &= Q(presentado_en__gte=_inicio_del_dia(desde))
    if hasta:
        filtro &= Q(presentado_en__lt=_inicio_del_dia(hasta, siguiente=True))
    if proveedor:
        otros = ReclamoProveedor.objects.filter(
            reclamo=OuterRef("reclamo"), identificador=proveedor
        )
        filtro &= Q(Exists(otros))
    return filtro


def pagina_del_proveedor(
    usuario,
    *,
    clave=None,
    estado=None,
    desde=None,
    hasta=None,
    proveedor=None,
    cursor=None,
    atras=False,
    tamano=TAMANO,
) -> Pagina:
    """The page of filed claims served on the organisations `usuario` represents (only the
    key's with an API key), newest filed first: the same rows, order and filters as
    selectors.lista_reclamos for a representative. `cursor` is paginacion's ([date, id]);
    `atras` walks back towards newer claims (the API's "previous"); the page's `anterior` is
    the cursor for that, None on the first page."""
    from reclamos.selectors import _con_proveedores

    organizaciones = sorted(
        organizaciones_representadas(usuario, clave).values_list("pk", flat=True)
    )
    desde_cursor = _leer_cursor(cursor)
    atras = atras and desde_cursor is not None
    filtro = _filtro(estado=estado, desde=desde, hasta=hasta, proveedor=proveedor)
    claves = []
    if organizaciones:
        claves = _claves(
            organizaciones, filtro=filtro, desde=desde_cursor, atras=atras, n=tamano + 1
        )
    hay_mas = len(claves) > tamano
    claves = claves[:tamano]
    if atras:
        claves.reverse()
    por_id = _con_proveedores(Reclamo.objects.filter(pk__in=[pk for _f, pk in claves])).in_bulk()
    filas = [por_id[pk] for _f, pk in claves if pk in por_id]
    es_primera = desde_cursor is None or (atras and not hay_mas)
    siguiente = anterior = None
    if claves and (hay_mas or atras):
        siguiente = _codificar([claves[-1][0].isoformat(), claves[-1][1]])
    if claves and not es_primera:
        anterior = _codificar([claves[0][0].isoformat(), claves[0][1]])
    pagina = Pagina(filas=filas, siguiente=siguiente, es_primera=es_primera, orden=ORDEN)
    pagina.anterior = anterior
    return pagina
