"""Browser: a joined hearing end to end (D202-I.2, decision 0026) — staff join two claims, the
lead's consumer picks the slot (one draw designates the conciliator for both), the conciliator
holds the joint hearing, records each claim's attendance and result (agreement for one, none for
the other) and one acta covers both. Pages checked at 360 px with axe."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from audiencias.models import Audiencia
from conciliadores.models import Sorteo
from documentos.models import Documento
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.audiencias.conftest import (
    publicar_horario,
    textos_art_10,  # noqa: F401 (autouse: Ley 26.993 arts. 11, 16)
)
from tests.conciliadores.conftest import admitido, crear_conciliador
from tests.navegador.conftest import captura
from tests.navegador.recorrido import desborde, elementos_anchos, violaciones_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _salir(pagina):
    pagina.get_by_role("button", name="Salir").click()
    pagina.get_by_role("link", name="Ingresar").first.wait_for()


def _en_un_telefono(pagina, nombre):
    pagina.set_viewport_size({"width": 360, "height": 800})
    assert desborde(pagina) <= 0, elementos_anchos(pagina)
    assert violaciones_axe(pagina) == []
    captura(pagina, nombre)
    pagina.set_viewport_size({"width": 1280, "height": 900})


def _asistencia(pagina, nombres):
    for panel, (nombre, caracter) in enumerate(nombres):
        formulario = pagina.locator("form:has(input[value=asistencia])").nth(panel)
        formulario.get_by_label("Sí", exact=True).check()
        formulario.get_by_label("Nombre de quien asistió").fill(nombre)
        formulario.get_by_label("Carácter").select_option(caracter)
        formulario.get_by_role("button", name="Guardar asistencia").click()
        pagina.locator(".panel-title").nth(panel).filter(
            has_text=f"compareció: {nombre}"
        ).wait_for()


def test_audiencia_conjunta_de_reclamos_acumulados_de_punta_a_punta(
    pagina,
    ingresar_como,
    agente_admision,
    conciliador,
    consumidora,
    otra_consumidora,
    proveedor_activo,
):
    ana = crear_conciliador("NAV-A001", usuario=conciliador)
    publicar_horario(ana)
    uno = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    dos = admitido(otra_consumidora, proveedor_activo, agente_admision, metodo="a")

    # 1. Staff join them; the first filed leads.
    ingresar_como(agente_admision)
    pagina.goto("/panel/acumular/")
    pagina.get_by_label("Números de reclamo").fill(f"{dos.numero}, {uno.numero}")
    pagina.get_by_label(re.compile("^Fundamento")).fill("Mismo corte del servicio; mismo objeto.")
    pagina.get_by_role("button", name="Acumular").click()
    pagina.get_by_text("Reclamos acumulados.").wait_for()
    pagina.get_by_role("heading", name=f"Reclamo {uno.numero}").wait_for()
    assert "Este es el reclamo principal" in pagina.locator("section.acumulacion").inner_text()
    _salir(pagina)

    # 2. The follower's consumer has no slot to pick: her hearing is the lead's.
    ingresar_como(otra_consumidora)
    pagina.goto(f"/reclamos/{dos.pk}/")
    assert pagina.get_by_role("link", name="Seleccionar Turno").count() == 0
    assert "su audiencia es la de ese reclamo" in pagina.locator("main").inner_text()
    _en_un_telefono(pagina, "acumulado-seguidor")
    _salir(pagina)

    # 3. The lead's consumer picks the slot: one draw designates the conciliator for both.
    ingresar_como(consumidora)
    pagina.goto(f"/reclamos/{uno.pk}/")
    pagina.get_by_role("link", name="Seleccionar Turno").click()
    pagina.locator("form.elegir-turno .dia-opcion label").first.click()
    pagina.locator(".dia-turnos:not([hidden]) .hora-opcion label").first.click()
    pagina.get_by_role("button", name="Elegir Turno").click()
    pagina.get_by_text(re.compile("Elegiste el turno del")).wait_for()
    _salir(pagina)
    assert Sorteo.objects.filter(realizado_en__isnull=False).count() == 1
    principal = Audiencia.objects.get(reclamo=uno, estado="fijada")
    conjunta = Audiencia.objects.get(reclamo=dos, estado="fijada")
    assert conjunta.conjunta_con == principal
    assert Reclamo.objects.get(pk=dos.pk).designaciones.get(activa=True).conciliador == ana

    # The hearing's time comes.
    inicio = timezone.now() - dt.timedelta(hours=1)
    Audiencia.objects.filter(pk__in=[principal.pk, conjunta.pk]).update(inicio=inicio)

    # 4. The conciliator holds it: each claim's attendance and result, one acta.
    ingresar_como(conciliador)
    pagina.goto(f"/reclamos/{uno.pk}/")
    pagina.get_by_role("link", name=re.compile("Conducir la audiencia")).click()
    seccion = pagina.locator("section.audiencia-conjunta")
    seccion.wait_for()
    assert dos.numero in seccion.inner_text()
    _en_un_telefono(pagina, "audiencia-conjunta")
    _asistencia(pagina, [("Lucía Fernández", "personal"), ("Martín Gómez", "representante_legal")])
    pagina.locator("#id_resultado").select_option("acuerdo")
    pagina.locator("#id_terminos").fill("El proveedor reintegra el cargo del corte.")
    pagina.locator("#id_obligaciones-0-descripcion").fill("Reintegro del cargo")
    pagina.locator("#id_obligaciones-0-fecha_cumplimiento").fill("2027-01-29")
    pagina.get_by_role("button", name="Registrar resultado y emitir actas").click()
    pagina.get_by_text("Registraste el resultado de la audiencia.").wait_for()

    pagina.locator("section.audiencia-conjunta").get_by_role("link", name=dos.numero).click()
    pagina.get_by_role("heading", name=re.compile(f"reclamo {dos.numero}")).wait_for()
    _asistencia(pagina, [("Marta López", "personal"), ("Martín Gómez", "representante_legal")])
    pagina.locator("#id_resultado").select_option("sin_acuerdo")
    pagina.get_by_role("button", name="Registrar resultado y emitir actas").click()
    pagina.get_by_text("Registraste el resultado de la audiencia.").wait_for()

    # 5. One acta for the hearing, each claim with its own result.
    acta = Documento.objects.get(tipo="acta_audiencia", sujeto_id__in=[uno.pk, dos.pk])
    resultados = {r["numero"]: r["resultado"] for r in acta.snapshot["reclamos"]}
    assert resultados == {uno.numero: "Acuerdo", dos.numero: "Sin acuerdo"}
    assert Reclamo.objects.get(pk=uno.pk).estado == Estado.EN_CONCILIACION
    assert Reclamo.objects.get(pk=dos.pk).estado == Estado.CERRADO_SIN_ACUERDO
    pagina.goto(f"/reclamos/{uno.pk}/")
    assert pagina.get_by_role("link", name=re.compile("Acta de audiencia conjunta")).is_visible()
    pagina.goto(f"/reclamos/{dos.pk}/")
    assert "Acta única de la audiencia conjunta" in pagina.locator("main").inner_text()
    assert pagina.get_by_role("link", name=re.compile("Acta de audiencia conjunta")).is_visible()
    _en_un_telefono(pagina, "acumulado-con-acta")
    assert pagina.problemas == []


def test_el_personal_agrega_una_co_reclamante_desde_un_telefono(
    pagina, ingresar_como, agente_admision, consumidora, otra_consumidora, proveedor_activo
):
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    ingresar_como(agente_admision)
    pagina.set_viewport_size({"width": 360, "height": 800})
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    pagina.get_by_role("link", name="Agregar co-reclamante").click()
    pagina.get_by_role("heading", name=re.compile("Agregar co-reclamante")).wait_for()
    pagina.locator("#id_nombre").fill("Marta")
    pagina.locator("#id_apellido").fill("López")
    pagina.locator("#id_dni").fill("27111222")
    pagina.locator("#id_email").fill(otra_consumidora.email)
    # Without the ground the page says what is missing and keeps what was typed.
    pagina.get_by_role("button", name="Agregar co-reclamante").click()
    pagina.get_by_text("Revisá lo que cargaste").wait_for()
    assert pagina.locator("#id_apellido").input_value() == "López"
    assert desborde(pagina) <= 0, elementos_anchos(pagina)
    assert violaciones_axe(pagina) == []
    captura(pagina, "agregar-coreclamante")
    pagina.locator("#id_fundamento").fill("Misma factura del mismo servicio.")
    pagina.get_by_role("button", name="Agregar co-reclamante").click()
    pagina.get_by_text("Co-reclamante agregado.").wait_for()
    seccion = pagina.locator("section.coreclamantes")
    assert "Marta López" in seccion.inner_text()
    assert desborde(pagina) <= 0, elementos_anchos(pagina)
    assert violaciones_axe(pagina) == []
    # She has an account with that e-mail: she sees the claim as a party.
    assert reclamo.coreclamantes.get().usuario == otra_consumidora
    assert pagina.problemas == []
