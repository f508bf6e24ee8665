"""Browser: the non-appearance fine from the conciliator's certification to staff's definitive
certificate; every certificate verifies on /verificar/."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from honorarios.models import Multa
from honorarios.services.multas import CLAVE_PAGO
from normativa.models import TextoNormativo, ValorReferencia
from tests.fechas import hoy_en
from tests.honorarios.conftest import multa_lista_para_certificar
from tests.navegador.conftest import captura

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_privada(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "privado"


def _valores():
    ValorReferencia.objects.create(
        tipo="SMVM", vigente_desde=dt.date(2020, 1, 1), valor=Decimal("330000"), fuente="prueba"
    )
    TextoNormativo.objects.create(
        clave=CLAVE_PAGO,
        vigente_desde=dt.date(2020, 1, 1),
        titulo="Instrucciones de pago",
        texto="Depositar en la cuenta 123-456 dentro de los 10 días hábiles.",
        fuente="prueba",
    )


def test_certificado_de_multa_del_conciliador_al_personal(
    pagina, ingresar_como, conciliador, consumidora, proveedor_activo, agente_admision
):
    _valores()
    reclamo = multa_lista_para_certificar(
        conciliador_usuario=conciliador, consumidora=consumidora, organizacion=proveedor_activo
    )

    # The conciliator: from the claim to the certification, seeing what goes with it.
    ingresar_como(conciliador)
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    pagina.get_by_role("link", name="Certificar la multa por incomparecencia").click()
    pagina.get_by_role("heading", name="Certificar la multa por incomparecencia").wait_for()
    assert pagina.get_by_text("cedulas@telefonia.example").first.is_visible()
    assert pagina.get_by_role("link", name=re.compile(r"N\.º .* \(PDF\)")).is_visible()
    captura(pagina, "multa-certificar")
    pagina.get_by_role("button", name="Emitir la certificación de multa").click()
    pagina.get_by_text(re.compile("Certificaste la multa de Telefonía Ejemplo")).wait_for()
    multa = Multa.objects.get(reclamo=reclamo)
    assert multa.estado == "certificada"
    pagina.get_by_role("button", name="Salir").click()

    # Staff: the queue, the evidence, the checks and the legal opinion.
    ingresar_como(agente_admision)
    pagina.goto("/panel/multas/")
    pagina.get_by_role("link", name="Revisar", exact=True).click()
    pagina.get_by_role("heading", name="Prueba de la notificación").wait_for()
    assert pagina.get_by_text("No se presentó justificación dentro del plazo.").is_visible()
    pagina.get_by_role("button", name="Emitir certificado definitivo e intimación").click()
    pagina.get_by_text("Revisá lo que cargaste").wait_for()  # nothing checked, no opinion
    pagina.get_by_role("checkbox", name=re.compile("La certificación, el acta")).check()
    pagina.get_by_role("checkbox", name=re.compile("La cédula se notificó")).check()
    pagina.get_by_role("checkbox", name=re.compile("El proveedor no justificó")).check()
    pagina.get_by_label("Dictamen jurídico").fill("Procede: notificación electrónica válida.")
    captura(pagina, "multa-revision")
    pagina.get_by_role("button", name="Emitir certificado definitivo e intimación").click()
    pagina.get_by_text("Emitiste el certificado definitivo y la intimación de pago.").wait_for()
    multa.refresh_from_db()
    assert (multa.estado, multa.monto) == ("definitiva", Decimal("330000.00"))

    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name=re.compile("^Certificado de imposición de multa N")).click()
    lector = PdfReader(io.BytesIO(descarga.value.path().read_bytes()))
    texto = " ".join(" ".join(p.extract_text().split()) for p in lector.pages)
    for dato in ("30712345671", reclamo.numero, "$ 330.000,00", "cuenta 123-456", "Recurso"):
        assert dato in texto, dato
    captura(pagina, "multa-definitiva")

    # Every certificate verifies publicly.
    for documento in (multa.certificacion, multa.certificado, multa.intimacion, multa.acta):
        documento.refresh_from_db()
        pagina.goto(f"/verificar/{documento.codigo}")
        assert documento.sha256 in pagina.content()

    # Staff record the payment; the consumer sees the third that goes to them (decision 0010).
    pagina.goto(f"/multas/{multa.pk}/")
    pagina.get_by_label("Fecha del pago").fill(hoy_en(multa.reclamo).isoformat())
    pagina.get_by_label("Monto pagado").fill("330000.00")
    pagina.get_by_role("button", name="Registrar el pago").click()
    pagina.get_by_text(re.compile("Registraste el pago de la multa")).wait_for()
    assert pagina.get_by_text("Resto: $ 220.000,00").is_visible()
    pagina.get_by_role("button", name="Salir").click()
    ingresar_como(consumidora)
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    pagina.get_by_text("Te corresponde un tercio de la multa: $ 110.000,00").wait_for()
    captura(pagina, "multa-tercio-del-consumidor")
    assert pagina.problemas == []
