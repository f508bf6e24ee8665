"""Deployment choice and look (decision 0031): REGIMENES_OFRECIDOS and AGENCIA_NOMBRE, _LOGO,
_COLOR reach the filing services, the API, the lists and the base templates."""

import pytest
from django.core import checks

from conciliacion import agencia
from conciliacion.errores import ConflictoDeEstado
from normativa.regimenes import es_ofrecido, ofrecidos
from reclamos.services import presentacion
from tests.reclamos.test_api import CUERPO, asociacion  # noqa: F401  (the API client fixture)

pytestmark = pytest.mark.django_db


class TestRegimenesOfrecidos:
    def test_por_defecto_se_ofrecen_todos(self, settings):
        settings.REGIMENES_OFRECIDOS = []
        assert {r.codigo for r in ofrecidos()} >= {"COPREC", "PE-INDECOPI"}

    def test_un_regimen_no_ofrecido_no_admite_reclamos(self, consumidora, settings):
        settings.REGIMENES_OFRECIDOS = ["PE-INDECOPI"]
        assert not es_ofrecido("COPREC")
        with pytest.raises(ConflictoDeEstado) as error:
            presentacion.iniciar_borrador(consumidor=consumidora, por=consumidora)
        assert error.value.codigo == "regimen_closed"
        assert "no recibe reclamos de ese régimen" in error.value.mensaje
        settings.REGIMENES_OFRECIDOS = ["COPREC"]
        assert presentacion.iniciar_borrador(consumidor=consumidora, por=consumidora).pk

    def test_la_lista_de_regimenes_muestra_solo_los_ofrecidos(self, client, settings):
        settings.REGIMENES_OFRECIDOS = ["PE-INDECOPI"]
        contenido = client.get("/acerca/").content.decode()
        assert "PE-INDECOPI-2022" in contenido
        assert "COPREC-2015" not in contenido

    def test_el_proveedor_peruano_va_a_un_regimen_ofrecido(self, settings):
        from reclamos.services.mediacion.partes import regimen_para_proveedor

        settings.REGIMENES_OFRECIDOS = []
        assert regimen_para_proveedor(tipo_identificador="RUC", identificador="x").codigo == (
            "PE-INDECOPI"
        )
        settings.REGIMENES_OFRECIDOS = ["COPREC"]
        assert regimen_para_proveedor(tipo_identificador="RUC", identificador="x").codigo == (
            "COPREC"
        )

    def test_check_rechaza_un_codigo_desconocido(self, settings):
        settings.REGIMENES_OFRECIDOS = ["COPREC", "XX"]
        ids = {e.id for e in agencia.revisar_agencia()}
        assert "agencia.E003" in ids


class TestAspecto:
    def test_nombre_logo_y_color_en_la_plantilla_base(self, client, settings):
        settings.AGENCIA_NOMBRE = "Defensa al Consumidor de la Ciudad"
        settings.AGENCIA_LOGO = "img/favicon.svg"
        settings.AGENCIA_COLOR = "#0A4D8C"
        html = client.get("/").content.decode()
        assert '<span class="marca-nombre">Defensa al Consumidor de la Ciudad</span>' in html
        assert "· Defensa al Consumidor de la Ciudad</title>" in html
        assert 'class="marca-logo" src="/static/img/favicon.svg"' in html
        assert 'href="/agencia.css"' in html
        css = client.get("/agencia.css")
        assert css.status_code == 200 and css["Content-Type"].startswith("text/css")
        assert "--agencia-color: #0a4d8c;" in css.content.decode()

    def test_valores_por_defecto(self, client, settings):
        settings.AGENCIA_NOMBRE = ""
        settings.AGENCIA_LOGO = ""
        settings.AGENCIA_COLOR = "#242c4f"
        html = client.get("/").content.decode()
        assert '<span class="marca-nombre">Conciliación en Consumo</span>' in html
        assert "marca-logo" not in html and "marca-sello" in html
        assert agencia.revisar_agencia() == []

    @pytest.mark.parametrize(
        ("color", "valido"),
        [
            ("#242c4f", True),
            ("#fff", False),
            ("#FFFF00", False),
            ("azul", False),
            ("#12345", False),
            ("#0a4d8c", True),
            ("#000", True),
        ],
    )
    def test_el_color_se_valida(self, client, settings, color, valido):
        settings.AGENCIA_COLOR = color
        assert (agencia.problema_del_color(color) is None) is valido
        errores = {e.id for e in agencia.revisar_agencia()}
        assert ("agencia.E001" not in errores) is valido
        # A bad value never breaks a page: the default colour is served.
        css = client.get("/agencia.css").content.decode()
        esperado = agencia._largo(color) if valido else agencia.COLOR_POR_DEFECTO
        assert f"--agencia-color: {esperado};" in css

    def test_logo_por_url_https_y_no_http(self, settings):
        settings.AGENCIA_LOGO = "https://cdn.example.gob.ar/logo.svg"
        assert agencia.logo() == "https://cdn.example.gob.ar/logo.svg"
        settings.AGENCIA_LOGO = "http://cdn.example.gob.ar/logo.svg"
        assert agencia.logo() == ""
        assert "agencia.E002" in {e.id for e in agencia.revisar_agencia()}

    def test_el_check_esta_registrado(self, settings):
        settings.AGENCIA_COLOR = "#fff"
        assert "agencia.E001" in {e.id for e in checks.run_checks()}


def test_la_api_rechaza_un_regimen_no_ofrecido_con_el_sobre_json(settings, asociacion):  # noqa: F811
    settings.REGIMENES_OFRECIDOS = ["PE-INDECOPI"]
    respuesta = asociacion.post("/api/v1/reclamos/", CUERPO, format="json")
    assert respuesta.status_code == 409, respuesta.content
    error = respuesta.json()["error"]
    assert error["codigo"] == "regimen_closed"
    assert "no recibe reclamos de ese régimen" in error["mensaje"]
