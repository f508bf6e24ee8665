"""Consecutive numbers per kind of document and year.

A counter row per (kind, year) is locked with select_for_update inside the issuing transaction,
so two documents issued at once get consecutive numbers on PostgreSQL (row lock) and on SQLite
(immediate transactions serialise writers). The unique constraint on Documento is the last guard.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from documentos.models import ContadorDocumento
from normativa import regimenes


def anio_de_emision(regimen_codigo: str, instante=None) -> int:
    """The year in the régimen's time zone (a document issued on 31 Dec at 22:00 in Buenos Aires
    belongs to that year, although it is already 1 Jan in UTC)."""
    try:
        zona = ZoneInfo(regimenes.obtener(regimen_codigo).zona_horaria)
    except LookupError:
        zona = ZoneInfo(settings.TIME_ZONE)
    return (instante or timezone.now()).astimezone(zona).year


def siguiente_numero(tipo: str, anio: int) -> int:
    """Takes the next number. Must run inside the transaction that creates the document, so a
    rollback gives the number back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("siguiente_numero() exige una transacción")
    ContadorDocumento.objects.get_or_create(tipo=tipo, anio=anio)
    contador = ContadorDocumento.objects.select_for_update().get(tipo=tipo, anio=anio)
    contador.ultimo += 1
    contador.save(update_fields=["ultimo"])
    return contador.ultimo
