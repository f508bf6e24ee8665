"""The archive of closed sheets is paginated by keyset (newest filed first) and costs the same
queries with 2 or 60 sheets (issue 13)."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from libro import services
from libro.models import Hoja
from tests.libro.conftest import presentar, viajar

pytestmark = pytest.mark.django_db
URL = "/libro/panel/archivo/"


def _consultas(client, **params) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        assert client.get(URL, params).status_code == 200
    return len(capturadas.captured_queries)


def _copias(hoja, desde, hasta):
    """Closed copies of `hoja`, each filed a minute earlier than the one before."""
    for i in range(desde, hasta):
        copia = Hoja.objects.get(pk=hoja.pk)
        copia.pk = None
        copia._state.adding = True
        copia.correlativo = hoja.correlativo + i
        copia.clave = uuid.uuid4().hex
        copia.apellidos = f"Copia{i:02d}"
        copia.presentada_en = hoja.presentada_en - dt.timedelta(minutes=i)
        copia.save()


def test_el_archivo_pagina_y_no_crece_con_las_hojas(client, representante_pe, libro_web):
    with viajar(2026, 6, 1):
        hoja = presentar(libro_web, apellidos="Original")
        services.responder_hoja(hoja, texto="Ok", por=representante_pe)
    hoja.refresh_from_db()
    client.force_login(representante_pe)
    with viajar(2026, 6, 2):
        _copias(hoja, 1, 2)
        client.get(URL, {"anio": 2026})  # warm the per-user caches (menu, MFA)
        pocas = _consultas(client, anio=2026)
        _copias(hoja, 2, 60)
        assert _consultas(client, anio=2026) == pocas
        primera = client.get(URL, {"anio": 2026}).context["hojas"]
        assert len(primera) == 50 and primera.siguiente
        assert primera.filas[0].pk == hoja.pk  # newest filed first
        respuesta = client.get(URL, {"anio": 2026, "cursor": primera.siguiente})
        segunda = respuesta.context["hojas"]
        html = respuesta.content.decode()
    assert len(segunda) == 10 and segunda.siguiente is None
    assert not {h.pk for h in primera} & {h.pk for h in segunda}
    assert "Copia59" in html and "Primera página" in html
    assert respuesta.context["anios"] == [2026]
