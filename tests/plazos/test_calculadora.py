"""The public calculator: page, API and CLI share one validation (plazos.calculadora)."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db

URL_API = "/api/v1/plazos/calcular"
URL_PAGINA = "/plazos/calculadora"


class TestApi:
    def test_calcula_con_suspension_sin_autenticarse(self, client):
        r = client.get(
            URL_API,
            {
                "pais": "AR",
                "desde": "2026-01-05",
                "dias": 10,
                "unidad": "habiles",
                "suspension": "2026-01-07:2026-01-08",
            },
        )
        assert r.status_code == 200
        datos = r.json()
        assert datos["vence"] == "2026-01-21"
        assert datos["computados"][0] == "2026-01-06"
        assert {"fecha": "2026-01-07", "motivo": "plazo suspendido"} in datos["excluidos"]
        assert datos["explicacion"][-1].startswith("Vence el miércoles 21/01/2026")

    def test_peru_usa_el_calendario_del_proveedor(self, client):
        r = client.get(URL_API, {"pais": "PE", "desde": "2026-10-05", "dias": 15})
        assert r.json()["vence"] == "2026-10-27"
        assert r.json()["calendario"] == "PE-proveedor"

    def test_corridos_se_trasladan_al_dia_habil(self, client):
        r = client.get(
            URL_API, {"pais": "AR", "desde": "2025-11-21", "dias": 3, "unidad": "corridos"}
        )
        assert r.json()["vence"] == "2025-11-25"

    @pytest.mark.parametrize(
        ("parametros", "campo"),
        [
            ({"pais": "UY", "desde": "2026-01-05", "dias": 10}, "pais"),
            ({"pais": "AR", "desde": "05-01-2026", "dias": 10}, "desde"),
            ({"pais": "AR", "desde": "2026-02-30", "dias": 10}, "desde"),
            ({"pais": "AR", "desde": "2026-01-05", "dias": 0}, "dias"),
            ({"pais": "AR", "desde": "2026-01-05", "dias": -3}, "dias"),
            ({"pais": "AR", "desde": "2026-01-05", "dias": "diez"}, "dias"),
            ({"pais": "AR", "desde": "2026-01-05", "dias": 10, "unidad": "meses"}, "unidad"),
            (
                {
                    "pais": "AR",
                    "desde": "2026-01-05",
                    "dias": 10,
                    "suspension": "2026-01-09:2026-01-07",
                },
                "suspension",
            ),
            ({"pais": "AR", "desde": "2026-01-05", "dias": 10, "suspension": "ayer"}, "suspension"),
        ],
    )
    def test_datos_invalidos_dan_400_con_el_error_estructurado(self, client, parametros, campo):
        r = client.get(URL_API, parametros)
        assert r.status_code == 400
        error = r.json()["error"]
        assert error["codigo"] == "invalid"
        assert campo in error["campos"]
        assert error["mensaje"].startswith("Revisá los datos")

    def test_esta_documentada_en_openapi(self, client, administrador):
        client.force_login(administrador)
        esquema = client.get("/api/schema/", {"format": "json"}).json()
        operacion = esquema["paths"]["/api/v1/plazos/calcular"]["get"]
        nombres = {p["name"] for p in operacion["parameters"]}
        assert {"pais", "desde", "dias", "unidad", "suspension"} <= nombres
        assert {"200", "400"} <= set(operacion["responses"])


class TestPagina:
    def test_formulario_vacio(self, client):
        r = client.get(URL_PAGINA)
        assert r.status_code == 200
        assert "Calculadora de plazos" in r.content.decode()

    def test_resultado_con_explicacion(self, client):
        r = client.get(
            URL_PAGINA,
            {"pais": "AR", "desde": "2025-12-22", "dias": "10", "unidad": "habiles"},
        )
        html = r.content.decode()
        assert r.status_code == 200
        assert "Vence el viernes 09/01/2026" in html
        assert "¿Por qué esta fecha?" in html
        assert "Asueto administrativo — Decreto 883/2025" in html

    def test_suspensiones_desde_los_pares_de_fechas(self, client):
        r = client.get(
            URL_PAGINA,
            {
                "pais": "AR",
                "desde": "2026-01-05",
                "dias": "10",
                "unidad": "habiles",
                "suspension_desde": ["2026-01-07", ""],
                "suspension_hasta": ["2026-01-08", ""],
            },
        )
        assert "Vence el miércoles 21/01/2026" in r.content.decode()

    def test_errores_en_castellano_conservan_lo_ingresado(self, client):
        r = client.get(
            URL_PAGINA,
            {
                "pais": "AR",
                "desde": "2026-01-05",
                "dias": "0",
                "unidad": "habiles",
                "suspension_desde": ["2026-01-09"],
                "suspension_hasta": ["2026-01-07"],
            },
        )
        html = r.content.decode()
        assert r.status_code == 400
        assert "La cantidad de días debe ser mayor que cero." in html
        assert "termina (07/01/2026) antes de empezar (09/01/2026)" in html
        assert 'value="2026-01-05"' in html
        assert 'value="2026-01-09"' in html
        assert 'value="0"' in html

    def test_htmx_recibe_solo_el_fragmento(self, client):
        r = client.get(
            URL_PAGINA,
            {"pais": "PE", "desde": "2026-10-05", "dias": "15", "unidad": "habiles"},
            headers={"HX-Request": "true"},
        )
        html = r.content.decode()
        assert r.status_code == 200
        assert "<html" not in html
        assert 'id="calculadora-cuerpo"' in html
        assert "Vence el martes 27/10/2026" in html

    def test_sin_javascript_ni_estilos_en_linea(self, client):
        html = client.get(URL_PAGINA, {"pais": "AR", "desde": "2026-01-05", "dias": "3"}).content
        assert b"<script>" not in html and b"style=" not in html and b"onclick" not in html


class TestComando:
    def test_explicacion_en_texto(self, capsys):
        call_command("plazo", "--pais", "AR", "--desde", "2025-12-22", "--dias", "10")
        salida = capsys.readouterr().out
        assert salida.startswith("Vence: 09/01/2026")
        assert (
            "No se cuenta el miércoles 24/12/2025: Asueto administrativo — Decreto 883/2025."
            in (salida)
        )

    def test_json(self, capsys):
        call_command(
            "plazo",
            "--pais",
            "AR",
            "--desde",
            "2026-01-05",
            "--dias",
            "10",
            "--unidad",
            "habiles",
            "--suspension",
            "2026-01-07:2026-01-08",
            "--json",
        )
        datos = json.loads(capsys.readouterr().out)
        assert datos["vence"] == "2026-01-21"
        assert "2026-01-06" in datos["computados"]
        assert {"fecha": "2026-01-10", "motivo": "sábado"} in datos["excluidos"]

    def test_pais_pe_usa_el_calendario_del_proveedor(self, capsys):
        call_command("plazo", "--pais", "PE", "--desde", "2026-10-05", "--dias", "15", "--json")
        assert json.loads(capsys.readouterr().out)["vence"] == "2026-10-27"

    @pytest.mark.parametrize(
        ("argumentos", "mensaje"),
        [
            (["--pais", "CL", "--desde", "2026-01-05", "--dias", "3"], "País desconocido"),
            (["--pais", "AR", "--desde", "2026-01-05", "--dias", "0"], "mayor que cero"),
            (["--pais", "AR", "--desde", "2026-01-05", "--dias", "-1"], "mayor que cero"),
            (["--pais", "AR", "--desde", "5/13/2026", "--dias", "3"], "no es una fecha válida"),
            (
                [
                    "--pais",
                    "AR",
                    "--desde",
                    "2026-01-05",
                    "--dias",
                    "3",
                    "--suspension",
                    "2026-01-09:2026-01-08",
                ],
                "antes de empezar",
            ),
        ],
    )
    def test_datos_invalidos(self, argumentos, mensaje):
        # CommandError: Django prints it to stderr and exits with status 1.
        with pytest.raises(CommandError, match=mensaje) as error:
            call_command("plazo", *argumentos)
        assert error.value.returncode == 1
