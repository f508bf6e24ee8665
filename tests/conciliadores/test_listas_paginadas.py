"""The conciliator's and the registry's lists that grow with claims are paginated by keyset and
cost the same queries with 2 or 60 rows (issue 13)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conciliadores.models import Designacion
from reclamos.estados import Estado
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


def _consultas(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        assert client.get(url, params).status_code == 200
    return len(capturadas.captured_queries)


def _designaciones(perfil, n, consumidora, organizacion, *, desde=0):
    ahora = timezone.now()
    for i in range(desde, desde + n):
        reclamo = reclamo_en(
            Estado.CONCILIADOR_DESIGNADO, consumidor=consumidora, organizacion=organizacion
        )
        Designacion.objects.create(
            reclamo=reclamo,
            conciliador=perfil,
            metodo="a",
            fecha=ahora - dt.timedelta(minutes=i),
            notificado_el=ahora.date(),
        )


def test_mis_reclamos_como_conciliador_pagina_y_no_crece(
    client, perfil_ana, consumidora, proveedor_activo
):
    url = reverse("conciliadores:mis_reclamos")
    client.force_login(perfil_ana.usuario)
    _designaciones(perfil_ana, 2, consumidora, proveedor_activo)
    client.get(url)  # warm the per-user caches (menu, MFA)
    pocas = _consultas(client, url)
    _designaciones(perfil_ana, 58, consumidora, proveedor_activo, desde=2)
    assert _consultas(client, url) == pocas
    primera = client.get(url).context["designaciones"]
    assert len(primera) == 50 and primera.siguiente
    fechas = [d.fecha for d in primera]
    assert fechas == sorted(fechas, reverse=True)  # newest first
    respuesta = client.get(url, {"cursor": primera.siguiente})
    segunda = respuesta.context["designaciones"]
    assert len(segunda) == 10 and segunda.siguiente is None
    assert not {d.pk for d in primera} & {d.pk for d in segunda}
    html = respuesta.content.decode()
    assert "Primera página" in html and segunda.filas[0].reclamo.numero in html
    # A designation that ended is no longer listed.
    Designacion.objects.filter(pk=segunda.filas[0].pk).update(activa=False)
    ultima = client.get(url, {"cursor": primera.siguiente}).context["designaciones"]
    assert len(ultima) == 9
