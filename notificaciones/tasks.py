"""Celery entry points of notificaciones: ids in, one service call, done.

Task names start with "notificaciones." so CELERY_TASK_ROUTES sends them to that queue.
"""

from celery import shared_task

from notificaciones import services


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
        esperas = 0
        while (espera := services.enviar_pendiente(notificacion_id, esperas=esperas)) is not None:
            if not self.request.is_eager:
                # Unpublished, the row waits for the recovery (its next attempt is set).
                publicar_con_demora(enviar_notificacion, espera, notificacion_id)
                break
            esperas += 1
