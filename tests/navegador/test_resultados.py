"""Browser: the conciliator runs a hearing to each outcome not covered elsewhere — agreement with
in-person signatures, the claim extended to another provider at the first hearing followed by a
cuarto intermedio and the next hearing with its cédula (and the conciliation extended), the
provider absent and its justification accepted, the consumer absent, and the over-cap referral
that staff decide (test_audiencias.py covers "sin acuerdo")."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from audiencias.anticipacion import primera_fecha_de_audiencia
from audiencias.models import Audiencia, Cedula
from conciliadores.services.designacion import designar
from plazos.models import Plazo
from plazos.selectors import plazos_corriendo_de
from reclamos.estados import Estado
from reclamos.models import Reclamo
from reclamos.services.partes import registrar_citacion
from reclamos.transiciones import hoy_en
from tests.audiencias.conftest import textos_art_10  # noqa: F401 (autouse: Ley 26.993 arts. 11, 16)
from tests.conciliadores.conftest import admitido, crear_conciliador
from tests.fechas import fecha_en
from tests.navegador.conftest import captura

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def en_curso(conciliador, consumidora, proveedor_activo, agente_admision):
    """Method c: Ana designated; a first hearing that started an hour ago, validly noticed."""
    ana = crear_conciliador("NAV-R001", usuario=conciliador)
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    designar(reclamo, conciliador=ana, por=conciliador, notificacion_ficta=False)
    inicio = timezone.now() - dt.timedelta(hours=1)
    audiencia = Audiencia.objects.create(
        reclamo=reclamo,
        conciliador=ana,
        inicio=inicio,
        modalidad="presencial",
        lugar="Lavalle 1220, 3.º B, CABA",
        fijada_por=conciliador,
    )
    Reclamo.objects.filter(pk=reclamo.pk).update(estado=Estado.AUDIENCIA_FIJADA)
    Cedula.objects.create(
        audiencia=audiencia,
        proveedor=reclamo.proveedores.get(),
        via="fehaciente",
        domicilio=proveedor_activo.domicilio_legal,
        medio="Carta documento",
        notificada_el=fecha_en(inicio) - dt.timedelta(days=7),
        en_termino=True,
    )
    # Served by that cédula: the provider sees the claim from then on (decision 0015).
    registrar_citacion(reclamo.proveedores.all(), en=inicio - dt.timedelta(days=8))
    return audiencia


def _abrir_la_audiencia(pagina, audiencia):
    pagina.goto(f"/reclamos/{audiencia.reclamo_id}/")
    pagina.get_by_role("link", name=re.compile("Conducir la audiencia")).click()
    pagina.get_by_role("heading", name=re.compile("Audiencia n.º")).wait_for()


def _asistencia(pagina, *, consumidor=True, proveedor=True):
    filas = (
        (consumidor, "Lucía Fernández", "personal"),
        (proveedor, "Martín Gómez", "representante_legal"),
    )
    for panel, (vino, nombre, caracter) in enumerate(filas):
        formulario = pagina.locator("form:has(input[value=asistencia])").nth(panel)
        if vino:
            formulario.get_by_label("Sí", exact=True).check()
            formulario.get_by_label("Nombre de quien asistió").fill(nombre)
            formulario.get_by_label("Carácter").select_option(caracter)
        else:
            formulario.get_by_label("No", exact=True).check()
        formulario.get_by_role("button", name="Guardar asistencia").click()
        titulo = f"compareció: {nombre}" if vino else "no compareció"
        pagina.locator(".panel-title").nth(panel).filter(has_text=titulo).wait_for()


def _resultado(pagina, resultado, **campos):
    pagina.locator("#id_resultado").select_option(resultado)
    for campo, valor in campos.items():
        pagina.locator(f"#id_{campo}").fill(valor)
    pagina.get_by_role("button", name="Registrar resultado y emitir actas").click()


def _salir(pagina):
    pagina.get_by_role("button", name="Salir").click()
    pagina.get_by_role("link", name="Ingresar").first.wait_for()


def _dia_habil_desde(reclamo) -> dt.date:
    dia = primera_fecha_de_audiencia(reclamo, hoy=hoy_en(reclamo)) + dt.timedelta(days=1)
    while dia.weekday() >= 5:
        dia += dt.timedelta(days=1)
    return dia


def test_acuerdo_con_las_firmas_en_la_audiencia(pagina, ingresar_como, conciliador, en_curso):
    ingresar_como(conciliador)
    _abrir_la_audiencia(pagina, en_curso)
    _asistencia(pagina)
    _resultado(
        pagina,
        "acuerdo",
        terminos="El proveedor cambia el equipo y reintegra el cargo cobrado.",
        monto_total="90000",
        **{
            # The obligations' repeating form: one row each, blank rows ignored.
            "obligaciones-0-descripcion": "Cambio del equipo",
            "obligaciones-0-fecha_cumplimiento": "2027-01-15",
            "obligaciones-1-descripcion": "Reintegro del cargo",
            "obligaciones-1-monto": "90000",
            "obligaciones-1-fecha_cumplimiento": "2027-01-29",
        },
    )
    pagina.get_by_text("Registraste el resultado de la audiencia.").wait_for()
    firmas = pagina.locator("section[aria-labelledby=t-firmas]")
    for etiqueta, nombre in (("Consumidor", "Lucía Fernández"), ("Telefonía", "Martín Gómez")):
        fila = firmas.locator("tr", has_text=etiqueta)
        fila.get_by_placeholder("Nombre de quien firma").fill(nombre)
        fila.get_by_role("button", name="Registrar firma presencial").click()
        firmas.locator("tr", has_text=etiqueta).filter(has_text=f"Firmó {nombre}").wait_for()
    captura(pagina, "audiencia-acuerdo-firmas")
    firmas.get_by_role("button", name="Firmar como conciliador/a").click()
    pagina.get_by_text("Firma registrada.").wait_for()
    reclamo = Reclamo.objects.get(pk=en_curso.reclamo_id)
    assert reclamo.estado == Estado.ACUERDO_FIRMADO
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    assert pagina.get_by_role("link", name=re.compile("Acta de acuerdo")).is_visible()
    assert pagina.problemas == []


def test_ampliacion_contra_otro_proveedor_cuarto_intermedio_y_prorroga(
    pagina, ingresar_como, conciliador, en_curso, otro_proveedor, agente_admision
):
    ingresar_como(conciliador)
    _abrir_la_audiencia(pagina, en_curso)
    _asistencia(pagina)
    ampliacion = pagina.locator("form.form-ampliacion")
    ampliacion.get_by_label("Ampliación contra otro proveedor").check()
    ampliacion.get_by_label("CUIT del proveedor").fill("30700000016")
    ampliacion.get_by_label("Razón social").fill("Electro Otro S.R.L.")
    ampliacion.get_by_label("Domicilio inscripto").fill("Florida 100, CABA")
    ampliacion.get_by_role("button", name="Registrar la ampliación").click()
    pagina.get_by_text("Registraste la ampliación contra otro proveedor.").wait_for()
    assert pagina.locator("ul.ampliaciones").get_by_text("Electro Otro S.R.L.").is_visible()
    # The new provider was not summoned: two attendance panels, and no closing outcome.
    assert pagina.locator("form:has(input[value=asistencia])").count() == 2
    _resultado(pagina, "sin_acuerdo")
    pagina.get_by_text(re.compile("corresponde fijar una nueva audiencia")).first.wait_for()
    captura(pagina, "audiencia-ampliacion-contra-otro-proveedor")
    _resultado(pagina, "nueva_audiencia")
    pagina.get_by_text("Registraste el resultado de la audiencia.").wait_for()
    reclamo = Reclamo.objects.get(pk=en_curso.reclamo_id)
    assert reclamo.estado == Estado.EN_CONCILIACION
    assert reclamo.actuaciones.filter(codigo="audiencia.ampliacion").exists()

    # The next hearing, with a cédula for the new provider.
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    pagina.get_by_role("link", name="Fijar audiencia").click()
    pagina.get_by_label("Día").fill(f"{_dia_habil_desde(reclamo):%Y-%m-%d}")
    pagina.get_by_label("Hora").fill("10:00")
    pagina.get_by_label("Modalidad").select_option("presencial")
    pagina.get_by_label("Lugar (presencial)").fill("Lavalle 1220, 3.º B, CABA")
    pagina.get_by_role("button", name="Fijar audiencia").click()
    pagina.get_by_text("Fijaste la audiencia. Se emitieron las cédulas.").wait_for()
    cedulas = pagina.locator("section.seccion-cedulas")
    assert cedulas.get_by_role("cell", name="Electro Otro S.R.L.").is_visible()
    nueva = Audiencia.objects.get(reclamo=reclamo, estado="fijada")
    assert Cedula.objects.filter(audiencia=nueva, proveedor__identificador="30700000016").exists()

    # The parties agreed to extend the conciliation (AR-10P).
    pagina.get_by_role("link", name="Prorrogar la conciliación").click()
    pagina.get_by_role("button", name="Prorrogar la conciliación").click()
    pagina.get_by_text("La prórroga requiere el acuerdo de ambas partes").first.wait_for()
    pagina.get_by_label("Ambas partes acordaron la prórroga").check()
    pagina.get_by_label("Cómo y cuándo la acordaron").fill("En la audiencia, para sumar al nuevo.")
    pagina.get_by_role("button", name="Prorrogar la conciliación").click()
    pagina.get_by_text(re.compile("Prorrogaste la conciliación hasta el")).wait_for()
    assert Plazo.objects.filter(object_id=reclamo.pk, tipo="AR-10P", estado="corriendo").exists()
    captura(pagina, "reclamo-ampliado-y-prorrogado")
    assert pagina.problemas == []


def test_proveedor_ausente_justifica_y_el_conciliador_fija_otra_audiencia(
    pagina, ingresar_como, conciliador, proveedor, en_curso
):
    ingresar_como(conciliador)
    _abrir_la_audiencia(pagina, en_curso)
    _asistencia(pagina, proveedor=False)
    _resultado(pagina, "incomparecencia_proveedor")
    pagina.get_by_text("Registraste el resultado de la audiencia.").wait_for()
    reclamo = Reclamo.objects.get(pk=en_curso.reclamo_id)
    assert reclamo.estado == Estado.INCOMPARECENCIA_PROVEEDOR
    assert Plazo.objects.filter(object_id=reclamo.pk, tipo="AR-11", estado="corriendo").exists()
    _salir(pagina)

    ingresar_como(proveedor)
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    assert pagina.get_by_role("link", name=re.compile("Acta de incomparecencia")).is_visible()
    pagina.get_by_role("link", name="Justificar la inasistencia").click()
    pagina.get_by_label("Motivo de la inasistencia").fill("Corte total del servicio de trenes.")
    pagina.get_by_role("button", name="Enviar").click()
    pagina.get_by_text("Listo: quedó registrado en el expediente.").wait_for()
    _salir(pagina)

    ingresar_como(conciliador)  # a fresh authenticator: a TOTP code is accepted only once
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    pagina.get_by_role("link", name="Decidir sobre la justificación").click()
    pagina.get_by_label("Aceptar y fijar nueva audiencia").check()
    pagina.get_by_label("Fundamento").fill("Hecho de fuerza mayor acreditado.")
    pagina.get_by_label("Nueva fecha").fill(f"{_dia_habil_desde(reclamo):%Y-%m-%d}")
    pagina.get_by_label("Hora").fill("11:00")
    pagina.get_by_label("Modalidad").select_option("video")
    captura(pagina, "justificacion-aceptada")
    pagina.get_by_role("button", name="Enviar").click()
    pagina.get_by_text("Listo: quedó registrado en el expediente.").wait_for()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
    assert Audiencia.objects.filter(reclamo=reclamo, estado="fijada", modalidad="video").exists()
    assert pagina.problemas == []


def test_consumidor_ausente_termina_el_procedimiento(pagina, ingresar_como, conciliador, en_curso):
    ingresar_como(conciliador)
    _abrir_la_audiencia(pagina, en_curso)
    _asistencia(pagina, consumidor=False)
    _resultado(pagina, "incomparecencia_consumidor")
    pagina.get_by_text("Registraste el resultado de la audiencia.").wait_for()
    reclamo = Reclamo.objects.get(pk=en_curso.reclamo_id)
    assert reclamo.estado == Estado.DESISTIDO
    assert not plazos_corriendo_de(reclamo).exists()  # never a fine (Decision 11)
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    assert pagina.locator(".estado-reclamo").get_by_text("Desistido").is_visible()
    assert pagina.problemas == []


def test_remision_por_exceder_el_tope_y_el_personal_decide_continuar(
    pagina, ingresar_como, conciliador, agente_admision, en_curso
):
    ingresar_como(conciliador)
    _abrir_la_audiencia(pagina, en_curso)
    _asistencia(pagina)
    _resultado(pagina, "excede_tope")
    pagina.get_by_text(
        re.compile("Explicá por qué el monto del reclamo supera el tope")
    ).first.wait_for()
    _resultado(
        pagina,
        "excede_tope",
        fundamento_tope="El consumidor presentó facturas por un total mayor al declarado.",
        monto_tope="12000000",
    )
    pagina.get_by_text(re.compile("Remitiste el reclamo por exceder el tope")).wait_for()
    assert pagina.get_by_text(re.compile("está suspendido por la revisión del tope")).is_visible()
    captura(pagina, "audiencia-remitida-por-tope")
    reclamo = Reclamo.objects.get(pk=en_curso.reclamo_id)
    assert reclamo.pausas.filter(tipo="limite_en_revision", hasta__isnull=True).exists()
    assert Plazo.objects.get(object_id=reclamo.pk, tipo="AR-10").estado == "suspendido"
    _salir(pagina)

    ingresar_como(agente_admision)
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    assert pagina.get_by_text(
        re.compile("Procedimiento suspendido: Revisión del tope")
    ).is_visible()
    pagina.get_by_role("link", name="Revisión del tope").click()
    pagina.get_by_label("Continuar el procedimiento").check()
    pagina.get_by_label("Fundamentos").fill("Las facturas incluyen bienes ajenos al reclamo.")
    pagina.get_by_role("button", name="Decidir").click()
    pagina.get_by_text("Registrado.").wait_for()
    assert not reclamo.pausas.filter(hasta__isnull=True).exists()
    assert Plazo.objects.get(object_id=reclamo.pk, tipo="AR-10").estado == "corriendo"
    captura(pagina, "tope-decidido-continuar")
    assert pagina.problemas == []
