"""Celery entry points of notificaciones: ids in, one service call, done.

Task names start with "notificaciones." so CELERY_TASK_ROUTES sends them to that queue.
"""

import logging

from celery import shared_task

from notificaciones import services

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="notificaciones.enviar_notificacion", max_retries=None)
def enviar_notificacion(self, notificacion_id: int) -> None:
    # The row counts the SMTP attempts and decides when to give up, so Celery's own retry
    # limit is off. A transient SMTP failure or an attachment still rendering asks for a retry.
    esperas = self.request.retries
    while (espera := services.enviar_pendiente(notificacion_id, esperas=esperas)) is not None:
        if not self.request.is_eager:
            raise self.retry(countdown=espera)
        # Eager mode (tests, CELERY_TASK_ALWAYS_EAGER) cannot schedule: retry in place.
        esperas += 1


@shared_task(name="notificaciones.reencolar_pendientes")
def reencolar_pendientes() -> int:
    return services.reencolar_pendientes()


@shared_task(bind=True, name="notificaciones.enviar_notificaciones", max_retries=None)
def enviar_notificaciones(self, notificacion_ids: list[int]) -> None:
    """The notices one act queued, in one broker message (decision 0045): each is sent as
    enviar_notificacion sends it; one that has to wait (an SMTP failure, an attachment still
    rendering) goes on as its own enviar_notificacion after its delay. A lost message is redone
    by the recovery, which republishes each overdue notice on its own."""
    from conciliacion.trabajos import publicar_con_demora

    for notificacion_id in notificacion_ids:
        if self.request.is_eager:
            # Eager mode (tests): retry in place, and let a bug in the send surface.
            esperas = 0
            while services.enviar_pendiente(notificacion_id, esperas=esperas) is not None:
                esperas += 1
            continue
        try:
            espera = services.enviar_pendiente(notificacion_id)
        except Exception:
            # One notice's unexpected failure must not hold back the act's others: its row stays
            # pending and the recovery publishes it again on its own.
            logger.exception("envío de la notificación %s fallido en su lote", notificacion_id)
            continue
        if espera is not None:
            # Unpublished, the row waits for the recovery (its next attempt is set).
            publicar_con_demora(enviar_notificacion, espera, notificacion_id)
