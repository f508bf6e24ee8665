"""Browser: /api/docs/ renders the API's operations under the portal's CSP (no inline script or
style, nothing from outside the server) and passes axe-core."""

import pytest

from tests.navegador.conftest import captura
from tests.navegador.recorrido import desborde, violaciones_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("ancho", [360, 1280])
def test_la_documentacion_de_la_api_muestra_las_operaciones_bajo_la_csp(pagina, ancho):
    pagina.set_viewport_size({"width": ancho, "height": 900})
    respuesta = pagina.goto("/api/docs/")
    assert "script-src 'self'" in respuesta.headers["content-security-policy"]
    assert "unsafe-inline" not in respuesta.headers["content-security-policy"]

    operaciones = pagina.locator("#swagger-ui .opblock")
    operaciones.first.wait_for()
    assert operaciones.count() > 20
    assert pagina.get_by_text("/api/v1/organizaciones/").first.is_visible()
    assert pagina.evaluate("document.documentElement.lang") == "es-AR"
    # One main landmark (Swagger UI's own, around the operations).
    assert pagina.get_by_role("main").count() == 1
    assert pagina.get_by_role("main").locator(".opblock").count() == operaciones.count()
    assert pagina.get_by_role("heading", level=1, name="Documentación de la API").is_visible()

    # An operation opens (the viewer's script runs; React's styles go through the CSSOM).
    operaciones.first.locator(".opblock-summary").first.click()
    operaciones.first.locator(".opblock-body").wait_for()

    violaciones = violaciones_axe(pagina)
    assert violaciones == [], "\n".join(map(str, violaciones))
    assert desborde(pagina) <= 0
    captura(pagina, f"api-docs-{ancho}")
    # Console errors include CSP violations: none, and no request left the server.
    assert pagina.problemas == []
