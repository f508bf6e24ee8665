"""Reads of the maintained figures for the public pages, the API and the staff dashboard: a
handful of indexed rows of Cifra, never the claims table."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings

from estadisticas.definiciones import DENOMINADORES, columnas
from estadisticas.models import Cifra

CORTES_PUBLICOS = {"proveedores": "proveedor", "sectores": "sector", "regimenes": "regimen"}


def _tasa(numerador: int, denominador: int, k: int) -> float | None:
    if denominador < k or denominador == 0:
        return None
    return round(numerador / denominador, 4)


def _cifras(c: Cifra, k: int) -> dict:
    """The published figures of a row; empty (None) where the row or the figure's own
    denominator is below k."""
    if c.suprimido:
        return {
            "suprimido": True,
            **{n: None for n in columnas("regimenes")[4:]},
        }

    def mediana(nombre):
        valor = getattr(c, nombre)
        if valor is None or getattr(c, DENOMINADORES[nombre]) < k:
            return None
        return float(valor)

    return {
        "suprimido": False,
        "reclamos_recibidos": c.recibidos,
        "reclamos_admitidos": c.admitidos,
        "audiencias_celebradas": c.audiencias,
        "tasa_acuerdo": _tasa(c.acuerdos, c.concluidos, k),
        "tasa_incomparecencia_proveedor": _tasa(c.incomparecencias, c.con_audiencia, k),
        "tasa_cumplimiento": _tasa(c.cumplidos, c.cumplimiento_resuelto, k),
        "mediana_dias_primera_audiencia": mediana("mediana_dias_primera_audiencia"),
        "mediana_dias_cierre": mediana("mediana_dias_cierre"),
    }


def fila_publica(c: Cifra, corte: str, k: int | None = None) -> dict:
    """One row in the data dictionary's columns, in their order."""
    k = settings.DATOS_ABIERTOS_K if k is None else k
    fila = {"periodo": c.periodo, "desde": c.desde.isoformat(), "regimen": c.regimen_codigo}
    if corte == "proveedores":
        fila |= {
            "tipo_identificador": c.tipo_identificador,
            "identificador": c.identificador,
            "proveedor": c.proveedor,
            "sector": c.sector,
        }
    elif corte == "sectores":
        fila["sector"] = c.sector
    fila |= _cifras(c, k)
    return {nombre: fila[nombre] for nombre in columnas(corte)}


def fila_interna(c: Cifra) -> dict:
    """The staff's row: the same figures without suppression (k = 1)."""
    fila = _cifras(c, 1) | {"periodo": c.periodo, "desde": c.desde.isoformat()}
    fila["suprimido"] = False
    return fila


def publicas(
    corte: str,
    *,
    periodo: str = "mes",
    regimen: str | None = None,
    sector: str | None = None,
    identificador: str | None = None,
    desde: datetime.date | None = None,
    hasta: datetime.date | None = None,
):
    """The rows of a public cut, newest period first (index cifra_lista / cifra_proveedor)."""
    qs = Cifra.objects.filter(corte=CORTES_PUBLICOS[corte], periodo=periodo)
    if regimen:
        qs = qs.filter(regimen_codigo=regimen)
    if sector:
        qs = qs.filter(sector=sector)
    if identificador:
        qs = qs.filter(identificador=identificador)
    if desde:
        qs = qs.filter(desde__gte=desde)
    if hasta:
        qs = qs.filter(desde__lte=hasta)
    return qs


def serie(
    corte: str,
    *,
    periodo: str,
    regimen: str,
    oficina: int | None = None,
    sector: str | None = None,
    ultimos: int = 12,
) -> list[Cifra]:
    """The last `ultimos` periods of one row of a cut, oldest first (index cifra_serie)."""
    qs = Cifra.objects.filter(corte=corte, periodo=periodo, regimen_codigo=regimen)
    if corte == Cifra.Corte.OFICINA:
        qs = qs.filter(oficina_id=oficina) if oficina else qs.filter(oficina__isnull=True)
    if sector:
        qs = qs.filter(sector=sector)
    return list(reversed(qs.order_by("-desde")[:ultimos]))


def ultimo_periodo(periodo: str = "mes") -> datetime.date | None:
    fila = (
        Cifra.objects.filter(corte=Cifra.Corte.REGIMEN, periodo=periodo)
        .order_by("-desde")
        .values_list("desde", flat=True)
        .first()
    )
    return fila


def como_decimal(valor) -> Decimal | None:
    return None if valor is None else Decimal(str(valor))
