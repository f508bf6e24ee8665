"""Fault suite on the real services (Decision 0012): a redis-server of the test's own as the
broker, stopped and started again; a real worker process killed with SIGKILL mid-render.

PostgreSQL only (the worker process must see the test's committed rows); CI runs it there.
"""

import hashlib
import os
import signal
import subprocess
import sys
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings as django_settings
from django.core import mail
from django.core.files.storage import default_storage
from django.db import connection, transaction
from rest_framework.test import APIClient

from conciliacion.celery import app as celery_app
from conciliacion.celery import ping, recuperar_trabajos
from conciliacion.metricas import profundidad_de_colas
from conciliacion.operaciones import recuperar_trabajos as recuperar
from conciliacion.trabajos import publicar_ahora, reanudar
from documentos.models import Documento
from notificaciones.models import Notificacion
from reclamos.estados import Estado
from tests.reclamos.factories import reclamo_en
from tests.trabajos.test_publicacion import emitir

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def esperar(condicion, *, segundos: float, que: str) -> None:
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        if condicion():
            return
        time.sleep(0.2)
    raise AssertionError(f"no ocurrió en {segundos} s: {que}")


def _todo_entregado() -> bool:
    return not Notificacion.objects.filter(estado=Notificacion.Estado.PENDIENTE).exists() and (
        not Documento.objects.filter(sha256="").exists()
    )


def test_con_el_broker_caido_las_escrituras_responden_y_al_volver_nada_se_pierde(
    redis_propio, broker_en, settings, consumidora, proveedor_activo, agente_admision
):
    import rest_framework.views  # noqa: F401  (the worker's checks import the API; see conftest)

    broker_en(redis_propio.url)
    reclamo = reclamo_en(Estado.PRESENTADO, consumidor=consumidora, organizacion=proveedor_activo)
    api = APIClient()
    api.force_login(consumidora)

    # The portal was serving with its broker up: code loaded, a broker connection in the pool,
    # and the same write once with the broker up, as the yardstick of this machine's load.
    assert api.get(f"/api/v1/reclamos/{reclamo.pk}/").status_code == 200
    assert publicar_ahora(ping) is True
    antes = reclamo_en(Estado.PRESENTADO, consumidor=consumidora, organizacion=proveedor_activo)
    comienzo = time.monotonic()
    assert api.post(f"/api/v1/reclamos/{antes.pk}/desistir/").status_code == 200
    con_broker = time.monotonic() - comienzo

    redis_propio.detener()
    comienzo = time.monotonic()
    respuesta = api.post(f"/api/v1/reclamos/{reclamo.pk}/desistir/")
    duracion = time.monotonic() - comienzo
    print(f"escritura con el broker caído: {duracion:.2f} s (con el broker: {con_broker:.2f} s)")
    assert respuesta.status_code == 200, respuesta.content
    # Under 2 s (issue 18); on a machine so loaded that the write alone takes longer, the broker
    # may add at most 1.5 s to it (one 0.5 s connect and one retry; it was 13-32 s).
    assert duracion < max(2, con_broker + 1.5), f"la escritura esperó {duracion:.1f} s al broker"
    lectura = api.get(f"/api/v1/reclamos/{reclamo.pk}/")
    assert lectura.status_code == 200 and lectura.json()["estado"] == Estado.DESISTIDO
    with transaction.atomic():  # an act that issues a document while the broker is down
        documento = emitir(agente_admision)
    avisos = list(Notificacion.objects.values_list("message_id", flat=True))
    assert avisos and Notificacion.objects.filter(estado=Notificacion.Estado.PENDIENTE).count() == (
        len(avisos)
    )

    # Redis comes back empty (no persistence): only the durable rows know what is owed.
    redis_propio.iniciar()
    reanudar()  # the pause after the failed publishes (2 s) need not be waited out here
    settings.NOTIFICACIONES_MARGEN_REENCOLAR = 0
    settings.DOCUMENTOS_RENDER_VENCIDO = 1
    time.sleep(1.1)
    assert publicar_ahora(ping) is True
    assert profundidad_de_colas() == {"default": 1, "pdf": 0, "notificaciones": 0}
    with start_worker(
        celery_app,
        pool="solo",
        perform_ping_check=False,
        shutdown_timeout=10,
        loglevel="WARNING",
        queues=["default", "pdf", "notificaciones"],
    ):
        recuperar_trabajos.apply_async()  # what beat publishes every TRABAJOS_RECUPERAR_CADA
        esperar(_todo_entregado, segundos=90, que="avisos enviados y PDF generado")
    enviados = [m.extra_headers.get("Message-ID") for m in mail.outbox]
    assert sorted(enviados) == sorted(avisos)  # every notice once, none twice
    documento.refresh_from_db()
    with documento.archivo.open("rb") as pdf:
        assert hashlib.sha256(pdf.read()).hexdigest() == documento.sha256


def _url_de_la_base() -> str:
    datos = connection.settings_dict
    usuario = datos["USER"] or "postgres"
    clave = f":{datos['PASSWORD']}" if datos["PASSWORD"] else ""
    return (
        f"postgres://{usuario}{clave}@{datos['HOST'] or '127.0.0.1'}:{datos['PORT'] or 5432}"
        f"/{datos['NAME']}"
    )


class Trabajador:
    """A real worker process on the pdf queue, on the test's database, broker and storage, and
    on the run's own directory and Redis key prefix (conciliacion.settings). Its output goes to
    a file the test prints when something does not happen."""

    def __init__(self, nombre: str, broker: str, media, directorio, *, colgar_render=False):
        self.registro = directorio / f"{nombre}.log"
        self.aviso = directorio / f"{nombre}.renderizando"
        entorno = {
            **os.environ,
            "DJANGO_TESTING": "1",
            "DATABASE_URL": _url_de_la_base(),
            "CELERY_BROKER_URL": broker,
            "CELERY_RESULT_BACKEND": broker.rsplit("/", 1)[0] + "/1",
            "MEDIA_ROOT": str(media),
            "DOCUMENTOS_RENDER_VENCIDO": str(django_settings.DOCUMENTOS_RENDER_VENCIDO),
            "DJANGO_ESTADO_DIR_PRUEBAS": str(django_settings.ESTADO_DIR),
            "TRABAJADOR_AVISO": str(self.aviso),
        }
        argumentos = [
            "--pool=solo",
            "--queues=pdf",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
            f"--hostname={nombre}@%h",
        ]
        if colgar_render:
            argumentos.insert(0, "--colgar-render")
        with open(self.registro, "wb") as salida:
            # sys.executable and fixed arguments: nothing untrusted.
            self.proceso = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "tests.trabajos.trabajador", *argumentos],
                cwd=django_settings.BASE_DIR,
                env=entorno,
                stdout=salida,
                stderr=subprocess.STDOUT,
            )

    def salida(self) -> str:
        return self.registro.read_text(errors="replace")[-4000:]

    def vivo(self) -> bool:
        return self.proceso.poll() is None

    def matar(self) -> None:
        if self.vivo():
            self.proceso.kill()
        self.proceso.wait(timeout=30)

    def detener(self) -> None:
        if self.vivo():
            self.proceso.send_signal(signal.SIGTERM)
            try:
                self.proceso.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proceso.kill()
                self.proceso.wait(timeout=30)


def esperar_al_trabajador(trabajador: Trabajador, condicion, *, segundos: float, que: str):
    """Like esperar(), failing at once (with the worker's output) if the worker died."""
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        if condicion():
            return
        assert trabajador.vivo(), f"el trabajador terminó: {que}\n{trabajador.salida()}"
        time.sleep(0.2)
    raise AssertionError(f"no ocurrió en {segundos} s: {que}\n{trabajador.salida()}")


def _archivos(media) -> set[str]:
    raiz = media / "documentos"
    return {str(p.relative_to(media)) for p in raiz.rglob("*.pdf")} if raiz.exists() else set()


def test_un_trabajador_muerto_a_mitad_del_render_deja_un_solo_pdf(
    redis_propio, broker_en, settings, agente_admision, media_privada, tmp_path
):
    """The first worker renders for real and hangs before storing (tests/trabajos/trabajador.py),
    so the SIGKILL lands mid-render on any machine. Before, the test polled for the render lease,
    which a finished render clears: on a loaded machine a poll that missed the ~1 s render
    waited 120 s for a lease that would never come back."""
    broker_en(redis_propio.url)
    settings.DOCUMENTOS_RENDER_VENCIDO = 3
    with transaction.atomic():
        documento = emitir(agente_admision)
    primero = Trabajador("primero", redis_propio.url, media_privada, tmp_path, colgar_render=True)
    try:
        # Booting a worker on a loaded 2-core machine has taken tens of seconds.
        esperar_al_trabajador(
            primero, primero.aviso.exists, segundos=180, que="el trabajador generó el PDF"
        )
        documento.refresh_from_db()
        assert documento.render_tomado_en is not None and documento.render_intentos == 1
        os.kill(primero.proceso.pid, signal.SIGKILL)
    finally:
        primero.matar()
    documento.refresh_from_db()
    assert documento.sha256 == "" and documento.render_intentos == 1
    assert _archivos(media_privada) == set()

    segundo = Trabajador("segundo", redis_propio.url, media_privada, tmp_path)
    try:
        # What beat does every TRABAJOS_RECUPERAR_CADA seconds, with the period shortened: the
        # first runs find the dead worker's lease still live and publish nothing; once it is
        # older than DOCUMENTOS_RENDER_VENCIDO a run publishes the render again. A message
        # published twice is harmless (the lease and the compare-and-swap on the hash).
        limite = time.monotonic() + 180
        publicados = 0
        while not Documento.objects.filter(pk=documento.pk).exclude(sha256="").exists():
            assert time.monotonic() < limite, (
                f"el segundo trabajador no generó el PDF en 180 s ({publicados} publicaciones)"
                f"\n{segundo.salida()}"
            )
            assert segundo.vivo(), f"el segundo trabajador terminó:\n{segundo.salida()}"
            publicados += recuperar()["documentos"]
            esperar_hasta = time.monotonic() + (5 if publicados else 0.5)
            while time.monotonic() < esperar_hasta and not (
                Documento.objects.filter(pk=documento.pk).exclude(sha256="").exists()
            ):
                time.sleep(0.2)
    finally:
        segundo.detener()
    documento.refresh_from_db()
    assert publicados >= 1
    assert documento.render_intentos == 2
    assert _archivos(media_privada) == {documento.archivo.name}
    with default_storage.open(documento.archivo.name, "rb") as pdf:
        assert hashlib.sha256(pdf.read()).hexdigest() == documento.sha256
