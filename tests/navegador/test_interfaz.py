"""The UI base in a real browser: keyboard use, focus, CSP without violations, small screens."""

import pytest

from tests.navegador.conftest import captura

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_el_primer_tab_ofrece_saltar_al_contenido_y_lo_enfoca(pagina):
    pagina.goto("/acerca/")
    pagina.keyboard.press("Tab")
    enlace = pagina.get_by_role("link", name="Saltar al contenido")
    assert enlace.evaluate("e => e === document.activeElement")
    assert enlace.is_visible()
    pagina.keyboard.press("Enter")
    assert pagina.evaluate("document.activeElement.id") == "contenido"


def test_mis_tramites_se_abre_y_se_cierra_con_el_teclado(pagina, ingresar_como, consumidora):
    ingresar_como(consumidora)
    menu = pagina.locator("header summary", has_text="Mis trámites")
    enlace = pagina.locator("header").get_by_role("link", name="Mis notificaciones")
    assert not enlace.is_visible()

    menu.focus()
    pagina.keyboard.press("Enter")
    assert enlace.is_visible()
    captura(pagina, "menu-mis-tramites")
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.closest('.lista-tramites') !== null")

    pagina.keyboard.press("Escape")
    assert not enlace.is_visible()
    assert menu.evaluate("e => e === document.activeElement")


def test_el_foco_del_teclado_siempre_se_ve(pagina):
    pagina.goto("/")
    pagina.keyboard.press("Tab")
    pagina.keyboard.press("Tab")
    estilo = pagina.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert estilo[0] != "none"
    assert float(estilo[1].removesuffix("px")) >= 2


def test_un_error_en_el_formulario_lleva_el_foco_al_resumen(pagina, consumidora):
    pagina.goto("/cuentas/login/")
    pagina.get_by_label("Correo electrónico").fill(consumidora.email)
    pagina.locator("input[name=password]").fill("no-es-la-clave")
    pagina.get_by_role("button", name="Ingresar").click()
    resumen = pagina.get_by_role("alert")
    resumen.wait_for()
    assert "no son correctos" in resumen.inner_text()
    assert resumen.evaluate("e => e === document.activeElement")
    assert pagina.get_by_label("Correo electrónico").input_value() == consumidora.email


@pytest.mark.parametrize(
    "ruta",
    ["/", "/acerca/", "/privacidad/", "/cuentas/login/", "/cuentas/signup/",
     "/cuentas/password/reset/", "/plazos/calculadora", "/no-existe/"],
)  # fmt: skip
def test_las_paginas_publicas_cargan_sin_violar_la_csp_ni_salir_del_servidor(pagina, ruta):
    pagina.goto(ruta)
    pagina.wait_for_load_state("networkidle")
    fuentes = pagina.evaluate(
        "async () => { await document.fonts.ready;"
        " return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family); }"
    )
    assert any("Encode Sans" in familia for familia in fuentes)
    assert any("FontAwesome" in familia for familia in fuentes)
    assert pagina.problemas == []


def test_el_panel_en_pantalla_chica_usa_el_menu_del_encabezado(pagina, ingresar_como, homologador):
    pagina.set_viewport_size({"width": 390, "height": 844})
    ingresar_como(homologador)
    assert pagina.locator("header summary", has_text="Mis trámites").is_visible()
    assert not pagina.get_by_role("navigation", name="Áreas de trabajo").is_visible()
    captura(pagina, "panel-pantalla-chica")
    assert pagina.problemas == []
