"""Celery entry points of documentos. Names start with "documentos." so CELERY_TASK_ROUTES sends
them to the pdf queue: rendering never happens in a request."""

from celery import shared_task

from documentos import services


@shared_task(
    name="documentos.renderizar_documento",
    autoretry_for=(OSError,),
    retry_backoff=10,
    max_retries=5,
)
def renderizar_documento(documento_id: int) -> bool:
    return services.renderizar_documento(documento_id)


@shared_task(name="documentos.borrar_archivos_huerfanos")
def borrar_archivos_huerfanos() -> int:
    from documentos.limpieza import borrar_archivos_huerfanos as borrar

    return borrar()
