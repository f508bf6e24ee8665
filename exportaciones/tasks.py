"""Celery entry points of exportaciones (default queue; the PDF itself renders on the pdf
queue through documentos)."""

from celery import shared_task

from exportaciones import services


@shared_task(name="exportaciones.generar_informe")
def generar_informe(informe_id: int) -> bool:
    return services.generar_informe(informe_id)
