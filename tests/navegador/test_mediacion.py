"""Browser: the mediation of a Peru claim as seed 001 describes it — consumer and provider
exchange messages (with read receipts), the provider sends a proposal and the consumer gives
her conformidad online, bound to the proposal document's SHA-256."""

import re

import pytest

from documentos.models import Documento
from reclamos.estados import Estado
from reclamos.models import MensajeMediacion, PropuestaMediacion
from reclamos.services.mediacion.conciliacion import primer_dia_convocable
from tests.navegador.conftest import captura
from tests.reclamos.mediacion import consumidora_pe, en_mediacion, proveedor_pe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _salir(pagina):
    pagina.get_by_role("button", name="Salir").click()
    pagina.get_by_role("link", name="Ingresar").first.wait_for()


def test_mensajes_propuesta_y_conformidad_en_linea(pagina, ingresar_como, funcionario):
    carmen = consumidora_pe()
    _organizacion, representante = proveedor_pe()
    reclamo = en_mediacion(carmen, funcionario)
    url = f"/reclamos/{reclamo.pk}/mediacion/"

    # The consumer writes first.
    ingresar_como(carmen)
    pagina.goto(url)
    pagina.get_by_role("heading", name=f"Reclamo {reclamo.numero}").wait_for()
    pagina.get_by_role("textbox", name="Mensaje").fill(
        "Buenos días, la refrigeradora llegó abollada."
    )
    pagina.get_by_role("button", name="Enviar mensaje").click()
    pagina.get_by_text("Mensaje enviado.").wait_for()
    _salir(pagina)

    # The provider reads it, answers and sends a proposal.
    ingresar_como(representante)
    pagina.goto(url)
    hilo = pagina.locator(".hilo-mediacion")
    assert "la refrigeradora llegó abollada" in hilo.inner_text()
    pagina.get_by_role("textbox", name="Mensaje").fill(
        "Lamentamos lo ocurrido; le enviamos una propuesta."
    )
    pagina.get_by_role("button", name="Enviar mensaje").click()
    pagina.get_by_text("Mensaje enviado.").wait_for()
    pagina.get_by_role("link", name="Enviar una propuesta de solución").click()
    pagina.get_by_label("Propuesta de solución").fill(
        "Cambiamos la refrigeradora por una nueva en 5 días hábiles."
    )
    pagina.get_by_label(re.compile("Monto ofrecido")).fill("1234.50")
    pagina.get_by_role("button", name="Enviar la propuesta").click()
    pagina.get_by_text("Propuesta enviada al consumidor.").wait_for()
    captura(pagina, "mediacion-proveedor")
    _salir(pagina)

    # The consumer sees the reply, that the provider read her message, and gives conformidad.
    ingresar_como(carmen)
    pagina.goto(url)
    hilo = pagina.locator(".hilo-mediacion")
    assert "le enviamos una propuesta" in hilo.inner_text()
    assert (
        "Leído por Jorge Salazar"
        in pagina.locator(f"#mensaje-{MensajeMediacion.objects.first().pk}").inner_text()
    )
    pagina.get_by_role("link", name="Responder la propuesta").first.click()
    pagina.get_by_role("heading", name="Dar mi conformidad").wait_for()
    huella = pagina.locator(".huella code").inner_text()
    assert "S/ 1,234.50" in pagina.content()
    pagina.get_by_label(re.compile("Doy mi conformidad")).check()
    pagina.get_by_label("Contraseña").fill("clave-de-prueba-123")
    captura(pagina, "mediacion-conformidad")
    pagina.get_by_role("button", name="Dar conformidad").click()
    pagina.get_by_text("Registramos su conformidad").wait_for()
    captura(pagina, "mediacion-concluida")

    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CONCLUIDO_CON_ACUERDO
    propuesta = PropuestaMediacion.objects.get()
    assert propuesta.sha256_conformidad == huella
    assert Documento.objects.get(pk=propuesta.documento_id).sha256 == huella
    assert reclamo.actuaciones.get(codigo="mediacion.conformidad").datos["sha256"] == huella
    assert pagina.problemas == []


def test_el_funcionario_convoca_y_conduce_la_audiencia_virtual(pagina, ingresar_como, funcionario):
    import datetime as dt

    from django.utils import timezone

    from audiencias.models import Audiencia
    from normativa.calendarios import calendario
    from normativa.regimenes import Calendario

    carmen = consumidora_pe()
    _organizacion, representante = proveedor_pe()
    reclamo = en_mediacion(carmen, funcionario)
    url = f"/reclamos/{reclamo.pk}/mediacion/"
    cal = calendario(Calendario.PE_ENTIDAD)
    dia = primer_dia_convocable(reclamo)

    # The official convenes the video hearing; a weekend day is refused first, keeping the link.
    ingresar_como(funcionario)
    pagina.goto(url)
    pagina.get_by_role("link", name="Convocar audiencia de conciliación").click()
    sabado = cal.hoy() + dt.timedelta(days=(5 - cal.hoy().weekday()) % 7 or 7)
    pagina.get_by_label("Día y hora (hora de Lima)").fill(f"{sabado:%Y-%m-%d}T10:00")
    pagina.get_by_label("Enlace de la videoconferencia").fill("https://sala.example/indecopi-7")
    pagina.get_by_role("button", name="Convocar").click()
    pagina.get_by_text("no es día hábil").first.wait_for()
    assert pagina.get_by_label("Enlace de la videoconferencia").input_value() == (
        "https://sala.example/indecopi-7"
    )
    pagina.get_by_label("Día y hora (hora de Lima)").fill(f"{dia:%Y-%m-%d}T10:00")
    pagina.get_by_role("button", name="Convocar").click()
    pagina.get_by_text("Audiencia convocada: avisamos a las partes.").wait_for()
    seccion = pagina.locator(".audiencia-virtual")
    assert f"el {dia:%d/%m/%Y} a las 10:00 (hora de Lima)" in seccion.inner_text()
    audiencia = Audiencia.objects.get(reclamo=reclamo)
    assert audiencia.funcionario == funcionario and audiencia.conciliador is None
    _salir(pagina)

    # The provider sees the hearing and the room, not the official's page.
    ingresar_como(representante)
    pagina.goto(url)
    seccion = pagina.locator(".audiencia-virtual")
    assert seccion.get_by_role("link", name="Ingresar a la audiencia virtual").get_attribute(
        "href"
    ) == ("https://sala.example/indecopi-7")
    assert seccion.get_by_role("link", name=re.compile("Conducir")).count() == 0
    _salir(pagina)

    # The day of the hearing: it started half an hour ago.
    Audiencia.objects.filter(pk=audiencia.pk).update(
        inicio=timezone.now() - dt.timedelta(minutes=30)
    )
    ingresar_como(funcionario)
    pagina.goto(url)
    pagina.get_by_role("link", name="Conducir la audiencia y emitir el acta").click()
    pagina.get_by_role("heading", name=re.compile("Audiencia de conciliación n.º 1")).wait_for()
    pagina.get_by_role("group", name="¿Asistió Carmen Huamán Torres?").get_by_label("Sí").check()
    pagina.get_by_role("group", name="¿Asistió Comercial Andina S.A.C.?").get_by_label("Sí").check()
    pagina.get_by_role("group", name="Resultado").get_by_label("Acuerdo", exact=True).check()
    pagina.get_by_label("Contenido del acta").fill(
        "El proveedor cambia la refrigeradora el próximo lunes."
    )
    pagina.get_by_role("button", name="Emitir el acta").click()
    pagina.get_by_text("Indique el nombre de quien asistió.").first.wait_for()
    assert "el próximo lunes" in pagina.get_by_label("Contenido del acta").input_value()
    pagina.get_by_label("Nombre de quien asistió por Comercial Andina S.A.C.").fill("Jorge Salazar")
    captura(pagina, "mediacion-audiencia-acta")
    pagina.get_by_role("button", name="Emitir el acta").click()
    pagina.get_by_text("Acta emitida: avisamos a las partes.").wait_for()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CONCLUIDO_CON_ACUERDO
    _salir(pagina)

    # The consumer finds the acta on her claim, with its rendered PDF.
    ingresar_como(carmen)
    pagina.goto(url)
    acta = pagina.locator(".audiencia-virtual").get_by_role(
        "link", name=re.compile("Acta de conciliación")
    )
    acta.wait_for()
    captura(pagina, "mediacion-audiencia-concluida")
    documento = Documento.objects.get(tipo="acta_audiencia")
    assert documento.sha256 and documento.regimen_codigo == "PE-INDECOPI"
    assert pagina.problemas == []
