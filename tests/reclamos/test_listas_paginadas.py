"""Every list is paginated by keyset and bounded (issue 13): pages walk the order without gaps
or repeats, a count stops at its cap, a tampered cursor is the first page, and the queue's search
and figures are answered by the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from conciliacion import paginacion
from reclamos.estados import Estado
from reclamos.models import Actuacion, Reclamo
from reclamos.selectors import espera_promedio_admision
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


def _en_admision(consumidora, organizacion, n):
    ahora = timezone.now()
    reclamos = []
    for i in range(n):
        reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=organizacion)
        # Some share the same instant: the cursor's id breaks the tie.
        Reclamo.objects.filter(pk=reclamo.pk).update(
            presentado_en=ahora - timezone.timedelta(hours=i // 2)
        )
        reclamos.append(reclamo)
    return reclamos


def _numeros(respuesta) -> list[str]:
    import re

    return re.findall(r"TEST-2026-\d{6}", respuesta.content.decode())


def test_la_cola_se_recorre_por_paginas_sin_huecos_ni_repetidos(
    client, agente_admision, consumidora, proveedor_activo
):
    todos = {r.numero for r in _en_admision(consumidora, proveedor_activo, 62)}
    client.force_login(agente_admision)
    primera = client.get(reverse("reclamos:cola"))
    assert "62 reclamos en la cola" in primera.content.decode()
    vistos = _numeros(primera)
    assert len(vistos) == paginacion.TAMANO
    cursor = primera.context["reclamos"].siguiente
    segunda = client.get(reverse("reclamos:cola"), {"cursor": cursor})
    vistos += _numeros(segunda)
    assert len(vistos) == 62 and set(vistos) == todos
    assert segunda.context["reclamos"].siguiente is None
    assert "Primera página" in segunda.content.decode()


def test_un_cursor_adulterado_es_la_primera_pagina(client, agente_admision):
    client.force_login(agente_admision)
    for cursor in ["xx", "bm9wZQ==", "WyJhIiwgImIiXQ=="]:
        assert client.get(reverse("reclamos:cola"), {"cursor": cursor}).status_code == 200


def test_el_conteo_de_la_cola_se_detiene_en_el_tope(
    client, agente_admision, consumidora, proveedor_activo, monkeypatch
):
    monkeypatch.setattr(paginacion, "TOPE_CONTEO", 5)
    monkeypatch.setattr(paginacion.contar_acotado, "__defaults__", (5,))
    _en_admision(consumidora, proveedor_activo, 7)
    client.force_login(agente_admision)
    assert "Más de 5 reclamos en la cola" in client.get(reverse("reclamos:cola")).content.decode()


def test_la_cola_busca_por_cuit_con_guiones_dni_y_apellido(
    client, agente_admision, consumidora, proveedor_activo, otro_proveedor
):
    suyo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    otro = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=otro_proveedor)
    Reclamo.objects.filter(pk=otro.pk).update(consumidor_dni="99888777", consumidor_apellido="Zz")
    client.force_login(agente_admision)
    cuit = proveedor_activo.identificador
    con_guiones = f"{cuit[:2]}-{cuit[2:10]}-{cuit[10:]}"
    assert _numeros(client.get(reverse("reclamos:cola"), {"q": con_guiones})) == [suyo.numero]
    assert _numeros(client.get(reverse("reclamos:cola"), {"q": "99888777"})) == [otro.numero]
    assert _numeros(client.get(reverse("reclamos:cola"), {"q": suyo.numero.lower()})) == [
        suyo.numero
    ]


def test_la_cola_ordena_por_vencimiento_o_por_recientes(
    client, agente_admision, consumidora, proveedor_activo
):
    reclamos = _en_admision(consumidora, proveedor_activo, 4)
    client.force_login(agente_admision)
    por_vencimiento = _numeros(client.get(reverse("reclamos:cola")))
    recientes = _numeros(client.get(reverse("reclamos:cola"), {"orden": "recientes"}))
    assert por_vencimiento == list(reversed(recientes))
    assert por_vencimiento[0] in {reclamos[2].numero, reclamos[3].numero}  # filed first


def test_la_espera_promedio_es_un_agregado_sql(consumidora, proveedor_activo):
    ahora = timezone.now()
    for dias in (2, 4):
        reclamo = reclamo_en(Estado.ADMITIDO, consumidor=consumidora, organizacion=proveedor_activo)
        Reclamo.objects.filter(pk=reclamo.pk).update(
            presentado_en=ahora - timezone.timedelta(days=dias)
        )
        Actuacion.objects.create(reclamo=reclamo, codigo="reclamo.admitido", texto=".", en=ahora)
    with CaptureQueriesContext(connection) as consultas:
        assert espera_promedio_admision() == 3.0
    assert len(consultas) == 1 and "AVG" in consultas[0]["sql"].upper()
    # Kept in the cache: the queue's next requests do not aggregate the 90 days again.
    with CaptureQueriesContext(connection) as consultas:
        assert espera_promedio_admision() == 3.0
    assert len(consultas) == 0


def test_la_cola_calcula_la_espera_promedio_a_lo_sumo_cada_diez_minutos(
    consumidora, proveedor_activo
):
    """Decisions 0033/0034: the queue's 90-day figure is cached for every staff member; while
    there is no decision it is not cached, so the first decision shows at once."""
    ahora = timezone.now()
    reclamo = reclamo_en(Estado.ADMITIDO, consumidor=consumidora, organizacion=proveedor_activo)
    Reclamo.objects.filter(pk=reclamo.pk).update(presentado_en=ahora - timezone.timedelta(days=2))
    assert espera_promedio_admision() is None  # no decision yet
    Actuacion.objects.create(reclamo=reclamo, codigo="reclamo.admitido", texto=".", en=ahora)
    assert espera_promedio_admision() == 2.0  # the first decision shows at once
    otro = reclamo_en(Estado.ADMITIDO, consumidor=consumidora, organizacion=proveedor_activo)
    Reclamo.objects.filter(pk=otro.pk).update(presentado_en=ahora - timezone.timedelta(days=6))
    Actuacion.objects.create(reclamo=otro, codigo="reclamo.admitido", texto=".", en=ahora)
    with CaptureQueriesContext(connection) as consultas:
        assert espera_promedio_admision() == 2.0  # cached: the new decision waits for expiry
    assert len(consultas) == 0
    from django.core.cache import cache

    cache.clear()  # what the expiry does
    assert espera_promedio_admision() == 4.0


def test_la_api_pagina_por_cursor(agente_admision, consumidora, proveedor_activo):
    todos = {r.numero for r in _en_admision(consumidora, proveedor_activo, 7)}
    api = APIClient()
    api.force_authenticate(agente_admision)
    vistos, url = [], "/api/v1/reclamos/?tamano=3"
    while url:
        cuerpo = api.get(url).json()
        assert "count" not in cuerpo
        vistos += [r["numero"] for r in cuerpo["results"]]
        url = cuerpo["next"]
    assert len(vistos) == 7 and set(vistos) == todos


@pytest.mark.parametrize("n", [3, 40])
def test_mis_reclamos_y_la_lista_del_proveedor_con_consultas_constantes(
    client, consumidora, proveedor, proveedor_activo, django_assert_max_num_queries, n
):
    for _ in range(n):
        reclamo_en(Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo)
    for usuario in (consumidora, proveedor):
        client.force_login(usuario)
        with django_assert_max_num_queries(9):
            assert client.get(reverse("reclamos:mis_reclamos")).status_code == 200


def test_la_cola_guarda_su_total_un_minuto_y_la_busqueda_cuenta_en_vivo(
    client, agente_admision, consumidora, proveedor_activo
):
    reclamos = _en_admision(consumidora, proveedor_activo, 3)
    client.force_login(agente_admision)
    client.get(reverse("reclamos:cola"))

    def conteos(**params):
        with CaptureQueriesContext(connection) as consultas:
            assert client.get(reverse("reclamos:cola"), params).status_code == 200
        return sum("COUNT(" in c["sql"].upper() for c in consultas)

    assert conteos() == 0  # the whole queue's total comes from the cache
    assert conteos(q=reclamos[0].numero) == 1  # a search counts live
