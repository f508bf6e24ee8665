"""The conciliator's and the registry's lists that grow with claims are paginated by keyset and
cost the same queries with 2 or 60 rows (issue 13)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conciliadores.models import Designacion, Rechazo
from reclamos.estados import Estado
from tests.conciliadores.conftest import crear_conciliador
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


def test_el_registro_de_conciliadores_pagina_y_cuenta_por_fila(
    client, agente_registro, perfil_ana, consumidora, proveedor_activo
):
    url = reverse("conciliadores:registro")
    client.force_login(agente_registro)
    reclamo = reclamo_en(
        Estado.CONCILIADOR_DESIGNADO, consumidor=consumidora, organizacion=proveedor_activo
    )
    anio = timezone.localdate().year
    for _ in range(4):
        Rechazo.objects.create(
            conciliador=perfil_ana, reclamo=reclamo, anio=anio, motivo="No", justificado=False
        )
    crear_conciliador("Z-0001")
    client.get(url)  # warm the per-user caches (menu, MFA)
    pocas = _consultas(client, url)
    for i in range(2, 60):
        crear_conciliador(f"Z-{i:04d}")
    assert _consultas(client, url) == pocas
    primera = client.get(url).context["conciliadores"]
    assert len(primera) == 50 and primera.siguiente
    matriculas = [c.matricula for c in primera]
    assert matriculas == sorted(matriculas)
    assert primera.filas[0] == perfil_ana and primera.filas[0].rechazos_sin_causa == 4
    assert primera.filas[1].rechazos_sin_causa == 0
    segunda = client.get(url, {"cursor": primera.siguiente}).context["conciliadores"]
    assert len(segunda) == 10 and segunda.siguiente is None
    assert not {c.pk for c in primera} & {c.pk for c in segunda}
    buscada = client.get(url, {"q": "Z-0059"}).context["conciliadores"]
    assert [c.matricula for c in buscada] == ["Z-0059"]


def test_los_rechazos_de_la_ficha_pagina_y_no_crecen(
    client, agente_registro, perfil_ana, consumidora, proveedor_activo
):
    url = reverse("conciliadores:ficha", args=[perfil_ana.pk])
    reclamo = reclamo_en(
        Estado.CONCILIADOR_DESIGNADO, consumidor=consumidora, organizacion=proveedor_activo
    )
    ahora = timezone.now()

    def rechazos(desde, hasta):
        for i in range(desde, hasta):
            Rechazo.objects.create(
                conciliador=perfil_ana,
                reclamo=reclamo,
                en=ahora - dt.timedelta(minutes=i),
                anio=ahora.year,
                motivo=f"Motivo {i}",
                justificado=True,
            )

    client.force_login(agente_registro)
    rechazos(0, 2)
    client.get(url)  # warm the per-user caches (menu, MFA)
    pocas = _consultas(client, url)
    rechazos(2, 60)
    assert _consultas(client, url) == pocas
    primera = client.get(url).context["rechazos"]
    assert len(primera) == 50 and primera.siguiente
    assert primera.filas[0].motivo == "Motivo 0"  # newest first
    respuesta = client.get(url, {"cursor": primera.siguiente})
    segunda = respuesta.context["rechazos"]
    assert len(segunda) == 10 and segunda.siguiente is None
    assert "Motivo 59" in respuesta.content.decode()
    assert not {r.pk for r in primera} & {r.pk for r in segunda}


@pytest.mark.postgres
def test_en_postgresql_abrir_un_reclamo_no_lee_todas_las_designaciones(
    perfil_ana, consumidora, proveedor_activo
):
    """The conciliator's access is one `pk IN (… UNION ALL …)`: opening one claim is a semi-join
    that probes that claim's designations, never a hashed list of all of the conciliator's
    (the OR-ed form read 11,439 designations per claim page at 1M claims)."""
    from reclamos.models import Reclamo
    from reclamos.permisos import filtro_visibles

    _designaciones(perfil_ana, 3, consumidora, proveedor_activo)
    reclamo = Designacion.objects.filter(conciliador=perfil_ana).first().reclamo
    qs = Reclamo.objects.filter(filtro_visibles(perfil_ana.usuario)).filter(pk=reclamo.pk)
    assert list(qs) == [reclamo]
    sql, parametros = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", parametros)
        plan = "\n".join(fila[0] for fila in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "hashed SubPlan" not in plan, plan
    assert "Semi Join" in plan, plan
