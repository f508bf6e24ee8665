"""Browser: the booking picker ("Turnos disponibles para audiencias") on a phone, by keyboard, and
as a plain form when JavaScript is off (progressive enhancement)."""

import datetime as dt
import re

import pytest

from normativa.models import TextoNormativo
from reclamos.estados import Estado
from tests.audiencias.conftest import publicar_horario
from tests.conciliadores.conftest import admitido, crear_conciliador
from tests.navegador.conftest import captura, ingresar
from tests.navegador.recorrido import desborde, violaciones_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def textos(db):
    """The cédula transcribes arts. 11 and 16 of Ley 26.993: booking fails without them."""
    for clave, titulo in (("ley26993_art11", "Artículo 11"), ("ley26993_art16", "Artículo 16")):
        TextoNormativo.objects.create(
            clave=clave,
            vigente_desde=dt.date(2014, 9, 1),
            titulo=f"Ley 26.993, {titulo}",
            texto=f"Texto de prueba del {titulo.lower()}.",
            fuente="Ley 26.993",
        )


@pytest.fixture
def reclamo_esperando_turno(consumidora, proveedor_activo, agente_admision):
    conciliador = crear_conciliador("NAV-0002")
    publicar_horario(conciliador, dias=(0, 1, 2, 3, 4))
    return admitido(consumidora, proveedor_activo, agente_admision, metodo="a")


def test_el_selector_en_un_telefono_se_opera_con_el_teclado_y_pasa_axe(
    pagina, ingresar_como, consumidora, reclamo_esperando_turno
):
    pagina.set_viewport_size({"width": 360, "height": 740})
    ingresar_como(consumidora)
    pagina.goto(f"/reclamos/{reclamo_esperando_turno.pk}/turnos/")
    assert desborde(pagina) <= 0
    violaciones = violaciones_axe(pagina)
    assert violaciones == [], "\n".join(map(str, violaciones))
    captura(pagina, "selector-turnos-360-dias")

    # Keyboard only: Tab reaches the day strip; arrows move among days; Tab goes to the times.
    primer_dia = pagina.locator("input[name=dia]").first
    primer_dia.focus()
    pagina.keyboard.press("Space")
    assert primer_dia.is_checked()
    pagina.keyboard.press("ArrowRight")
    segundo = pagina.locator("input[name=dia]").nth(1)
    assert segundo.is_checked()
    fecha = segundo.get_attribute("value")
    assert pagina.locator(f'.dia-turnos[data-dia="{fecha}"]').is_visible()
    pagina.keyboard.press("Tab")
    pagina.keyboard.press("Space")
    elegido = pagina.locator("input[name=turno]:checked")
    assert elegido.count() == 1
    assert elegido.evaluate("e => e.closest('.dia-turnos').dataset.dia") == fecha
    assert pagina.locator("[data-resumen-turno]").inner_text().startswith("Elegiste: ")
    # Each time's accessible name says the day, not only "09:00".
    etiqueta = pagina.locator(f'label[for="{elegido.get_attribute("id")}"]')
    nombre = " ".join(etiqueta.text_content().split())
    assert re.search(r"\d\d:\d\d h, \w+ \d+ de \w+", nombre)
    assert desborde(pagina) <= 0
    violaciones = violaciones_axe(pagina)
    assert violaciones == [], "\n".join(map(str, violaciones))
    captura(pagina, "selector-turnos-360-horario")
    pagina.set_viewport_size({"width": 1280, "height": 900})
    captura(pagina, "selector-turnos-1280-horario")

    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.textContent.trim()") == "Elegir Turno"
    pagina.keyboard.press("Enter")
    pagina.get_by_text(re.compile("Elegiste el turno del")).wait_for()
    reclamo_esperando_turno.refresh_from_db()
    assert reclamo_esperando_turno.estado == Estado.AUDIENCIA_FIJADA
    assert pagina.problemas == []


def test_sin_javascript_es_un_formulario_comun_con_todos_los_horarios(
    navegador, live_server, consumidora, reclamo_esperando_turno
):
    contexto = navegador.new_context(
        java_script_enabled=False,
        locale="es-AR",
        viewport={"width": 360, "height": 740},
        base_url=live_server.url,
    )
    pagina = contexto.new_page()
    try:
        ingresar(pagina, consumidora)
        pagina.goto(f"/reclamos/{reclamo_esperando_turno.pk}/turnos/")
        # No day strip (it needs the script); every day's times are listed, none chosen.
        assert not pagina.locator(".selector-dias").is_visible()
        assert pagina.locator(".dia-turnos").count() >= 2
        assert pagina.locator(".dia-turnos").nth(1).is_visible()
        assert pagina.locator("input[name=turno]:checked").count() == 0
        assert desborde(pagina) <= 0
        captura(pagina, "selector-turnos-sin-js")

        pagina.get_by_role("button", name="Elegir Turno").click()
        pagina.get_by_text("Elegí un día y horario.").first.wait_for()

        pagina.locator(".dia-turnos").nth(1).locator(".hora-opcion label").first.click()
        pagina.get_by_role("button", name="Elegir Turno").click()
        pagina.get_by_text(re.compile("Elegiste el turno del")).wait_for()
        reclamo_esperando_turno.refresh_from_db()
        assert reclamo_esperando_turno.estado == Estado.AUDIENCIA_FIJADA
    finally:
        contexto.close()
