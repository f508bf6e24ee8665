"""What downstream apps add to the staff review of an organisation (cuentas is upstream: it never
imports them). An app registers, from its ganchos module:

    registrar_extension(
        plantilla="reclamos/mediacion/_revision_empresa.html",
        contexto=lambda request, organizacion: {...} or None,
        pendientes=lambda: <queryset of organisation ids with something to review>,
    )

The review page renders each section whose context is not None below the organisation's data;
the review queue also lists the organisations `pendientes` returns (e.g. an active provider whose
registration to the mediation platform waits for review, seed 001).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Extension:
    plantilla: str
    contexto: Callable
    pendientes: Callable | None


_EXTENSIONES: list[Extension] = []


def registrar_extension(*, plantilla: str, contexto: Callable, pendientes=None) -> None:
    if any(e.plantilla == plantilla for e in _EXTENSIONES):
        return
    _EXTENSIONES.append(Extension(plantilla, contexto, pendientes))


def secciones(request, organizacion) -> list[dict]:
    """[{plantilla, contexto}] of the sections shown on this organisation's review page."""
    visibles = []
    for extension in _EXTENSIONES:
        contexto = extension.contexto(request, organizacion)
        if contexto is not None:
            visibles.append(
                {
                    "plantilla": extension.plantilla,
                    "contexto": {**contexto, "organizacion": organizacion},
                }
            )
    return visibles


def filtro_pendientes() -> Q:
    """Organisations with something a downstream app asks staff to review."""
    filtro = Q(pk__in=[])
    for extension in _EXTENSIONES:
        if extension.pendientes is not None:
            filtro |= Q(pk__in=extension.pendientes())
    return filtro
