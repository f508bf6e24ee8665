"""Celery entry points of conciliadores (thin: one service call)."""

from celery import shared_task


@shared_task(name="conciliadores.evaluar_ventanas")
def evaluar_ventanas() -> int:
    """AR-D9: the counting windows of the whole registry, daily."""
    from conciliadores.disciplina.ventanas import evaluar

    return len(evaluar())
