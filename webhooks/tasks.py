"""Celery entry points of webhooks: ids in, one service call."""

from celery import shared_task

from webhooks import envio, plazos


@shared_task(name="webhooks.entregar")
def entregar(entrega_id: int) -> str:
    return envio.intentar(entrega_id)


@shared_task(name="webhooks.avisar_plazos")
def avisar_plazos() -> int:
    return plazos.avisar_plazos_por_vencer()
