"""Reads of the dated legal values for the staff page: flat query counts whatever the rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q

from normativa import valores
from normativa.models import Confianza, ValorReferencia


@dataclass
class Resumen:
    clase: valores.ClaseDeValor
    vigente: ValorReferencia | None
    a_verificar: int


def resumen(hoy: datetime.date) -> list[Resumen]:
    """Every kind of the catalogue with the row in force today and how many of its rows wait
    for verification: three queries."""
    fechas = dict(
        ValorReferencia.objects.filter(vigente_desde__lte=hoy)
        .order_by()
        .values("tipo")
        .annotate(desde=Max("vigente_desde"))
        .values_list("tipo", "desde")
    )
    vigentes = {}
    if fechas:
        condicion = Q()
        for tipo, desde in fechas.items():
            condicion |= Q(tipo=tipo, vigente_desde=desde)
        filas = ValorReferencia.objects.filter(condicion).select_related("confirmado_por")
        vigentes = {f.tipo: f for f in filas}
    pendientes = dict(
        ValorReferencia.objects.filter(confianza=Confianza.L, confirmado_en__isnull=True)
        .order_by()
        .values("tipo")
        .annotate(n=Count("pk"))
        .values_list("tipo", "n")
    )
    return [
        Resumen(clase, vigentes.get(codigo), pendientes.get(codigo, 0))
        for codigo, clase in valores.CLASES.items()
    ]


def historial(tipo: str):
    return ValorReferencia.objects.filter(tipo=tipo).select_related(
        "cargado_por", "modificado_por", "confirmado_por"
    )
