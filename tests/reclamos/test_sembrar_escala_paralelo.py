"""sembrar_escala's load path on PostgreSQL (decision 0033): two forked workers with interleaved
ids, numbers and hearing slots, and the secondary indexes dropped during the load and rebuilt
after. It runs outside a transaction (the workers have their own connections), so the test
cleans the tables the command adds."""

from collections import Counter

import pytest
from django.db import connection

from audiencias.models import Audiencia
from cuentas.models import Usuario
from documentos.models import ContadorDocumento, Documento
from escala.sembrado import INDICES, MARCADOR, PERSONAS, sembrar
from plazos.models import Plazo
from reclamos.models import Actuacion, ContadorNumeracion, Reclamo

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N = 300


def _indices() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename IN ('reclamos_reclamo', 'reclamos_actuacion', 'plazos_plazo')"
        )
        return {fila[0] for fila in cursor.fetchall()}


@pytest.fixture
def limpia():
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {MARCADOR}")
        cursor.execute(f"DROP TABLE IF EXISTS {INDICES}")


def test_dos_procesos_sin_choques_y_con_los_indices_de_vuelta(limpia):
    if connection.vendor != "postgresql":
        pytest.skip("el camino de carga en procesos es de PostgreSQL")
    antes = _indices()
    totales = sembrar(N, 3, procesos=2)
    assert Reclamo.objects.count() == N
    assert totales["reclamos_reclamo"] == N
    assert totales["reclamos_actuacion"] == Actuacion.objects.count()
    assert totales["plazos_plazo"] == Plazo.objects.count()
    # Every index is back and none is left pending.
    assert _indices() == antes
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {INDICES}")  # noqa: S608
        assert cursor.fetchone()[0] == 0
    # Both workers wrote claims (ids interleave: odd and even offsets from the start).
    assert len({pk % 2 for pk in Reclamo.objects.values_list("pk", flat=True)}) == 2
    # Numbers unique, and each counter at the largest number issued under it.
    numeros = list(Reclamo.objects.exclude(numero=None).values_list("numero", flat=True))
    assert len(numeros) == len(set(numeros))
    for contador in ContadorNumeracion.objects.all():
        del_anio = [
            int(n.rsplit("-", 1)[1])
            for n in numeros
            if n.startswith(f"{contador.prefijo}-{contador.anio}-")
        ]
        assert contador.ultimo == max(del_anio)
    for contador in ContadorDocumento.objects.all():
        assert contador.ultimo == max(
            Documento.objects.filter(tipo=contador.tipo, anio=contador.anio).values_list(
                "numero", flat=True
            )
        )
    # One pending hearing per slot of each conciliator.
    fijadas = Counter(
        Audiencia.objects.filter(estado="fijada", conciliador__isnull=False).values_list(
            "conciliador_id", "inicio"
        )
    )
    assert fijadas and max(fijadas.values()) == 1
    # The personas keep their share of claims across the workers.
    consumidora = Usuario.objects.get(email=PERSONAS["consumidora"][0])
    assert consumidora.reclamos.count() >= 2
