"""No double booking under a real race: 50 consumers on PostgreSQL racing for 5 slots."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from rest_framework.test import APIClient

from audiencias.models import Audiencia, TurnoPuntual
from cuentas.roles import Rol
from reclamos.estados import Estado
from tests.conciliadores.conftest import admitido, crear_conciliador
from tests.conftest import crear_usuario

BA = ZoneInfo("America/Argentina/Buenos_Aires")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_50_clientes_por_5_turnos(ahora, proveedor_activo, agente_admision, textos_art_10):
    conciliador = crear_conciliador("CC-0001")
    inicios = [dt.datetime(2026, 3, 11, 9 + i, tzinfo=BA) for i in range(5)]
    for inicio in inicios:
        TurnoPuntual.objects.create(
            conciliador=conciliador,
            inicio=inicio,
            modalidad="presencial",
            lugar="Av. Julio A. Roca 651",
            publicado_por=conciliador.usuario,
        )
    clientes = []
    for i in range(50):
        consumidora = crear_usuario(
            f"carrera{i}@example.com", Rol.CONSUMIDOR, nombre="C", apellido=str(i)
        )
        reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
        api = APIClient()
        api.force_authenticate(consumidora)
        clientes.append((api, reclamo, inicios[i % 5]))
    largada = threading.Barrier(len(clientes))
    respuestas, errores = [], []

    def reservar(api, reclamo, inicio):
        try:
            largada.wait()
            respuestas.append(
                api.post(
                    f"/api/v1/reclamos/{reclamo.pk}/turnos/",
                    {"inicio": inicio.isoformat()},
                    format="json",
                ).status_code
            )
        except Exception as error:  # pragma: no cover - reported below
            errores.append(error)
        finally:
            connection.close()

    hilos = [threading.Thread(target=reservar, args=c) for c in clientes]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert errores == []
    assert sorted(respuestas).count(201) == 5
    assert sorted(respuestas).count(409) == 45
    assert len(respuestas) == 50
    fijadas = Audiencia.objects.filter(estado=Audiencia.Estado.FIJADA)
    assert sorted(fijadas.values_list("inicio", flat=True)) == inicios
    # The losers kept nothing: no designation, still waiting for a slot.
    from reclamos.models import Reclamo

    assert Reclamo.objects.filter(estado=Estado.ESPERA_TURNO).count() == 45
    assert Reclamo.objects.filter(estado=Estado.AUDIENCIA_FIJADA).count() == 5
