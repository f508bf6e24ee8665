"""API of fees and fines: scoped lists, one action per act, structured 4xx."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from honorarios.models import Honorario
from tests.honorarios.conftest import quien

pytestmark = pytest.mark.django_db


def _api(usuario):
    api = APIClient()
    api.force_authenticate(usuario)
    return api


def test_honorarios_propios_y_obligaciones_del_fondo(
    cerrar, arancel, agente_admision, django_assert_max_num_queries
):
    mio = cerrar("a", "cerrar_sin_acuerdo").honorario
    cerrar("c", "homologar")
    conciliador = _api(mio.conciliador.usuario)
    filas = conciliador.get("/api/v1/honorarios/").json()["results"]
    assert [f["id"] for f in filas] == [mio.pk]
    assert (filas[0]["a_cargo"], filas[0]["monto"]) == ("fondo", "60000.00")
    respuesta = conciliador.get("/api/v1/honorarios/fondo/")
    assert respuesta.status_code == 403 and respuesta.json()["error"]["codigo"] == "forbidden"

    personal = _api(agente_admision)
    with CaptureQueriesContext(connection) as pocos:
        personal.get("/api/v1/honorarios/fondo/")
    for _ in range(5):
        cerrar("a", "cerrar_sin_acuerdo")
    with django_assert_max_num_queries(len(pocos)):
        fondo = personal.get("/api/v1/honorarios/fondo/").json()["results"]
    assert len(fondo) == 6 and {f["a_cargo"] for f in fondo} == {"fondo"}
    assert len(personal.get("/api/v1/honorarios/?a_cargo=proveedor").json()["results"]) == 1


def test_actos_del_honorario_por_api(cerrar, arancel, agente_admision):
    honorario = cerrar("a", "cerrar_sin_acuerdo").honorario
    conciliador = _api(honorario.conciliador.usuario)
    personal = _api(agente_admision)
    url = f"/api/v1/honorarios/{honorario.pk}"
    respuesta = conciliador.post(f"{url}/constancia/")
    assert respuesta.status_code == 403
    respuesta = conciliador.post(f"{url}/presentacion/", {"fecha": "2026-03-20"}, format="json")
    assert respuesta.status_code == 409  # the constancia comes first
    assert respuesta.json()["error"]["codigo"] == "conflict"
    assert personal.post(f"{url}/constancia/").json()["estado"] == "constancia_emitida"
    respuesta = conciliador.post(f"{url}/presentacion/", {"fecha": "no"}, format="json")
    assert respuesta.status_code == 400 and "fecha" in respuesta.json()["error"]["campos"]
    respuesta = conciliador.post(f"{url}/presentacion/", {"fecha": "2026-03-20"}, format="json")
    assert respuesta.status_code == 200
    assert (respuesta.json()["estado"], respuesta.json()["vence_fondo"]) == (
        "presentado_fondo",
        "2026-04-16",
    )
    respuesta = personal.post(f"{url}/pago/", {"fecha": "2026-03-20"}, format="json")
    assert respuesta.json()["estado"] == "pagado"
    otro = _api(cerrar("c", "cerrar_sin_acuerdo").honorario.conciliador.usuario)
    assert otro.get(f"{url}/").status_code == 404


def test_multa_por_api_del_conciliador_al_personal(
    cerrado_por_incomparecencia,
    en_la_audiencia,
    valores_de_multa,
    agente_admision,
    consumidora,
    proveedor,
):
    reclamo = cerrado_por_incomparecencia
    respuesta = _api(consumidora).post("/api/v1/multas/", {"reclamo": reclamo.pk}, format="json")
    assert respuesta.status_code == 403
    conciliador = _api(quien(en_la_audiencia))
    respuesta = conciliador.post("/api/v1/multas/", {"reclamo": reclamo.pk}, format="json")
    assert respuesta.status_code == 201
    [multa] = respuesta.json()
    assert (multa["estado"], multa["proveedor_cuit"]) == ("certificada", "30712345671")
    respuesta = conciliador.post("/api/v1/multas/", {"reclamo": reclamo.pk}, format="json")
    assert respuesta.status_code == 409

    personal = _api(agente_admision)
    url = f"/api/v1/multas/{multa['id']}"
    respuesta = personal.post(
        f"{url}/certificado/",
        {"dictamen": "Procede.", "verificaciones": {"papeles": True}},
        format="json",
    )
    assert respuesta.status_code == 400
    assert "notificacion_fehaciente" in respuesta.json()["error"]["campos"]
    todo = {"papeles": True, "notificacion_fehaciente": True, "sin_justificacion": True}
    respuesta = personal.post(
        f"{url}/certificado/", {"dictamen": "Procede.", "verificaciones": todo}, format="json"
    )
    assert respuesta.status_code == 200
    assert (respuesta.json()["estado"], respuesta.json()["monto"]) == ("definitiva", "330000.00")
    # The fined provider sees its fine; it cannot annul it.
    representante = _api(proveedor)
    assert [m["id"] for m in representante.get("/api/v1/multas/").json()["results"]] == [
        multa["id"]
    ]
    respuesta = representante.post(f"{url}/anular/", {"motivo": "No."}, format="json")
    assert respuesta.status_code == 403
    respuesta = personal.post(f"{url}/anular/", {"motivo": "Error en el domicilio."}, format="json")
    assert respuesta.json()["estado"] == "anulada"
    assert Honorario.objects.filter(reclamo=reclamo).exists()  # the fee is independent
