"""API keys scoped to their organisation, idempotent writes, errors and the schema."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from cuentas import services
from cuentas.idempotencia import ENCABEZADO
from cuentas.models import ClaveApi, Membresia, SolicitudIdempotente

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def clave(proveedor, proveedor_activo):
    _, texto = services.crear_clave_api(proveedor_activo, por=proveedor, nombre="CRM")
    return texto


def test_clave_se_guarda_solo_como_hash(proveedor, proveedor_activo):
    fila, texto = services.crear_clave_api(proveedor_activo, por=proveedor, nombre="CRM")
    assert texto not in {fila.hash, fila.prefijo}
    assert ClaveApi.buscar(texto) == fila


def test_clave_ve_solo_su_organizacion(api, proveedor, proveedor_activo, otro_proveedor, clave):
    # The key's creator also represents another organisation: the key must not show it.
    Membresia.objects.create(usuario=proveedor, organizacion=otro_proveedor, es_administrador=True)
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    ids = [o["id"] for o in api.get("/api/v1/organizaciones/").json()["results"]]
    assert ids == [proveedor_activo.pk]
    assert api.get(f"/api/v1/organizaciones/{otro_proveedor.pk}/").status_code == 404


def test_clave_revocada_deja_de_funcionar(api, proveedor, clave):
    services.revocar_clave_api(ClaveApi.buscar(clave), por=proveedor)
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    respuesta = api.get("/api/v1/yo/")
    assert respuesta.status_code == 401
    assert respuesta.json()["error"]["codigo"] == "authentication_failed"


def test_clave_de_organizacion_suspendida_no_funciona(api, proveedor_activo, clave):
    proveedor_activo.estado = "suspendida"
    proveedor_activo.save()
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    assert api.get("/api/v1/yo/").status_code == 401


def test_sin_credenciales_responde_401_estructurado(api):
    cuerpo = api.get("/api/v1/yo/", headers={"X-Request-Id": "cliente-123"}).json()
    assert cuerpo == {
        "error": {
            "codigo": "not_authenticated",
            "mensaje": "Tenés que identificarte para usar este recurso.",
            "request_id": "cliente-123",
        }
    }


def test_reintento_idempotente_devuelve_la_primera_respuesta(api, proveedor_activo, clave):
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    url = f"/api/v1/organizaciones/{proveedor_activo.pk}/invitaciones/"
    cabecera = {ENCABEZADO: "invitar-nuevo-1"}
    primera = api.post(url, {"email": "nuevo@telefonia.example"}, format="json", headers=cabecera)
    segunda = api.post(url, {"email": "nuevo@telefonia.example"}, format="json", headers=cabecera)
    assert primera.status_code == 201
    assert segunda.status_code == 201
    assert segunda.json() == primera.json()
    assert segunda["Idempotent-Replayed"] == "true"
    assert Membresia.objects.filter(usuario__email="nuevo@telefonia.example").count() == 1
    # Without the key, the same write is a real second attempt and conflicts.
    tercera = api.post(url, {"email": "nuevo@telefonia.example"}, format="json")
    assert tercera.status_code == 409
    assert tercera.json()["error"]["codigo"] == "conflict"


def test_misma_clave_con_otro_cuerpo_es_422(api, proveedor_activo, clave):
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    url = f"/api/v1/organizaciones/{proveedor_activo.pk}/invitaciones/"
    api.post(url, {"email": "a@telefonia.example"}, format="json", headers={ENCABEZADO: "k1"})
    otra = api.post(
        url, {"email": "b@telefonia.example"}, format="json", headers={ENCABEZADO: "k1"}
    )
    assert otra.status_code == 422
    assert otra.json()["error"]["codigo"] == "idempotency_key_reused"


def test_reintento_mientras_la_primera_sigue_en_curso_es_409(api, proveedor_activo, clave):
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    url = f"/api/v1/organizaciones/{proveedor_activo.pk}/invitaciones/"
    primera = api.post(
        url, {"email": "a@telefonia.example"}, format="json", headers={ENCABEZADO: "k2"}
    )
    # Simulate the first attempt still running.
    SolicitudIdempotente.objects.filter(clave="k2").update(completa=False)
    en_curso = api.post(
        url, {"email": "a@telefonia.example"}, format="json", headers={ENCABEZADO: "k2"}
    )
    assert primera.status_code == 201
    assert en_curso.status_code == 409
    assert en_curso.json()["error"]["codigo"] == "idempotency_in_flight"


def test_error_de_validacion_estructurado(api, proveedor_activo, clave):
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    respuesta = api.post(
        f"/api/v1/organizaciones/{proveedor_activo.pk}/invitaciones/",
        {"email": "no-es-un-correo"},
        format="json",
    )
    assert respuesta.status_code == 400
    cuerpo = respuesta.json()["error"]
    assert cuerpo["codigo"] == "invalid"
    assert "email" in cuerpo["campos"]


def test_el_esquema_openapi_se_genera_sin_advertencias(tmp_path):
    destino = tmp_path / "schema.yml"
    call_command("spectacular", "--file", str(destino), "--validate", "--fail-on-warn")
    assert "/api/v1/organizaciones/" in destino.read_text()


def test_la_documentacion_de_la_api_se_sirve_sin_cdn(client):
    respuesta = client.get(reverse("api-docs"))
    contenido = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "/static/drf_spectacular_sidecar/" in contenido
    assert "cdn." not in contenido and "unpkg" not in contenido
