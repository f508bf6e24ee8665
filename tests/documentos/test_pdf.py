"""Rendering: on the pdf queue, after commit, once; text, footer, QR and PDF/A; a url_fetcher
that never leaves our static files."""

import hashlib
import http.server
import io
import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import transaction
from pypdf import PdfReader
from weasyprint import HTML

from conciliacion.celery import app as celery_app
from documentos import services
from documentos.models import Documento
from documentos.pdf import FetcherEstatico, html_del_documento, ruta_estatica
from documentos.services import emitir_documento

SNAPSHOT = {
    "texto": "Se deja constancia de que Lucía Fernández presentó el reclamo COPREC-2026-000042.",
    "datos": [["Proveedor", "Telefonía Ejemplo S.A."], ["Monto reclamado", "$ 150.000,00"]],
}


def _emitir(por):
    return emitir_documento(
        tipo="constancia_presentacion",
        plantilla="generico",
        snapshot=SNAPSHOT,
        por=por,
        titulo="Constancia de presentación",
    )


def _texto(documento) -> str:
    with documento.archivo.open("rb") as archivo:
        lector = PdfReader(io.BytesIO(archivo.read()))
    return "\n".join(pagina.extract_text() for pagina in lector.pages)


def _assert_pdf_correcto(documento):
    with documento.archivo.open("rb") as archivo:
        contenido = archivo.read()
    assert contenido.startswith(b"%PDF-")
    assert hashlib.sha256(contenido).hexdigest() == documento.sha256
    texto = _texto(documento)
    assert "Lucía Fernández presentó el reclamo COPREC-2026-000042" in texto
    assert "Telefonía Ejemplo S.A." in texto and "$ 150.000,00" in texto
    assert "Página 1 de 1" in texto
    assert f"N.º {documento.numero_visible}" in texto
    assert documento.codigo in texto
    assert f"{settings.SITE_URL}/verificar/{documento.codigo}" in texto


def test_se_renderiza_al_confirmar_con_texto_pie_y_hash(
    agente_admision, media_privada, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        documento = _emitir(agente_admision)
        assert not documento.renderizado
    documento.refresh_from_db()
    assert documento.renderizado and documento.renderizado_en
    assert documento.archivo.name.startswith(f"documentos/{documento.anio}/")
    assert (media_privada / documento.archivo.name).is_file()
    _assert_pdf_correcto(documento)


def test_el_pdf_es_pdf_a_en_castellano_y_a4(agente_admision, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        documento = _emitir(agente_admision)
    documento.refresh_from_db()
    with documento.archivo.open("rb") as archivo:
        lector = PdfReader(io.BytesIO(archivo.read()))
    raiz = lector.trailer["/Root"]
    xmp = raiz["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="B"' in xmp
    assert raiz["/OutputIntents"]
    assert str(raiz["/Lang"]).startswith("es")
    ancho, alto = lector.pages[0].mediabox.width, lector.pages[0].mediabox.height
    assert (round(float(ancho)), round(float(alto))) == (595, 842)  # A4 in points
    assert lector.metadata.title == "Constancia de presentación"


def test_el_html_lleva_el_qr_hacia_la_verificacion(agente_admision):
    documento = _emitir(agente_admision)
    html = html_del_documento(documento)
    assert 'src="data:image/svg+xml;base64,' in html


def test_una_segunda_ejecucion_no_hace_nada(agente_admision, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        documento = _emitir(agente_admision)
    documento.refresh_from_db()
    antes = (documento.archivo.name, documento.sha256)
    assert services.renderizar_documento(documento.pk) is False
    documento.refresh_from_db()
    assert (documento.archivo.name, documento.sha256) == antes


def test_si_otra_ejecucion_gano_la_carrera_se_descarta_la_copia(
    agente_admision, media_privada, monkeypatch
):
    documento = _emitir(agente_admision)
    from documentos import pdf

    original = pdf.renderizar_pdf

    def renderiza_y_otro_gana(doc):
        contenido = original(doc)
        Documento.objects.filter(pk=doc.pk).update(sha256="0" * 64, archivo="documentos/otro.pdf")
        return contenido

    monkeypatch.setattr(pdf, "renderizar_pdf", renderiza_y_otro_gana)
    assert services.renderizar_documento(documento.pk) is False
    assert not list((media_privada / "documentos").rglob("*.pdf"))


def test_la_tarea_va_a_la_cola_pdf():
    ruta = celery_app.amqp.router.route({}, "documentos.renderizar_documento")
    assert ruta["queue"].name == "pdf"


@pytest.mark.django_db(transaction=True)
def test_un_trabajador_que_solo_escucha_la_cola_pdf_lo_renderiza(agente_admision):
    import rest_framework.views  # noqa: F401  (see tests/conftest.py trabajador_celery)

    celery_app.conf.task_always_eager = False
    with start_worker(
        celery_app, pool="solo", perform_ping_check=False, queues=["pdf"], loglevel="WARNING"
    ):
        with transaction.atomic():
            documento = _emitir(agente_admision)
        limite = time.monotonic() + 60
        while time.monotonic() < limite:
            documento.refresh_from_db()
            if documento.renderizado:
                break
            time.sleep(0.2)
    assert documento.renderizado
    _assert_pdf_correcto(documento)


@pytest.mark.django_db(transaction=True)
def test_con_el_trabajador_compartido_tambien(agente_admision, trabajador_celery):
    with transaction.atomic():
        documento = _emitir(agente_admision)
    limite = time.monotonic() + 60
    while time.monotonic() < limite and not documento.renderizado:
        time.sleep(0.2)
        documento.refresh_from_db()
    _assert_pdf_correcto(documento)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "ftp://example.com/x.css",
        f"{settings.SITE_URL}/admin/",
        f"{settings.SITE_URL}/static/../../conciliacion/settings.py",
        f"{settings.SITE_URL}/static/%2e%2e/%2e%2e/conciliacion/settings.py",
        f"{settings.SITE_URL}/static/css/portal.css?x=1",
        "http://otro.example/static/css/portal.css",
    ],
)
def test_el_url_fetcher_rechaza_todo_lo_que_no_sea_nuestro_estatico(url):
    with pytest.raises(ValueError):
        FetcherEstatico().fetch(url)


def test_el_url_fetcher_sirve_nuestros_estaticos_y_data_uris():
    respuesta = FetcherEstatico().fetch(f"{settings.SITE_URL}/static/css/portal.css")
    assert (
        respuesta.read() == ruta_estatica(f"{settings.SITE_URL}/static/css/portal.css").read_bytes()
    )
    assert respuesta.content_type == "text/css"
    assert FetcherEstatico().fetch("data:text/plain;base64,aG9sYQ==").read() == b"hola"


def test_renderizar_html_con_recursos_externos_no_hace_pedidos():
    pedidos = []

    class Manejador(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            pedidos.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    servidor = http.server.HTTPServer(("127.0.0.1", 0), Manejador)
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    try:
        externo = f"http://127.0.0.1:{servidor.server_port}"
        html = (
            f'<link rel="stylesheet" href="{externo}/estilo.css">'
            f'<style>@import url("{externo}/importado.css");</style>'
            f'<img src="{externo}/imagen.png"><p>hola</p>'
        )
        pdf = HTML(
            string=html, base_url=settings.SITE_URL, url_fetcher=FetcherEstatico()
        ).write_pdf()
    finally:
        servidor.shutdown()
        servidor.server_close()
    assert pdf.startswith(b"%PDF-")
    assert pedidos == []
