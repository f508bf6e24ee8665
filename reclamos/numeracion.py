"""Claim numbers: <prefix>-<year>-<6 digits>, consecutive per prefix and year."""

from django.db import IntegrityError, transaction

from reclamos.models import ContadorNumeracion


def siguiente_numero(*, prefijo: str, anio: int) -> str:
    """Locks the counter row, so two filings never get the same number (also on SQLite, where
    immediate transactions serialise writers)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                ContadorNumeracion.objects.get_or_create(prefijo=prefijo, anio=anio)
        except IntegrityError:
            pass  # created concurrently: the row exists now
        contador = ContadorNumeracion.objects.select_for_update().get(prefijo=prefijo, anio=anio)
        contador.ultimo += 1
        contador.save(update_fields=["ultimo"])
    return f"{prefijo}-{anio}-{contador.ultimo:06d}"
