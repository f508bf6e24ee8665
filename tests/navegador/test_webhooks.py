"""An organisation's administrator, on a 360 px phone: registers a webhook pointing at a real
local HTTPS receiver, sends a test event, sees it delivered in the log and redelivers it. No
sideways scroll and no serious axe violation on the new pages."""

import json

import pytest

from tests.navegador.conftest import captura
from tests.navegador.recorrido import desborde, elementos_anchos, violaciones_axe
from tests.webhooks.conftest import certificado, receptor  # noqa: F401  (fixtures)
from webhooks.models import Endpoint, Entrega

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _revisar(pagina, nombre):
    assert desborde(pagina) == 0, elementos_anchos(pagina)
    assert violaciones_axe(pagina) == []
    captura(pagina, nombre)


def test_registrar_probar_ver_y_reenviar(
    pagina,
    ingresar_como,
    proveedor,
    proveedor_activo,
    receptor,  # noqa: F811  (a fixture)
):
    pagina.set_viewport_size({"width": 360, "height": 780})
    ingresar_como(proveedor)
    pagina.goto(f"/organizaciones/{proveedor_activo.pk}/")
    pagina.get_by_role("link", name="Webhooks").click()
    pagina.wait_for_url(f"**/organizaciones/{proveedor_activo.pk}/webhooks/")
    _revisar(pagina, "webhooks-lista")

    # A wrong URL first: a Spanish message, and what was typed stays.
    pagina.get_by_label("URL de tu servidor").fill("http://crm.example/hook")
    pagina.get_by_label("Descripción").fill("CRM de reclamos")
    pagina.get_by_role("button", name="Registrar").click()
    assert "https://" in pagina.text_content(".resumen-errores")
    assert pagina.get_by_label("Descripción").input_value() == "CRM de reclamos"
    _revisar(pagina, "webhooks-lista-errores")

    pagina.get_by_label("URL de tu servidor").fill(receptor.url())
    pagina.get_by_label("Audiencia fijada").check()
    pagina.get_by_label("Reclamo notificado al proveedor (cédula o traslado)").check()
    pagina.get_by_role("button", name="Registrar").click()
    endpoint = Endpoint.objects.get()
    pagina.wait_for_url(f"**/webhooks/{endpoint.pk}/")
    assert endpoint.secreto in pagina.text_content("[data-secreto]")
    _revisar(pagina, "webhooks-detalle")

    pagina.get_by_role("button", name="Enviar evento de prueba").click()
    pagina.wait_for_url(f"**/webhooks/{endpoint.pk}/")
    filas = pagina.locator("table.entregas-webhook tbody tr")
    assert filas.count() == 1
    assert "webhook.prueba" in filas.first.inner_text()
    assert "Entregada" in filas.first.inner_text() and "200" in filas.first.inner_text()
    assert len(receptor.pedidos) == 1
    _revisar(pagina, "webhooks-detalle-prueba")

    filas.first.get_by_role("button", name="Reenviar").click()
    pagina.wait_for_url(f"**/webhooks/{endpoint.pk}/")
    assert pagina.locator("table.entregas-webhook tbody tr").count() == 2
    assert Entrega.objects.filter(estado=Entrega.Estado.ENTREGADA).count() == 2
    ids = [json.loads(p["cuerpo"])["id"] for p in receptor.pedidos]
    assert len(ids) == 2 and ids[0] == ids[1]
    _revisar(pagina, "webhooks-detalle-reenviado")
    assert pagina.problemas == []
