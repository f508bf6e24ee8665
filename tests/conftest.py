"""Shared fixtures: named personas (STYLE.md), a real Celery worker, mail capture."""

import os

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import connection

from conciliacion.celery import app as celery_app
from cuentas.models import Membresia, Organizacion, Usuario
from cuentas.roles import Rol

CONTRASENA = "clave-de-prueba-123"
POSTGRES_EXIGIDO = os.environ.get("REQUIERE_POSTGRES") == "1"
# The object-store tests (marker s3) need an S3-compatible server; .ci/run starts moto's and
# sets REQUIERE_S3=1, so CI fails rather than skip them.
S3_ENDPOINT = os.environ.get("ALMACEN_S3_PRUEBAS_ENDPOINT", "")
S3_EXIGIDO = os.environ.get("REQUIERE_S3") == "1"


def _marcar_s3(items):
    if S3_ENDPOINT:
        return
    if S3_EXIGIDO:
        raise pytest.UsageError("REQUIERE_S3=1 pero falta ALMACEN_S3_PRUEBAS_ENDPOINT")
    saltar = pytest.mark.skip(
        reason="necesita un servidor S3 (definí ALMACEN_S3_PRUEBAS_ENDPOINT, p. ej. moto_server)"
    )
    for item in items:
        if "s3" in item.keywords:
            item.add_marker(saltar)


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    _marcar_s3(items)
    motor = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in motor:
        return
    if POSTGRES_EXIGIDO:
        raise pytest.UsageError("REQUIERE_POSTGRES=1 pero DATABASE_URL no apunta a PostgreSQL")
    saltar = pytest.mark.skip(reason="necesita PostgreSQL (definí DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(saltar)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """CI fails when a PostgreSQL (or, with REQUIERE_S3=1, an object-store) test was skipped."""
    if S3_EXIGIDO and any(
        "s3" in getattr(r, "keywords", {}) for r in terminalreporter.stats.get("skipped", [])
    ):
        terminalreporter.write_line("ERROR: se saltearon pruebas del almacén S3")
        config._postgres_saltados = True
    if not POSTGRES_EXIGIDO:
        return
    # Collection reports (a module skipped as a whole) carry no keywords.
    saltados = [
        r
        for r in terminalreporter.stats.get("skipped", [])
        if "postgres" in getattr(r, "keywords", {})
    ]
    if saltados:
        terminalreporter.write_line(f"ERROR: {len(saltados)} pruebas de PostgreSQL se saltearon")
        config._postgres_saltados = True


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if getattr(session.config, "_postgres_saltados", False):
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _celery_en_linea(settings):
    """Tasks run eagerly unless a test asks for the real worker (fixture trabajador_celery)."""
    anterior = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = anterior


@pytest.fixture(autouse=True)
def _cache_limpia():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def trabajador_celery(transactional_db):
    """A real Celery worker thread consuming the configured broker (Redis in CI)."""
    # The worker runs Django's system checks; DRF's check imports conciliacion.api, which is
    # circular unless rest_framework.views is already loaded (a request would have loaded it).
    import rest_framework.views  # noqa: F401
    from celery.contrib.testing.worker import start_worker

    celery_app.conf.task_always_eager = False
    with start_worker(
        celery_app,
        pool="solo",
        perform_ping_check=False,
        shutdown_timeout=10,
        loglevel="WARNING",
        queues=["default", "pdf", "notificaciones"],
    ) as worker:
        yield worker


def crear_usuario(email: str, rol: str, *, mfa: bool = False, **extra) -> Usuario:
    usuario = Usuario.objects.create_user(email=email, password=CONTRASENA, rol=rol, **extra)
    EmailAddress.objects.create(user=usuario, email=email, verified=True, primary=True)
    if mfa:
        activar_mfa(usuario)
    return usuario


def activar_mfa(usuario: Usuario) -> str:
    """Enrols TOTP the way allauth does and returns the secret (to compute codes)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secreto = generate_totp_secret()
    TOTP.activate(usuario, secreto)
    return secreto


def codigo_totp(secreto: str, *, margen: float = 8.0) -> str:
    """The current code. When fewer than `margen` seconds of its 30-second step remain, waits for
    the next step first: a code typed at the end of a step would reach the server in the next
    one, where (with no tolerance) it is refused, which made the browser logins flaky on a
    loaded machine."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    periodo = app_settings.TOTP_PERIOD
    restante = periodo - time.time() % periodo
    if restante < margen:
        time.sleep(restante + 0.05)
    contador = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secreto, contador))


@pytest.fixture
def proveedor_activo(db) -> Organizacion:
    return Organizacion.objects.create(
        tipo=Organizacion.Tipo.PROVEEDOR,
        tipo_identificador="CUIT",
        identificador="30712345671",
        razon_social="Telefonía Ejemplo S.A.",
        domicilio_legal="Av. Corrientes 1234, CABA",
        estado=Organizacion.Estado.ACTIVA,
    )


@pytest.fixture
def otro_proveedor(db) -> Organizacion:
    return Organizacion.objects.create(
        tipo=Organizacion.Tipo.PROVEEDOR,
        tipo_identificador="CUIT",
        identificador="30700000016",
        razon_social="Electro Otro S.R.L.",
        domicilio_legal="Florida 100, CABA",
        estado=Organizacion.Estado.ACTIVA,
    )


@pytest.fixture
def consumidora(db) -> Usuario:
    return crear_usuario(
        "lucia@example.com", Rol.CONSUMIDOR, nombre="Lucía", apellido="Fernández", dni="30123456"
    )


@pytest.fixture
def otra_consumidora(db) -> Usuario:
    return crear_usuario("marta@example.com", Rol.CONSUMIDOR, nombre="Marta", apellido="López")


@pytest.fixture
def proveedor(proveedor_activo) -> Usuario:
    """A representative (administrator) of the active provider."""
    usuario = crear_usuario("martin@telefonia.example", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=usuario, organizacion=proveedor_activo, es_administrador=True)
    return usuario


@pytest.fixture
def conciliador(db) -> Usuario:
    return crear_usuario(
        "ana@conciliadores.example", Rol.CONCILIADOR, mfa=True, nombre="Ana", apellido="Pereyra"
    )


@pytest.fixture
def agente_admision(db) -> Usuario:
    return crear_usuario("julian@autoridad.example", Rol.ADMISION, mfa=True)


@pytest.fixture
def homologador(db) -> Usuario:
    return crear_usuario("carla@autoridad.example", Rol.HOMOLOGACION, mfa=True)


@pytest.fixture
def agente_registro(db) -> Usuario:
    return crear_usuario("diego@autoridad.example", Rol.REGISTRO, mfa=True)


@pytest.fixture
def funcionario(db) -> Usuario:
    return crear_usuario("rosa@indecopi.example", Rol.FUNCIONARIO, mfa=True)


@pytest.fixture
def administrador(db) -> Usuario:
    return crear_usuario(
        "sofia@autoridad.example", Rol.ADMINISTRADOR, mfa=True, is_staff=True, is_superuser=True
    )


@pytest.fixture
def extrano(db) -> Usuario:
    """A logged-in consumer with nothing to do with the case at hand."""
    return crear_usuario("extrano@example.com", Rol.CONSUMIDOR)


@pytest.fixture
def es_postgres():
    return connection.vendor == "postgresql"


def sin_mfa(usuario: Usuario) -> Usuario:
    Authenticator.objects.filter(user=usuario).delete()
    return usuario
