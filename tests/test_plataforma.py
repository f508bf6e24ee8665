"""Platform: compose file, health, a real Celery worker, demo data, import order."""

import ast
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from cuentas.models import Usuario
from cuentas.roles import Rol

RAIZ = Path(__file__).resolve().parent.parent

# ARCHITECTURE.md: imports flow one way. Each app may import only the apps listed before it.
ORDEN = [
    "normativa",
    "cuentas",
    "notificaciones",
    "documentos",
    "plazos",
    "webhooks",
    "reclamos",
    "conciliadores",
    "audiencias",
    "honorarios",
    "auditoria",
    "estadisticas",
    "exportaciones",
    "escala",
]
PERMITIDOS = {app: set(ORDEN[:i]) for i, app in enumerate(ORDEN)}
PERMITIDOS["notificaciones"] = {"normativa", "cuentas"}
PERMITIDOS["documentos"] = {"normativa", "cuentas", "notificaciones"}
PERMITIDOS["libro"] = {
    "normativa",
    "cuentas",
    "notificaciones",
    "documentos",
    "plazos",
    "webhooks",
}


def test_docker_compose_define_los_cinco_servicios():
    compose = yaml.safe_load((RAIZ / "docker-compose.yml").read_text())
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(compose["services"])
    web = compose["services"]["web"]
    assert "DATABASE_URL" in str(web["environment"])
    assert compose["services"]["worker"]["command"]


def test_las_migraciones_corren_una_vez_por_despliegue_y_hay_almacen_de_objetos():
    """Issue 13: N web replicas never migrate at start; a one-shot service does, and web,
    worker and beat wait for it to finish. Files go to MinIO (S3), not to a local volume."""
    compose = yaml.safe_load((RAIZ / "docker-compose.yml").read_text())
    servicios = compose["services"]
    assert "migrate" in servicios["migrar"]["command"]
    for nombre in ("web", "worker", "beat"):
        assert "migrate" not in str(servicios[nombre]["command"]), nombre
        assert servicios[nombre]["depends_on"]["migrar"] == {
            "condition": "service_completed_successfully"
        }
        assert "volumes" not in servicios[nombre], nombre
    assert "minio" in servicios and servicios["beat"]["deploy"]["replicas"] == 1
    assert "ALMACEN_S3_BUCKET" in str(servicios["web"]["environment"])
    assert "migrate" not in (RAIZ / "Dockerfile").read_text()


def _imports(ruta: Path) -> set[str]:
    arbol = ast.parse(ruta.read_text())
    nombres = set()
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.ImportFrom) and nodo.module and nodo.level == 0:
            nombres.add(nodo.module.split(".")[0])
        elif isinstance(nodo, ast.Import):
            nombres.update(alias.name.split(".")[0] for alias in nodo.names)
    return nombres


@pytest.mark.parametrize("app", sorted(a for a in PERMITIDOS if (RAIZ / a).is_dir()))
def test_las_importaciones_van_en_un_solo_sentido(app):
    carpeta = RAIZ / app
    prohibidos = set(PERMITIDOS) - PERMITIDOS[app] - {app}
    violaciones = {
        str(ruta.relative_to(RAIZ)): sorted(_imports(ruta) & prohibidos)
        for ruta in carpeta.rglob("*.py")
        if _imports(ruta) & prohibidos
    }
    assert violaciones == {}


def test_healthz(client):
    assert client.get("/healthz").json() == {"ok": True}


@pytest.mark.django_db(transaction=True)
def test_readyz_con_un_trabajador_celery_real(client, trabajador_celery):
    respuesta = client.get("/readyz")
    cuerpo = respuesta.json()
    assert respuesta.status_code == 200, cuerpo
    assert cuerpo["ok"] is True
    assert set(cuerpo["checks"]) == {"base_de_datos", "cache", "cola"}


@pytest.mark.django_db
def test_readyz_sin_trabajador_informa_la_cola_caida(client, settings):
    from conciliacion.celery import app

    settings.READYZ_ESPERA_COLA = 0.5
    app.conf.task_always_eager = False
    respuesta = client.get("/readyz")
    cuerpo = respuesta.json()
    # The portal still serves (jobs wait in the outbox): 200, the queue named as degraded.
    assert respuesta.status_code == 200
    assert cuerpo["estado"] == "degradado"
    assert cuerpo["checks"]["cola"] == {
        "ok": False,
        "estado": "degradado",
        "detalle": "TimeoutError",
    }
    assert cuerpo["checks"]["base_de_datos"]["estado"] == "ok"


def _readyz_en_otro_proceso(**entorno_extra) -> tuple[int, dict, float]:
    """/readyz answered by a real portal process with the given environment (no mocks)."""
    import json
    import os
    import subprocess
    import sys

    programa = (
        "import django, json, time; django.setup(); from django.test import Client; "
        "c = Client(); c.get('/healthz'); t = time.monotonic(); r = c.get('/readyz'); "
        "print(json.dumps([r.status_code, r.json(), time.monotonic() - t]))"
    )
    entorno = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "conciliacion.settings",
        "READYZ_ESPERA_COLA": "0.5",
        **entorno_extra,
    }
    salida = subprocess.run(  # noqa: S603
        [sys.executable, "-c", programa],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return tuple(json.loads(salida.stdout.strip().splitlines()[-1]))


def test_readyz_sin_base_de_datos_responde_503():
    """The database host refuses connections: 503, the database named as down, the other
    components still reported."""
    estado, cuerpo, _ = _readyz_en_otro_proceso(
        DATABASE_URL="postgres://postgres@127.0.0.1:9/sin_base"
    )
    assert estado == 503
    assert cuerpo["estado"] == "caido"
    assert cuerpo["checks"]["base_de_datos"]["estado"] == "caido"
    assert set(cuerpo["checks"]) == {"base_de_datos", "cache", "cola"}


def test_readyz_con_el_broker_caido_responde_200_pronto(tmp_path):
    """The broker's host refuses connections: the queue is degraded, the portal ready (200), and
    the check does not wait on the dead host (one bounded attempt, no publish retries)."""
    estado, cuerpo, segundos = _readyz_en_otro_proceso(
        CELERY_BROKER_URL="redis://127.0.0.1:9/0",
        CELERY_RESULT_BACKEND=f"file://{tmp_path}",
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
    )
    assert estado == 200, cuerpo
    assert cuerpo["checks"]["cola"]["estado"] == "degradado"
    assert cuerpo["checks"]["base_de_datos"]["estado"] == "ok"
    assert segundos < 2.0, segundos


@pytest.mark.django_db
def test_datos_demo_idempotentes(capsys):
    call_command("cargar_demo")
    call_command("cargar_demo")
    from cuentas.management.commands.cargar_demo import PERSONAS

    assert Usuario.objects.count() == len(PERSONAS)
    assert set(Usuario.objects.values_list("rol", flat=True)) == set(Rol.values)
    salida = capsys.readouterr().out
    assert "conciliar-demo-2026" in salida
    assert "verificación en dos pasos" in salida
