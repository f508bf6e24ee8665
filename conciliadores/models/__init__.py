"""Models of conciliadores, one module per topic."""

from conciliadores.models.apartamiento import Excusacion, Recusacion
from conciliadores.models.designacion import Designacion, DocumentoAutonomo, Propuesta, Sorteo
from conciliadores.models.disciplina import (
    ActuacionDisciplinaria,
    AlertaDisciplinaria,
    CasoDisciplinario,
    Escrito,
)
from conciliadores.models.registro import Conciliador, Licencia, Modalidad, Rechazo, Sancion

__all__ = [
    "ActuacionDisciplinaria",
    "AlertaDisciplinaria",
    "CasoDisciplinario",
    "Conciliador",
    "Designacion",
    "DocumentoAutonomo",
    "Escrito",
    "Excusacion",
    "Licencia",
    "Modalidad",
    "Propuesta",
    "Rechazo",
    "Recusacion",
    "Sancion",
    "Sorteo",
]
