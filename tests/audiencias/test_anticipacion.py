"""The 3-day notice rule (AR-09, Decisions 3–4, Q5)."""

import datetime as dt
import functools

import pytest

from audiencias import anticipacion
from reclamos.estados import Estado
from tests.reclamos.factories import reclamo_en

D = dt.date
pytestmark = pytest.mark.django_db


def test_tres_habiles_estrictamente_entre_la_notificacion_y_la_audiencia():
    # Served Mon 2/3/2026: Tue, Wed, Thu lie between it and a Friday hearing.
    assert anticipacion.en_termino(D(2026, 3, 2), D(2026, 3, 6), regimen_codigo="COPREC")
    assert not anticipacion.en_termino(D(2026, 3, 2), D(2026, 3, 5), regimen_codigo="COPREC")


def test_los_feriados_no_cuentan():
    # Served Fri 20/3/2026; Mon 23/3 (bridge day) and Tue 24/3 (Memoria) are holidays:
    # Wed 25, Thu 26, Fri 27 → the first valid hearing day is Mon 30/3.
    assert not anticipacion.en_termino(D(2026, 3, 20), D(2026, 3, 27), regimen_codigo="COPREC")
    assert anticipacion.en_termino(D(2026, 3, 20), D(2026, 3, 30), regimen_codigo="COPREC")


def test_la_primera_fecha_depende_de_la_via_de_cada_proveedor(consumidora, proveedor_activo):
    reclamo = reclamo_en(
        Estado.CONCILIADOR_DESIGNADO, consumidor=consumidora, organizacion=proveedor_activo
    )
    proveedor_activo.domicilio_electronico = "notificaciones@telefonia.example"
    proveedor_activo.save()
    # The consumer books the slot (notified in the act): only the providers' routes count here
    # (the consumer's route: tests/audiencias/test_notificacion_consumidor.py).
    primera = functools.partial(anticipacion.primera_fecha_de_audiencia, consumidor_presente=True)
    # Electronic: issued Mon 2/3, deemed served Tue 3/3; Wed, Thu, Fri between → from Sat 7/3
    # (the rule is about the notice; whether anyone sits on a Saturday is availability's job).
    assert primera(reclamo, hoy=D(2026, 3, 2)) == D(2026, 3, 7)
    assert anticipacion.en_termino(D(2026, 3, 3), D(2026, 3, 7), regimen_codigo="COPREC")
    assert not anticipacion.en_termino(D(2026, 3, 3), D(2026, 3, 6), regimen_codigo="COPREC")
    proveedor_activo.domicilio_electronico = ""
    proveedor_activo.save()
    # Reliable means: earliest service 2 business days later (Wed 4/3); Thu, Fri, Mon → Tue 10/3.
    assert primera(reclamo, hoy=D(2026, 3, 2)) == D(2026, 3, 10)
