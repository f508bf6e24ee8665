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
