"""The cache is not a single point of failure (issue 18): a real redis-server started by the test on
a port of its own, then stopped. Pages, logins (allauth's rate limits), API reads and writes (DRF
throttles, idempotency) keep answering quickly; /readyz names the cache as degraded and still says
200; when Redis returns the cache is used again."""

import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.urls import reverse
from rest_framework.test import APIClient

from conciliacion import cache as cache_tolerante
from cuentas import services as cuentas
from cuentas.models import Membresia, Organizacion
from cuentas.roles import Rol
from tests.conftest import CONTRASENA, crear_usuario
from tests.reclamos.test_api import CUERPO

pytestmark = pytest.mark.django_db

REDIS_SERVER = shutil.which("redis-server")
LIMITE = 2.0  # seconds each request may take with the cache down


def _puerto_libre() -> int:
    for puerto in range(6400, 6500):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", puerto)) != 0:
                return puerto
    raise RuntimeError("no free port in 6400-6499")


class ServidorRedis:
    def __init__(self):
        self.puerto = _puerto_libre()
        self.proceso = None

    def iniciar(self):
        argumentos = ["--port", str(self.puerto), "--bind", "127.0.0.1", "--save", ""]
        argumentos += ["--appendonly", "no"]
        self.proceso = subprocess.Popen(  # noqa: S603
            [REDIS_SERVER, *argumentos], stdout=subprocess.DEVNULL
        )
        cliente = redis.Redis(port=self.puerto, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                if cliente.ping():
                    return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def detener(self):
        self.proceso.terminate()
        self.proceso.wait(timeout=10)

    def claves(self) -> int:
        return redis.Redis(port=self.puerto).dbsize()


@pytest.fixture
def redis_propio(settings):
    if REDIS_SERVER is None:
        pytest.skip("redis-server no está instalado (apt-get install redis-server)")
    servidor = ServidorRedis()
    servidor.iniciar()
    settings.CACHES = {
        "default": {
            "BACKEND": "conciliacion.cache.CacheTolerante",
            "LOCATION": f"redis://127.0.0.1:{servidor.puerto}/0",
            "OPTIONS": {"ESPERA": 0.5, "PAUSA_TRAS_FALLO": 1},
        }
    }
    yield servidor
    if servidor.proceso.poll() is None:
        servidor.detener()
    # The breaker's state and the local stand-in live for the process: leave none behind.
    from django.core.cache import caches

    caches["default"]._local.clear()
    cache_tolerante._ESTADOS.clear()


@pytest.fixture
def clave_api(db):
    org = Organizacion.objects.create(
        tipo=Organizacion.Tipo.ASOCIACION,
        tipo_identificador="CUIT",
        identificador="30700000016",
        razon_social="Consumidores Unidos",
        estado=Organizacion.Estado.ACTIVA,
    )
    usuario = crear_usuario("gestora@consumidores.example", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=usuario, organizacion=org, es_administrador=True)
    _, texto = cuentas.crear_clave_api(org, por=usuario, nombre="carga")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Clave {texto}")
    return api


def _medido(hacer):
    inicio = time.monotonic()
    respuesta = hacer()
    return respuesta, time.monotonic() - inicio


def _recorrido(client, api, n: int) -> list[tuple[str, int, float]]:
    """A login (allauth rate limits), a page, an API read and an idempotent API write."""
    client.logout()
    pasos = [
        (
            "ingreso",
            lambda: client.post(
                reverse("account_login"),
                {"login": "consumidora@example.com", "password": CONTRASENA},
            ),
        ),
        ("pagina", lambda: client.get(reverse("portal:inicio"))),
        ("api_lectura", lambda: api.get("/api/v1/reclamos/")),
        (
            "api_escritura",
            lambda: api.post(
                "/api/v1/reclamos/",
                {**CUERPO, "email": f"victor{n}@example.com"},
                format="json",
                headers={"Idempotency-Key": f"carga-{n}"},
            ),
        ),
    ]
    resultados = []
    for nombre, hacer in pasos:
        respuesta, segundos = _medido(hacer)
        resultados.append((nombre, respuesta.status_code, segundos))
    return resultados


def test_sin_redis_el_portal_y_la_api_siguen_respondiendo(client, clave_api, redis_propio):
    crear_usuario("consumidora@example.com", Rol.CONSUMIDOR)

    # Redis up: the counters really live in Redis.
    antes = _recorrido(client, clave_api, 1)
    assert [(n, c) for n, c, _ in antes] == [
        ("ingreso", 302),
        ("pagina", 200),
        ("api_lectura", 200),
        ("api_escritura", 202),
    ], antes
    assert redis_propio.claves() > 0
    listo = client.get("/readyz").json()
    assert listo["checks"]["cache"] == {"ok": True, "estado": "ok", "detalle": "ok"}

    redis_propio.detener()
    for ronda in range(2, 5):  # the first round meets the dead host, the next ones the breaker
        durante = _recorrido(client, clave_api, ronda)
        assert [(n, c) for n, c, _ in durante] == [
            ("ingreso", 302),
            ("pagina", 200),
            ("api_lectura", 200),
            ("api_escritura", 202),
        ], durante
        lentos = [(n, s) for n, _, s in durante if s >= LIMITE]
        assert lentos == [], durante
    # The same idempotent write replays its stored answer rather than creating a second claim.
    repetida = clave_api.post(
        "/api/v1/reclamos/",
        {**CUERPO, "email": "victor4@example.com"},
        format="json",
        headers={"Idempotency-Key": "carga-4"},
    )
    assert repetida.status_code == 202

    respuesta, segundos = _medido(lambda: client.get("/readyz"))
    cuerpo = respuesta.json()
    assert respuesta.status_code == 200, cuerpo
    assert segundos < LIMITE + 5  # plus the queue check's own wait for a worker
    assert cuerpo["checks"]["cache"]["estado"] == "degradado"
    assert "Redis no responde" in cuerpo["checks"]["cache"]["detalle"]
    assert cuerpo["checks"]["base_de_datos"]["estado"] == "ok"

    # Redis returns (empty, as after a restart without persistence): the cache uses it again.
    redis_propio.iniciar()
    time.sleep(1.1)  # the breaker's pause
    despues = _recorrido(client, clave_api, 5)
    assert [c for _, c, _ in despues] == [302, 200, 200, 202], despues
    assert redis_propio.claves() > 0
    assert client.get("/readyz").json()["checks"]["cache"]["estado"] == "ok"


def test_los_limites_de_ingreso_siguen_valiendo_sin_redis(client, redis_propio):
    """While Redis is away the per-account lockout is kept by the local fallback: it fails open
    to a local limit, not to no limit."""
    crear_usuario("consumidora@example.com", Rol.CONSUMIDOR)
    redis_propio.detener()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "consumidora@example.com", "password": "x"})
    respuesta = client.post(
        reverse("account_login"), {"login": "consumidora@example.com", "password": CONTRASENA}
    )
    assert respuesta.status_code == 200  # the form again, with the lockout message
    assert "_auth_user_id" not in client.session
