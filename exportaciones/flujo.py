"""Streaming a CSV export: rows are read in keyset chunks and written as they are read.

- One SQL statement per chunk (EXPORTACIONES_TAMANO_BLOQUE rows, 500 by default): the chunk's
  query carries every column as a correlated subquery, so the number of statements depends on
  the number of chunks, never on what a row holds, and memory holds one chunk at a time.
- Keyset, not OFFSET nor a long-lived cursor: each chunk starts after the last (date, id) read,
  through the index of the period's date; no transaction is held open between chunks, so a slow
  download never pins a snapshot on the database.
- UTF-8 with a BOM (a spreadsheet opens it as UTF-8), CRLF line ends, ISO dates and a decimal
  point (docs/decisions/0025); cells a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet

from exportaciones.diccionario import (
    DINERO,
    ENTERO,
    FECHA,
    FECHA_HORA,
    SI_NO,
    Exportacion,
)
from normativa import regimenes

BOM = "\ufeff"


def zona_de(regimen_codigo: str) -> ZoneInfo:
    try:
        return ZoneInfo(regimenes.obtener(regimen_codigo).zona_horaria)
    except LookupError:
        return ZoneInfo(settings.TIME_ZONE)


def limites(desde: dt.date, hasta: dt.date, regimen_codigo: str) -> tuple[dt.datetime, dt.datetime]:
    """[desde 00:00, hasta + 1 día 00:00) in the régimen's time zone: both days included."""
    zona = zona_de(regimen_codigo)
    inicio = dt.datetime.combine(desde, dt.time.min, tzinfo=zona)
    fin = dt.datetime.combine(hasta + dt.timedelta(days=1), dt.time.min, tzinfo=zona)
    return inicio, fin


def filtro_periodo(
    exportacion: Exportacion,
    *,
    desde: dt.date,
    hasta: dt.date,
    regimenes_elegidos: list[str],
    oficina=None,
) -> Q:
    """The rows of the period: per régimen, its own day bounds (Buenos Aires and Lima differ)."""
    filtro = Q(pk__in=[])
    for codigo in regimenes_elegidos:
        inicio, fin = limites(desde, hasta, codigo)
        filtro |= Q(
            **{
                exportacion.campo_regimen: codigo,
                f"{exportacion.campo_fecha}__gte": inicio,
                f"{exportacion.campo_fecha}__lt": fin,
            }
        )
    if oficina is not None:
        filtro &= Q(**{exportacion.campo_oficina: oficina})
    return filtro


def filas(exportacion: Exportacion, filtro: Q, *, tamano: int | None = None) -> Iterator[dict]:
    """The rows of `exportacion` matching `filtro`, oldest first, one query per chunk."""
    tamano = tamano or settings.EXPORTACIONES_TAMANO_BLOQUE
    campo = exportacion.campo_fecha
    base: QuerySet = exportacion.consulta().filter(filtro).order_by(campo, "pk")
    ultimo = None
    while True:
        qs = base
        if ultimo is not None:
            valor, pk = ultimo
            qs = qs.filter(Q(**{f"{campo}__gt": valor}) | Q(**{campo: valor, "pk__gt": pk}))
        bloque = list(qs[:tamano])
        yield from bloque
        if len(bloque) < tamano:
            return
        ultimo = (bloque[-1][campo], bloque[-1]["pk"])


def _celda(valor) -> str:
    texto = str(valor)
    if texto[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + texto
    return texto


def formatear(columna, valor, zona: ZoneInfo) -> str:
    """A value as the dictionary says: ISO dates, decimal point, sí/no, codes → labels."""
    if columna.etiquetas is not None:
        etiqueta = columna.etiquetas(valor)
        return "" if etiqueta is None else _celda(etiqueta)
    if valor is None or valor == "":
        return ""
    if columna.tipo == FECHA_HORA and isinstance(valor, dt.datetime):
        return valor.astimezone(zona).strftime("%Y-%m-%d %H:%M:%S")
    if columna.tipo == FECHA:
        if isinstance(valor, dt.datetime):
            valor = valor.astimezone(zona).date()
        return valor.isoformat()
    if columna.tipo == DINERO:
        return f"{Decimal(valor):.2f}"
    if columna.tipo == ENTERO:
        return str(int(valor))
    if columna.tipo == SI_NO:
        return "sí" if valor else "no"
    return _celda(valor)


class _Eco:
    """A file-like object whose write() returns what it was given (csv.writer → generator)."""

    def write(self, valor):
        return valor


def generar_csv(exportacion: Exportacion, filtro: Q, *, tamano: int | None = None) -> Iterator[str]:
    """The CSV text, line by line: BOM and header first, then each row as it is read."""
    escritor = csv.writer(_Eco(), lineterminator="\r\n")
    yield BOM + escritor.writerow(exportacion.encabezados)
    zonas: dict[str, ZoneInfo] = {}
    for fila in filas(exportacion, filtro, tamano=tamano):
        codigo = fila["_regimen"]
        zona = zonas.get(codigo) or zonas.setdefault(codigo, zona_de(codigo))
        yield escritor.writerow([formatear(c, fila[c.clave], zona) for c in exportacion.columnas])


def nombre_de_archivo(exportacion: Exportacion, desde: dt.date, hasta: dt.date) -> str:
    return f"{exportacion.codigo}-{desde:%Y%m%d}-{hasta:%Y%m%d}.csv"
