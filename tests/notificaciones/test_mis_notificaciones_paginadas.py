"""Mis notificaciones is walked by keyset (newest first) and costs the same queries with 2 or 60
notices; the home page's unread count stops at its cap (issue 13)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notificaciones.models import Notificacion
from notificaciones.services import encolar_notificacion

pytestmark = pytest.mark.django_db
URL = reverse("notificaciones:mis_notificaciones")


def _avisos(usuario, n):
    for i in range(n):
        encolar_notificacion(
            destinatario=usuario, plantilla="aviso", contexto={"texto": "x"}, asunto=f"Aviso {i}"
        )


def _consultas(client, url=URL, **params) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        assert client.get(url, params).status_code == 200
    return len(capturadas.captured_queries)


def test_mis_notificaciones_pagina_y_no_crece(client, consumidora):
    client.force_login(consumidora)
    _avisos(consumidora, 2)
    client.get(URL)  # warm the per-user caches
    pocas = _consultas(client)
    _avisos(consumidora, 58)
    assert _consultas(client) == pocas
    primera = client.get(URL).context["pagina"]
    assert len(primera) == 25 and primera.siguiente
    vistas = [*primera]
    cursor = primera.siguiente
    while cursor:
        pagina = client.get(URL, {"cursor": cursor}).context["pagina"]
        vistas += pagina
        cursor = pagina.siguiente
    assert [n.pk for n in vistas] == list(
        Notificacion.objects.filter(destinatario=consumidora)
        .order_by("-creada_en", "-pk")
        .values_list("pk", flat=True)
    )


def test_el_inicio_acota_las_no_leidas(client, consumidora):
    client.force_login(consumidora)
    _avisos(consumidora, 3)
    assert "Tenés 3 notificaciones sin leer." in client.get("/").content.decode()
    _avisos(consumidora, 100)
    assert "Tenés más de 99 notificaciones sin leer." in client.get("/").content.decode()
