"""AR-CABA (DOMAIN-CABA §7): national holidays + the Ciudad's own decreed days; national asuetos
only when a CABA row says so. AR stays as it was."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from normativa.calendarios import calendario
from normativa.models import DiaNoHabil
from normativa.regimenes import Calendario
from plazos import services

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fecha", [D(2020, 12, 24), D(2020, 12, 31)])
def test_dias_inhabiles_de_la_ciudad_en_2020(fecha):
    caba = calendario(Calendario.AR_CABA)
    assert not caba.es_habil(fecha)
    assert caba.motivo(fecha).startswith(
        "Día inhábil administrativo — Decreto del Jefe de Gobierno"
    )
    # A CABA row never reaches the national calendar.
    assert calendario(Calendario.AR).es_habil(fecha)


@pytest.mark.parametrize("fecha", [D(2022, 12, 23), D(2022, 12, 30)])
def test_asuetos_nacionales_de_2022_no_aplican_en_la_ciudad(fecha):
    assert calendario("AR-CABA").es_habil(fecha)
    assert not calendario("AR").es_habil(fecha)
    assert calendario("AR").motivo(fecha) == "Asueto administrativo — Decreto 820/2022"


def test_la_ciudad_cuenta_los_feriados_nacionales_y_no_el_27_de_junio():
    caba = calendario("AR-CABA")
    assert caba.motivo(D(2026, 2, 16)) == "Lunes de Carnaval"
    assert caba.motivo(D(2022, 12, 20)) == "Día de la Victoria de la Copa Mundial de la FIFA 2022"
    # A national feriado trasladado is a national holiday: it reaches the Ciudad.
    assert not caba.es_habil(D(2025, 10, 10))
    # 27 June is the national state workers' day (Q4): not a CABA day unless a row says so.
    assert caba.es_habil(D(2025, 6, 27))
    # The 2025 national asuetos (Decreto 883/2025): CABA's adherence not found, so business days.
    assert caba.es_habil(D(2025, 12, 24))
    assert caba.version.startswith("holidays-0.109+AR-C.")


def test_una_fila_de_la_ciudad_aplica_un_asueto_nacional():
    """The Ciudad adheres to a national asueto by its own row (its norm), which wins the day."""
    DiaNoHabil.objects.create(
        fecha=D(2025, 12, 24),
        jurisdiccion="AR-C",
        tipo=DiaNoHabil.Tipo.INHABIL,
        calendarios=["AR-CABA"],
        fuente="Decreto de prueba del Jefe de Gobierno",
    )
    caba = calendario("AR-CABA")
    assert caba.motivo(D(2025, 12, 24)) == (
        "Día inhábil administrativo — Decreto de prueba del Jefe de Gobierno"
    )
    assert calendario("AR").motivo(D(2025, 12, 24)) == "Asueto administrativo — Decreto 883/2025"


def test_la_version_de_la_ciudad_cambia_con_sus_filas_y_la_nacional_no():
    antes_ar, antes_caba = calendario("AR").version, calendario("AR-CABA").version
    DiaNoHabil.objects.create(
        fecha=D(2026, 3, 20),
        jurisdiccion="AR-C",
        tipo=DiaNoHabil.Tipo.INHABIL,
        calendarios=["AR-CABA"],
        fuente="Decreto de prueba",
    )
    assert calendario("AR").version == antes_ar
    assert calendario("AR-CABA").version != antes_caba
    assert not calendario("AR-CABA").es_habil(D(2026, 3, 20))


def test_una_fila_de_la_ciudad_solo_puede_afectar_su_calendario():
    dia = DiaNoHabil(
        fecha=D(2026, 5, 4), jurisdiccion="AR-C", tipo="inhabil", calendarios=["AR"], fuente="x"
    )
    with pytest.raises(ValidationError) as error:
        dia.full_clean()
    assert "calendarios" in error.value.message_dict
    dia.calendarios = ["AR-CABA"]
    dia.full_clean()
    # A national row may list AR-CABA (a national holiday), as the 10/10/2025 one does.
    DiaNoHabil(
        fecha=D(2026, 5, 4),
        jurisdiccion="AR",
        tipo="feriado",
        calendarios=["AR", "AR-CABA"],
        fuente="x",
    ).full_clean()


def test_registrar_un_dia_de_la_ciudad_recalcula_solo_sus_plazos(administrador):
    dia = services.registrar_dia_no_habil(
        fecha=D(2026, 3, 20),
        jurisdiccion="AR-C",
        tipo="inhabil",
        calendarios=["AR-CABA"],
        fuente="Decreto 100/2026 del Jefe de Gobierno",
        por=administrador,
    )
    assert dia.plazos_recalculados == 0
    assert not calendario("AR-CABA").es_habil(D(2026, 3, 20))
    assert calendario("AR").es_habil(D(2026, 3, 20))


def _vence(*argumentos, capsys):
    call_command("plazo", *argumentos, "--json")
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("opcion", ["--calendario", "--pais"])
def test_comando_plazo_en_la_ciudad(opcion, capsys):
    # From Wed 23/12/2020, 1 business day: Thu 24 is inhábil in CABA, Fri 25 Christmas → Mon 28.
    datos = _vence(opcion, "AR-CABA", "--desde", "2020-12-23", "--dias", "1", capsys=capsys)
    assert datos["vence"] == "2020-12-28"
    assert datos["pais"] == "AR-CABA"
    assert any(e["fecha"] == "2020-12-24" for e in datos["excluidos"])
    # Nationally the 24th was a business day.
    assert (
        _vence("--pais", "AR", "--desde", "2020-12-23", "--dias", "1", capsys=capsys)["vence"]
        == "2020-12-24"
    )


def test_comando_plazo_asuetos_2022(capsys):
    # From Thu 22/12/2022, 1 business day: the 23rd counts in CABA, not nationally.
    caba = _vence("--calendario", "AR-CABA", "--desde", "2022-12-22", "--dias", "1", capsys=capsys)
    assert caba["vence"] == "2022-12-23"
    nacion = _vence("--pais", "AR", "--desde", "2022-12-22", "--dias", "1", capsys=capsys)
    assert nacion["vence"] == "2022-12-26"
    # Thu 29 → the 30th in CABA; nationally Mon 2/1/2023 (30th asueto, 31st Saturday).
    caba = _vence("--calendario", "AR-CABA", "--desde", "2022-12-29", "--dias", "1", capsys=capsys)
    assert caba["vence"] == "2022-12-30"
    nacion = _vence("--pais", "AR", "--desde", "2022-12-29", "--dias", "1", capsys=capsys)
    assert nacion["vence"] == "2023-01-02"


def test_calculadora_publica_acepta_la_ciudad(client):
    respuesta = client.get(
        "/api/v1/plazos/calcular", {"pais": "AR-CABA", "desde": "2022-12-22", "dias": "1"}
    )
    assert respuesta.status_code == 200, respuesta.content
    assert respuesta.json()["vence"] == "2022-12-23"


class TestCorregirDia:
    URL = "/panel/dias-no-habiles/"

    def test_corregir_recalcula_los_calendarios_de_antes_y_de_ahora(
        self, client, administrador, proveedor_activo
    ):
        from plazos.services import abrir_plazo

        plazo = abrir_plazo(
            sujeto=proveedor_activo, tipo="AR-01", desde=D(2026, 3, 2), regimen="COPREC"
        )
        antes = plazo.vence
        dia = services.registrar_dia_no_habil(
            fecha=D(2026, 3, 5),
            jurisdiccion="AR",
            tipo="asueto",
            calendarios=["AR"],
            fuente="Decreto 999/2026",
            por=administrador,
        )
        plazo.refresh_from_db()
        assert plazo.vence > antes
        client.force_login(administrador)
        url = f"{self.URL}{dia.pk}/"
        assert "Corregir el 05/03/2026" in client.get(url).content.decode()
        assert url in client.get(self.URL).content.decode()
        # It was the Ciudad's day, not the nation's: the AR plazo goes back to its due date.
        r = client.post(
            url,
            {"tipo": "feriado", "calendarios": ["AR-CABA"], "fuente": "Decreto 999/2026 (fe)"},
            follow=True,
        )
        assert r.status_code == 200
        assert "Plazos recalculados: 1." in r.content.decode()
        plazo.refresh_from_db()
        assert plazo.vence == antes
        dia.refresh_from_db()
        assert dia.modificado_por == administrador
        assert dia.cambios[-1]["antes"]["calendarios"] == ["AR"]
        assert calendario("AR").es_habil(D(2026, 3, 5))
        assert not calendario("AR-CABA").es_habil(D(2026, 3, 5))

    def test_datos_invalidos_en_castellano(self, client, administrador):
        dia = DiaNoHabil.objects.get(fecha=D(2020, 12, 24), jurisdiccion="AR-C")
        client.force_login(administrador)
        r = client.post(
            f"{self.URL}{dia.pk}/", {"tipo": "inhabil", "calendarios": ["AR"], "fuente": "x"}
        )
        assert r.status_code == 400
        assert "Los calendarios no corresponden a la jurisdicción elegida." in r.content.decode()
        dia.refresh_from_db()
        assert dia.calendarios == ["AR-CABA"]

    def test_solo_la_administracion(self, client, agente_admision):
        dia = DiaNoHabil.objects.first()
        client.force_login(agente_admision)
        assert client.get(f"{self.URL}{dia.pk}/").status_code == 403
        assert client.post(f"{self.URL}{dia.pk}/", {"tipo": "asueto"}).status_code == 403
