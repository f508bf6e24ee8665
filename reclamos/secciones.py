"""Sections downstream apps add to the claim page (ARCHITECTURE.md: upstream apps never import
downstream ones). An app registers, from its ganchos module:

    registrar_seccion("audiencias/_seccion_reclamo.html", contexto_de_audiencias, orden=20)

where `contexto(request, reclamo) -> dict | None` returns the section's context (None hides it).
The claim page renders each section in `orden`, in the main column, below the claim's data.

A section belongs to the procedures (Regimen.procedimiento) it names: COPREC's claim page
("conciliacion", the default) and the mediation page ("mediacion") each show only their own.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Seccion:
    plantilla: str
    contexto: Callable
    orden: int
    procedimientos: tuple[str, ...] = ("conciliacion",)


_SECCIONES: list[Seccion] = []


def registrar_seccion(
    plantilla: str,
    contexto: Callable,
    *,
    orden: int = 50,
    procedimientos: tuple[str, ...] = ("conciliacion",),
) -> None:
    if any(s.plantilla == plantilla for s in _SECCIONES):
        return
    _SECCIONES.append(Seccion(plantilla, contexto, orden, tuple(procedimientos)))
    _SECCIONES.sort(key=lambda s: s.orden)


def secciones_de(request, reclamo) -> list[dict]:
    """[{plantilla, contexto}] of the sections visible to this request."""
    visibles = []
    procedimiento = reclamo.regimen.procedimiento
    for seccion in _SECCIONES:
        if procedimiento not in seccion.procedimientos:
            continue
        contexto = seccion.contexto(request, reclamo)
        if contexto is not None:
            visibles.append(
                {"plantilla": seccion.plantilla, "contexto": {**contexto, "reclamo": reclamo}}
            )
    return visibles
