"""manage.py verificar_integridad: recomputes PDFs', uploads' and expedientes' integrity data and
reports each mismatch in Spanish, with a summary and exit code 1."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documentos.services import emitir_documento, guardar_subida
from reclamos.models import Actuacion, Reclamo
from tests.documentos.integridad import reclamo_con_documentos
from tests.documentos.muestras import png, subido
from tests.reclamos.test_presentacion import smvm  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def verificar(*argumentos) -> tuple[int, str]:
    salida = io.StringIO()
    try:
        call_command("verificar_integridad", *argumentos, stdout=salida, no_color=True)
    except SystemExit as fin:
        return fin.code, salida.getvalue()
    return 0, salida.getvalue()


@pytest.fixture
def datos(consumidora, agente_admision, proveedor_activo, smvm, django_capture_on_commit_callbacks):  # noqa: F811
    return reclamo_con_documentos(consumidora, agente_admision, django_capture_on_commit_callbacks)


def test_sin_alteraciones_no_informa_diferencias(datos):
    _, documentos, _ = datos
    assert documentos, "la presentación emite al menos la constancia"
    codigo, salida = verificar()
    assert codigo == 0, salida
    assert f"Verificados: {len(documentos)} documentos emitidos" in salida
    assert "1 archivos subidos, 1 expedientes" in salida
    assert "Diferencias: 0 " in salida


def test_un_pdf_alterado_y_un_archivo_faltante(datos):
    _, documentos, archivo = datos
    alterado = documentos[0]
    ruta = default_storage.path(alterado.archivo.name)
    with open(ruta, "r+b") as pdf:
        pdf.seek(20)
        byte = pdf.read(1)
        pdf.seek(20)
        pdf.write(bytes([byte[0] ^ 0xFF]))
    default_storage.delete(archivo.archivo.name)

    codigo, salida = verificar()

    assert codigo == 1
    lineas = salida.splitlines()
    [linea_alterado] = [linea for linea in lineas if linea.startswith("ALTERADO:")]
    assert f"N.º {alterado.numero_visible}" in linea_alterado
    assert alterado.archivo.name in linea_alterado
    assert alterado.sha256 in linea_alterado
    [linea_falta] = [linea for linea in lineas if linea.startswith("FALTA:")]
    assert "factura.png" in linea_falta and archivo.archivo.name in linea_falta
    assert (
        "Diferencias: 2 (archivos faltantes: 1, archivos alterados: 1, "
        "cadenas de expediente rotas: 0)." in salida
    )


def test_una_transicion_borrada_o_un_estado_sin_actuacion_rompen_la_cadena(datos):
    reclamo, _, _ = datos
    transiciones = list(
        Actuacion.objects.filter(reclamo=reclamo).exclude(estado_hacia="").order_by("pk")
    )
    assert len(transiciones) == 3  # presented, admitted, waiting for the draw
    # Tampering outside the portal: the ORM refuses to delete an expediente entry.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM reclamos_actuacion WHERE id = %s", [transiciones[1].pk])
    Reclamo.objects.filter(pk=reclamo.pk).update(estado="DESISTIDO")

    codigo, salida = verificar()

    assert codigo == 1
    rotas = [linea for linea in salida.splitlines() if linea.startswith("CADENA ROTA:")]
    assert rotas == [
        f"CADENA ROTA: expediente {reclamo.numero}: la actuación {transiciones[2].pk} parte de "
        f"«{transiciones[2].estado_desde}» pero la anterior terminó en "
        f"«{transiciones[0].estado_hacia}».",
        f"CADENA ROTA: expediente {reclamo.numero}: la última transición termina en "
        f"«{transiciones[2].estado_hacia}» pero el reclamo está en «DESISTIDO».",
    ]
    assert "cadenas de expediente rotas: 2)." in salida


def test_la_salida_es_acotada_y_el_resumen_cuenta_todo(datos):
    _, documentos, archivo = datos
    for documento in documentos:
        default_storage.delete(documento.archivo.name)
    default_storage.delete(archivo.archivo.name)
    total = len(documentos) + 1

    codigo, salida = verificar("--maximo-lineas", "1")

    assert codigo == 1
    assert len([linea for linea in salida.splitlines() if linea.startswith("FALTA:")]) == 1
    assert f"… y {total - 1} diferencias más sin mostrar." in salida
    assert f"Diferencias: {total} (archivos faltantes: {total}," in salida


def _consultas() -> int:
    with CaptureQueriesContext(connection) as consultas:
        codigo, salida = verificar()
    assert codigo == 0, salida
    return len(consultas)


def test_las_consultas_no_crecen_con_las_filas(
    datos, consumidora, agente_admision, django_capture_on_commit_callbacks
):
    reclamo, _, _ = datos
    antes = _consultas()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            emitir_documento(
                tipo="generico",
                plantilla="generico",
                snapshot={"texto": "Consta."},
                por=agente_admision,
                titulo="Constancia",
            )
    for _ in range(2):
        guardar_subida(subido("foto.png", png(), "image/png"), por=consumidora, sujeto=reclamo)

    # iterator() over values: one query per table, whatever the number of rows.
    assert _consultas() == antes <= 3
