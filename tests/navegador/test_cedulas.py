"""Browser: in method c the conciliator serves the cédula by reliable means, uploads the proof and
sees it on the claim page; the downloaded cédula PDF carries every art. 10 field; the conciliator
tells the parties legal assistance is needed (AR-08)."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from pypdf import PdfReader

from audiencias.models import Cedula
from audiencias.services import turnos
from conciliadores.services.designacion import designar
from plazos.models import Plazo
from tests.audiencias.conftest import textos_art_10  # noqa: F401 (autouse: Ley 26.993 arts. 11, 16)
from tests.conciliadores.conftest import admitido, crear_conciliador
from tests.documentos.muestras import pdf_en_blanco
from tests.navegador.conftest import captura

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _dentro_de_dos_semanas() -> dt.datetime:
    dia = timezone.localdate() + dt.timedelta(days=14)
    while dia.weekday() >= 5:
        dia += dt.timedelta(days=1)
    return dt.datetime.combine(dia, dt.time(10, 30), tzinfo=BA)


def test_el_conciliador_notifica_por_medio_fehaciente_y_la_cedula_tiene_cada_dato(
    pagina, ingresar_como, conciliador, consumidora, proveedor_activo, agente_admision
):
    ana = crear_conciliador("NAV-C001", usuario=conciliador)
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    designar(reclamo, conciliador=ana, por=conciliador, notificacion_ficta=False)
    audiencia = turnos.fijar_audiencia(
        reclamo,
        inicio=_dentro_de_dos_semanas(),
        modalidad="presencial",
        lugar="Lavalle 1220, 3.º B, CABA",
        por=conciliador,
    )
    cedula = Cedula.objects.get(audiencia=audiencia)
    assert cedula.via == "fehaciente" and cedula.notificada_el is None

    ingresar_como(conciliador)
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    seccion = pagina.locator("section.seccion-cedulas")
    assert "pendiente" in seccion.inner_text()
    seccion.get_by_role("link", name="Registrar notificación").click()
    pagina.get_by_role("heading", name="Registrar la notificación de la cédula").wait_for()
    hoy = timezone.localdate()
    pagina.get_by_label("Fecha en que se notificó").fill(f"{hoy:%Y-%m-%d}")
    pagina.locator("#id_medio").fill("Carta documento CD 123456789")
    # The proof is required (the browser asks for it before sending).
    assert pagina.locator("#id_constancia").get_attribute("required") is not None
    pagina.get_by_label("Constancia de notificación (PDF, JPG o PNG)").set_input_files(
        {"name": "acuse.pdf", "mimeType": "application/pdf", "buffer": pdf_en_blanco()}
    )
    pagina.get_by_role("button", name="Registrar").click()
    pagina.get_by_text("Registraste la notificación de la cédula.").wait_for()
    seccion = pagina.locator("section.seccion-cedulas")
    assert "en término" in seccion.inner_text()
    assert seccion.get_by_role("link", name="Carta documento CD 123456789").is_visible()
    cedula.refresh_from_db()
    assert (cedula.notificada_el, cedula.en_termino) == (hoy, True)
    assert cedula.constancia is not None
    captura(pagina, "cedula-notificada-fehaciente")

    with pagina.expect_download() as descarga:
        seccion.get_by_role("link", name="Cédula (PDF)").click()
    contenido = descarga.value.path().read_bytes()
    texto = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(contenido)).pages
    )
    proveedor = reclamo.proveedores.get()
    local = audiencia.inicio.astimezone(BA)
    for dato in (
        # Addressee and its registered domicile.
        proveedor.razon_social,
        proveedor.identificador,
        proveedor.domicilio_legal,
        # The conciliator's name, domicile and matrícula.
        ana.nombre,
        ana.domicilio_profesional,
        ana.matricula,
        # The consumer's name and constituted domicile.
        f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}",
        reclamo.consumidor_email,
        # The claim: identification, object, amount.
        reclamo.numero,
        reclamo.objeto,
        "150.000,00",
        # Day, hour and place.
        f"{local:%d/%m/%Y}",
        f"{local:%H:%M}",
        "Lavalle 1220, 3.º B, CABA",
        # Ley 26.993 arts. 11 and 16, transcribed.
        "Texto de prueba del artículo 11",
        "Texto de prueba del artículo 16",
    ):
        assert dato in texto, dato
    assert pagina.problemas == []


def test_el_conciliador_avisa_que_hace_falta_asistencia_letrada(
    pagina, ingresar_como, conciliador, consumidora, proveedor_activo, agente_admision
):
    ana = crear_conciliador("NAV-C002", usuario=conciliador)
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    designar(reclamo, conciliador=ana, por=conciliador, notificacion_ficta=False)

    ingresar_como(conciliador)
    pagina.goto(f"/reclamos/{reclamo.pk}/")
    pagina.get_by_role("link", name="Avisar que hace falta asistencia letrada").click()
    pagina.get_by_label("Por qué hace falta asistencia letrada").fill(
        "El proveedor anunció que vendrá con su estudio jurídico."
    )
    pagina.get_by_role("button", name="Avisar a las partes").click()
    pagina.get_by_text("Avisaste a las partes: el plazo quedó suspendido").wait_for()
    assert pagina.get_by_text("Procedimiento suspendido: Asistencia letrada.").is_visible()
    assert Plazo.objects.get(object_id=reclamo.pk, tipo="AR-07").estado == "suspendido"
    assert Plazo.objects.get(object_id=reclamo.pk, tipo="AR-08").estado == "corriendo"
    captura(pagina, "asistencia-letrada")
    assert pagina.problemas == []
