"""Celery entry points of the deadline engine: thin, idempotent, safe to run twice."""

from celery import shared_task

from plazos import barrido, recordatorios


@shared_task(name="plazos.vencer_plazos", ignore_result=True)
def vencer_plazos() -> int:
    """Beat, every minute: expires due plazos and runs their consequences."""
    return barrido.vencer_plazos()


@shared_task(name="plazos.recordar_plazos", ignore_result=True)
def recordar_plazos() -> int:
    """Beat, every hour: reminds the responsible users before a plazo falls due."""
    return recordatorios.recordar_plazos()
