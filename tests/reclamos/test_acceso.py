"""A consumer never sees another's claim; a provider sees only claims against its own CUIT;
staff views of personal data are logged; list pages keep a flat query count."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cuentas import services as cuentas
from cuentas.models import Membresia, Organizacion
from reclamos.estados import Estado
from reclamos.models import AccesoPersonal
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


@pytest.fixture
def reclamo_de_lucia(consumidora, proveedor_activo):
    return reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)


@pytest.mark.parametrize(
    "ruta", ["reclamos:detalle", "reclamos:desistir", "reclamos:responder", "reclamos:recurrir"]
)
def test_otro_consumidor_recibe_404_en_cada_pagina(client, extrano, reclamo_de_lucia, ruta):
    client.force_login(extrano)
    assert client.get(reverse(ruta, args=[reclamo_de_lucia.pk])).status_code == 404


def test_otro_consumidor_no_lo_ve_en_la_api(extrano, reclamo_de_lucia):
    api = APIClient()
    api.force_authenticate(extrano)
    assert api.get("/api/v1/reclamos/").json()["results"] == []
    assert api.get(f"/api/v1/reclamos/{reclamo_de_lucia.pk}/").status_code == 404
    assert api.get(f"/api/v1/reclamos/{reclamo_de_lucia.pk}/linea-de-tiempo/").status_code == 404


def test_la_consumidora_ve_su_reclamo(client, consumidora, reclamo_de_lucia):
    client.force_login(consumidora)
    respuesta = client.get(reverse("reclamos:detalle", args=[reclamo_de_lucia.pk]))
    assert respuesta.status_code == 200
    assert reclamo_de_lucia.numero in respuesta.content.decode()


def test_el_proveedor_ve_solo_los_reclamos_contra_su_cuit(
    client, proveedor, consumidora, otro_proveedor, proveedor_activo
):
    citado = reclamo_en(
        Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo
    )
    ajeno = reclamo_en(Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=otro_proveedor)
    client.force_login(proveedor)
    assert client.get(reverse("reclamos:detalle", args=[citado.pk])).status_code == 200
    assert client.get(reverse("reclamos:detalle", args=[ajeno.pk])).status_code == 404
    api = APIClient()
    _, clave = cuentas.crear_clave_api(proveedor_activo, por=proveedor, nombre="crm")
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    numeros = [r["numero"] for r in api.get("/api/v1/reclamos/").json()["results"]]
    assert numeros == [citado.numero]


def test_un_proveedor_pendiente_no_ve_reclamos_contra_su_cuit(client, consumidora):
    pendiente = Organizacion.objects.create(
        tipo="proveedor",
        tipo_identificador="CUIT",
        identificador="30712345671",
        razon_social="Reclamada S.A.",
        estado=Organizacion.Estado.PENDIENTE,
    )
    from tests.conftest import crear_usuario

    usuario = crear_usuario("quiere@ver.example", "representante")
    Membresia.objects.create(usuario=usuario, organizacion=pendiente, es_administrador=True)
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=pendiente)
    client.force_login(usuario)
    assert client.get(reverse("reclamos:detalle", args=[reclamo.pk])).status_code == 404


def test_vista_del_personal_queda_registrada(client, agente_admision, reclamo_de_lucia):
    client.force_login(agente_admision)
    client.get(reverse("reclamos:detalle", args=[reclamo_de_lucia.pk]))
    client.get(reverse("reclamos:revisar", args=[reclamo_de_lucia.pk]))
    vistas = list(
        AccesoPersonal.objects.filter(reclamo=reclamo_de_lucia)
        .order_by("pk")
        .values_list("usuario__email", "vista")
    )
    assert vistas == [
        (agente_admision.email, "reclamos:detalle"),
        (agente_admision.email, "panel:revisar"),
    ]


def test_el_administrador_ve_el_registro_de_accesos(
    client, administrador, agente_admision, reclamo_de_lucia
):
    AccesoPersonal.objects.create(reclamo=reclamo_de_lucia, usuario=agente_admision, vista="x")
    client.force_login(administrador)
    respuesta = client.get(reverse("reclamos:accesos"))
    assert agente_admision.email in respuesta.content.decode()
    client.force_login(agente_admision)
    assert client.get(reverse("reclamos:accesos")).status_code == 403


def _muchos(consumidora, proveedor_activo, n):
    for _ in range(n):
        reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)


@pytest.mark.parametrize("ruta", ["reclamos:mis_reclamos"])
def test_lista_de_la_consumidora_con_consultas_constantes(
    client, consumidora, proveedor_activo, django_assert_max_num_queries, ruta
):
    client.force_login(consumidora)
    _muchos(consumidora, proveedor_activo, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as pocos:
        client.get(reverse(ruta))
    _muchos(consumidora, proveedor_activo, 20)
    with django_assert_max_num_queries(len(pocos)):
        respuesta = client.get(reverse(ruta))
    assert respuesta.status_code == 200


def test_cola_de_admision_y_api_con_consultas_constantes(
    client, agente_admision, consumidora, proveedor_activo, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reclamos.services.admision import suspender_por_tope

    def en_revision_del_tope(n):
        # Flagged in the queue by an annotation (an EXISTS in the same query, not one per row).
        for _ in range(n):
            reclamo = reclamo_en(
                Estado.EN_CONCILIACION, consumidor=consumidora, organizacion=proveedor_activo
            )
            suspender_por_tope(reclamo, por=agente_admision, motivo="Supera el tope.")

    client.force_login(agente_admision)
    api = APIClient()
    api.force_authenticate(agente_admision)
    _muchos(consumidora, proveedor_activo, 2)
    en_revision_del_tope(1)
    with CaptureQueriesContext(connection) as cola:
        client.get(reverse("reclamos:cola"))
    with CaptureQueriesContext(connection) as filtrada:
        client.get(reverse("reclamos:cola"), {"tope": "1"})
    with CaptureQueriesContext(connection) as lista:
        api.get("/api/v1/reclamos/")
    _muchos(consumidora, proveedor_activo, 25)
    en_revision_del_tope(10)
    with django_assert_max_num_queries(len(cola)):
        assert client.get(reverse("reclamos:cola")).status_code == 200
    with django_assert_max_num_queries(len(filtrada)):
        respuesta = client.get(reverse("reclamos:cola"), {"tope": "1"})
    assert respuesta.content.decode().count("Suspendido por revisión del tope") == 11
    with django_assert_max_num_queries(len(lista)):
        assert len(api.get("/api/v1/reclamos/").json()["results"]) == 38
