"""A suspended or excluded conciliator drops out of draws and choices from the sanction's effect
(its reliable notice, D202-II.4), and the claims they hold then follow the excusación path
(D202-I.7; audiencias.services.reasignacion through the "redesignar" and designation hooks):
the fixed hearing passes to the conciliator drawn among those free at its slot."""

import datetime as dt

import pytest

from audiencias.models import Audiencia, Cedula
from conciliadores.disciplina import servicios
from conciliadores.elegibilidad import elegibles
from conciliadores.models import CasoDisciplinario, Designacion
from reclamos.estados import Estado
from reclamos.models import Actuacion
from tests.conciliadores.conftest import admitido
from tests.conciliadores.test_disciplina import hasta_la_resolucion

pytestmark = pytest.mark.django_db


def _sancionar(conciliador, registro, resultado, dias=None):
    caso = servicios.abrir_caso(
        conciliador,
        por=registro,
        origen=CasoDisciplinario.Origen.OFICIO,
        hechos="Negligencia grave en sus audiencias.",
        causal="Anexo II art. 5 d",
    )
    caso = hasta_la_resolucion(caso, registro, conciliador.usuario)
    servicios.resolver(caso, por=registro, resultado=resultado, dias=dias, fundamentos="Probado.")
    caso.refresh_from_db()
    return caso


def test_la_exclusion_lo_saca_del_proximo_sorteo_y_reasigna_su_audiencia(
    fijada,
    conciliadores_con_horario,
    consumidora,
    proveedor_activo,
    agente_admision,
    agente_registro,
    django_capture_on_commit_callbacks,
):
    reclamo = fijada.reclamo
    saliente = fijada.conciliador
    assert saliente in elegibles(reclamo, fechas=[dt.date(2026, 3, 10)])
    with django_capture_on_commit_callbacks(execute=True):
        caso = _sancionar(saliente, agente_registro, "exclusion")
    assert caso.sancion.desde == dt.date(2026, 3, 3)

    # The hearing of 10/3 passed to a conciliator drawn among those free at its slot.
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
    nueva = Audiencia.objects.get(reclamo=reclamo, estado=Audiencia.Estado.FIJADA)
    assert nueva.conciliador != saliente and nueva.inicio == fijada.inicio
    assert Cedula.objects.filter(audiencia=nueva).exists()
    fin = Designacion.objects.get(reclamo=reclamo, conciliador=saliente)
    assert (fin.activa, fin.fin) == (False, Designacion.Fin.SANCION)
    codigos = set(Actuacion.objects.filter(reclamo=reclamo).values_list("codigo", flat=True))
    assert {"conciliador.apartado", "audiencia.reasignada"} <= codigos
    assert "sancion.reasignacion" in set(caso.actuaciones.values_list("codigo", flat=True))

    # The next draw never includes them, from the effect on.
    otro = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    for fecha in (dt.date(2026, 3, 3), dt.date(2026, 6, 1), dt.date(2028, 1, 1)):
        assert saliente not in elegibles(otro, fechas=[fecha])
    assert len(elegibles(otro, fechas=[dt.date(2026, 3, 12)])) == len(conciliadores_con_horario) - 1


def test_la_suspension_reasigna_solo_las_audiencias_dentro_de_sus_dias(
    fijada, conciliadores_con_horario, agente_registro, django_capture_on_commit_callbacks
):
    """Suspended for 5 days from 3/3 (until 8/3): the hearing of 10/3 stays with them."""
    saliente = fijada.conciliador
    with django_capture_on_commit_callbacks(execute=True):
        caso = _sancionar(saliente, agente_registro, "suspension", dias=5)
    assert caso.sancion.hasta == dt.date(2026, 3, 8)
    fijada.refresh_from_db()
    assert fijada.estado == Audiencia.Estado.FIJADA and fijada.conciliador == saliente
    assert Designacion.objects.get(reclamo=fijada.reclamo, activa=True).conciliador == saliente


def test_una_suspension_que_cubre_la_audiencia_la_reasigna(
    fijada, conciliadores_con_horario, agente_registro, django_capture_on_commit_callbacks
):
    saliente = fijada.conciliador
    with django_capture_on_commit_callbacks(execute=True):
        _sancionar(saliente, agente_registro, "suspension", dias=30)
    nueva = Audiencia.objects.get(reclamo=fijada.reclamo, estado=Audiencia.Estado.FIJADA)
    assert nueva.conciliador != saliente and nueva.inicio == fijada.inicio
