"""Browser: the mediation of a Peru claim as seed 001 describes it — consumer and provider
exchange messages (with read receipts), the provider sends a proposal and the consumer gives
her conformidad online, bound to the proposal document's SHA-256."""

import re

import pytest

from documentos.models import Documento
from reclamos.estados import Estado
from reclamos.models import MensajeMediacion, PropuestaMediacion
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
