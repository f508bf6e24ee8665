"""The homologation queue is paginated by keyset, searchable (number, CUIT/RUC, consumer) and
costs the same queries with 2 or 60 agreements waiting (issue 13)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reclamos.estados import Estado
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db
URL = reverse("audiencias:cola_homologacion")


def _elevados(n, consumidora, organizacion):
    return [
        reclamo_en(Estado.EN_HOMOLOGACION, consumidor=consumidora, organizacion=organizacion)
        for _ in range(n)
    ]


def _consultas(client, **params) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        assert client.get(URL, params).status_code == 200
    return len(capturadas.captured_queries)


def test_la_cola_de_homologacion_no_crece_con_los_acuerdos_y_pagina(
    client, homologador, consumidora, proveedor_activo, otro_proveedor
):
    client.force_login(homologador)
    _elevados(2, consumidora, proveedor_activo)
    client.get(URL)  # warm the per-user caches (menu, MFA)
    pocas = _consultas(client)
    _elevados(58, consumidora, proveedor_activo)
    assert _consultas(client) == pocas
    primera = client.get(URL)
    assert primera.context["reclamos"].siguiente is not None
    assert len(primera.context["reclamos"]) == 50
    segunda = client.get(URL, {"cursor": primera.context["reclamos"].siguiente})
    vistos = {r.pk for r in primera.context["reclamos"]} | {
        r.pk for r in segunda.context["reclamos"]
    }
    assert len(vistos) == 60 and segunda.context["reclamos"].siguiente is None
    # Oldest elevated (soonest due) first.
    fechas = [r.actualizado_en for r in primera.context["reclamos"]]
    assert fechas == sorted(fechas)


def test_la_cola_de_homologacion_busca_por_numero_cuit_y_consumidor(
    client, homologador, consumidora, otra_consumidora, proveedor_activo, otro_proveedor
):
    [uno] = _elevados(1, consumidora, proveedor_activo)
    [otro] = _elevados(1, otra_consumidora, otro_proveedor)
    client.force_login(homologador)

    def encontrados(texto):
        return {r.pk for r in client.get(URL, {"buscar": texto}).context["reclamos"]}

    assert encontrados(uno.numero) == {uno.pk}
    assert encontrados(otro_proveedor.identificador) == {otro.pk}
    cuit = proveedor_activo.identificador
    assert encontrados(f"{cuit[:2]}-{cuit[2:10]}-{cuit[10:]}") == {uno.pk}
    assert encontrados(otra_consumidora.apellido) == {otro.pk}
    pagina = client.get(URL, {"buscar": "no-existe"}).content.decode()
    assert "No hay acuerdos para homologar." in pagina
