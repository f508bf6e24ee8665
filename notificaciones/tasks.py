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
