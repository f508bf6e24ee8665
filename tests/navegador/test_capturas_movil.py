"""Screenshots at 360 px and 1280 px of the pages citizens and staff use most, on the demo data:
"Mis reclamos", a claim's detail, the booking picker and the homologation page (under
artefactos/capturas/, kept by CI). Each one also fits the phone and passes axe."""

import pytest

from cuentas.management.commands.cargar_demo import CONTRASENA_DEMO
from cuentas.models import Usuario
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.navegador.conftest import captura
from tests.navegador.recorrido import desborde, violaciones_axe
from tests.navegador.test_movil import _cargar_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANCHOS = (360, 1280)


def _capturar_en_ambos_anchos(pagina, nombre: str):
    for ancho in ANCHOS:
        pagina.set_viewport_size({"width": ancho, "height": 740 if ancho == 360 else 900})
        pagina.reload()
        assert desborde(pagina) <= 0, f"{nombre} a {ancho}px"
        violaciones = violaciones_axe(pagina)
        assert violaciones == [], "\n".join(map(str, violaciones))
        captura(pagina, f"{nombre}-{ancho}")


def test_capturas_de_la_consumidora(pagina, ingresar_como):
    _cargar_demo()
    consumidora = Usuario.objects.get(email="consumidora@demo.conciliacion.ar")
    ingresar_como(consumidora, contrasena=CONTRASENA_DEMO)

    pagina.goto("/reclamos/")
    _capturar_en_ambos_anchos(pagina, "mis-reclamos")
    # On a phone each claim is a card whose first line is what the consumer has to do.
    pagina.set_viewport_size({"width": 360, "height": 740})
    pagina.reload()
    accion = pagina.locator("td.accion").first
    if accion.count():
        fila = accion.locator("xpath=..")
        assert accion.bounding_box()["y"] <= fila.locator("td").first.bounding_box()["y"]
        assert accion.get_attribute("data-label") == "Qué tenés que hacer"

    reclamo = Reclamo.objects.filter(consumidor=consumidora).exclude(numero="").first()
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    _capturar_en_ambos_anchos(pagina, "detalle-reclamo")

    esperando = Reclamo.objects.filter(consumidor=consumidora, estado=Estado.ESPERA_TURNO)
    if esperando.exists():
        pagina.goto(f"/reclamos/{esperando.first().pk}/turnos/")
        _capturar_en_ambos_anchos(pagina, "selector-turnos-demo")
    else:
        print(
            "La demo no tiene un reclamo esperando turno: el selector se captura en "
            "test_selector_turnos.py (selector-turnos-360-*, selector-turnos-1280-*)."
        )
    assert pagina.problemas == []


def test_capturas_de_la_homologacion(pagina, ingresar_como):
    _cargar_demo()
    homologador = Usuario.objects.get(email="homologacion@demo.conciliacion.ar")
    ingresar_como(homologador, contrasena=CONTRASENA_DEMO)

    pagina.goto("/panel/homologacion/")
    _capturar_en_ambos_anchos(pagina, "homologacion-cola")
    revisar = pagina.locator('main a[href^="/panel/homologacion/"]')
    if revisar.count():
        pagina.goto(revisar.first.get_attribute("href"))
        _capturar_en_ambos_anchos(pagina, "homologacion-revisar")
    else:
        print("La demo no tiene acuerdos para homologar: solo se captura la cola.")
    assert pagina.problemas == []


def test_capturas_de_la_revision_de_un_acuerdo(
    pagina, ingresar_como, consumidora, proveedor_activo, homologador
):
    """The demo has no agreement waiting for homologation: one is built as the homologation
    browser test does."""
    from tests.navegador.test_homologacion import _acuerdo_en_homologacion

    reclamo, _conciliador = _acuerdo_en_homologacion(
        consumidora, proveedor_activo, monto_total="30000.00"
    )
    ingresar_como(homologador)
    pagina.goto("/panel/homologacion/")
    _capturar_en_ambos_anchos(pagina, "homologacion-cola-con-acuerdo")
    pagina.locator("tr", has_text=reclamo.numero).get_by_role("link", name="Revisar").click()
    pagina.get_by_role(
        "heading", name=f"Acuerdo del reclamo {reclamo.numero} (versión 1)"
    ).wait_for()
    _capturar_en_ambos_anchos(pagina, "homologacion-revisar")
    assert pagina.problemas == []
