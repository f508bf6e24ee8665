"""Browser: the public directory of conciliators, the consumer's choice (method c) from the claim
page and the chosen conciliator's acceptance, the public draw verification page, and the registry
staff approving a licence after logging in with their second factor."""

import datetime
import hashlib
import re

import pytest
from django.utils import timezone

from conciliadores.models import Licencia, Propuesta, Sorteo
from conciliadores.services import registro
from conciliadores.services.sorteo import sortear_conciliador
from cuentas.models import Organizacion
from reclamos.estados import Estado
from tests.conciliadores.conftest import admitido, crear_conciliador
from tests.navegador.conftest import captura
from tests.navegador.recorrido import ir_por_el_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_el_directorio_publico_con_sus_filtros(pagina):
    oficina = Organizacion.objects.create(
        tipo=Organizacion.Tipo.OFICINA, razon_social="Oficina Microcentro", identificador="OF-9"
    )
    presencial = crear_conciliador("DIR-0001", modalidades=["presencial"], tipo="b")
    presencial.oficinas.set([oficina])
    video = crear_conciliador("DIR-0002", modalidades=["video"], jurisdicciones=["La Plata"])
    crear_conciliador("DIR-0003", activo=False)

    pagina.goto("/")
    pagina.get_by_role("link", name="Directorio de conciliadores").click()
    pagina.get_by_role(
        "heading", name="Directorio de conciliadores en las relaciones de consumo"
    ).wait_for()
    tabla = pagina.locator("table.directorio")
    fila = tabla.locator("tr", has_text="DIR-0001")
    assert presencial.nombre in fila.inner_text()
    assert "Oficina Microcentro" in fila.inner_text() and "Presencial" in fila.inner_text()
    assert "DIR-0002" in tabla.inner_text() and "DIR-0003" not in tabla.inner_text()

    pagina.get_by_label("Modalidad").select_option(label="Videoconferencia")
    pagina.get_by_role("button", name="Filtrar").click()
    pagina.wait_for_url(re.compile(r"modalidad=video"))
    assert "DIR-0002" in tabla.inner_text() and "DIR-0001" not in tabla.inner_text()
    assert video.nombre in tabla.inner_text()
    captura(pagina, "directorio-conciliadores")
    assert pagina.problemas == []


def test_la_consumidora_elige_conciliador_y_el_elegido_acepta(
    pagina, ingresar_como, consumidora, conciliador, proveedor_activo, agente_admision
):
    ana = crear_conciliador("NAV-E001", usuario=conciliador)
    crear_conciliador("NAV-E002", jurisdicciones=["Mendoza"])
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")

    ingresar_como(consumidora)
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    pagina.get_by_role("link", name="Elegir conciliador/a").click()
    pagina.get_by_role(
        "heading", name=re.compile(r"Elegir conciliador\/a para el reclamo")
    ).wait_for()
    opciones = pagina.locator("form.elegir-conciliador input[type=radio]")
    assert opciones.count() == 1  # the one in Mendoza does not serve this claim
    pagina.get_by_role("button", name="Elegir").click()
    pagina.get_by_text("Elegí un conciliador del listado.").first.wait_for()
    pagina.get_by_label(re.compile("Ana Pereyra — mat. NAV-E001")).check()
    captura(pagina, "eleccion-de-conciliador")
    pagina.get_by_role("button", name="Elegir").click()
    pagina.get_by_text("Le avisamos a quien elegiste").wait_for()
    assert pagina.get_by_text("Esperando que Ana Pereyra (mat. NAV-E001) acepte").is_visible()
    assert Propuesta.objects.get(reclamo=reclamo).conciliador == ana

    pagina.get_by_role("button", name="Salir").click()
    ingresar_como(conciliador)
    pagina.goto("/conciliadores/mis-reclamos/")
    pagina.get_by_role("link", name=re.compile(reclamo.numero)).click()
    pagina.get_by_label("Acepto intervenir").check()
    pagina.get_by_role("button", name="Enviar respuesta").click()
    pagina.get_by_text("Aceptaste: quedaste designado/a en el reclamo.").wait_for()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CONCILIADOR_DESIGNADO
    seccion = pagina.locator("section.designacion")
    assert "NAV-E001" in seccion.inner_text() and ana.domicilio_profesional in seccion.inner_text()
    captura(pagina, "conciliador-designado-por-eleccion")
    assert pagina.problemas == []


def test_la_pagina_del_sorteo_recalcula_y_rechaza_una_semilla_alterada(
    pagina, consumidora, proveedor_activo, agente_admision
):
    for i in range(1, 5):
        crear_conciliador(f"NAV-S{i:03d}")
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    designado = sortear_conciliador(reclamo, candidatos=None, por=consumidora).conciliador
    sorteo = Sorteo.objects.get(reclamo=reclamo, ronda=1)

    pagina.goto(f"/sorteos/{reclamo.numero}")
    pagina.get_by_role("heading", name=f"Sorteo del reclamo {reclamo.numero}").wait_for()
    ronda = pagina.locator("section.ronda-sorteo").first
    compromiso = ronda.locator("code.compromiso").inner_text()
    semilla = ronda.locator("code.semilla").inner_text()
    # The commitment is SHA-256(seed), computed here independently of the page.
    assert compromiso == hashlib.sha256(semilla.encode("ascii")).hexdigest() == sorteo.compromiso
    assert ronda.locator("code.sha-semilla").inner_text() == compromiso
    assert ronda.get_by_text("igual al compromiso").is_visible()
    assert designado.matricula in ronda.locator(".resultado-recalculado").inner_text()
    assert ronda.locator(".verificacion-publicada").inner_text().startswith("Coincide.")
    assert ronda.locator("table.padron tbody tr").count() == 4
    captura(pagina, "sorteo-verificado")

    otra = "0" * 64 if semilla != "0" * 64 else "1" * 64
    pagina.get_by_label("Semilla (hex)").fill(otra)
    pagina.get_by_role("button", name="Recalcular").click()
    alerta = pagina.locator(".resultado-verificacion")
    alerta.wait_for()
    assert "No coincide" in alerta.inner_text()
    assert "no es el compromiso publicado" in alerta.inner_text()
    assert pagina.get_by_label("Semilla (hex)").input_value() == otra
    captura(pagina, "sorteo-semilla-alterada")

    pagina.get_by_label("Semilla (hex)").fill(semilla)
    pagina.get_by_role("button", name="Recalcular").click()
    pagina.locator(".resultado-verificacion.alert-success").wait_for()
    assert pagina.problemas == []


def test_el_registro_aprueba_una_licencia_con_su_segundo_factor(
    pagina, ingresar_como, agente_registro, conciliador
):
    ana = crear_conciliador("NAV-L001", usuario=conciliador)
    desde = timezone.localdate()
    hasta = desde + datetime.timedelta(days=7)
    licencia = registro.solicitar_licencia(
        ana, por=conciliador, desde=desde, hasta=hasta, motivo="Intervención quirúrgica programada"
    )

    ingresar_como(agente_registro)  # types the TOTP code on the second step
    ir_por_el_menu(pagina, "Licencias de conciliadores")
    pagina.get_by_role("heading", name="Licencias para resolver").wait_for()
    pagina.get_by_role("link", name=re.compile("NAV-L001")).click()
    assert pagina.get_by_text("Intervención quirúrgica programada").is_visible()
    pagina.get_by_role("button", name="Resolver").click()
    pagina.get_by_text("Revisá lo que cargaste").wait_for()
    pagina.get_by_label("Aprobar").check()
    captura(pagina, "licencia-a-resolver")
    pagina.get_by_role("button", name="Resolver").click()
    pagina.get_by_text("La licencia quedó resuelta.").wait_for()
    licencia.refresh_from_db()
    assert licencia.estado == Licencia.Estado.APROBADA
    assert licencia.decidida_por == agente_registro

    pagina.goto("/conciliadores/")
    fila = pagina.locator("table.directorio tr", has_text="NAV-L001")
    assert f"De licencia hasta el {hasta:%d/%m/%Y}" in fila.inner_text()
    assert pagina.problemas == []
