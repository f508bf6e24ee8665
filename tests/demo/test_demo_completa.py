"""The whole demo (`make demo`): every demo person can log in and act, a second run changes
nothing, and the printed table names every person, the Peru consumer included (issue 16 item 9)."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command

from audiencias.models import Audiencia
from reclamos.models import Reclamo

CARGADORES = (
    "cargar_demo",
    "cargar_demo_reclamos",
    "cargar_demo_libro",
    "cargar_demo_mediacion",
    "cargar_demo_audiencias",
    "cargar_demo_honorarios",
)


@pytest.fixture(autouse=True)
def media_privada(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "privado"


def _cargar() -> str:
    salida = io.StringIO()
    for comando in CARGADORES:
        call_command(comando, stdout=salida, stderr=salida)
    return salida.getvalue()


def _foto() -> dict:
    """Row counts of every model, plus the state of every claim and hearing."""
    cuentas = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    cuentas["estados"] = sorted(Reclamo.objects.values_list("pk", "estado"))
    cuentas["audiencias"] = sorted(Audiencia.objects.values_list("pk", "estado", "conciliador_id"))
    return cuentas


@pytest.mark.django_db(transaction=True)
def test_una_segunda_carga_no_cambia_nada():
    _cargar()
    antes = _foto()
    _cargar()
    despues = _foto()
    distintos = {k: (antes[k], despues[k]) for k in antes if antes[k] != despues[k]}
    assert distintos == {}
    # The demo really holds something: a claim waiting for a slot and the Peru claims.
    assert Reclamo.objects.filter(estado="ESPERA_TURNO").count() == 1
    assert Reclamo.objects.filter(consumidor__email="carmen.huaman@demo.conciliacion.pe").count()


@pytest.mark.django_db(transaction=True)
def test_si_alguien_eligio_turno_la_carga_no_admite_otro_reclamo():
    _cargar()
    Reclamo.objects.filter(estado="ESPERA_TURNO").update(estado="ADMITIDO")
    antes = _foto()
    _cargar()
    assert _foto() == antes


@pytest.mark.django_db
def test_todos_los_conciliadores_de_la_demo_pueden_ingresar():
    salida = _cargar()
    from conciliadores.models import Conciliador

    matriculas = set()
    for conciliador in Conciliador.objects.select_related("usuario"):
        usuario = authenticate(email=conciliador.usuario.email, password="conciliar-demo-2026")
        assert usuario is not None, conciliador.usuario.email
        assert usuario.emailaddress_set.filter(verified=True).exists()
        assert conciliador.usuario.email in salida
        matriculas.add(conciliador.matricula)
    assert matriculas == {"DEMO-0001", "DEMO-0002", "DEMO-0003"}


@pytest.mark.django_db
def test_la_tabla_impresa_incluye_a_la_consumidora_peruana():
    salida = io.StringIO()
    call_command("cargar_demo", stdout=salida)
    tabla = salida.getvalue()
    assert "carmen.huaman@demo.conciliacion.pe" in tabla
    assert "representante.pe@demo.conciliacion.pe" in tabla
    assert authenticate(email="carmen.huaman@demo.conciliacion.pe", password="conciliar-demo-2026")
