"""The benchmarks' baseline view (issue 13): absent unless BENCHMARK=1, one query of its own."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_sin_benchmark_no_existe(client, db, settings):
    settings.BENCHMARK = False
    assert client.get("/_base/").status_code == 404


def test_con_benchmark_responde_con_una_consulta(client, db, settings):
    settings.BENCHMARK = True
    client.get("/_base/")  # warm-up: lazy look-ups done once per process
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get("/_base/")
    assert respuesta.status_code == 200
    assert "Último reclamo: ninguno" in respuesta.content.decode()
    assert len(consultas) == 1


def test_escritura_sin_benchmark_no_existe(client, db, settings):
    settings.BENCHMARK = False
    assert client.post("/_base/escritura/", {}, content_type="application/json").status_code == 404


def test_escritura_con_benchmark_inserta_una_fila(client, db, settings, django_user_model):
    from cuentas.models import SolicitudIdempotente

    settings.BENCHMARK = True
    assert client.post("/_base/escritura/", {}, content_type="application/json").status_code in (
        401,
        403,
    )
    usuario = django_user_model.objects.create_user(email="bench@example.com", password="x" * 12)
    client.force_login(usuario)
    client.post("/_base/escritura/", {"a": 1}, content_type="application/json")  # warm-up
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.post("/_base/escritura/", {"a": 1}, content_type="application/json")
    assert respuesta.status_code == 201
    assert SolicitudIdempotente.objects.filter(ambito="benchmark").count() == 2
    inserciones = [c for c in consultas if c["sql"].startswith("INSERT")]
    assert len(inserciones) == 1
