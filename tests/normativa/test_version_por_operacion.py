"""Decision 0034: inside one act the decreed days' version is read once per jurisdiction."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from normativa.calendarios import calendario, una_version_por_operacion
from normativa.models import DiaNoHabil

DIA = dt.date(2031, 3, 11)  # a Tuesday that no law makes a holiday


def _decretar():
    DiaNoHabil.objects.create(
        fecha=DIA,
        jurisdiccion="AR",
        tipo=DiaNoHabil.Tipo.ASUETO,
        calendarios=["AR"],
        descripcion="Asueto de prueba",
        fuente="Decreto de prueba",
    )


@pytest.mark.django_db
def test_dentro_de_la_operacion_una_consulta_por_jurisdiccion():
    with CaptureQueriesContext(connection) as consultas, una_version_por_operacion():
        for _ in range(5):
            calendario("AR")
        with una_version_por_operacion():  # nested: shares the outer memo
            calendario("AR")
    assert len(consultas.captured_queries) <= 2  # the version, and the rows the first time


@pytest.mark.django_db
def test_fuera_de_la_operacion_cada_llamada_ve_lo_decretado():
    assert calendario("AR").es_habil(DIA)
    with una_version_por_operacion():
        assert calendario("AR").es_habil(DIA)
        _decretar()
        # Within the act the version read first stands...
        assert calendario("AR").es_habil(DIA)
    # ...and the next act sees the new decreed day.
    assert not calendario("AR").es_habil(DIA)
