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
    "reclamos",
    "conciliadores",
    "audiencias",
    "honorarios",
]
PERMITIDOS = {app: set(ORDEN[:i]) for i, app in enumerate(ORDEN)}
PERMITIDOS["notificaciones"] = {"normativa", "cuentas"}
PERMITIDOS["documentos"] = {"normativa", "cuentas", "notificaciones"}
PERMITIDOS["libro"] = {"normativa", "cuentas", "notificaciones", "documentos", "plazos"}


def test_docker_compose_define_los_cinco_servicios():
    compose = yaml.safe_load((RAIZ / "docker-compose.yml").read_text())
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(compose["services"])
    web = compose["services"]["web"]
    assert "DATABASE_URL" in str(web["environment"])
    assert compose["services"]["worker"]["command"]


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
    assert respuesta.status_code == 503
    assert respuesta.json()["checks"]["cola"]["ok"] is False


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
