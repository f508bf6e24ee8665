"""API and pages of an organisation's webhooks: only its administrators (or its keys), the JSON
error envelope on bad input, the delivery log paginated with flat queries, the OpenAPI schema."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from cuentas import services as cuentas
from cuentas.models import Membresia
from cuentas.roles import Rol
from tests.conftest import crear_usuario
from webhooks import envio, services
from webhooks.models import Endpoint, Entrega

pytestmark = pytest.mark.django_db


def _api(organizacion, usuario):
    api = APIClient()
    _, clave = cuentas.crear_clave_api(organizacion, por=usuario, nombre="crm")
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    return api


def test_el_administrador_registra_prueba_y_reenvia_por_la_api(
    receptor, proveedor, proveedor_activo
):
    api = _api(proveedor_activo, proveedor)
    base = f"/api/v1/organizaciones/{proveedor_activo.pk}/webhooks/"
    r = api.post(base, {"url": receptor.url(), "tipos": ["audiencia.fijada"]}, format="json")
    assert r.status_code == 201, r.json()
    cuerpo = r.json()
    assert cuerpo["secreto"].startswith("whsec_") and cuerpo["estado"] == "activo"
    detalle = f"{base}{cuerpo['id']}/"
    r = api.post(f"{detalle}probar/")
    assert r.status_code == 202
    envio.intentar(r.json()["id"])
    log = api.get(f"{detalle}entregas/").json()["results"]
    assert [(e["tipo"], e["estado"], e["ultimo_codigo"]) for e in log] == [
        ("webhook.prueba", "entregada", 200)
    ]
    r = api.post(f"{detalle}entregas/{log[0]['id']}/reenviar/")
    assert r.status_code == 202 and r.json()["evento_id"] == log[0]["evento_id"]
    r = api.post(f"{detalle}rotar-secreto/")
    assert r.status_code == 200 and r.json()["secreto"] != cuerpo["secreto"]
    assert r.json()["anterior_vence_en"]
    r = api.patch(detalle, {"tipos": ["hoja.recibida"]}, format="json")
    assert r.status_code == 200 and r.json()["tipos"] == ["hoja.recibida"]
    assert api.delete(detalle).status_code == 204
    assert Endpoint.objects.get().estado == Endpoint.Estado.DESACTIVADO


def test_datos_invalidos_dan_el_sobre_de_error(proveedor, proveedor_activo):
    api = _api(proveedor_activo, proveedor)
    base = f"/api/v1/organizaciones/{proveedor_activo.pk}/webhooks/"
    r = api.post(base, {"url": "http://inseguro.example/x", "tipos": ["nada"]}, format="json")
    assert r.status_code == 400
    cuerpo = r.json()
    assert "url" in str(cuerpo) and "tipos" in str(cuerpo)
    assert not Endpoint.objects.exists()


def test_otra_organizacion_o_un_representante_no_administrador_no_accede(
    proveedor, proveedor_activo, otro_proveedor, admin_otro
):
    endpoint = services.registrar(
        proveedor_activo, por=proveedor, url="https://ejemplo.com/x", tipos=["hoja.recibida"]
    )
    ajena = _api(otro_proveedor, admin_otro)
    base = f"/api/v1/organizaciones/{proveedor_activo.pk}/webhooks/"
    assert ajena.get(base).status_code == 403
    assert ajena.get(f"{base}{endpoint.pk}/").status_code == 403
    assert ajena.post(f"{base}{endpoint.pk}/probar/").status_code == 403
    # A plain representative (not administrator) of the same organisation: neither.
    simple = crear_usuario("simple@telefonia.example", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=simple, organizacion=proveedor_activo)
    api = APIClient()
    api.force_authenticate(simple)
    assert api.get(base).status_code == 403
    from django.test import Client

    navegador = Client()
    navegador.force_login(simple)
    assert navegador.get(f"/organizaciones/{proveedor_activo.pk}/webhooks/").status_code == 403
    navegador.force_login(admin_otro)
    assert (
        navegador.get(f"/organizaciones/{proveedor_activo.pk}/webhooks/{endpoint.pk}/").status_code
        == 403
    )
    assert (
        navegador.get(f"/organizaciones/{otro_proveedor.pk}/webhooks/{endpoint.pk}/").status_code
        == 404
    )


def test_la_pagina_registra_con_errores_en_castellano_sin_perder_lo_cargado(
    client, proveedor, proveedor_activo
):
    client.force_login(proveedor)
    url = f"/organizaciones/{proveedor_activo.pk}/webhooks/"
    r = client.post(url, {"url": "http://crm.example/hook", "descripcion": "CRM", "dias_aviso": 2})
    assert r.status_code == 200
    texto = r.content.decode()
    assert "https://" in texto and "Elegí al menos un evento." in texto
    assert 'value="CRM"' in texto
    r = client.post(
        url,
        {"url": "https://crm.example/hook", "tipos": ["reclamo.citado"], "dias_aviso": 3},
    )
    endpoint = Endpoint.objects.get()
    assert r.status_code == 302 and r.url.endswith(f"/webhooks/{endpoint.pk}/")
    assert endpoint.secreto in client.get(r.url).content.decode()


def _entregas(endpoint, n):
    eventos = [services.enviar_prueba(endpoint).evento for _ in range(1)]
    Entrega.objects.bulk_create([Entrega(endpoint=endpoint, evento=eventos[0]) for _ in range(n)])


def test_el_registro_de_entregas_pagina_con_consultas_constantes(
    client, proveedor, proveedor_activo
):
    endpoint = services.registrar(
        proveedor_activo, por=proveedor, url="https://ejemplo.com/x", tipos=["hoja.recibida"]
    )
    client.force_login(proveedor)
    url = f"/organizaciones/{proveedor_activo.pk}/webhooks/{endpoint.pk}/"
    api = APIClient()
    api.force_authenticate(proveedor)
    api_url = f"/api/v1/organizaciones/{proveedor_activo.pk}/webhooks/{endpoint.pk}/entregas/"
    # Warm the per-user caches (the representative's menu) so both counts see the same cache.
    client.get(url)
    api.get(api_url)
    consultas = []
    for n in (10, 40):
        _entregas(endpoint, n - Entrega.objects.count())
        with CaptureQueriesContext(connection) as pagina:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as por_api:
            assert api.get(api_url).status_code == 200
        consultas.append((len(pagina), len(por_api)))
    assert consultas[0] == consultas[1]
    primera = client.get(url).content.decode()
    assert primera.count("Reenviar</button>") == 20 and "Siguientes" in primera
    assert len(api.get(api_url).json()["results"]) == 20


def test_openapi_documenta_los_endpoints_y_el_evento():
    from drf_spectacular.generators import SchemaGenerator

    esquema = SchemaGenerator().get_schema(request=None, public=True)
    caminos = esquema["paths"]
    base = "/api/v1/organizaciones/{organizacion_pk}/webhooks/"
    assert {"get", "post"} <= set(caminos[base])
    for sufijo in ("{id}/probar/", "{id}/rotar-secreto/", "{id}/entregas/", "{id}/reanudar/"):
        assert base + sufijo in caminos
    assert base + "{id}/entregas/{entrega}/reenviar/" in caminos
    callback = caminos[base]["post"]["callbacks"]["evento"]
    operacion = callback["{$request.body#/url}"]["post"]
    for encabezado in ("webhook-id", "webhook-timestamp", "webhook-signature", "whsec_"):
        assert encabezado in operacion["description"]
    assert operacion["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/EventoWebhook"
    )
    assert "EventoWebhook" in esquema["components"]["schemas"]
