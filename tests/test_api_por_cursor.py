"""Every API list is walked by cursor (issue 13): no page numbers, no COUNT, the same queries
for a page whatever the list's length, and the OpenAPI document says so."""

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from notificaciones.models import Notificacion
from notificaciones.services import encolar_notificacion
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


def recorrer(api, url: str) -> tuple[list, list[int]]:
    """Every row's id following `next`, and the statements each page cost."""
    ids, consultas = [], []
    while url:
        with CaptureQueriesContext(connection) as capturadas:
            respuesta = api.get(url)
        assert respuesta.status_code == 200, respuesta.content
        cuerpo = respuesta.json()
        assert "count" not in cuerpo and set(cuerpo) >= {"next", "previous", "results"}
        ids += [fila.get("id", fila.get("numero")) for fila in cuerpo["results"]]
        consultas.append(len(capturadas.captured_queries))
        url = cuerpo["next"]
    return ids, consultas


def consultas_de(api, url: str) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        assert api.get(url).status_code == 200
    return len(capturadas.captured_queries)


def test_el_esquema_no_ofrece_numeros_de_pagina_en_ninguna_lista(client):
    esquema = yaml.safe_load(client.get(reverse("api-schema")).content)
    listas = 0
    for ruta, operaciones in esquema["paths"].items():
        for metodo, operacion in operaciones.items():
            nombres = {p["name"] for p in operacion.get("parameters", []) if p["in"] == "query"}
            assert "page" not in nombres, (metodo, ruta)
            if metodo != "get":
                continue
            contenido = operacion["responses"]["200"].get("content", {})
            ref = contenido.get("application/json", {}).get("schema", {}).get("$ref", "")
            if ref.rsplit("/", 1)[-1].startswith("Paginated"):
                listas += 1
                assert {"cursor", "tamano"} <= nombres, ruta
    for nombre, componente in esquema["components"]["schemas"].items():
        if nombre.startswith("Paginated"):
            assert "count" not in componente["properties"], nombre
    assert listas >= 17  # the 11 converted in this change and the 6 already by cursor


def test_la_cola_de_homologacion_por_api_se_recorre_y_no_crece(
    homologador, consumidora, proveedor_activo
):
    api = APIClient()
    api.force_authenticate(homologador)
    for _ in range(2):
        reclamo_en(Estado.EN_HOMOLOGACION, consumidor=consumidora, organizacion=proveedor_activo)
    api.get("/api/v1/homologacion/")  # warm the per-user caches
    pocas = consultas_de(api, "/api/v1/homologacion/")
    elevados = [
        reclamo_en(Estado.EN_HOMOLOGACION, consumidor=consumidora, organizacion=proveedor_activo)
        for _ in range(58)
    ]
    assert consultas_de(api, "/api/v1/homologacion/") == pocas
    numeros, consultas = recorrer(api, "/api/v1/homologacion/?tamano=25")
    assert len(consultas) == 3 and len(set(consultas[:2])) == 1
    assert len(numeros) == len(set(numeros)) == 60
    assert {r.pk for r in elevados} <= set(numeros)
    en_cola = Reclamo.objects.filter(estado=Estado.EN_HOMOLOGACION)
    assert numeros == list(en_cola.order_by("actualizado_en", "pk").values_list("pk", flat=True))


def test_mis_notificaciones_por_api_se_recorren_y_no_crecen(consumidora):
    def avisos(n):
        for i in range(n):
            encolar_notificacion(
                destinatario=consumidora, plantilla="aviso", contexto={"texto": "x"}, asunto=f"{i}"
            )

    api = APIClient()
    api.force_authenticate(consumidora)
    avisos(2)
    api.get("/api/v1/notificaciones/")
    pocas = consultas_de(api, "/api/v1/notificaciones/")
    avisos(58)
    # Some share the same instant: the cursor still lists each once.
    Notificacion.objects.filter(
        pk__in=Notificacion.objects.order_by("pk")[:10].values("pk")
    ).update(creada_en=timezone.now())
    assert consultas_de(api, "/api/v1/notificaciones/") == pocas
    ids, consultas = recorrer(api, "/api/v1/notificaciones/?tamano=7")
    assert len(ids) == len(set(ids)) == 60 and len(consultas) == 9
    assert ids == list(
        Notificacion.objects.filter(destinatario=consumidora)
        .order_by("-creada_en", "-pk")
        .values_list("id", flat=True)
    )


@pytest.mark.parametrize("tamano", ["0", "x", "-3"])
def test_un_tamano_invalido_es_400_y_un_cursor_alterado_es_404_no_500(consumidora, tamano):
    api = APIClient()
    api.force_authenticate(consumidora)
    respuesta = api.get(f"/api/v1/notificaciones/?tamano={tamano}")
    assert respuesta.status_code == 400 and "tamano" in respuesta.json()["error"]["campos"]
    assert api.get("/api/v1/notificaciones/?cursor=no-es-un-cursor").status_code == 404
