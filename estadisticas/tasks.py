from celery import shared_task


@shared_task(name="estadisticas.refrescar_cifras")
def refrescar_cifras(completo: bool = False) -> int:
    from estadisticas.refresco import refrescar

    return refrescar(completo=completo)
