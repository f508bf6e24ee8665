"""A conciliator's API list walks their own rows (decision 0041, issue 13): Designacion keeps a
copy of the claim's filing date, the list reads the partial index designacion_activa_fecha
newest filed first and merges the pending proposals, shows exactly what the conciliator may
see (the same rows and order as the generic list), pages without gaps or repeats both ways,
filters as before, and costs the same queries with 2 or 40 rows."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as global_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from conciliadores.models import Designacion, Propuesta
from conciliadores.selectors import fuentes_del_conciliador
from reclamos import recorridos, selectors
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.conciliadores.conftest import crear_conciliador
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


def _reclamo(consumidora, organizacion, horas: float) -> Reclamo:
    reclamo = reclamo_en(
        Estado.CONCILIADOR_DESIGNADO, consumidor=consumidora, organizacion=organizacion
    )
    Reclamo.objects.filter(pk=reclamo.pk).update(
        presentado_en=timezone.now() - dt.timedelta(hours=horas)
    )
    reclamo.refresh_from_db()
    return reclamo


def _designar(perfil, reclamo, *, activa=True) -> Designacion:
    return Designacion.objects.create(
        reclamo=reclamo,
        conciliador=perfil,
        metodo="a",
        notificado_el=timezone.localdate(),
        activa=activa,
    )


def _proponer(perfil, reclamo, *, estado=Propuesta.Estado.PENDIENTE) -> Propuesta:
    return Propuesta.objects.create(
        reclamo=reclamo,
        conciliador=perfil,
        metodo="c",
        estado=estado,
        creada_por=reclamo.consumidor,
        notificado_el=timezone.localdate(),
    )


def _designados(perfil, consumidora, organizacion, n, *, desde_horas=0) -> list[Reclamo]:
    """`n` claims designated to `perfil`, two per filing instant (the id breaks the tie)."""
    reclamos = []
    for i in range(n):
        reclamo = _reclamo(consumidora, organizacion, desde_horas + i // 2)
        _designar(perfil, reclamo)
        reclamos.append(reclamo)
    return reclamos


def _en_orden(reclamos) -> list[int]:
    return [r.pk for r in sorted(reclamos, key=lambda r: (r.presentado_en, r.pk), reverse=True)]


def _api(usuario) -> APIClient:
    api = APIClient()
    api.force_authenticate(usuario)
    return api


def _todas(api, url) -> list[str]:
    numeros = []
    while url:
        cuerpo = api.get(url).json()
        numeros += [r["numero"] for r in cuerpo["results"]]
        url = cuerpo["next"]
    return numeros


def test_la_designacion_copia_la_fecha_de_presentacion(perfil_ana, consumidora, proveedor_activo):
    reclamo = _reclamo(consumidora, proveedor_activo, 3)
    assert _designar(perfil_ana, reclamo).presentado_en == reclamo.presentado_en


def test_la_migracion_copia_la_fecha_de_las_designaciones_existentes(
    perfil_ana, consumidora, proveedor_activo
):
    from tests.reclamos.test_lista_del_proveedor import _Editor

    migracion = importlib.import_module("conciliadores.migrations.0004_designacion_presentado_en")
    reclamo = _reclamo(consumidora, proveedor_activo, 5)
    designacion = _designar(perfil_ana, reclamo)
    Designacion.objects.update(presentado_en=None)
    migracion.copiar_fecha(global_apps, _Editor())
    designacion.refresh_from_db()
    assert designacion.presentado_en == reclamo.presentado_en


def test_lista_lo_mismo_que_la_lista_general_y_en_su_orden(
    perfil_ana, consumidora, proveedor_activo, otro_proveedor
):
    designados = _designados(perfil_ana, consumidora, proveedor_activo, 7)
    propuesto = _reclamo(consumidora, proveedor_activo, 1.5)
    _proponer(perfil_ana, propuesto)
    # Designated and proposed again on the same claim (a replacement): listed once.
    _proponer(perfil_ana, designados[4])
    # Not theirs any more, answered, someone else's: never listed.
    terminada = _reclamo(consumidora, proveedor_activo, 0.5)
    _designar(perfil_ana, terminada, activa=False)
    respondida = _reclamo(consumidora, proveedor_activo, 0.7)
    _proponer(perfil_ana, respondida, estado=Propuesta.Estado.RECHAZADA)
    ajeno = _reclamo(consumidora, otro_proveedor, 0.2)
    _designar(crear_conciliador(), ajeno)

    esperado = _en_orden([*designados, propuesto])
    general = list(selectors.lista_reclamos(perfil_ana.usuario).values_list("pk", flat=True))
    assert general == esperado
    vistos, cursor = [], None
    while True:
        pagina = recorridos.pagina_de(perfil_ana.usuario, cursor=cursor, tamano=3)
        vistos += [r.pk for r in pagina]
        cursor = pagina.siguiente
        if cursor is None:
            break
    assert vistos == esperado


def test_la_api_pagina_hacia_adelante_y_hacia_atras(perfil_ana, consumidora, proveedor_activo):
    reclamos = _designados(perfil_ana, consumidora, proveedor_activo, 7)
    todos = [Reclamo.objects.get(pk=pk).numero for pk in _en_orden(reclamos)]
    api = _api(perfil_ana.usuario)
    paginas, url = [], "/api/v1/reclamos/?tamano=3"
    while url:
        cuerpo = api.get(url).json()
        paginas.append(([r["numero"] for r in cuerpo["results"]], cuerpo["previous"]))
        url = cuerpo["next"]
    assert [n for nums, _ in paginas for n in nums] == todos
    assert [len(nums) for nums, _ in paginas] == [3, 3, 1]
    assert paginas[0][1] is None
    atras = api.get(paginas[2][1]).json()
    assert [r["numero"] for r in atras["results"]] == todos[3:6]
    primera = api.get(atras["previous"]).json()
    assert [r["numero"] for r in primera["results"]] == todos[:3]
    assert primera["previous"] is None
    for cursor in ["xx", "bm9wZQ=="]:  # tampered: the first page
        cuerpo = api.get(f"/api/v1/reclamos/?tamano=3&cursor={cursor}").json()
        assert [r["numero"] for r in cuerpo["results"]] == todos[:3]


def test_la_api_filtra_igual_que_antes(perfil_ana, consumidora, proveedor_activo, otro_proveedor):
    reclamos = _designados(perfil_ana, consumidora, proveedor_activo, 4)
    Reclamo.objects.filter(pk=reclamos[1].pk).update(estado=Estado.CONCLUIDO_CON_ACUERDO)
    del_otro = _reclamo(consumidora, otro_proveedor, 30)
    _proponer(perfil_ana, del_otro)
    api = _api(perfil_ana.usuario)

    def numeros(consulta):
        return _todas(api, f"/api/v1/reclamos/?{consulta}")

    assert numeros(f"estado={Estado.CONCLUIDO_CON_ACUERDO}") == [reclamos[1].numero]
    assert numeros(f"proveedor={otro_proveedor.identificador}") == [del_otro.numero]
    hace_un_dia = timezone.localdate(del_otro.presentado_en).isoformat()
    assert numeros(f"desde={hace_un_dia}&hasta={hace_un_dia}") == [del_otro.numero]
    assert numeros("desde=2001-01-01&hasta=2001-01-02") == []
    assert api.get("/api/v1/reclamos/?desde=ayer").status_code == 400


def test_la_lista_hace_las_mismas_consultas_con_2_o_40_filas(
    perfil_ana, consumidora, proveedor_activo
):
    api = _api(perfil_ana.usuario)

    def consultas():
        with CaptureQueriesContext(connection) as capturadas:
            assert api.get("/api/v1/reclamos/").status_code == 200
        return len(capturadas)

    _designados(perfil_ana, consumidora, proveedor_activo, 2)
    consultas()
    con_2 = consultas()
    _designados(perfil_ana, consumidora, proveedor_activo, 38, desde_horas=2)
    _proponer(perfil_ana, _reclamo(consumidora, proveedor_activo, 50))
    assert consultas() == con_2
    assert con_2 <= 10, con_2


def test_sin_perfil_de_conciliador_la_lista_esta_vacia(conciliador):
    assert fuentes_del_conciliador(conciliador) == []
    assert _api(conciliador).get("/api/v1/reclamos/").json()["results"] == []


@pytest.mark.postgres
def test_en_postgresql_la_lista_recorre_el_indice_nuevo(perfil_ana, consumidora, proveedor_activo):
    _designados(perfil_ana, consumidora, proveedor_activo, 30)
    with CaptureQueriesContext(connection) as consultas:
        recorridos.pagina_de(perfil_ana.usuario, tamano=10)
    sql = next(
        c["sql"]
        for c in consultas
        if "ORDER BY" in c["sql"] and 'FROM "conciliadores_designacion"' in c["sql"]
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(fila[0] for fila in cursor.fetchall())
    assert "designacion_activa_fecha" in plan, plan
    assert "Sort" not in plan.split("designacion_activa_fecha")[0], plan
