"""What conciliadores asks the hearings app through a registry (audiencias is downstream and
registers the function; conciliadores never imports it): the claims whose fixed hearings a
conciliator holds in a date range, so a suspension or exclusion can reassign them."""

import datetime
from collections.abc import Callable, Iterable

Agenda = Callable[[int, datetime.date, datetime.date | None], Iterable[int]]
_AGENDA: list[Agenda] = []


def registrar_agenda(funcion: Agenda) -> Agenda:
    """`funcion(conciliador_id, desde, hasta)` → ids of the claims with a fixed hearing of that
    conciliator on a day from `desde` to `hasta` (None: no end), local dates."""
    if funcion not in _AGENDA:
        _AGENDA.append(funcion)
    return funcion


def reclamos_con_audiencia(
    conciliador_id: int, desde: datetime.date, hasta: datetime.date | None
) -> set[int]:
    ids: set[int] = set()
    for funcion in _AGENDA:
        ids |= set(funcion(conciliador_id, desde, hasta))
    return ids
