"""The API keeps its word: every error is the JSON envelope with a request id (malformed ids,
unknown URLs and unexpected exceptions included), and Idempotency-Key works with JSON, form and
multipart bodies, from API keys and sessions, replaying the stored bytes."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.middleware.csrf import _get_new_csrf_string
from rest_framework.test import APIClient

from cuentas import services
from cuentas.api import YoView
from cuentas.idempotencia import ENCABEZADO
from cuentas.models import Membresia
from tests.conftest import CONTRASENA

pytestmark = pytest.mark.django_db


@pytest.fixture
def clave(proveedor, proveedor_activo):
    _, texto = services.crear_clave_api(proveedor_activo, por=proveedor, nombre="CRM")
    return texto


@pytest.fixture
def api_clave(clave):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    return api


@pytest.fixture
def api_sesion(proveedor):
    """A browser-like session: logged in through the login page, CSRF enforced as in production."""
    api = APIClient(enforce_csrf_checks=True)
    assert api.login(email=proveedor.email, password=CONTRASENA)
    secreto = _get_new_csrf_string()
    api.cookies["csrftoken"] = secreto
    api.credentials(HTTP_X_CSRFTOKEN=secreto)
    return api


def _es_sobre(respuesta, status, codigo):
    assert respuesta.status_code == status
    assert respuesta["Content-Type"] == "application/json"
    error = respuesta.json()["error"]
    assert error["codigo"] == codigo
    assert error["mensaje"]
    assert error["request_id"] == respuesta["X-Request-Id"]
    return error


@pytest.mark.parametrize(
    ("metodo", "url"),
    [
        ("get", "/api/v1/reclamos/AAA/"),
        ("post", "/api/v1/reclamos/AAA/desistir/"),
        ("get", "/api/v1/reclamos/AAA/linea-de-tiempo/"),
        ("get", "/api/v1/libro/hojas/AAA/"),
        ("post", "/api/v1/libro/hojas/AAA/respuesta/"),
        ("get", "/api/v1/libro/libros/AAA/"),
        ("get", "/api/v1/honorarios/AAA/"),
        ("post", "/api/v1/honorarios/AAA/liquidar/"),
        ("get", "/api/v1/multas/AAA/"),
        ("post", "/api/v1/multas/AAA/pago/"),
        ("get", "/api/v1/organizaciones/AAA/"),
        ("get", "/api/v1/reclamos/-1.5e3/"),
        ("get", "/api/v1/no-existe/"),
    ],
)
def test_id_mal_formado_o_url_desconocida_es_404_json(api_clave, metodo, url):
    respuesta = getattr(api_clave, metodo)(url, {}, format="json")
    _es_sobre(respuesta, 404, "not_found")


def test_404_fuera_de_la_api_sigue_siendo_pagina(client):
    respuesta = client.get("/no-existe/")
    assert respuesta.status_code == 404
    assert respuesta["Content-Type"].startswith("text/html")


NAVEGADOR = "text/html,application/xhtml+xml;q=0.9"  # no */*: only HTML is acceptable


@pytest.mark.parametrize("formato", ["", "?format=api", "?format=html"])
def test_la_api_responde_json_aunque_pidan_html(api_sesion, proveedor_activo, formato):
    """No browsable HTML page: a browser (or `?format=api`) gets the same JSON, and its errors
    the envelope."""
    respuesta = api_sesion.get(f"/api/v1/yo/{formato}", HTTP_ACCEPT=NAVEGADOR)
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/json"
    assert respuesta.json()["email"]
    assert b"<html" not in respuesta.content.lower()
    _es_sobre(
        api_sesion.get(f"/api/v1/reclamos/999999/{formato}", HTTP_ACCEPT=NAVEGADOR),
        404,
        "not_found",
    )
    _es_sobre(
        api_sesion.post(f"/api/v1/yo/{formato}", HTTP_ACCEPT=NAVEGADOR), 405, "method_not_allowed"
    )
    anonimo = APIClient().get("/api/v1/yo/", HTTP_ACCEPT=NAVEGADOR)
    assert anonimo.status_code in (401, 403)
    _es_sobre(anonimo, anonimo.status_code, anonimo.json()["error"]["codigo"])


def test_la_documentacion_y_el_esquema_siguen_sirviendose(client):
    pagina = client.get("/api/docs/", HTTP_ACCEPT=NAVEGADOR)
    assert pagina.status_code == 200 and pagina["Content-Type"].startswith("text/html")
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "javascript" in script["Content-Type"]
    yaml = client.get("/api/schema/")
    assert yaml.status_code == 200 and yaml.content.startswith(b"openapi:")
    json = client.get("/api/schema/?format=json")
    assert json.status_code == 200 and json.json()["paths"]


def test_request_id_del_cliente_se_respeta_y_uno_invalido_se_reemplaza(api_clave):
    respuesta = api_clave.get("/api/v1/reclamos/AAA/", headers={"X-Request-Id": "abc-123.z"})
    assert respuesta["X-Request-Id"] == "abc-123.z"
    assert respuesta.json()["error"]["request_id"] == "abc-123.z"
    forjado = api_clave.get("/api/v1/reclamos/AAA/", headers={"X-Request-Id": "a b\nlog falso"})
    assert forjado["X-Request-Id"] != "a b\nlog falso"
    assert len(forjado["X-Request-Id"]) == 32
    assert forjado.json()["error"]["request_id"] == forjado["X-Request-Id"]


def test_excepcion_inesperada_es_500_json_con_request_id_y_queda_en_el_log(
    api_clave, monkeypatch, caplog
):
    def falla(self, request):
        raise RuntimeError("defecto de prueba")

    monkeypatch.setattr(YoView, "get", falla)
    api_clave.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="conciliacion.api"):
        respuesta = api_clave.get("/api/v1/yo/", headers={"X-Request-Id": "rastro-500"})
    error = _es_sobre(respuesta, 500, "internal_error")
    assert error["request_id"] == "rastro-500"
    assert "defecto de prueba" not in respuesta.content.decode()
    registro = next(r for r in caplog.records if r.name == "conciliacion.api")
    assert registro.exc_info[0] is RuntimeError


def test_el_middleware_de_mfa_usa_el_sobre(agente_admision):
    from tests.conftest import sin_mfa

    api = APIClient()
    api.force_login(sin_mfa(agente_admision))
    _es_sobre(api.get("/api/v1/yo/"), 403, "mfa_required")


def _invitar(api, proveedor_activo, formato, correo, clave_idem, **extra):
    url = f"/api/v1/organizaciones/{proveedor_activo.pk}/invitaciones/"
    datos = {"email": correo, **extra}
    return api.post(url, datos, format=formato, headers={ENCABEZADO: clave_idem})


@pytest.mark.parametrize("formato", ["json", "multipart"])
@pytest.mark.parametrize("quien", ["api_clave", "api_sesion"])
def test_idempotencia_con_cada_cuerpo_y_credencial_repite_los_mismos_bytes(
    request, proveedor_activo, quien, formato
):
    api = request.getfixturevalue(quien)
    primera = _invitar(api, proveedor_activo, formato, "nueva@telefonia.example", "k-1")
    segunda = _invitar(api, proveedor_activo, formato, "nueva@telefonia.example", "k-1")
    assert primera.status_code == 201, primera.content
    assert segunda.status_code == primera.status_code
    assert segunda.content == primera.content
    assert segunda["Content-Type"] == primera["Content-Type"]
    assert segunda["Idempotent-Replayed"] == "true"
    assert Membresia.objects.filter(usuario__email="nueva@telefonia.example").count() == 1
    otra = _invitar(api, proveedor_activo, formato, "otra@telefonia.example", "k-1")
    assert otra.status_code == 422
    assert otra.json()["error"]["codigo"] == "idempotency_key_reused"


def test_idempotencia_con_formulario_urlencoded_por_sesion(api_sesion, proveedor_activo):
    from urllib.parse import urlencode

    url = f"/api/v1/organizaciones/{proveedor_activo.pk}/invitaciones/"
    cuerpo = urlencode({"email": "form@telefonia.example"})
    tipo = "application/x-www-form-urlencoded"
    primera = api_sesion.post(url, cuerpo, content_type=tipo, headers={ENCABEZADO: "f-1"})
    segunda = api_sesion.post(url, cuerpo, content_type=tipo, headers={ENCABEZADO: "f-1"})
    assert primera.status_code == 201, primera.content
    assert segunda.content == primera.content
    assert segunda["Idempotent-Replayed"] == "true"


def test_idempotencia_multipart_distingue_el_contenido_de_los_archivos(
    api_sesion, proveedor_activo
):
    def adjunto(contenido):
        return SimpleUploadedFile("nota.txt", contenido, content_type="text/plain")

    correo = "archivo@telefonia.example"
    primera = _invitar(
        api_sesion, proveedor_activo, "multipart", correo, "m-1", adjunto=adjunto(b"uno")
    )
    repetida = _invitar(
        api_sesion, proveedor_activo, "multipart", correo, "m-1", adjunto=adjunto(b"uno")
    )
    distinta = _invitar(
        api_sesion, proveedor_activo, "multipart", correo, "m-1", adjunto=adjunto(b"dos")
    )
    assert primera.status_code == 201, primera.content
    assert repetida.content == primera.content
    assert distinta.status_code == 422


def test_sesion_sin_csrf_es_403_en_el_sobre_aun_con_idempotency_key(proveedor, proveedor_activo):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(proveedor)
    respuesta = _invitar(api, proveedor_activo, "multipart", "x@telefonia.example", "c-1")
    _es_sobre(respuesta, 403, "forbidden")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/reclamos/?estado=otro",
        "/api/v1/reclamos/?desde=ayer",
        "/api/v1/reclamos/?tamano=abc",
        "/api/v1/honorarios/?tamano=cero",
        "/api/v1/honorarios/?a_cargo=nadie",
        "/api/v1/multas/?estado=otro",
        "/api/v1/libro/hojas/?anio=dos-mil",
        "/api/v1/libro/hojas/?estado=otro",
        "/api/v1/designaciones/?reclamo=AAA",
        "/api/v1/multas/?estado=",
        "/api/v1/reclamos/?tamano=",
    ],
)
def test_parametro_de_consulta_que_el_esquema_no_admite_es_400(api_clave, url):
    error = _es_sobre(api_clave.get(url), 400, "invalid")
    assert set(error["campos"]) == {url.split("?")[1].split("=")[0]}


def test_parametros_validos_siguen_filtrando(api_clave):
    assert api_clave.get("/api/v1/reclamos/?estado=EN_ADMISION&tamano=5").status_code == 200
    assert api_clave.get("/api/v1/libro/hojas/?anio=2026").status_code == 200


def test_el_esquema_documenta_los_errores_de_cada_operacion():
    from drf_spectacular.generators import SchemaGenerator

    esquema = SchemaGenerator().get_schema(request=None, public=True)
    error = {"$ref": "#/components/schemas/Error"}
    operaciones = [
        (ruta, metodo, op)
        for ruta, metodos in esquema["paths"].items()
        for metodo, op in metodos.items()
    ]
    assert len(operaciones) >= 80
    for ruta, metodo, op in operaciones:
        codigos = set(op["responses"])
        esperados = {"401", "403", "404", "429", "500"}
        if metodo != "get":
            esperados |= {"400", "409", "415", "422"}
        assert esperados <= codigos, (metodo, ruta, codigos)
        for codigo in esperados - {"400", "429"}:
            contenido = op["responses"][codigo]["content"]["application/json"]["schema"]
            assert contenido == error, (metodo, ruta, codigo)
    detalle = esquema["components"]["schemas"]["ErrorDetalle"]
    assert set(detalle["required"]) == {"codigo", "mensaje", "request_id"}


def test_cuerpo_demasiado_grande_es_400_en_el_sobre(api_clave, proveedor_activo, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    respuesta = api_clave.post(
        f"/api/v1/organizaciones/{proveedor_activo.pk}/invitaciones/",
        {"email": "a@telefonia.example", "relleno": "x" * 5000},
        format="json",
    )
    _es_sobre(respuesta, 400, "bad_request")
