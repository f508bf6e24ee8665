"""The Celery application. Reliability settings live in settings.py (CELERY_*)."""

import os

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conciliacion.settings")

app = Celery("conciliacion")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = [Queue(name) for name in ("default", "pdf", "notificaciones")]
app.autodiscover_tasks()


@app.task(name="conciliacion.ping")
def ping() -> str:
    """No-op used by /readyz to prove a worker consumes the broker."""
    return "pong"


@app.task(name="conciliacion.recuperar_trabajos", ignore_result=True)
def recuperar_trabajos() -> dict[str, int]:
    """Beat: publishes again every job whose durable row is overdue (Decision 0012)."""
    from conciliacion.operaciones import recuperar_trabajos as recuperar

    return recuperar()
