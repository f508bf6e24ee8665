"""Celery entry points of audiencias (beat): one service call each."""

from celery import shared_task

from audiencias.services import cedulas


@shared_task(name="audiencias.recordar_audiencias")
def recordar_audiencias() -> int:
    """Reminders the day before each hearing (hourly; each hearing is reminded once)."""
    return cedulas.enviar_recordatorios()


@shared_task(name="audiencias.actualizar_cedulas_electronicas")
def actualizar_cedulas_electronicas() -> int:
    """Deemed service dates from the real acceptance time; failed sends go to reliable means."""
    return cedulas.actualizar_cedulas_electronicas()
