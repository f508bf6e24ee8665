"""The operations page on a phone: no sideways scroll, the retry button works."""

import pytest

from documentos.models import Documento
from tests.navegador.conftest import captura
from tests.trabajos.test_publicacion import atrasar, emitir

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_operaciones_en_un_telefono_sin_desplazamiento_lateral(
    pagina, ingresar_como, agente_admision, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "privado"
    for _ in range(3):
        documento = emitir(agente_admision)  # rendered at once (eager, autocommit)
        atrasar(documento)
        # As if the broker had lost the render: no PDF yet.
        Documento.objects.filter(pk=documento.pk).update(sha256="", archivo="", renderizado_en=None)
    pagina.set_viewport_size({"width": 360, "height": 780})
    ingresar_como(agente_admision)
    pagina.goto("/operaciones/")
    assert pagina.get_by_role("heading", name="Trabajos en segundo plano").is_visible()
    anchos = pagina.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert anchos[0] <= anchos[1], anchos
    captura(pagina, "operaciones-telefono")
    pagina.get_by_role("button", name="Reintentar Generación de PDF de documentos").click()
    pagina.wait_for_url("**/operaciones/?tipo=documentos")
    assert "se volvieron a encolar 3 trabajos" in pagina.get_by_role("status").inner_text()
    assert "No hay trabajos atrasados de este tipo." in pagina.text_content("main")
    captura(pagina, "operaciones-telefono-reintentado")
    assert pagina.problemas == []
