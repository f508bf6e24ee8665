"""Benchmark: what a publish costs a request when the broker is down, next to the same publish
with the broker up (conciliacion/trabajos.py, Decision 0012).

    .venv/bin/python benchmarks/publicacion.py [--rondas 7] [--mensajes 50]

Starts its own redis-server on a free port from 6390 (no persistence) for the live broker and
points a second Celery app at a port nobody listens on; each round publishes `--mensajes` pings
through `publicar_ahora` to each, interleaved; the figure is the median per publish. Each
publish is a real attempt (the pause after a failure is lifted before it).
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conciliacion.settings")
os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="conciliacion-bench-"))


def puerto_libre(desde: int) -> int:
    for puerto in range(desde, desde + 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", puerto))
            except OSError:
                continue
            return puerto
    raise RuntimeError("sin puertos libres")


def app_en(url: str):
    from celery import Celery
    from django.conf import settings

    app = Celery("bench", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.broker_url = url
    app.conf.broker_transport_options = dict(settings.OPCIONES_BROKER_REDIS)
    app.conf.task_always_eager = False

    def ping() -> str:
        return "pong"

    return app.task(name="conciliacion.ping")(ping)


def por_mensaje(tarea, mensajes: int) -> float:
    from conciliacion.trabajos import publicar_ahora, reanudar

    total = 0.0
    for _ in range(mensajes):
        reanudar()  # measure a real attempt, not the pause that follows a failure
        inicio = time.perf_counter()
        publicar_ahora(tarea)
        total += time.perf_counter() - inicio
    return total / mensajes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rondas", type=int, default=7)
    parser.add_argument("--mensajes", type=int, default=50)
    opciones = parser.parse_args()
    import django

    django.setup()
    import logging

    logging.getLogger("conciliacion.trabajos").setLevel(logging.ERROR)
    vivo = puerto_libre(6390)
    servidor = subprocess.Popen(  # noqa: S603  (fixed arguments, absolute path)
        [shutil.which("redis-server"), "--port", str(vivo), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)
        arriba = app_en(f"redis://127.0.0.1:{vivo}/0")
        caido = app_en(f"redis://127.0.0.1:{puerto_libre(vivo + 1)}/0")
        por_mensaje(arriba, 5)  # connect and warm
        por_mensaje(caido, 5)
        con, sin = [], []
        for _ in range(opciones.rondas):
            con.append(por_mensaje(arriba, opciones.mensajes))
            sin.append(por_mensaje(caido, opciones.mensajes))
    finally:
        servidor.terminate()
        servidor.wait()
    base, medido = statistics.median(con), statistics.median(sin)
    print(f"Publicar un mensaje, {opciones.rondas} rondas de {opciones.mensajes} (mediana)")
    print(f"  broker arriba (línea de base): {base * 1000:.2f} ms")
    print(f"  broker caído (conexión rechazada): {medido * 1000:.2f} ms")
    print(f"  Razón: {medido / base:.1f}×")


if __name__ == "__main__":
    main()
