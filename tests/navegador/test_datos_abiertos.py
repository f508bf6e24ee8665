"""Open data (public) and the staff dashboard in a browser at 360 px: charts drawn, their data
tables, no sideways scroll, and axe-core finds no critical or serious violation."""

import pytest

from estadisticas.models import ClasificacionProveedor
from estadisticas.refresco import refrescar
from tests.estadisticas import sembrado as s
from tests.navegador.conftest import captura
from tests.navegador.recorrido import desborde, elementos_anchos, violaciones_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TELEFONO = {"width": 360, "height": 740}


class _SinMoverElReloj:
    """The live server shares the clock: claims are filed now, their acts dated after."""

    def move_to(self, *_args, **_kwargs):
        pass


def _sembrar(consumidora, agente_admision, funcionario):
    for ident, nombre in (("30711111112", "Telco A S.A."), ("30500010912", "Banco C")):
        org = s.organizacion(ident, nombre)
        ClasificacionProveedor.objects.create(identificador=ident, sector="telecomunicaciones")
        s.seis_reclamos_de(
            org,
            consumidor=consumidora,
            agente=agente_admision,
            funcionario=funcionario,
            time_machine=_SinMoverElReloj(),
        )
    refrescar()


def _revisar(pagina, nombre):
    sobra = desborde(pagina)
    assert sobra <= 0, (sobra, elementos_anchos(pagina))
    violaciones = violaciones_axe(pagina)
    assert violaciones == [], violaciones
    captura(pagina, nombre)


def test_datos_abiertos_y_tablero_en_un_telefono(
    pagina, ingresar_como, consumidora, agente_admision, funcionario
):
    _sembrar(consumidora, agente_admision, funcionario)
    pagina.set_viewport_size(TELEFONO)
    pagina.goto("/")
    pagina.get_by_role("link", name="Datos abiertos").click()
    pagina.get_by_role("heading", name="Datos abiertos", level=1).wait_for()
    graficos = pagina.locator("svg.grafico")
    assert graficos.count() == 2
    assert graficos.first.is_visible()
    assert graficos.first.bounding_box()["height"] > 50
    titulo = pagina.locator("svg.grafico title").first.text_content()
    assert "Reclamos recibidos por período" in titulo
    pagina.get_by_text("Ver los datos del gráfico en una tabla").first.click()
    assert pagina.locator("figure table").first.is_visible()
    assert "Telco A S.A." in pagina.text_content("main")
    _revisar(pagina, "datos-abiertos-telefono")
    pagina.get_by_role("link", name="Diccionario de datos y metodología").click()
    pagina.get_by_role("heading", name="Metodología", exact=True).wait_for()
    _revisar(pagina, "datos-abiertos-diccionario-telefono")

    ingresar_como(agente_admision)
    pagina.goto("/tablero/")
    pagina.get_by_role("heading", name="Tablero de la autoridad").wait_for()
    assert pagina.locator("svg.grafico").count() == 4
    assert "Cifras actualizadas el" in pagina.text_content("main")
    pagina.get_by_label("Período", exact=True).select_option("semana")
    pagina.get_by_role("button", name="Aplicar").click()
    pagina.wait_for_url("**/tablero/?*periodo=semana*")
    _revisar(pagina, "tablero-telefono")
    assert pagina.problemas == []
