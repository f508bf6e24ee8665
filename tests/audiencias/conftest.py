"""Fixtures of audiencias: conciliators with published hours and a method-a claim waiting for a
slot (admitted through the real service, so the draw's commitment exists)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from audiencias.models import FranjaSemanal
from audiencias.services import turnos
from tests.conciliadores.conftest import admitido, crear_conciliador

BA = ZoneInfo("America/Argentina/Buenos_Aires")

# Tests run at a fixed instant: Monday 2/3/2026, 10:00 in Buenos Aires.
AHORA = dt.datetime(2026, 3, 2, 13, 0, tzinfo=dt.UTC)


@pytest.fixture
def ahora(time_machine):
    time_machine.move_to(AHORA, tick=False)
    return AHORA


@pytest.fixture(autouse=True)
def textos_art_10(db):
    """Ley 26.993 arts. 11 and 16, transcribed in every cédula (test texts)."""
    from normativa.models import TextoNormativo

    for clave, titulo in (("ley26993_art11", "Artículo 11"), ("ley26993_art16", "Artículo 16")):
        TextoNormativo.objects.create(
            clave=clave,
            vigente_desde=dt.date(2014, 9, 1),
            titulo=f"Ley 26.993, {titulo}",
            texto=f"Texto de prueba del {titulo.lower()}.",
            fuente="Ley 26.993",
        )


@pytest.fixture(autouse=True)
def media_privada(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "privado"
    return settings.MEDIA_ROOT


def publicar_horario(
    conciliador,
    *,
    dias=(0, 1, 2, 3, 4),
    desde=dt.time(9),
    hasta=dt.time(12),
    modalidad="presencial",
    duracion=60,
    intervalo=0,
):
    for dia in dias:
        FranjaSemanal.objects.create(
            conciliador=conciliador,
            dia_semana=dia,
            desde=desde,
            hasta=hasta,
            duracion_minutos=duracion,
            intervalo_minutos=intervalo,
            modalidad=modalidad,
            lugar="Av. Julio A. Roca 651, CABA",
            vigente_desde=dt.date(2026, 1, 1),
            publicada_por=conciliador.usuario,
        )


@pytest.fixture
def conciliadores_con_horario(db):
    conciliadores = [crear_conciliador(f"T-{i:04d}") for i in range(1, 4)]
    for conciliador in conciliadores:
        publicar_horario(conciliador)
    return conciliadores


@pytest.fixture
def espera_turno(ahora, consumidora, proveedor_activo, agente_admision):
    return admitido(consumidora, proveedor_activo, agente_admision, metodo="a")


@pytest.fixture
def fijada(espera_turno, conciliadores_con_horario, consumidora, proveedor_activo):
    proveedor_activo.domicilio_electronico = "cedulas@telefonia.example"
    proveedor_activo.save()
    return turnos.elegir_turno(
        espera_turno, inicio=dt.datetime(2026, 3, 10, 9, tzinfo=BA), por=consumidora
    )


@pytest.fixture
def en_la_audiencia(fijada, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 10, 12, 30, tzinfo=dt.UTC), tick=False)
    return fijada
