"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Fixtures:
- `navegador`: one Chromium shared by the tests of a module.
- `pagina`: a fresh context and page per test (es-AR, Buenos Aires time); it records console
  errors, CSP violations and any request that leaves the live server in `pagina.problemas`.
- `ingresar_como(usuario)`: logs a persona in through the real login form, typing the TOTP code
  on the second step for staff and conciliators (it enrols TOTP first if they have none).
- `captura(pagina, nombre)`: a full-page screenshot under artefactos/capturas/ (gitignored).

Never `playwright install`: the browser is /usr/bin/chromium (`make chromium` installs it).
"""

import os
import re
import threading
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import connections
from django.test.utils import override_settings

from tests.conftest import CONTRASENA, activar_mfa, codigo_totp

# Playwright's sync API keeps an event loop open in this thread; Django refuses ORM calls from a
# thread with a running loop unless told this is deliberate (the test and the loop never share
# a connection concurrently: Playwright only runs while the test waits on it).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
ARGUMENTOS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
CAPTURAS = Path(settings.BASE_DIR) / "artefactos" / "capturas"


@pytest.fixture(scope="session")
def _medios_fuera_del_servidor():
    """MEDIA_URL is None on purpose (uploads are private, served only after an access check),
    but the live server wraps the site in a media-files handler that needs a URL. An absolute
    URL on another host makes that handler step aside for every request; the real value is
    restored as soon as the server has started (the handler reads it only then)."""
    ajuste = override_settings(MEDIA_URL="http://medios.invalid/")
    ajuste.enable()
    return ajuste


@pytest.fixture(scope="session")
def live_server(django_db_setup, _medios_fuera_del_servidor, live_server):
    # Requesting django_db_setup first makes the server stop before the test database is
    # dropped (PostgreSQL refuses to drop a database with open connections).
    _medios_fuera_del_servidor.disable()
    return live_server


@pytest.fixture(scope="module")
def navegador():
    """One Chromium per test module. While Playwright's sync API is started, its event loop runs
    in this thread, and a second `sync_playwright()` (as a module that manages its own browser
    does) or any `asyncio.run` would refuse to start: so the browser never outlives its module."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Falta {CHROMIUM}: instalalo con `make chromium` (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    navegador = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTOS)
    yield navegador
    navegador.close()
    playwright.stop()
    connections.close_all()


def _registrar_problemas(pagina, origen: str) -> list[str]:
    problemas: list[str] = []

    def en_consola(mensaje):
        # The browser reports the 4xx/5xx a test asked for on purpose as a failed load.
        if mensaje.type == "error" and "status of 40" not in mensaje.text:
            problemas.append(f"consola: {mensaje.text}")

    def en_pedido(pedido):
        if not pedido.url.startswith((origen, "data:", "blob:")):
            problemas.append(f"pedido externo: {pedido.url}")

    pagina.on("console", en_consola)
    pagina.on("pageerror", lambda error: problemas.append(f"javascript: {error}"))
    pagina.on("request", en_pedido)
    return problemas


def _esperar_hilos_del_servidor():
    """Request threads are daemons the live server does not join: let them finish (and close
    their database connection) before the next test flushes the database."""
    for hilo in threading.enumerate():
        if "process_request_thread" in hilo.name:
            hilo.join(timeout=10)


@pytest.fixture
def pagina(navegador, live_server):
    contexto = navegador.new_context(
        locale="es-AR",
        timezone_id="America/Argentina/Buenos_Aires",
        viewport={"width": 1280, "height": 900},
        base_url=live_server.url,
    )
    pagina = contexto.new_page()
    pagina.set_default_timeout(20000)
    pagina.problemas = _registrar_problemas(pagina, live_server.url)
    yield pagina
    contexto.close()
    _esperar_hilos_del_servidor()
    connections.close_all()


def ingresar(pagina, usuario, *, contrasena: str = CONTRASENA, secreto: str | None = None):
    """Logs `usuario` in through the login form; staff and conciliators also type the code of
    their authenticator app (enrolled here with activar_mfa when they have none)."""
    if usuario.requiere_mfa and secreto is None:
        Authenticator.objects.filter(user=usuario, type=Authenticator.Type.TOTP).delete()
        secreto = activar_mfa(usuario)
    pagina.goto("/cuentas/login/")
    pagina.get_by_label("Correo electrónico").fill(usuario.email)
    pagina.get_by_label(re.compile(r"^Contraseña")).fill(contrasena)
    pagina.get_by_role("button", name="Ingresar").click()
    if secreto:
        pagina.get_by_role("heading", name="Verificación en dos pasos").wait_for()
        pagina.get_by_label("Código").fill(codigo_totp(secreto))
        pagina.get_by_role("button", name="Verificar e ingresar").click()
    pagina.get_by_role("button", name="Salir").wait_for()
    return secreto


@pytest.fixture
def ingresar_como(pagina):
    def _ingresar(usuario, **opciones):
        return ingresar(pagina, usuario, **opciones)

    return _ingresar


def captura(pagina, nombre: str) -> Path:
    """Saves a full-page screenshot as a test artifact: artefactos/capturas/<nombre>.png."""
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    ruta = CAPTURAS / f"{nombre}.png"
    pagina.screenshot(path=str(ruta), full_page=True)
    return ruta
