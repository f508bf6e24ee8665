"""No hearing slot is offered on a day the régimen's calendar does not count (issue 16 item 8)."""

import datetime as dt

import pytest
from django.urls import reverse

from audiencias import disponibilidad
from tests.audiencias.conftest import BA, publicar_horario
from tests.conciliadores.conftest import crear_conciliador

# Monday 7/12/2026, 10:00 in Buenos Aires; Monday 7/12 is a tourism bridge day and Tuesday 8/12
# a national holiday (Inmaculada Concepción de María).
LUNES_7_12 = dt.datetime(2026, 12, 7, 13, 0, tzinfo=dt.UTC)


@pytest.fixture
def lunes(time_machine):
    time_machine.move_to(LUNES_7_12, tick=False)


def test_libres_saltea_el_feriado_nacional(db):
    ana = crear_conciliador("F-0001")
    publicar_horario(ana)
    dias = {
        f.inicio.date()
        for f in disponibilidad.libres(
            [ana.pk], desde=dt.date(2026, 12, 4), hasta=dt.date(2026, 12, 9), zona=BA
        )
    }
    assert dias == {dt.date(2026, 12, 4), dt.date(2026, 12, 9)}


def test_libres_saltea_un_dia_decretado(db, administrador):
    from plazos.services import registrar_dia_no_habil

    ana = crear_conciliador("F-0002")
    publicar_horario(ana)
    registrar_dia_no_habil(
        fecha=dt.date(2026, 12, 9),
        jurisdiccion="AR",
        tipo="no_laborable",
        calendarios=["AR"],
        fuente="Decreto de prueba",
        por=administrador,
    )
    dias = {
        f.inicio.date()
        for f in disponibilidad.libres(
            [ana.pk], desde=dt.date(2026, 12, 9), hasta=dt.date(2026, 12, 10), zona=BA
        )
    }
    assert dias == {dt.date(2026, 12, 10)}


def test_la_agenda_del_conciliador_no_ofrece_el_martes_8_12(client, lunes, conciliador):
    ana = crear_conciliador("F-0003", usuario=conciliador)
    publicar_horario(ana)
    client.force_login(conciliador)
    html = client.get(reverse("audiencias:mi_agenda")).content.decode()
    assert "9/12 09:00" in html
    assert "8/12 09:00" not in html.replace("18/12 09:00", "")
    assert "7/12 " not in html.replace("17/12 ", "")


def test_no_se_puede_elegir_un_turno_en_feriado(db):
    ana = crear_conciliador("F-0004")
    publicar_horario(ana)
    inicio = dt.datetime(2026, 12, 8, 9, tzinfo=BA)
    assert disponibilidad.conciliador_libre(ana.pk, inicio=inicio, zona=BA) is None
    otro_dia = dt.datetime(2026, 12, 9, 9, tzinfo=BA)
    assert disponibilidad.conciliador_libre(ana.pk, inicio=otro_dia, zona=BA) is not None
