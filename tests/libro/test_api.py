"""API /api/v1/libro/: the organisation's sheets, one sheet with its timeline, and the acts as
POST actions with Idempotency-Key."""

import pytest

from cuentas.models import ClaveApi
from libro.models import Propuesta
from tests.libro.conftest import viajar

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, representante_pe, proveedor_pe):
    _clave, texto = ClaveApi.generar(
        organizacion=proveedor_pe, nombre="ERP", creada_por=representante_pe
    )
    client.defaults["HTTP_AUTHORIZATION"] = f"Clave {texto}"
    return client


def test_lista_y_detalle_con_linea_de_tiempo(api, hoja_del_5_de_octubre):
    hoja = hoja_del_5_de_octubre
    lista = api.get("/api/v1/libro/hojas/?estado=REGISTRADA&anio=2026").json()
    assert len(lista["results"]) == 1 and lista["next"] is None
    fila = lista["results"][0]
    assert fila["numero"] == "000001-2026"
    assert fila["libro"] == "andina-web"
    assert fila["vence_respuesta"] == "2026-10-27"
    detalle = api.get(f"/api/v1/libro/hojas/{hoja.pk}/").json()
    assert [e["codigo"] for e in detalle["eventos"]][:2] == ["hoja.registrada", "plazo.abierto"]
    assert detalle["propuesta"] is None and detalle["respuesta"] is None
    assert api.get("/api/v1/libro/hojas/?estado=RESPONDIDA").json()["results"] == []
    assert api.get("/api/v1/libro/libros/").json()["results"][0]["ruc"] == "20100000009"


def test_propuesta_por_api_es_idempotente(api, hoja_del_5_de_octubre):
    hoja = hoja_del_5_de_octubre
    url = f"/api/v1/libro/hojas/{hoja.pk}/propuesta/"
    with viajar(2026, 10, 15):
        primera = api.post(
            url, {"texto": "Cambio."}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1"
        )
        repetida = api.post(
            url, {"texto": "Cambio."}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1"
        )
        otra = api.post(url, {"texto": "Cambio."}, content_type="application/json")
    assert primera.status_code == 200
    assert primera.json()["estado"] == "PROPUESTA_ENVIADA"
    assert primera.json()["propuesta"]["vence"] == "2026-10-22"
    assert repetida.status_code == 200 and repetida["Idempotent-Replayed"] == "true"
    assert Propuesta.objects.count() == 1
    assert otra.status_code == 409
    assert otra.json()["error"]["codigo"] == "conflict"


def test_respuesta_por_api_y_errores_claros(api, hoja_del_5_de_octubre):
    hoja = hoja_del_5_de_octubre
    url = f"/api/v1/libro/hojas/{hoja.pk}/respuesta/"
    with viajar(2026, 10, 9):
        vacia = api.post(url, {}, content_type="application/json")
        ok = api.post(url, {"texto": "Respuesta formal."}, content_type="application/json")
        otra_vez = api.post(url, {"texto": "Otra."}, content_type="application/json")
    assert vacia.status_code == 400 and "texto" in vacia.json()["error"]["campos"]
    assert ok.status_code == 200
    assert ok.json()["estado"] == "RESPONDIDA"
    assert ok.json()["respuesta"]["medio"] == "email"
    assert otra_vez.status_code == 409


def test_recalificar_por_api(api, hoja_del_5_de_octubre):
    hoja = hoja_del_5_de_octubre
    respuesta = api.post(
        f"/api/v1/libro/hojas/{hoja.pk}/recalificar/",
        {"tipo": "queja", "motivo": "Trato en tienda."},
        content_type="application/json",
    )
    assert respuesta.status_code == 200
    assert respuesta.json()["tipo"] == "queja"
    assert respuesta.json()["eventos"][-1]["codigo"] == "hoja.recalificada"


def test_el_esquema_openapi_incluye_el_libro(client, db):
    esquema = client.get("/api/schema/").content.decode()
    assert "/api/v1/libro/hojas/{id}/propuesta/" in esquema


def test_las_horas_del_libro_van_en_hora_de_lima(api, hoja_del_5_de_octubre):
    detalle = api.get(f"/api/v1/libro/hojas/{hoja_del_5_de_octubre.pk}/").json()
    assert detalle["presentada_en"].endswith("-05:00")
    assert all(evento["en"].endswith("-05:00") for evento in detalle["eventos"])
    fila = api.get("/api/v1/libro/hojas/").json()["results"][0]
    assert fila["presentada_en"].endswith("-05:00")
