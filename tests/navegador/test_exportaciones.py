"""Browser: staff download an export and ask for the quarterly report, on a 360 px phone (no
sideways scroll, axe-core 0 critical/serious)."""

import csv
import io
from pathlib import Path

import pytest

from reclamos.estados import Estado
from tests.navegador.conftest import captura
from tests.navegador.recorrido import desborde, elementos_anchos, violaciones_axe
from tests.reclamos.factories import reclamo_en

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_privada(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "privado"


def _revisar(pagina):
    assert desborde(pagina) <= 0, elementos_anchos(pagina)
    assert violaciones_axe(pagina) == []


def test_el_personal_descarga_una_exportacion_y_pide_el_informe(
    pagina, ingresar_como, agente_admision, consumidora, proveedor_activo
):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    pagina.set_viewport_size({"width": 360, "height": 740})
    ingresar_como(agente_admision)
    pagina.goto("/panel/exportaciones/")
    pagina.get_by_role("heading", name="Exportaciones e informes", level=1).wait_for()
    _revisar(pagina)
    pagina.get_by_text("Diccionario de datos: Reclamos").click()
    # The summary's hover/focus colours fade in: check the settled page, not a frame mid-fade.
    pagina.mouse.move(0, 0)
    pagina.wait_for_timeout(500)
    _revisar(pagina)
    captura(pagina, "exportaciones-360")

    seccion = pagina.get_by_role("region", name="Reclamos", exact=True)
    with pagina.expect_download() as descarga:
        seccion.get_by_role("button", name="Descargar CSV").click()
    archivo = descarga.value
    assert archivo.suggested_filename.startswith("reclamos-")
    texto = Path(archivo.path()).read_text(encoding="utf-8-sig")
    filas = list(csv.DictReader(io.StringIO(texto)))
    assert [f["numero"] for f in filas] == [reclamo.numero]

    # A bad period comes back with the message in Spanish and the dates typed.
    seccion.get_by_label("Hasta").fill("2000-01-01")
    seccion.get_by_role("button", name="Descargar CSV").click()
    pagina.get_by_text("La fecha de fin no puede ser anterior a la de inicio.").wait_for()
    _revisar(pagina)

    informes = pagina.get_by_role("region", name="Informe trimestral para la autoridad")
    informes.get_by_label("Año").fill("2026")
    informes.get_by_label("Trimestre").select_option("1")
    informes.get_by_role("button", name="Pedir el informe").click()
    pagina.get_by_text("Pediste el informe.").wait_for()
    # The task ran after commit (eager in tests): the row shows the document ready.
    for _ in range(10):
        if pagina.get_by_role("link", name="Descargar N.º 1/2026").count():
            break
        pagina.reload()
    enlace = pagina.get_by_role("link", name="Descargar N.º 1/2026")
    assert enlace.is_visible()
    _revisar(pagina)
    captura(pagina, "exportaciones-informe-360")
    with pagina.expect_download() as pdf:
        enlace.click()
    assert Path(pdf.value.path()).read_bytes()[:5] == b"%PDF-"
    assert pagina.problemas == []
