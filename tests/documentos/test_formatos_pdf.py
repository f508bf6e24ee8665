"""Every kind of PDF prints money and dates in local formats ("$ 40.000,00", "30/12/2026", times
with their zone), through the one set of filters in cuentas/templatetags/formato.py; Peru's PDFs
are tagged es-PE and address the reader formally (issue 16 items 7 and 11)."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from documentos.models import Documento
from documentos.pdf import html_del_documento, renderizar_pdf

PLANTILLAS = sorted(
    str(p.relative_to(Path(settings.BASE_DIR) / "templates" / "pdf").with_suffix(""))
    for p in (Path(settings.BASE_DIR) / "templates" / "pdf").rglob("*.html")
    if not p.name.startswith("_") and p.name != "base.html"
)
OBLIGACION = {
    "descripcion": "Reintegro del cargo",
    "a_cargo": "Telefonía Ejemplo S.A.",
    "monto": "40000.00",
    "fecha_cumplimiento": "2026-12-30",
}
# The values as the services keep them in a snapshot: amounts and dates as ISO text.
SNAPSHOT = {
    "reclamo_numero": "COPREC-2026-000123",
    "monto": "40000.00",
    "monto_total": "40000.00",
    "tope": "40000.00",
    "valor_tope_unidad": "40000.00",
    "obligaciones": [OBLIGACION],
    "reclamo": {"numero": "COPREC-2026-000123", "monto": "40000.00"},
    "denuncia": {"fecha": "2026-12-30", "detalle": "No cumplió."},
    "proveedores": [],
    "terminos": "Reintegro.",
}
EMITIDO = dt.datetime(2026, 12, 30, 17, 45, tzinfo=dt.UTC)


def _documento(plantilla: str, regimen: str = "COPREC") -> Documento:
    return Documento(
        tipo="acta_acuerdo",
        anio=2026,
        numero=7,
        titulo="Documento de prueba",
        plantilla=plantilla,
        snapshot=SNAPSHOT,
        regimen_codigo=regimen,
        regimen_version="2015",
        codigo="PRUEBA0000000001",
        emitido_en=EMITIDO,
    )


def _texto(documento: Documento) -> str:
    lector = PdfReader(io.BytesIO(renderizar_pdf(documento)))
    return " ".join(" ".join(p.extract_text().split()) for p in lector.pages)


def _peruana(plantilla: str) -> bool:
    return "mediacion" in plantilla or plantilla.startswith("libro/")


@pytest.mark.parametrize("plantilla", PLANTILLAS)
def test_cada_pdf_usa_formatos_locales(db, plantilla):
    if _peruana(plantilla):
        # Peru's mediation services keep amounts already formatted in soles.
        documento = _documento(plantilla, regimen="PE-INDECOPI")
        documento.snapshot = {**SNAPSHOT, "monto": "S/ 40,000.00"}
        texto = _texto(documento)
        assert "Emitido el 30/12/2026 12:45 (hora de Lima)" in texto
        assert "Verifique su autenticidad" in texto
    else:
        texto = _texto(_documento(plantilla))
        assert "Emitido el 30/12/2026 14:45 (hora oficial argentina)" in texto
        if "40000" in texto.replace(".", "").replace(",", ""):
            assert "$ 40.000,00" in texto
    assert "40000.00" not in texto and "2026-12-30" not in texto


@pytest.mark.parametrize(
    "plantilla",
    ["audiencias/acta_acuerdo", "audiencias/homologacion", "reclamos/intimacion"],
)
def test_las_actas_con_obligaciones_muestran_pesos_y_fechas(db, plantilla):
    texto = _texto(_documento(plantilla))
    assert "$ 40.000,00" in texto and "30/12/2026" in texto


def test_el_pdf_peruano_es_es_pe_formal_y_en_hora_de_lima(db):
    documento = _documento("generico", regimen="PE-INDECOPI")
    html = html_del_documento(documento)
    assert '<html lang="es-PE">' in html
    texto = _texto(documento)
    assert "Verifique su autenticidad" in texto and "Verificá" not in texto
    assert "Emitido el 30/12/2026 12:45 (hora de Lima)" in texto


def test_el_pdf_argentino_es_es_ar(db):
    html = html_del_documento(_documento("generico"))
    assert '<html lang="es-AR">' in html and "Verificá su autenticidad" in html
