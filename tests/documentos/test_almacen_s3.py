"""Uploads and issued PDFs through the real django-storages S3 backend (decision 0029): a file a
consumer uploads to her claim and a PDF the portal issues for it land in the bucket (not under
MEDIA_ROOT) and come back only to who may see the claim, through the same views and checks as
the filesystem path. Needs an S3-compatible server: `.ci/run` starts moto's and sets
ALMACEN_S3_PRUEBAS_ENDPOINT (and REQUIERE_S3=1, so CI fails instead of skipping)."""

import hashlib
import os
import uuid

import boto3
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from documentos.models import ArchivoSubido
from documentos.services import emitir_documento
from tests.documentos.muestras import pdf_en_blanco, subido
from tests.reclamos.factories import reclamo_en

pytestmark = [pytest.mark.s3, pytest.mark.django_db]

CREDENCIALES = {"ALMACEN_S3_ACCESS_KEY": "prueba", "ALMACEN_S3_SECRET_KEY": "prueba"}


@pytest.fixture
def bucket(settings):
    """A bucket of its own for the test, configured as the default storage the way production
    is (conciliacion.settings.almacen_s3 from the environment); removed afterwards."""
    from conciliacion.settings import almacen_s3

    nombre = f"pruebas-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    entorno = {
        "ALMACEN_S3_BUCKET": nombre,
        "ALMACEN_S3_ENDPOINT": os.environ["ALMACEN_S3_PRUEBAS_ENDPOINT"],
        "ALMACEN_S3_REGION": "us-east-1",
        **CREDENCIALES,
    }
    cliente = boto3.client(
        "s3",
        endpoint_url=entorno["ALMACEN_S3_ENDPOINT"],
        aws_access_key_id="prueba",
        aws_secret_access_key="prueba",
        region_name="us-east-1",
    )
    cliente.create_bucket(Bucket=nombre)
    settings.STORAGES = {**settings.STORAGES, "default": almacen_s3(entorno)}
    yield cliente, nombre
    for objeto in cliente.list_objects_v2(Bucket=nombre).get("Contents", []):
        cliente.delete_object(Bucket=nombre, Key=objeto["Key"])
    cliente.delete_bucket(Bucket=nombre)


def _claves(bucket) -> set[str]:
    cliente, nombre = bucket
    return {o["Key"] for o in cliente.list_objects_v2(Bucket=nombre).get("Contents", [])}


def _bytes(respuesta) -> bytes:
    return b"".join(respuesta.streaming_content)


def test_subir_emitir_y_descargar_por_el_almacen_s3_con_los_mismos_permisos(
    client,
    bucket,
    settings,
    consumidora,
    otra_consumidora,
    proveedor_activo,
    django_capture_on_commit_callbacks,
):
    assert default_storage.__class__.__name__ != "FileSystemStorage"
    reclamo = reclamo_en("EN_CONCILIACION", consumidor=consumidora, organizacion=proveedor_activo)

    # Upload through the claim page, as the consumer.
    client.force_login(consumidora)
    contenido = pdf_en_blanco()
    respuesta = client.post(
        reverse("reclamos:subir_documento", args=[reclamo.pk]),
        {"archivo": subido("factura.pdf", contenido, "application/pdf")},
    )
    assert respuesta.status_code == 302
    archivo = ArchivoSubido.objects.get(sujeto_id=reclamo.pk)
    assert archivo.archivo.name in _claves(bucket)
    assert not (settings.MEDIA_ROOT / archivo.archivo.name).exists()

    # A PDF issued for the claim is rendered (eager task after commit) into the bucket.
    with django_capture_on_commit_callbacks(execute=True):
        documento = emitir_documento(
            tipo="cedula",
            plantilla="generico",
            snapshot={"texto": "Cédula de prueba del almacén S3."},
            por=None,
            sujeto=reclamo,
            titulo="Cédula de prueba",
        )
    documento.refresh_from_db()
    assert documento.renderizado
    assert documento.archivo.name in _claves(bucket)

    # Both come back to the consumer, byte for byte, streamed by the portal after its checks.
    bajado = client.get(reverse("documentos:archivo", args=[archivo.pk]))
    assert bajado.status_code == 200
    assert hashlib.sha256(_bytes(bajado)).hexdigest() == archivo.sha256
    pdf = client.get(documento.get_absolute_url())
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert hashlib.sha256(_bytes(pdf)).hexdigest() == documento.sha256
    assert pdf["Cache-Control"] == "private, no-store"

    # Someone else gets the same 404 as on the filesystem, and no URL of the bucket leaks.
    client.force_login(otra_consumidora)
    assert client.get(reverse("documentos:archivo", args=[archivo.pk])).status_code == 404
    assert client.get(documento.get_absolute_url()).status_code == 404
    client.logout()
    anonimo = client.get(documento.get_absolute_url())
    assert anonimo.status_code == 302 and "amazonaws" not in anonimo["Location"]


def test_el_respaldo_copia_el_bucket_a_un_directorio_y_lo_restaura_en_otro(
    bucket, settings, tmp_path
):
    """scripts/respaldo.sh and restaurar.sh move the objects through `copiar_almacen`."""
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from conciliacion.settings import almacen_s3

    nombres = [
        default_storage.save("documentos/2026/a.pdf", ContentFile(b"%PDF uno")),
        default_storage.save("subidas/2026/b.png", ContentFile(b"png dos")),
    ]
    call_command("copiar_almacen", exportar=str(tmp_path / "copia"))
    assert (tmp_path / "copia" / nombres[0]).read_bytes() == b"%PDF uno"

    cliente, _ = bucket
    otro = f"restaurado-{uuid.uuid4().hex[:8]}"
    cliente.create_bucket(Bucket=otro)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": almacen_s3(
            {
                "ALMACEN_S3_BUCKET": otro,
                "ALMACEN_S3_ENDPOINT": os.environ["ALMACEN_S3_PRUEBAS_ENDPOINT"],
                "ALMACEN_S3_REGION": "us-east-1",
                **CREDENCIALES,
            }
        ),
    }
    try:
        call_command("copiar_almacen", importar=str(tmp_path / "copia"))
        for nombre in nombres:
            with default_storage.open(nombre, "rb") as archivo:
                assert archivo.read() in {b"%PDF uno", b"png dos"}
        assert _claves((cliente, otro)) == set(nombres)
    finally:
        for clave in _claves((cliente, otro)):
            cliente.delete_object(Bucket=otro, Key=clave)
        cliente.delete_bucket(Bucket=otro)
