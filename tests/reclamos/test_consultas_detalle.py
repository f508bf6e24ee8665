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

pytestmark = pytest.mark.django_db

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
    proveedor = reclamo.proveedores.filter(organizacion__isnull=False).first()
    if proveedor is not None:
        representante = Usuario.objects.filter(
            membresias__organizacion=proveedor.organizacion, membresias__activa=True
        ).first()
        if representante is not None:
            miradas["proveedor"] = representante
    miradas["admision"] = Usuario.objects.filter(rol="admision").first()
    return miradas


def test_el_detalle_del_reclamo_mas_largo_de_la_demo_cuesta_diez_consultas(client, demo):
    reclamo = _mas_largo()
    assert reclamo.n >= 5, reclamo.n
    for quien, usuario in _miradas(reclamo).items():
        client.force_login(usuario)
        with CaptureQueriesContext(connection) as consultas:
            respuesta = client.get(reverse("reclamos:detalle", args=[reclamo.pk]))
        assert respuesta.status_code == 200, quien
        # The session and user lookups of the middleware come on top of the page's own.
        propias = [q for q in consultas.captured_queries if "django_session" not in q["sql"]]
        print(quien, len(propias))
        for q in propias:
            print("   ", q["sql"][:160])
        assert len(propias) <= TOPE_DETALLE, (quien, len(propias))
