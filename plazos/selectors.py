"""Reads of plazos shaped for pages and API. Access to the subject is checked by its owner app."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from normativa.calendarios import CalendarioHabil, calendario, calendario_en_memoria
from plazos.models import Plazo


def _del_sujeto(sujeto) -> QuerySet[Plazo]:
    return Plazo.objects.filter(
        content_type=ContentType.objects.get_for_model(sujeto), object_id=sujeto.pk
    )


def plazos_de(sujeto) -> QuerySet[Plazo]:
    """Every plazo of the subject, newest first."""
    return _del_sujeto(sujeto).order_by("-abierto_en", "-pk")


def leer_plazos(sujeto) -> list[Plazo]:
    """Every plazo of the subject, newest first, read once for a page and kept on the instance:
    the page's parts (the party's timeline, the conciliator's sections) filter this list instead
    of each querying again (issue 13). Acts query (plazos_de)."""
    leidos = sujeto.__dict__.get("_plazos_leidos")
    if leidos is None:
        leidos = sujeto.__dict__["_plazos_leidos"] = list(plazos_de(sujeto))
    return leidos


def plazos_leidos(sujeto) -> list[Plazo] | None:
    """The plazos a page already read with leer_plazos (newest first), or None."""
    return sujeto.__dict__.get("_plazos_leidos")


def plazos_corriendo_de(sujeto) -> QuerySet[Plazo]:
    """The open plazos (running or suspended) of the subject, soonest due first."""
    return _del_sujeto(sujeto).filter(estado__in=Plazo.ABIERTOS).order_by("vence_en", "pk")


def calendario_del_plazo(plazo: Plazo) -> CalendarioHabil:
    """The calendar the plazo was computed with when this process has it (no query), else the
    current one: the days left agree with the due date shown."""
    return calendario_en_memoria(plazo.calendario, plazo.version_calendario) or calendario(
        plazo.calendario
    )


def dias_restantes(plazo: Plazo, *, hoy: datetime.date | None = None) -> int | None:
    """Business days after today up to the due day (0: it falls due today or is past)."""
    if not plazo.abierto:
        return None
    cal = calendario_del_plazo(plazo)
    return cal.habiles_entre(hoy or cal.hoy(), plazo.vence)
