"""The claim page costs a fixed number of queries whatever the claim's history (issue 13): the
longest claim of the demo, seen by each of its parties and by staff."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cuentas.models import Usuario
from reclamos.models import Reclamo
from tests.conftest import activar_mfa

pytestmark = pytest.mark.django_db

# Issue 13: at most 10 statements. The claim is read with an EXISTS per table the sections read
# (reclamos.secciones.registrar_marca), so only the tables holding rows for it are queried; who
# looks is decided once (Mirada); a staff member's MFA enrolment and a representative's menu
# come from the cache. Savepoints are not statements of the page.
TOPE_DETALLE = 10


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for comando in (
        "cargar_demo",
        "cargar_demo_reclamos",
        "cargar_demo_audiencias",
        "cargar_demo_honorarios",
    ):
        call_command(comando, stdout=io.StringIO())


def _mas_largo():
    return (
        Reclamo.objects.filter(regimen_codigo="COPREC")
        .exclude(estado="BORRADOR")
        .annotate(n=Count("actuaciones"))
        .order_by("-n", "pk")
        .first()
    )


def _miradas(reclamo):
    """The consumer, a representative of a served provider, and admission staff."""
    miradas = {"consumidora": reclamo.consumidor}
    proveedor = reclamo.proveedores.filter(citado_en__isnull=False).first()
    if proveedor is not None:
        representante = Usuario.objects.filter(
            membresias__organizacion=proveedor.organizacion, membresias__activa=True
        ).first()
        if representante is not None:
            miradas["proveedor"] = representante
    admision = Usuario.objects.filter(rol="admision").first()
    if not admision.authenticator_set.exists():
        activar_mfa(admision)
    miradas["admision"] = admision
    return miradas


def _consultas(client, usuario, reclamo) -> list[str]:
    client.force_login(usuario)
    # Warm: the régimen's usual step times and the menu are cached for minutes.
    client.get(reverse("reclamos:detalle", args=[reclamo.pk]))
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(reverse("reclamos:detalle", args=[reclamo.pk]))
    assert respuesta.status_code == 200, (usuario.email, reclamo.numero, reclamo.estado)
    # The session lookup of the middleware comes on top of the page's own.
    return [
        q["sql"]
        for q in consultas.captured_queries
        if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]


def test_el_detalle_cuesta_lo_mismo_con_historia_larga_o_corta(client, demo):
    """The longest demo claim costs no more queries than a claim just filed, for each viewer."""
    largo = _mas_largo()
    assert largo.n >= 5, largo.n
    corto = (
        Reclamo.objects.filter(regimen_codigo="COPREC", consumidor=largo.consumidor)
        .exclude(estado="BORRADOR")
        .annotate(n=Count("actuaciones"))
        .order_by("n", "pk")
        .first()
    )
    consumidora = _consultas(client, largo.consumidor, largo)
    assert len(consumidora) <= TOPE_DETALLE, "\n".join(consumidora)
    assert len(_consultas(client, largo.consumidor, corto)) <= TOPE_DETALLE
    for quien, usuario in _miradas(largo).items():
        assert len(_consultas(client, usuario, largo)) <= TOPE_DETALLE, quien


def test_el_detalle_que_ve_el_proveedor_no_crece_con_la_historia(
    client, proveedor, consumidora, proveedor_activo, agente_admision
):
    from reclamos import expediente
    from tests.reclamos.factories import reclamo_en

    reclamo = reclamo_en("EN_CONCILIACION", consumidor=consumidora, organizacion=proveedor_activo)
    pocas = len(_consultas(client, proveedor, reclamo))
    for i in range(30):
        expediente._registrar(reclamo, "nota", por=agente_admision, texto=f"Acto {i}")
    assert len(_consultas(client, proveedor, reclamo)) == pocas
    assert pocas <= TOPE_DETALLE
