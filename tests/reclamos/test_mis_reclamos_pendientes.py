"""The consumer's "Mis reclamos": the claims with an act pending are picked from the page when
it holds all the consumer's claims (no second read, issue 13's throughput), and read from the
database otherwise; both ways give what con_accion_pendiente gives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conciliacion.paginacion import _codificar
from reclamos import selectors
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


def test_el_filtro_en_python_coincide_con_la_consulta_en_todo_estado_y_metodo(
    consumidora, proveedor_activo
):
    reclamo = reclamo_en(Estado.ADMITIDO, consumidor=consumidora, organizacion=proveedor_activo)
    for estado in Estado.values:
        for metodo in ("a", "b", "c", ""):
            Reclamo.objects.filter(pk=reclamo.pk).update(estado=estado, metodo_designacion=metodo)
            reclamo.refresh_from_db()
            en_la_consulta = selectors.con_accion_pendiente(consumidora).filter(pk=reclamo.pk)
            assert selectors.es_accion_pendiente(reclamo) == en_la_consulta.exists(), (
                estado,
                metodo,
            )


def _lecturas_de_reclamos(capturadas) -> int:
    return sum('FROM "reclamos_reclamo"' in c["sql"] for c in capturadas.captured_queries)


def test_con_todos_sus_reclamos_en_la_pagina_no_los_lee_dos_veces(
    client, consumidora, proveedor_activo
):
    a_elegir = reclamo_en(
        Estado.ESPERA_TURNO, consumidor=consumidora, organizacion=proveedor_activo
    )
    requerido = reclamo_en(
        Estado.REQUERIMIENTO, consumidor=consumidora, organizacion=proveedor_activo
    )
    sin_accion = reclamo_en(
        Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo
    )
    # Method a: admitted, it moves on by itself; nothing for the consumer to do.
    reclamo_en(
        Estado.ADMITIDO,
        consumidor=consumidora,
        organizacion=proveedor_activo,
        metodo_designacion="a",
    )
    client.force_login(consumidora)
    url = reverse("reclamos:mis_reclamos")
    client.get(url)  # warm the per-user caches
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = client.get(url)
    pendientes = respuesta.context["pendientes"]
    assert [r.pk for r in pendientes] == [a_elegir.pk, requerido.pk]
    assert [r.pk for r in pendientes] == [r.pk for r in selectors.con_accion_pendiente(consumidora)]
    assert sin_accion.pk not in {r.pk for r in pendientes}
    assert _lecturas_de_reclamos(capturadas) == 1
    html = respuesta.content.decode()
    assert "Reclamos con acción pendiente del consumidor" in html
    assert "Elegí un turno para la audiencia" in html


def test_en_otra_pagina_los_pendientes_se_leen_de_la_base(client, consumidora, proveedor_activo):
    pendiente = reclamo_en(
        Estado.ESPERA_TURNO, consumidor=consumidora, organizacion=proveedor_activo
    )
    reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    ultimo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    client.force_login(consumidora)
    cursor = _codificar([ultimo.creado_en.isoformat(), ultimo.pk])
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = client.get(reverse("reclamos:mis_reclamos"), {"cursor": cursor})
    assert not respuesta.context["reclamos"].es_primera
    assert [r.pk for r in respuesta.context["pendientes"]] == [pendiente.pk]
    assert _lecturas_de_reclamos(capturadas) == 2
