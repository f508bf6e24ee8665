"""Browser: admission staff publish weekly hours at their agency office for a conciliator who
serves there; the consumer sees the office's address in "Elegir Turno", picks it, and the cédula
PDF names the office as the place."""

import io
import re

import pytest
from pypdf import PdfReader

from audiencias.models import Audiencia, FranjaSemanal
from cuentas.models import Organizacion
from reclamos.estados import Estado
from tests.audiencias.conftest import textos_art_10  # noqa: F401 (autouse: Ley 26.993 arts. 11, 16)
from tests.conciliadores.conftest import admitido, crear_conciliador
from tests.navegador.conftest import captura
from tests.navegador.recorrido import ir_por_el_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LUGAR = "Oficina Microcentro, Av. Roque Sáenz Peña 501, CABA"


def test_el_personal_publica_en_la_oficina_y_el_consumidor_la_elige(
    pagina, ingresar_como, agente_admision, consumidora, proveedor_activo
):
    oficina = Organizacion.objects.create(
        tipo=Organizacion.Tipo.OFICINA,
        tipo_identificador="CUIT",
        identificador="OF-1",
        razon_social="Oficina Microcentro",
        domicilio_legal="Av. Roque Sáenz Peña 501, CABA",
        estado=Organizacion.Estado.ACTIVA,
    )
    agente_admision.oficina = oficina
    agente_admision.save(update_fields=["oficina"])
    del_4b = crear_conciliador("NAV-OF-1", tipo="b")
    del_4b.oficinas.add(oficina)
    proveedor_activo.domicilio_electronico = "cedulas@telefonia.example"
    proveedor_activo.save()
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")

    # Staff: from the menu to the office's agenda; a wrong range first, then Wednesdays 9–12.
    ingresar_como(agente_admision)
    ir_por_el_menu(pagina, "Agenda de las oficinas")
    pagina.get_by_role("heading", name="Agenda de Oficina Microcentro").wait_for()
    assert pagina.locator(".lugar-oficina").inner_text() == LUGAR
    pagina.locator("#id_franja-conciliador").select_option(str(del_4b.pk))
    pagina.locator("#id_franja-dia_semana").select_option("2")
    pagina.locator("#id_franja-desde").fill("12:00")
    pagina.locator("#id_franja-hasta").fill("09:00")
    pagina.locator("#id_franja-modalidad").select_option("presencial")
    pagina.get_by_role("button", name="Publicar horario").click()
    pagina.get_by_text("Revisá lo que cargaste").wait_for()
    assert pagina.locator("#id_franja-desde").input_value() == "12:00"
    pagina.locator("#id_franja-desde").fill("09:00")
    pagina.locator("#id_franja-hasta").fill("12:00")
    pagina.get_by_role("button", name="Publicar horario").click()
    pagina.get_by_text(re.compile("Publicamos el turno de")).wait_for()
    assert FranjaSemanal.objects.get(conciliador=del_4b).oficina == oficina
    assert pagina.locator("table.turnos-libres-oficina tbody tr").count() >= 1
    captura(pagina, "agenda-de-la-oficina")
    pagina.get_by_role("button", name="Salir").click()

    # The consumer: the office's rows show its address; no conciliator is named.
    ingresar_como(consumidora)
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    pagina.get_by_role("link", name="Seleccionar Turno").click()
    pagina.get_by_role("heading", name="Turnos disponibles para audiencias").wait_for()
    # The picker: a day with slots at the office, then a time of the office's group.
    dia = pagina.locator(".dia-turnos", has_text=LUGAR).first.get_attribute("data-dia")
    pagina.locator(f'label[for="dia-{dia}"]').click()
    grupo = pagina.locator(f'.dia-turnos[data-dia="{dia}"] .grupo-turnos', has_text=LUGAR)
    assert grupo.locator("legend").inner_text().endswith(LUGAR)
    assert del_4b.nombre not in pagina.content()
    grupo.locator(".hora-opcion label").first.click()
    captura(pagina, "turnos-en-la-oficina")
    pagina.get_by_role("button", name="Elegir Turno").click()
    pagina.get_by_text(re.compile("Elegiste el turno del")).wait_for()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
    audiencia = Audiencia.objects.get(reclamo=reclamo)
    assert (audiencia.conciliador, audiencia.lugar) == (del_4b, LUGAR)

    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name="Cédula (PDF)").click()
    contenido = descarga.value.path().read_bytes()
    texto = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(contenido)).pages
    )
    assert LUGAR in texto and del_4b.matricula in texto
    assert pagina.problemas == []
