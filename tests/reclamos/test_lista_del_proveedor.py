"""A provider's claim list walks its own rows (decision 0033, issue 13): ReclamoProveedor keeps a
copy of the claim's filing date, the page and the API list read the partial index
proveedor_citado_fecha newest first, a claim naming two of the representative's organisations
comes once, pages have no gaps or repeats, and the query count does not grow with the rows."""

import re

import pytest
from django.apps import apps as global_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from conciliacion import paginacion
from cuentas import services as cuentas
from cuentas.models import Membresia
from reclamos.estados import Estado
from reclamos.models import Reclamo, ReclamoProveedor
from reclamos.selectors_proveedor import pagina_del_proveedor
from tests.reclamos.factories import reclamo_en
from tests.reclamos.test_presentacion import _borrador_completo
from tests.reclamos.test_presentacion import smvm as smvm  # the fixture

pytestmark = pytest.mark.django_db


def _numeros(respuesta) -> list[str]:
    return re.findall(r"TEST-2026-\d{6}", respuesta.content.decode())


def _citados(consumidora, organizacion, n, *, desde_horas=0):
    """`n` served claims, two per filing instant (the id breaks the tie), in the list's order."""
    ahora = timezone.now()
    reclamos = []
    for i in range(n):
        reclamo = reclamo_en(Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=None)
        fecha = ahora - timezone.timedelta(hours=desde_horas + i // 2)
        Reclamo.objects.filter(pk=reclamo.pk).update(presentado_en=fecha)
        reclamo.refresh_from_db()
        _proveedor(reclamo, organizacion)
        reclamos.append(reclamo)
    return sorted(reclamos, key=lambda r: (r.presentado_en, r.pk), reverse=True)


def _proveedor(reclamo, organizacion, *, citado=True):
    return ReclamoProveedor.objects.create(
        reclamo=reclamo,
        organizacion=organizacion,
        tipo_identificador=organizacion.tipo_identificador,
        identificador=organizacion.identificador,
        razon_social=organizacion.razon_social,
        domicilio_legal=organizacion.domicilio_legal,
        citado_en=timezone.now() if citado else None,
    )


def _api(proveedor, organizacion=None):
    api = APIClient()
    if organizacion is None:
        api.force_authenticate(proveedor)
    else:
        _, clave = cuentas.crear_clave_api(organizacion, por=proveedor, nombre="crm")
        api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    return api


def test_la_fila_del_proveedor_copia_la_fecha_de_presentacion(consumidora, proveedor_activo):
    reclamo = reclamo_en(Estado.ADMITIDO, consumidor=consumidora, organizacion=proveedor_activo)
    assert reclamo.proveedores.get().presentado_en == reclamo.presentado_en
    borrador = reclamo_en(Estado.BORRADOR, consumidor=consumidora, organizacion=proveedor_activo)
    assert borrador.proveedores.get().presentado_en is None


def test_presentar_el_reclamo_copia_la_fecha_a_sus_proveedores(consumidora, proveedor_activo):
    from reclamos.services import presentacion

    reclamo = _borrador_completo(consumidora)
    assert reclamo.proveedores.get().presentado_en is None
    reclamo = presentacion.presentar_reclamo(reclamo, por=consumidora)
    reclamo.refresh_from_db()
    assert reclamo.presentado_en is not None
    assert reclamo.proveedores.get().presentado_en == reclamo.presentado_en


class _Editor:
    """What the data migration uses of a schema editor, on the test's real connection (SQLite's
    own editor cannot open inside the test's transaction)."""

    connection = connection

    def execute(self, sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_la_migracion_copia_la_fecha_de_las_filas_existentes(consumidora, proveedor_activo):
    import importlib

    migracion = importlib.import_module("reclamos.migrations.0011_proveedor_presentado_en")
    reclamo = reclamo_en(Estado.ADMITIDO, consumidor=consumidora, organizacion=proveedor_activo)
    ReclamoProveedor.objects.update(presentado_en=None)
    migracion.copiar_fecha(global_apps, _Editor())
    assert reclamo.proveedores.get().presentado_en == reclamo.presentado_en


def test_la_pagina_se_recorre_sin_huecos_ni_repetidos(
    client, proveedor, consumidora, proveedor_activo
):
    todos = [r.numero for r in _citados(consumidora, proveedor_activo, 62)]
    # Not served yet, or a draft: never listed (decision 0015).
    no_citado = reclamo_en(
        Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo
    )
    client.force_login(proveedor)
    primera = client.get(reverse("reclamos:mis_reclamos"))
    vistos = _numeros(primera)
    assert len(vistos) == paginacion.TAMANO
    segunda = client.get(
        reverse("reclamos:mis_reclamos"), {"cursor": primera.context["reclamos"].siguiente}
    )
    vistos += _numeros(segunda)
    assert vistos == todos  # newest filed first, ties by id descending
    assert no_citado.numero not in vistos
    assert segunda.context["reclamos"].siguiente is None
    for cursor in ["xx", "bm9wZQ==", "WyJhIiwgMV0="]:  # tampered: the first page
        respuesta = client.get(reverse("reclamos:mis_reclamos"), {"cursor": cursor})
        assert respuesta.status_code == 200 and _numeros(respuesta) == todos[:50]


def test_varias_organizaciones_se_mezclan_y_un_reclamo_de_dos_sale_una_vez(
    client, proveedor, consumidora, proveedor_activo, otro_proveedor
):
    Membresia.objects.create(usuario=proveedor, organizacion=otro_proveedor, es_administrador=True)
    propios = _citados(consumidora, proveedor_activo, 5)
    ajenos = _citados(consumidora, otro_proveedor, 5, desde_horas=1)
    for reclamo in propios[:3]:  # claims naming both organisations
        _proveedor(reclamo, otro_proveedor)
    esperado = sorted(
        {r.pk: r for r in propios + ajenos}.values(),
        key=lambda r: (r.presentado_en, r.pk),
        reverse=True,
    )
    vistos = []
    cursor = None
    while True:
        pagina = pagina_del_proveedor(proveedor, cursor=cursor, tamano=3)
        vistos += [r.pk for r in pagina]
        cursor = pagina.siguiente
        if cursor is None:
            break
    assert vistos == [r.pk for r in esperado]
    # With a key, only the key's organisation.
    respuesta = _api(proveedor, otro_proveedor).get("/api/v1/reclamos/")
    assert [r["numero"] for r in respuesta.json()["results"]] == [
        r.numero for r in esperado if r in ajenos or r in propios[:3]
    ]


def test_la_api_pagina_hacia_adelante_y_hacia_atras(proveedor, consumidora, proveedor_activo):
    todos = [r.numero for r in _citados(consumidora, proveedor_activo, 7)]
    api = _api(proveedor, proveedor_activo)
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
    assert api.get("/api/v1/reclamos/?tamano=0").status_code == 400


def test_la_api_filtra_igual_que_antes(proveedor, consumidora, proveedor_activo, otro_proveedor):
    reclamos = _citados(consumidora, proveedor_activo, 4)
    Reclamo.objects.filter(pk=reclamos[1].pk).update(estado=Estado.CONCLUIDO_CON_ACUERDO)
    _proveedor(reclamos[2], otro_proveedor, citado=False)
    api = _api(proveedor, proveedor_activo)

    def numeros(consulta):
        return [r["numero"] for r in api.get(f"/api/v1/reclamos/?{consulta}").json()["results"]]

    assert numeros(f"estado={Estado.CONCLUIDO_CON_ACUERDO}") == [reclamos[1].numero]
    assert numeros(f"proveedor={otro_proveedor.identificador}") == [reclamos[2].numero]
    hoy = timezone.localdate(reclamos[0].presentado_en).isoformat()
    assert set(numeros(f"desde={hoy}&hasta={hoy}")) <= {r.numero for r in reclamos}
    assert numeros("desde=2001-01-01&hasta=2001-01-02") == []
    assert api.get("/api/v1/reclamos/?desde=ayer").status_code == 400


def test_la_lista_hace_las_mismas_consultas_con_2_o_40_filas(
    client, proveedor, consumidora, proveedor_activo
):
    client.force_login(proveedor)
    api = _api(proveedor, proveedor_activo)

    def consultas():
        with CaptureQueriesContext(connection) as pagina:
            assert client.get(reverse("reclamos:mis_reclamos")).status_code == 200
        with CaptureQueriesContext(connection) as lista:
            assert api.get("/api/v1/reclamos/").status_code == 200
        return len(pagina), len(lista)

    _citados(consumidora, proveedor_activo, 2)
    consultas()  # session and caches warmed
    con_2 = consultas()
    _citados(consumidora, proveedor_activo, 38, desde_horas=2)
    assert consultas() == con_2
    assert con_2[0] <= 15 and con_2[1] <= 10, con_2


@pytest.mark.postgres
def test_en_postgresql_la_lista_recorre_el_indice_nuevo(proveedor, consumidora, proveedor_activo):
    _citados(consumidora, proveedor_activo, 30)
    with CaptureQueriesContext(connection) as consultas:
        pagina_del_proveedor(proveedor, tamano=10)
    sql = next(
        c["sql"] for c in consultas if "ORDER BY" in c["sql"] and "reclamoproveedor" in c["sql"]
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(fila[0] for fila in cursor.fetchall())
    assert "proveedor_citado_fecha" in plan, plan
    assert "Sort" not in plan.split("proveedor_citado_fecha")[0], plan
