"""Fixtures of the job tests: a private MEDIA_ROOT, a Celery app pointed at a given broker and a
redis-server of the test's own (never the machine's shared one)."""

import shutil
import socket
import subprocess
import time

import pytest
import redis

from conciliacion.celery import app as celery_app


@pytest.fixture(autouse=True)
def media_privada(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "privado"
    return settings.MEDIA_ROOT


def _reiniciar_conexiones() -> None:
    from conciliacion.trabajos import reanudar

    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    reanudar()


@pytest.fixture
def broker_en(settings):
    """Points the Celery app at `url` (Redis transport, the production timeouts), not eager.
    Restores the app afterwards."""
    anterior = {
        k: celery_app.conf[k]
        for k in ("broker_url", "broker_transport_options", "broker_write_url", "broker_read_url")
    }

    def apuntar(url: str) -> None:
        celery_app.conf.broker_url = url
        celery_app.conf.broker_write_url = url
        celery_app.conf.broker_read_url = url
        # The Redis options of conciliacion.settings, with the test run's key prefix (a worker
        # process the test starts reads the same settings).
        celery_app.conf.broker_transport_options = {
            **settings.OPCIONES_BROKER_REDIS,
            "global_keyprefix": f"{settings.ESTADO_DIR.name}:",
        }
        celery_app.conf.task_always_eager = False
        _reiniciar_conexiones()

    yield apuntar
    for clave, valor in anterior.items():
        celery_app.conf[clave] = valor
    _reiniciar_conexiones()


def puertos_libres(desde: int = 6390):
    for puerto in range(desde, desde + 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", puerto))
            except OSError:
                continue
        yield puerto


class RedisPropio:
    """A redis-server of this test only: no persistence, so a restart loses every message
    (the worst case the recovery must survive)."""

    def __init__(self, puerto: int):
        self.puerto = puerto
        self.url = f"redis://127.0.0.1:{puerto}/0"
        self.proceso = None

    def iniciar(self) -> None:
        # A fixed argument list with the absolute path of the installed server: nothing untrusted.
        self.proceso = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(self.puerto),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        cliente = redis.Redis(port=self.puerto, socket_connect_timeout=0.5)
        for _ in range(200):
            if self.proceso.poll() is not None:  # could not bind: the port was taken meanwhile
                raise OSError(f"redis-server no pudo usar el puerto {self.puerto}")
            try:
                if cliente.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server no arrancó en el puerto {self.puerto}")

    def detener(self) -> None:
        if self.proceso is not None and self.proceso.poll() is None:
            self.proceso.terminate()
            self.proceso.wait(timeout=10)
        self.proceso = None


@pytest.fixture
def redis_propio():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server no está instalado en esta máquina")
    for puerto in puertos_libres():
        servidor = RedisPropio(puerto)
        try:
            servidor.iniciar()
            break
        except OSError:
            continue  # another test run took the port between the check and the start
    else:
        raise RuntimeError("ningún puerto libre para redis-server desde 6390")
    yield servidor
    servidor.detener()
