"""Two staff members deciding the same over-cap review at once: one decision, one refusal."""

import threading

import pytest
from django.db import connection

from conciliacion.errores import ConflictoDeEstado
from reclamos.estados import Estado
from reclamos.models import Actuacion
from reclamos.services import admision
from tests.reclamos.factories import reclamo_en


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dos_decisiones_simultaneas_sobre_el_tope(consumidora, agente_admision):
    reclamo = reclamo_en(Estado.ESPERA_TURNO, consumidor=consumidora)
    admision.suspender_por_tope(reclamo, por=agente_admision, motivo="El monto real es mayor")
    largada = threading.Barrier(2)
    resultados = []

    def decidir(fundamentos):
        try:
            largada.wait()
            admision.resolver_tope(
                reclamo, por=agente_admision, continuar=True, fundamentos=fundamentos
            )
            resultados.append("ok")
        except ConflictoDeEstado:
            resultados.append("rechazada")
        finally:
            connection.close()

    hilos = [threading.Thread(target=decidir, args=(f"Decisión {i}",)) for i in range(2)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert sorted(resultados) == ["ok", "rechazada"]
    assert reclamo.pausas.filter(hasta__isnull=False).count() == 1
    assert Actuacion.objects.filter(reclamo=reclamo, codigo="pausa.cerrada").count() == 1
