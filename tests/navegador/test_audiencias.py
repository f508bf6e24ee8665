"""Browser: "Elegir Turno" as in seed 000 (with the race message), the cédula PDF download, the
conciliator publishing availability and running a hearing to its close."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from audiencias import disponibilidad
from audiencias.models import Audiencia, Cedula, FranjaSemanal
from audiencias.services import turnos
from conciliadores.services.designacion import designar
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.audiencias.conftest import (
    publicar_horario,
    textos_art_10,  # noqa: F401 (autouse: Ley 26.993 arts. 11, 16)
)
from tests.conciliadores.conftest import admitido, crear_conciliador
from tests.fechas import fecha_en
from tests.navegador.conftest import captura

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_elegir_turno_como_en_el_instructivo_con_la_carrera(
    pagina, ingresar_como, consumidora, otra_consumidora, proveedor_activo, agente_admision
):
    unico = crear_conciliador("NAV-0001")
    publicar_horario(unico, dias=(0, 1, 2, 3, 4))
    mio = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    otro = admitido(otra_consumidora, proveedor_activo, agente_admision, metodo="a")

    ingresar_como(consumidora)
    pagina.goto(f"/reclamos/{mio.pk}/")
    pagina.get_by_role("link", name="Seleccionar Turno").click()
    pagina.get_by_role("heading", name="Turnos disponibles para audiencias").wait_for()
    assert pagina.get_by_role("heading", name="¿Cómo podés seleccionar tu turno?").is_visible()
    assert pagina.get_by_role("heading", name="¿Qué precauciones debés tomar?").is_visible()
    assert unico.nombre not in pagina.content() and unico.matricula not in pagina.content()
    # A picker: days first, nothing chosen, no times shown until a day is.
    dias = pagina.locator("form.elegir-turno input[name=dia]")
    assert dias.count() >= 2
    assert pagina.locator("input[name=dia]:checked, input[name=turno]:checked").count() == 0
    assert pagina.get_by_text("Elegí un día para ver sus horarios.").is_visible()
    assert not pagina.locator("input[name=turno]").first.is_visible()
    captura(pagina, "turnos-dias")

    pagina.locator("form.elegir-turno .dia-opcion label").first.click()
    horas = pagina.locator(".dia-turnos:not([hidden]) .hora-opcion label")
    assert horas.count() >= 3
    assert pagina.locator(".dia-turnos:not([hidden])").count() == 1
    assert pagina.locator(".dia-turnos:not([hidden]) .grupo-turnos legend").first.inner_text()
    horas.first.click()
    primera = pagina.locator("input[name=turno]:checked").get_attribute("data-resumen")
    resumen = pagina.locator("[data-resumen-turno]")
    assert resumen.inner_text() == f"Elegiste: {primera}"
    # The confirmation stays on screen while the list scrolls.
    assert pagina.locator(".confirmacion-turno").evaluate("e => getComputedStyle(e).position") == (
        "sticky"
    )
    captura(pagina, "turnos-disponibles")

    # Someone else takes the first slot while the page is open.
    turno = disponibilidad.turnos_para(otro, ahora=timezone.now())[0]
    turnos.elegir_turno(otro, inicio=turno.inicio, por=otra_consumidora)

    pagina.get_by_role("button", name="Elegir Turno").click()
    pagina.get_by_text("Ese turno acaba de ser tomado; elegí otro.").wait_for()
    # The same day stays open, nothing is chosen, and the slot taken is gone.
    assert pagina.locator("input[name=turno]:checked").count() == 0
    visibles = pagina.locator(".dia-turnos:not([hidden]) input[name=turno]")
    assert primera not in [
        visibles.nth(i).get_attribute("data-resumen") for i in range(visibles.count())
    ]
    captura(pagina, "turno-tomado")

    pagina.locator(".dia-turnos:not([hidden]) .hora-opcion label").nth(1).click()
    pagina.get_by_role("button", name="Elegir Turno").click()
    pagina.get_by_text(re.compile("Elegiste el turno del")).wait_for()
    mio.refresh_from_db()
    assert mio.estado == Estado.AUDIENCIA_FIJADA

    # The cédula: download it from the claim page and read every art. 10 field.
    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name="Cédula (PDF)").click()
    contenido = descarga.value.path().read_bytes()
    texto = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(contenido)).pages
    )
    audiencia = Audiencia.objects.get(reclamo=mio)
    local = timezone.localtime(audiencia.inicio)
    proveedor = mio.proveedores.get()
    for dato in (
        proveedor.razon_social,
        proveedor.identificador,
        proveedor.domicilio_legal,
        unico.nombre,
        unico.matricula,
        unico.domicilio_profesional,
        mio.consumidor_email,
        mio.numero,
        mio.objeto,
        f"{local:%d/%m/%Y}",
        f"{local:%H:%M}",
        "Texto de prueba del artículo 11",
        "Texto de prueba del artículo 16",
    ):
        assert dato in texto, dato
    captura(pagina, "reclamo-con-audiencia")
    assert pagina.problemas == []


def test_el_conciliador_publica_su_agenda_y_conduce_la_audiencia(
    pagina, ingresar_como, conciliador, consumidora, proveedor_activo, agente_admision
):
    ana = crear_conciliador("NAV-0002", usuario=conciliador)
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    designar(reclamo, conciliador=ana, por=conciliador, notificacion_ficta=False)
    ingresar_como(conciliador)

    pagina.goto("/conciliadores/mi-agenda/")
    pagina.locator("#id_franja-dia_semana").select_option("2")
    pagina.locator("#id_franja-desde").fill("14:00")
    pagina.locator("#id_franja-hasta").fill("17:00")
    pagina.locator("#id_franja-modalidad").select_option("video")
    pagina.get_by_role("button", name="Agregar horario").click()
    pagina.get_by_text("Guardamos tu agenda.").wait_for()
    assert FranjaSemanal.objects.filter(conciliador=ana, dia_semana=2).exists()
    captura(pagina, "agenda-conciliador")

    _conducir_una_audiencia_en_curso(pagina, reclamo, ana, conciliador)
    pagina.locator("#id_resultado").select_option("sin_acuerdo")
    pagina.locator("#id_observaciones").fill("No hubo acuerdo sobre el monto.")
    pagina.get_by_role("button", name="Registrar resultado y emitir actas").click()
    pagina.get_by_text("Registraste el resultado de la audiencia.").wait_for()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CERRADO_SIN_ACUERDO
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    assert pagina.get_by_role("link", name=re.compile("Acta de cierre sin acuerdo")).is_visible()
    captura(pagina, "reclamo-cerrado-sin-acuerdo")

    # AR-14 (D202-I.17): the conciliator reports the closure to the Secretaría from the claim.
    pagina.get_by_role("link", name="Presentar el informe de cierre").click()
    pagina.get_by_role("heading", name=re.compile("Informe de cierre sin acuerdo")).wait_for()
    assert pagina.get_by_label("b) Motivo del reclamo").input_value() == reclamo.objeto
    pagina.get_by_label(re.compile("e\\) Otra información")).fill("El proveedor ofreció $ 5.000.")
    captura(pagina, "informe-de-cierre")
    pagina.get_by_role("button", name="Presentar el informe").click()
    pagina.get_by_text("Presentaste el informe de cierre.").wait_for()
    assert pagina.get_by_role("link", name="Ver el informe (PDF)").is_visible()
    assert Plazo.objects.get(object_id=reclamo.pk, tipo="AR-14").estado == "cumplido"
    assert pagina.problemas == []


def _conducir_una_audiencia_en_curso(pagina, reclamo, ana, conciliador):
    """A hearing that started an hour ago, validly noticed; the conciliator opens it from the
    claim and records both parties present."""
    inicio = timezone.now() - dt.timedelta(hours=1)
    audiencia = Audiencia.objects.create(
        reclamo=reclamo,
        conciliador=ana,
        inicio=inicio,
        modalidad="video",
        enlace_video="https://video.example/sala",
        fijada_por=conciliador,
    )
    Reclamo.objects.filter(pk=reclamo.pk).update(estado=Estado.AUDIENCIA_FIJADA)
    Cedula.objects.create(
        audiencia=audiencia,
        proveedor=reclamo.proveedores.get(),
        via="electronica",
        domicilio="x@example.com",
        notificada_el=fecha_en(inicio) - dt.timedelta(days=7),
        en_termino=True,
    )
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    pagina.get_by_role("link", name=re.compile("Conducir la audiencia")).click()
    for panel, nombre in ((0, "Lucía Fernández"), (1, "Martín Gómez")):
        formulario = pagina.locator("form:has(input[value=asistencia])").nth(panel)
        formulario.get_by_label("Sí").check()
        formulario.get_by_label("Nombre de quien asistió").fill(nombre)
        formulario.get_by_label("Carácter").select_option(
            "representante_legal" if panel else "personal"
        )
        formulario.get_by_role("button", name="Guardar asistencia").click()
        pagina.get_by_text("Registraste la asistencia.").wait_for()
    return audiencia


def test_el_acuerdo_suma_obligaciones_con_agregar_otra(
    pagina, ingresar_como, conciliador, consumidora, proveedor_activo, agente_admision
):
    """ "Agregar otra obligación" appends a blank, numbered row in the page and takes the focus
    there; the rows added that way are saved with the agreement."""
    from audiencias.models import Acuerdo

    ana = crear_conciliador("NAV-0003", usuario=conciliador)
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    designar(reclamo, conciliador=ana, por=conciliador, notificacion_ficta=False)
    ingresar_como(conciliador)
    _conducir_una_audiencia_en_curso(pagina, reclamo, ana, conciliador)
    pagina.locator("#id_resultado").select_option("acuerdo")
    pagina.get_by_label("Términos del acuerdo").fill("Cambio, reintegro y disculpas.")
    hoy = timezone.localdate()
    obligaciones = ["Cambio del equipo", "Reintegro", "Carta de disculpas"]
    agregar = pagina.get_by_role("button", name="Agregar otra obligación")
    agregar.click()
    pagina.get_by_role("group", name="Obligación 3").wait_for()
    assert pagina.evaluate("document.activeElement.id") == "id_obligaciones-2-descripcion"
    assert pagina.locator("[name=obligaciones-TOTAL_FORMS]").input_value() == "3"
    for n, descripcion in enumerate(obligaciones):
        pagina.locator(f"#id_obligaciones-{n}-descripcion").fill(descripcion)
        cumplir = (hoy + dt.timedelta(days=10 * (n + 1))).isoformat()
        pagina.locator(f"#id_obligaciones-{n}-fecha_cumplimiento").fill(cumplir)
    captura(pagina, "obligaciones-agregar-otra")
    pagina.get_by_role("button", name="Registrar resultado y emitir actas").click()
    pagina.get_by_text("Registraste el resultado de la audiencia.").wait_for()
    acuerdo = Acuerdo.objects.get(audiencia__reclamo=reclamo)
    assert [o["descripcion"] for o in acuerdo.obligaciones] == obligaciones
    assert pagina.problemas == []
