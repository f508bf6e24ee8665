"""Browser tests of the Libro de Reclamaciones (Playwright on Debian's Chromium, live server):
a consumer files a hoja from the provider's public page and accepts a proposal; a provider
answers within the plazo. The module brings its own browser fixture so it runs on its own."""

import os
import re
import threading
from urllib.parse import urlsplit

import pytest
from django.db import connections

from libro import services
from libro.estados import EstadoHoja
from libro.models import Hoja
from plazos.models import Plazo
from plazos.selectors import plazos_de
from tests.conftest import CONTRASENA
from tests.libro.conftest import crear_libro, crear_proveedor_pe, crear_representante, presentar

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def servidor(transactional_db):
    """A live server without Django's media handler: MEDIA_URL is None here on purpose (uploads
    are private and served only after an access check), which that handler cannot parse."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.testcases import LiveServerThread

    hilo = LiveServerThread("localhost", lambda _app: StaticFilesHandler(WSGIHandler()))
    hilo.daemon = True
    hilo.start()
    hilo.is_ready.wait()
    if hilo.error:
        raise hilo.error
    yield f"http://localhost:{hilo.port}"
    hilo.terminate()
    # Request threads are daemons the server does not join: let them finish (and close their
    # database connection) before pytest-django drops the PostgreSQL test database.
    for otro in threading.enumerate():
        if "process_request_thread" in otro.name:
            otro.join(timeout=10)


@pytest.fixture
def libro_y_representante(transactional_db):
    proveedor = crear_proveedor_pe()
    return crear_libro(proveedor), crear_representante("jorge@andina.example.pe", proveedor)


@pytest.fixture
def pagina_libro(servidor, monkeypatch):
    """A fresh Chromium page; Playwright's sync API runs an event loop in this thread."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Falta {CHROMIUM}: instalalo con `make chromium`.")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        navegador = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        )
        contexto = navegador.new_context(locale="es-PE")
        pagina = contexto.new_page()
        pagina.set_default_timeout(20000)
        yield pagina
        contexto.close()
        navegador.close()
        # Inside Playwright's block the test's queries ran on a connection of their own
        # context: close it here, or PostgreSQL refuses to drop the test database.
        connections.close_all()


def _llenar_hoja(pagina):
    pagina.get_by_label("Nombres").fill("Carmen")
    pagina.get_by_label("Apellidos").fill("Huamán Torres")
    pagina.locator("select[name=tipo_documento]").select_option("DNI")
    pagina.get_by_label("Número de documento").fill("45678912")
    pagina.locator("input[name=domicilio]").fill("Jr. Junín 345, Cercado de Lima")
    pagina.get_by_label("Teléfono").fill("987654321")
    pagina.locator("input[name=email]").fill("carmen@example.pe")
    pagina.get_by_label("Producto", exact=True).check()
    pagina.get_by_label("Monto reclamado (S/)").fill("1,234.50")
    pagina.get_by_label("Descripción del producto o servicio").fill("Refrigeradora de 300 litros.")
    pagina.get_by_role("radio", name=re.compile("Reclamo: disconformidad relacionada")).check()
    pagina.get_by_label("Detalle del reclamo o queja").fill("Llegó abollada y no enfría.")
    pagina.get_by_label("Pedido: ¿qué solicita al proveedor?").fill("Cambio del producto.")
    pagina.locator("input[name=medio_respuesta][value=email]").check()
    pagina.get_by_label(re.compile("Declaro que los datos")).check()


def test_consumidor_presenta_la_hoja_y_acepta_la_propuesta(
    servidor, pagina_libro, libro_y_representante, mailoutbox
):
    _libro, representante = libro_y_representante
    pagina = pagina_libro
    pagina.goto(f"{servidor}/libro/andina-web/")
    assert pagina.get_by_role("heading", name="Hoja de reclamación").is_visible()
    assert pagina.get_by_text(
        "malestar o descontento respecto a la atención al público"
    ).first.is_visible()
    _llenar_hoja(pagina)
    pagina.screenshot(path=_artefacto("libro-hoja-publica.png"), full_page=True)
    pagina.get_by_role("button", name="Registrar hoja de reclamación").click()
    pagina.get_by_text("quedó registrada").wait_for()
    enlace = pagina.url
    assert "/libro/hoja/" in enlace
    assert pagina.get_by_text("S/ 1,234.50").is_visible()
    hoja = Hoja.objects.get()
    # The constancia carries the signed link (under SITE_URL, not the test server's address).
    assert any(urlsplit(enlace).path in m.body for m in mailoutbox)

    services.enviar_propuesta(hoja, texto="Le cambiamos la refrigeradora.", por=representante)

    pagina.goto(enlace)
    assert pagina.locator(".propuesta-texto").inner_text() == "Le cambiamos la refrigeradora."
    pagina.get_by_label("Acepto la propuesta").check()
    pagina.get_by_role("button", name="Enviar mi decisión").click()
    pagina.get_by_text("Registramos su aceptación").wait_for()
    assert pagina.get_by_text("Cerrada: acuerdo aceptado").first.is_visible()
    hoja.refresh_from_db()
    assert hoja.estado == EstadoHoja.ACUERDO_ACEPTADO
    pagina.screenshot(path=_artefacto("libro-propuesta-aceptada.png"), full_page=True)


def test_proveedor_responde_dentro_del_plazo(
    servidor, pagina_libro, libro_y_representante, mailoutbox
):
    libro, representante = libro_y_representante
    hoja = presentar(libro)
    pagina = pagina_libro
    pagina.goto(f"{servidor}/cuentas/login/")
    pagina.locator("input[name=login]").fill(representante.email)
    pagina.locator("input[name=password]").fill(CONTRASENA)
    pagina.locator("input[name=password]").press("Enter")
    pagina.wait_for_load_state()
    pagina.goto(f"{servidor}/libro/panel/")
    fila = pagina.locator("table.cola-libro tbody tr").first
    assert f"{hoja.vence_respuesta:%d/%m/%Y}" in fila.inner_text()
    pagina.screenshot(path=_artefacto("libro-panel.png"), full_page=True)
    fila.get_by_role("link", name=hoja.numero).click()
    pagina.get_by_label("Respuesta formal y acciones adoptadas").fill(
        "Le cambiaremos la refrigeradora el lunes."
    )
    pagina.get_by_role("button", name="Registrar respuesta y cerrar la hoja").click()
    pagina.get_by_text("Respuesta formal registrada").wait_for()
    assert pagina.get_by_text("Cerrada: respondida").first.is_visible()
    hoja.refresh_from_db()
    assert hoja.estado == EstadoHoja.RESPONDIDA and not hoja.vencida
    pe01 = next(p for p in plazos_de(hoja) if p.tipo == "PE-01")
    assert pe01.estado == Plazo.Estado.CUMPLIDO
    assert any("Le cambiaremos la refrigeradora el lunes." in m.body for m in mailoutbox)
    pagina.screenshot(path=_artefacto("libro-hoja-respondida.png"), full_page=True)


def _artefacto(nombre: str) -> str:
    carpeta = os.path.join(os.path.dirname(__file__), "..", "..", "var", "artefactos")
    os.makedirs(carpeta, exist_ok=True)
    return os.path.join(carpeta, nombre)
