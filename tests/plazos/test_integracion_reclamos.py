"""A decreed day moves a claim's running plazo and the claim's expediente records it (the hook
reclamos registers with plazos.registro)."""

import datetime as dt

import pytest

from plazos import services
from reclamos.estados import Estado
from reclamos.models import Actuacion
from tests.reclamos.factories import reclamo_en

D = dt.date
pytestmark = pytest.mark.django_db


def test_un_dia_decretado_queda_en_el_expediente_del_reclamo(consumidora, administrador):
    reclamo = reclamo_en(Estado.REQUERIMIENTO, consumidor=consumidora)
    plazo = services.abrir_plazo(
        sujeto=reclamo, tipo="AR-01", desde=D(2026, 3, 2), regimen="COPREC"
    )
    services.registrar_dia_no_habil(
        fecha=D(2026, 3, 5),
        jurisdiccion="AR",
        tipo="asueto",
        calendarios=["AR"],
        fuente="Decreto 999/2026",
        por=administrador,
    )
    plazo.refresh_from_db()
    assert plazo.vence == D(2026, 3, 17)
    actuacion = Actuacion.objects.get(reclamo=reclamo, codigo="plazo.recalculado")
    assert actuacion.datos["antes"] == "16/03/2026"
    assert actuacion.datos["despues"] == "17/03/2026"
    assert "Decreto 999/2026" in actuacion.datos["motivo"]
