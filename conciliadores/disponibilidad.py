"""Who is free at a claim's booked slot: the audiencias app knows, conciliadores may not import it
(ARCHITECTURE.md import order). audiencias registers, from its AppConfig.ready():

    registrar_disponibilidad(lambda reclamo: [conciliadores free at its booked slot])

so that a redraw after an excusación or an upheld recusación (D202-I.7) keeps the hearing's
slot. Without a registered function, or when it answers None, every eligible conciliator enters.
"""

from collections.abc import Callable

_FUNCIONES: list[Callable] = []


def registrar_disponibilidad(funcion: Callable) -> Callable:
    if funcion not in _FUNCIONES:
        _FUNCIONES.append(funcion)
    return funcion


def candidatos_para(reclamo):
    """The candidates for a redraw, or None when no app restricts them."""
    for funcion in _FUNCIONES:
        candidatos = funcion(reclamo)
        if candidatos is not None:
            return list(candidatos)
    return None
