"""A recusación suspends the procedure (D202-I.7, T19): while its pause is open no hearing is
fixed, rescheduled, held or has its outcome recorded — in the services, the pages and the API."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from audiencias.models import Audiencia
from audiencias.services import audiencia as servicio
from audiencias.services import turnos
from audiencias.services.suspensiones import RecusacionEnTramite
from conciliadores.services import apartamiento
from reclamos.estados import Estado
from tests.audiencias.test_audiencia import _asistencia, _quien
from tests.conciliadores.conftest import admitido, crear_conciliador

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = pytest.mark.django_db
SUSPENDIDO = "Hay una recusación en trámite"


def _recusar(reclamo, por):
    return apartamiento.recusar(
        reclamo, por=por, causal="17.9", fundamento="Amistad con el gerente del proveedor."
    )


@pytest.fixture
def recusada(fijada, consumidora, time_machine):
    """The hearing of 10/3 fixed, recused by the consumer on 2/3; then the hearing's day."""
    recusacion = _recusar(fijada.reclamo, consumidora)
    time_machine.move_to(dt.datetime(2026, 3, 10, 12, 30, tzinfo=dt.UTC), tick=False)
    return recusacion


@pytest.fixture
def recusada_en_la_audiencia(fijada, consumidora, time_machine):
    """The hearing's day: the conciliator records attendance, then the consumer recuses."""

    def recusar(**asistencia):
        time_machine.move_to(dt.datetime(2026, 3, 10, 12, 30, tzinfo=dt.UTC), tick=False)
        _asistencia(fijada, **asistencia)
        return _recusar(fijada.reclamo, consumidora)

    return recusar


@pytest.mark.parametrize("resultado", ["sin_acuerdo", "nueva_audiencia"])
def test_no_se_celebra_ni_se_registra_el_resultado(recusada_en_la_audiencia, fijada, resultado):
    recusada_en_la_audiencia()
    with pytest.raises(RecusacionEnTramite) as error:
        servicio.registrar_resultado(fijada, por=_quien(fijada), resultado=resultado)
    assert SUSPENDIDO in error.value.mensaje and error.value.status == 409
    fijada.refresh_from_db()
    fijada.reclamo.refresh_from_db()
    assert fijada.estado == Audiencia.Estado.FIJADA and fijada.resultado == ""
    assert fijada.reclamo.estado == Estado.AUDIENCIA_FIJADA


def test_no_se_registra_la_asistencia(recusada, fijada):
    with pytest.raises(RecusacionEnTramite):
        servicio.registrar_asistencia(
            fijada, por=_quien(fijada), parte="consumidor", comparecio=True, nombre="Lucía"
        )
    assert not fijada.asistencias.exists()


@pytest.mark.parametrize("ausente", ["consumidor", "proveedor"])
def test_tampoco_se_registra_una_incomparecencia(recusada_en_la_audiencia, fijada, ausente):
    recusada_en_la_audiencia(consumidor=ausente != "consumidor", proveedor=ausente != "proveedor")
    with pytest.raises(RecusacionEnTramite):
        servicio.registrar_resultado(
            fijada, por=_quien(fijada), resultado=f"incomparecencia_{ausente}"
        )
    fijada.reclamo.refresh_from_db()
    assert fijada.reclamo.estado == Estado.AUDIENCIA_FIJADA


def test_rechazada_la_recusacion_la_audiencia_se_celebra(recusada, fijada, agente_admision):
    apartamiento.decidir_recusacion(
        recusada, por=agente_admision, admitida=False, fundamentos="No se acreditó la amistad."
    )
    _asistencia(fijada)
    servicio.registrar_resultado(fijada, por=_quien(fijada), resultado="nueva_audiencia")
    fijada.reclamo.refresh_from_db()
    assert fijada.reclamo.estado == Estado.EN_CONCILIACION


def test_no_se_reprograma(fijada, consumidora):
    _recusar(fijada.reclamo, consumidora)
    with pytest.raises(RecusacionEnTramite):
        turnos.reprogramar_audiencia(
            fijada,
            inicio=dt.datetime(2026, 3, 12, 10, tzinfo=BA),
            por=_quien(fijada),
            motivo="Superposición",
        )
    assert Audiencia.objects.filter(reclamo=fijada.reclamo).count() == 1


def test_la_pagina_del_reclamo_lo_dice_y_no_ofrece_la_audiencia(client, recusada, fijada):
    client.force_login(_quien(fijada))
    html = client.get(reverse("reclamos:detalle", args=[fijada.reclamo_id])).content.decode()
    assert SUSPENDIDO in html
    assert reverse("audiencias:reprogramar", args=[fijada.pk]) not in html
    assert f'href="{reverse("audiencias:audiencia", args=[fijada.pk])}"' not in html


@pytest.fixture
def designada_c(ahora, consumidora, proveedor_activo, agente_admision, conciliador):
    """Method c: Ana designated, no hearing yet, and the consumer recuses her."""
    from conciliadores.services.designacion import designar

    ana = crear_conciliador("R-0001", usuario=conciliador)
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    designar(reclamo, conciliador=ana, por=conciliador, notificacion_ficta=False)
    reclamo.refresh_from_db()
    _recusar(reclamo, consumidora)
    return reclamo


def test_no_se_fija_la_audiencia(designada_c, conciliador):
    with pytest.raises(RecusacionEnTramite):
        turnos.fijar_audiencia(
            designada_c,
            inicio=dt.datetime(2026, 3, 10, 10, tzinfo=BA),
            modalidad="video",
            por=conciliador,
        )
    assert not Audiencia.objects.filter(reclamo=designada_c).exists()


def test_la_pagina_de_fijar_explica_y_conserva_lo_cargado(client, designada_c, conciliador):
    client.force_login(conciliador)
    respuesta = client.post(
        reverse("audiencias:fijar", args=[designada_c.pk]),
        {
            "fecha": "2026-03-10",
            "hora": "10:00",
            "modalidad": "presencial",
            "lugar": "Lavalle 1000",
            "duracion_minutos": "60",
        },
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert SUSPENDIDO in html and 'value="Lavalle 1000"' in html
    detalle = client.get(reverse("reclamos:detalle", args=[designada_c.pk])).content.decode()
    assert reverse("audiencias:fijar", args=[designada_c.pk]) not in detalle


def test_la_api_responde_409_estructurado(designada_c, conciliador, consumidora):
    api = APIClient()
    api.force_authenticate(conciliador)
    url = f"/api/v1/reclamos/{designada_c.pk}/audiencias/"
    respuesta = api.post(
        url, {"inicio": "2026-03-10T10:00:00-03:00", "modalidad": "video"}, format="json"
    )
    assert respuesta.status_code == 409
    error = respuesta.json()["error"]
    assert error["codigo"] == "recusal_pending" and SUSPENDIDO in error["mensaje"]
    assert api.post(url, {"inicio": "mañana"}, format="json").status_code == 400
    otra = APIClient()
    otra.force_authenticate(consumidora)
    fijar = {"inicio": "2026-03-10T10:00:00-03:00", "modalidad": "video"}
    assert otra.post(url, fijar, format="json").status_code == 403
