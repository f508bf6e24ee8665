"""The Fondo's obligations are walked by keyset (unpaid first, then latest paid, newest
accrued) and the page costs the same queries with 1 or 60 obligations (issue 13)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from honorarios.models import Honorario
from reclamos.models import Reclamo

pytestmark = pytest.mark.django_db
URL = reverse("honorarios:fondo")


def _copias(honorario, desde, hasta):
    """Copies of the obligation, each on a copy of its claim (one fee per claim); one in three
    paid, accrued an hour apart, some at the same instant."""
    for i in range(desde, hasta):
        reclamo = Reclamo.objects.get(pk=honorario.reclamo_id)
        reclamo.pk = None
        reclamo._state.adding = True
        reclamo.numero = f"COPIA-{i:04d}"
        reclamo.save()
        copia = Honorario.objects.get(pk=honorario.pk)
        copia.pk = None
        copia._state.adding = True
        copia.reclamo = reclamo
        copia.constancia = copia.copia_certificada = None
        copia.pagado_el = dt.date(2026, 4, 1 + i % 20) if i % 3 == 0 else None
        copia.devengado_en = honorario.devengado_en - dt.timedelta(hours=i // 2)
        copia.save()


def _consultas(client, **params) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        assert client.get(URL, params).status_code == 200
    return len(capturadas.captured_queries)


def _clave(h):
    pagado = -h.pagado_el.toordinal() if h.pagado_el else 0
    return (h.pagado_el is not None, pagado, -h.devengado_en.timestamp(), -h.pk)


def test_el_fondo_pagina_y_no_crece_con_las_obligaciones(client, cerrar, arancel, agente_admision):
    honorario = cerrar("a", "cerrar_sin_acuerdo").honorario
    client.force_login(agente_admision)
    client.get(URL)  # warm the per-user caches (menu, MFA)
    una = _consultas(client)
    _copias(honorario, 1, 61)
    assert _consultas(client) == una
    primera = client.get(URL).context["honorarios"]
    assert len(primera) == 50 and primera.siguiente
    respuesta = client.get(URL, {"cursor": primera.siguiente})
    segunda = respuesta.context["honorarios"]
    assert len(segunda) == 11 and segunda.siguiente is None
    recorridas = [*primera, *segunda]
    assert [h.pk for h in recorridas] == [
        h.pk for h in sorted(Honorario.objects.filter(a_cargo="fondo"), key=_clave)
    ]
    assert recorridas[0].pagado_el is None and recorridas[-1].pagado_el is not None
    assert "Primera página" in respuesta.content.decode()
    assert client.get(URL, {"cursor": "bm9wZQ=="}).context["honorarios"].es_primera


def test_mis_honorarios_pagina_y_no_crece_con_los_honorarios(client, cerrar, arancel):
    honorario = cerrar("a", "cerrar_sin_acuerdo").honorario
    url = reverse("honorarios:mis_honorarios")
    client.force_login(honorario.conciliador.usuario)
    client.get(url)  # warm the per-user caches (menu)
    with CaptureQueriesContext(connection) as uno:
        assert client.get(url).status_code == 200
    _copias(honorario, 1, 61)
    Honorario.objects.filter(pk__in=Honorario.objects.order_by("pk")[:5].values("pk")).update(
        monto=None
    )
    with CaptureQueriesContext(connection) as muchos:
        primera = client.get(url)
    assert len(muchos) == len(uno)
    pagina = primera.context["honorarios"]
    assert len(pagina) == 50 and pagina.siguiente and primera.context["sin_monto"] == 5
    segunda = client.get(url, {"cursor": pagina.siguiente}).context["honorarios"]
    assert len(segunda) == 11 and segunda.siguiente is None
    assert [h.pk for h in [*pagina, *segunda]] == list(
        Honorario.objects.order_by("-devengado_en", "-pk").values_list("pk", flat=True)
    )
