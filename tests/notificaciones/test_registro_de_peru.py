"""Peru's notices speak es-PE in the formal register, their HTML wrapper included (issue 16
item 11): the shared wrapper said lang="es" and "cuándo lo abrís"."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from notificaciones.services import PLANTILLAS_DE_PERU, _renderizar

CORREOS = Path(settings.BASE_DIR) / "templates" / "correo"
# The voseo forms the Argentine notices use ("cuándo lo abrís", "Ingresá", "podés"…).
VOSEO = re.compile(
    r"\b(?:vos|abrís|podés|tenés|querés|sabés|debés|ingresá|revisá|elegí|confirmá|respondé|"
    r"presentá|descargá|hacé|entrá|mirá|recordá|tocá|cargá|completá|seguí|pedí|esperá|escribí|"
    r"agregá|consultá|aceptá|rechazá|firmá|adjuntá|indicá)\b",
    re.IGNORECASE,
)


def _plantillas_de_peru():
    for prefijo in PLANTILLAS_DE_PERU:
        for ruta in sorted((CORREOS / prefijo).rglob("*.txt")):
            yield str(ruta.relative_to(CORREOS)).removesuffix(".txt")


@pytest.mark.parametrize("plantilla", list(_plantillas_de_peru()))
def test_los_avisos_de_peru_van_en_es_pe_y_de_usted(plantilla):
    texto, html = _renderizar(plantilla, {"numero": "PE-2026-000001", "sitio": "https://x"})
    assert '<html lang="es-PE">' in html or 'lang="es-PE"' in html
    for cuerpo in (texto, re.sub(r"<[^>]+>", " ", html)):
        assert not VOSEO.findall(cuerpo), plantilla


def test_los_avisos_de_argentina_siguen_en_es_ar():
    _texto, html = _renderizar("reclamos/admitido", {"numero": "COPREC-2026-000001"})
    assert '<html lang="es-AR">' in html and "cuándo lo abrís" in html
