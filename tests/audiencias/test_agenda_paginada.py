"""The conciliator's fixed hearings in "Mi agenda" are paginated by keyset (soonest first) and
cost the same queries with 2 or 60 hearings (issue 13)."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audiencias.models import Audiencia
from reclamos.estados import Estado
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db
URL = reverse("audiencias:mi_agenda")


def _consultas(client, **params) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        assert client.get(URL, params).status_code == 200
    return len(capturadas.captured_queries)


def _mas(fijada, n, consumidora, proveedor_activo, *, desde=1):
    """`n` more fixed hearings of the same conciliator, each on its own claim, a day apart."""
    for i in range(desde, desde + n):
        copia = Audiencia.objects.get(pk=fijada.pk)
        copia.pk = None
        copia._state.adding = True
        copia.reclamo = reclamo_en(
            Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo
        )
        copia.inicio = fijada.inicio + dt.timedelta(days=i)
        copia.uid_ics = uuid.uuid4()
        copia.reemplaza = None
        copia.save()


def test_mi_agenda_pagina_las_audiencias_fijadas_y_no_crece(
    client, fijada, consumidora, proveedor_activo
):
    client.force_login(fijada.conciliador.usuario)
    _mas(fijada, 1, consumidora, proveedor_activo)
    client.get(URL)  # warm the per-user caches (menu, MFA)
    pocas = _consultas(client)
    _mas(fijada, 58, consumidora, proveedor_activo, desde=2)
    assert _consultas(client) == pocas
    primera = client.get(URL).context["audiencias"]
    assert len(primera) == 50 and primera.siguiente
    assert primera.filas[0].pk == fijada.pk  # soonest first
    inicios = [a.inicio for a in primera]
    assert inicios == sorted(inicios)
    respuesta = client.get(URL, {"cursor": primera.siguiente})
    segunda = respuesta.context["audiencias"]
    assert len(segunda) == 10 and segunda.siguiente is None
    assert not {a.pk for a in primera} & {a.pk for a in segunda}
    assert segunda.filas[0].reclamo.numero in respuesta.content.decode()
    # A hearing held or cancelled leaves the list.
    Audiencia.objects.filter(pk=segunda.filas[0].pk).update(estado=Audiencia.Estado.CANCELADA)
    assert len(client.get(URL, {"cursor": primera.siguiente}).context["audiencias"]) == 9
