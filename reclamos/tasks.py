"""Celery entry points of reclamos (thin: one service call)."""

from celery import shared_task


@shared_task(name="reclamos.calcular_demoras")
def calcular_demoras() -> int:
    from reclamos.services.demoras import calcular_demoras as calcular

    return calcular()
