"""The hearings demo loads weekly hours at the agency office through the agenda service, once."""

import io

import pytest
from django.core.management import call_command

from audiencias.models import FranjaSemanal
from conciliadores.models import Conciliador
from cuentas.models import Organizacion

pytestmark = pytest.mark.django_db


def _cargar():
    call_command("cargar_demo", stdout=io.StringIO())
    call_command("cargar_demo_audiencias", stdout=io.StringIO())


def test_la_demo_publica_horarios_en_la_oficina_una_sola_vez():
    _cargar()
    _cargar()
    oficina = Organizacion.objects.get(tipo=Organizacion.Tipo.OFICINA)
    franjas = FranjaSemanal.objects.filter(oficina=oficina)
    assert franjas.count() == 5
    assert {f.dia_semana for f in franjas} == {0, 1, 2, 3, 4}
    conciliador = Conciliador.objects.get(matricula="DEMO-0003")
    assert conciliador.tipo == Conciliador.Tipo.SECRETARIA
    assert list(conciliador.oficinas.all()) == [oficina]
    assert {f.conciliador_id for f in franjas} == {conciliador.pk}
    assert all(f.publicada_por.email == "admin@demo.conciliacion.ar" for f in franjas)
    assert FranjaSemanal.objects.count() == 5 + 2 * 10  # plus the two conciliators' own hours
