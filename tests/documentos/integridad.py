"""Data for the integrity and backup tests, made through the real services: a filed and admitted
claim (its documents rendered to PDF by the eager render task) and an uploaded file."""

from django.db import transaction

from documentos.models import ArchivoSubido, Documento
from documentos.services import guardar_subida
from reclamos import expediente
from reclamos.services import admision, presentacion
from tests.documentos.muestras import png, subido
from tests.reclamos.test_presentacion import DATOS, PROVEEDOR


def reclamo_con_documentos(consumidora, agente_admision, capturar_on_commit):
    """Returns (reclamo, documentos rendered, upload). `capturar_on_commit` is pytest-django's
    django_capture_on_commit_callbacks (None in transactional tests, where commits are real)."""
    reclamo = presentacion.iniciar_borrador(consumidor=consumidora, por=consumidora)
    presentacion.guardar_borrador(reclamo, por=consumidora, paso="revision", datos=DATOS)
    presentacion.guardar_proveedores(reclamo, por=consumidora, proveedores=[PROVEEDOR])

    def actos():
        presentacion.presentar_reclamo(reclamo, por=consumidora)
        reclamo.refresh_from_db()
        admision.admitir_reclamo(reclamo, por=agente_admision)
        with transaction.atomic():
            archivo = guardar_subida(
                subido("factura.png", png(), "image/png"), por=consumidora, sujeto=reclamo
            )
            expediente.documento_agregado(
                reclamo, por=consumidora, nombre=archivo.nombre_original, archivo_id=archivo.pk
            )

    if capturar_on_commit is None:
        actos()
    else:
        with capturar_on_commit(execute=True):
            actos()
    reclamo.refresh_from_db()
    documentos = list(Documento.objects.exclude(sha256="").order_by("pk"))
    return reclamo, documentos, ArchivoSubido.objects.get(sujeto_id=reclamo.pk)
