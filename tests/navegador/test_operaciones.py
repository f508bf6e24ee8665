"""The operations page on a phone: no sideways scroll, the retry button works."""

import pytest

from tests.navegador.conftest import captura
from tests.trabajos.test_publicacion import atrasar, emitir

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_operaciones_en_un_telefono_sin_desplazamiento_lateral(
    pagina, ingresar_como, agente_admision, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "privado"
    for _ in range(3):
        atrasar(emitir(agente_admision))
    pagina.set_viewport_size({"width": 360, "height": 780})
    ingresar_como(agente_admision)
    pagina.goto("/operaciones/")
    assert pagina.get_by_role("heading", name="Trabajos en segundo plano").is_visible()
    anchos = pagina.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " document.querySelector('table.operaciones').scrollWidth,"
        " document.querySelector('table.operaciones').parentElement.clientWidth]"
    )
    assert anchos[0] <= anchos[1], anchos
    assert anchos[2] <= anchos[3], anchos
    captura(pagina, "operaciones-telefono")
    pagina.get_by_role("button", name="Reintentar Generación de PDF de documentos").click()
    assert pagina.get_by_text("se volvieron a encolar 3 trabajos").is_visible()
    assert pagina.problemas == []
