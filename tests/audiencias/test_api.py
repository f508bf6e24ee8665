"""API: free slots and booking (409 when the slot was taken), a claim's hearings."""

import pytest
from rest_framework.test import APIClient

from tests.audiencias.conftest import publicar_horario
from tests.conciliadores.conftest import admitido, crear_conciliador

pytestmark = pytest.mark.django_db


def test_turnos_y_reserva_por_api(
    ahora, consumidora, otra_consumidora, proveedor_activo, agente_admision
):
    publicar_horario(crear_conciliador("API-0001"))
    mio = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    otro = admitido(otra_consumidora, proveedor_activo, agente_admision, metodo="a")
    api = APIClient()
    api.force_authenticate(consumidora)
    turnos = api.get(f"/api/v1/reclamos/{mio.pk}/turnos/").json()["results"]
    assert turnos[0]["inicio"].startswith("2026-03-10T09:00:00")
    assert "conciliador" not in turnos[0]
    otra = APIClient()
    otra.force_authenticate(otra_consumidora)
    reserva = otra.post(
        f"/api/v1/reclamos/{otro.pk}/turnos/", {"inicio": turnos[0]["inicio"]}, format="json"
    )
    assert reserva.status_code == 201 and reserva.json()["orden"] == 1
    conflicto = api.post(
        f"/api/v1/reclamos/{mio.pk}/turnos/", {"inicio": turnos[0]["inicio"]}, format="json"
    )
    assert conflicto.status_code == 409
    assert conflicto.json()["error"]["codigo"] == "slot_taken"
    assert "Ese turno acaba de ser tomado" in conflicto.json()["error"]["mensaje"]
    assert api.get(f"/api/v1/reclamos/{otro.pk}/turnos/").status_code == 404
    assert len(otra.get(f"/api/v1/reclamos/{otro.pk}/audiencias/").json()["results"]) == 1


def test_datos_invalidos_dan_400(espera_turno, consumidora):
    api = APIClient()
    api.force_authenticate(consumidora)
    respuesta = api.post(
        f"/api/v1/reclamos/{espera_turno.pk}/turnos/", {"inicio": "mañana"}, format="json"
    )
    assert respuesta.status_code == 400
