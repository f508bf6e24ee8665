"""Models of conciliadores, one module per topic."""

from conciliadores.models.apartamiento import Excusacion, Recusacion
from conciliadores.models.designacion import Designacion, DocumentoAutonomo, Propuesta, Sorteo
from conciliadores.models.registro import Conciliador, Licencia, Modalidad, Rechazo, Sancion

__all__ = [
    "Conciliador",
    "Designacion",
    "DocumentoAutonomo",
    "Excusacion",
    "Licencia",
    "Modalidad",
    "Propuesta",
    "Rechazo",
    "Recusacion",
    "Sancion",
    "Sorteo",
]
