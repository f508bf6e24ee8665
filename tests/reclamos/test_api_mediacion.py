"""API of the mediation procedure: the file, the thread, the proposals and the hearing are read
under the pages' access rule (the official sees every claim of the régimen, a provider only its
own once forwarded, a consumer only hers); messages, conformidad and rejection are POSTs calling
the same services."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar
from rest_framework.test import APIClient

from reclamos.estados import Estado
from reclamos.services import mediacion
from tests.conftest import CONTRASENA
from tests.reclamos.mediacion import (
    RUC_SUR,
    con_propuesta,
    consumidora_pe,
    en_mediacion,
    presentado,
    proveedor_pe,
)

pytestmark = pytest.mark.django_db
LIMA = ZoneInfo("America/Lima")


@pytest.fixture
def carmen(db):
    return consumidora_pe()


@pytest.fixture
def andina(db):
    return proveedor_pe()


def _api(usuario) -> APIClient:
    api = APIClient()
    api.force_authenticate(usuario)
    return api


def _rutas(reclamo) -> list[str]:
    base = f"/api/v1/reclamos/{reclamo.pk}/mediacion/"
    return [base, f"{base}mensajes/", f"{base}propuestas/", f"{base}audiencias/"]


def test_cada_uno_lee_lo_suyo(carmen, andina, funcionario, extrano, agente_admision):
    _sur, representante_sur = proveedor_pe(RUC_SUR, "Servicios del Sur S.A.")
    reclamo = en_mediacion(carmen, funcionario)
    mediacion.enviar_mensaje(reclamo, por=carmen, texto="¿Me pueden responder?")
    for quien in (carmen, andina[1], funcionario):
        for ruta in _rutas(reclamo):
            assert _api(quien).get(ruta).status_code == 200, (quien, ruta)
    for quien in (representante_sur, extrano, agente_admision):
        for ruta in _rutas(reclamo):
            respuesta = _api(quien).get(ruta)
            assert respuesta.status_code == 404, (quien, ruta)
            assert respuesta.json()["error"]["codigo"] == "not_found"
    ficha = _api(andina[1]).get(_rutas(reclamo)[0]).json()
    assert ficha["parte"] == "proveedor" and ficha["estado"] == Estado.EN_MEDIACION
    assert ficha["moneda"] == "PEN" and ficha["proveedores"][0]["tipo_identificador"] == "RUC"
    assert "consumidor_dni" not in ficha and "45678912" not in str(ficha)


def test_el_proveedor_no_lee_por_api_antes_del_traslado(carmen, andina, funcionario):
    reclamo = presentado(carmen)
    mediacion.registrar_reclamo(reclamo, por=funcionario)
    for ruta in _rutas(reclamo):
        assert _api(andina[1]).get(ruta).status_code == 404
        assert _api(funcionario).get(ruta).status_code == 200


def test_un_reclamo_coprec_no_tiene_mediacion(consumidora, proveedor_activo, administrador):
    from tests.reclamos.factories import reclamo_en

    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    for ruta in _rutas(reclamo):
        assert _api(administrador).get(ruta).status_code == 404


def test_el_hilo_con_lecturas_y_un_mensaje_por_api(carmen, andina, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    ruta = f"/api/v1/reclamos/{reclamo.pk}/mediacion/mensajes/"
    creado = _api(carmen).post(ruta, {"texto": "La refrigeradora no enfría."}, format="json")
    assert creado.status_code == 201
    assert creado.json()["rol"] == "consumidor" and creado.json()["lecturas"] == []
    assert reclamo.actuaciones.filter(codigo="mediacion.mensaje").count() == 1
    # Reading the thread is seeing it, as on the page: the provider's read is recorded.
    hilo = _api(andina[1]).get(ruta).json()["results"]
    assert [m["texto"] for m in hilo] == ["La refrigeradora no enfría."]
    hilo = _api(carmen).get(ruta).json()["results"]
    assert hilo[0]["lecturas"][0]["nombre"] == "Jorge Salazar"
    vacio = _api(andina[1]).post(ruta, {"texto": ""}, format="json")
    assert vacio.status_code == 400 and "texto" in vacio.json()["error"]["campos"]


def test_fuera_de_la_mediacion_no_hay_mensajes_por_api(carmen, andina, funcionario):
    reclamo = presentado(carmen)
    respuesta = _api(carmen).post(
        f"/api/v1/reclamos/{reclamo.pk}/mediacion/mensajes/", {"texto": "Hola"}, format="json"
    )
    assert respuesta.status_code == 409


def test_conformidad_por_api_pide_contrasena_y_huella(carmen, andina, funcionario):
    propuesta = con_propuesta(carmen, funcionario, andina[1])
    base = f"/api/v1/reclamos/{propuesta.reclamo_id}/mediacion/propuestas/"
    listado = _api(carmen).get(base).json()["results"]
    huella = listado[0]["documento"]["sha256"]
    assert len(huella) == 64 and listado[0]["estado"] == "pendiente"
    ruta = f"{base}{propuesta.pk}/conformidad/"
    mala = _api(carmen).post(ruta, {"sha256": huella, "contrasena": "otra"}, format="json")
    assert mala.status_code == 400 and "contrasena" in mala.json()["error"]["campos"]
    otra_huella = _api(carmen).post(
        ruta, {"sha256": "0" * 64, "contrasena": CONTRASENA}, format="json"
    )
    assert otra_huella.status_code == 409
    ajena = _api(andina[1]).post(ruta, {"sha256": huella, "contrasena": CONTRASENA}, format="json")
    assert ajena.status_code == 403
    buena = _api(carmen).post(ruta, {"sha256": huella, "contrasena": CONTRASENA}, format="json")
    assert buena.status_code == 200 and buena.json()["sha256_conformidad"] == huella
    propuesta.reclamo.refresh_from_db()
    assert propuesta.reclamo.estado == Estado.CONCLUIDO_CON_ACUERDO


def test_rechazo_por_api(carmen, andina, funcionario):
    propuesta = con_propuesta(carmen, funcionario, andina[1], renderizar=False)
    ruta = f"/api/v1/reclamos/{propuesta.reclamo_id}/mediacion/propuestas/{propuesta.pk}/rechazo/"
    respuesta = _api(carmen).post(ruta, {"motivo": "Prefiero la devolución."}, format="json")
    assert respuesta.status_code == 200 and respuesta.json()["estado"] == "rechazada"
    otra_vez = _api(carmen).post(ruta, {"motivo": "otra vez"}, format="json")
    assert otra_vez.status_code == 409


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False)
def test_la_audiencia_por_api(carmen, andina, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    mediacion.convocar_audiencia(
        reclamo, por=funcionario, inicio=dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)
    )
    audiencias = _api(andina[1]).get(f"/api/v1/reclamos/{reclamo.pk}/mediacion/audiencias/")
    fila = audiencias.json()["results"][0]
    assert fila["estado"] == "fijada" and fila["modalidad"] == "video"
    assert fila["conduce"] == funcionario.email and fila["acta"] is None
    inicio = dt.datetime.fromisoformat(fila["inicio"])
    assert inicio == dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)  # an instant with its offset
    assert fila["enlace_video"].startswith("https://")


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False)
def test_las_horas_de_un_reclamo_peruano_van_con_el_desfase_de_lima(carmen, andina, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    mediacion.enviar_mensaje(reclamo, por=carmen, texto="¿Me pueden responder?")
    mediacion.convocar_audiencia(
        reclamo, por=funcionario, inicio=dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)
    )
    api = _api(funcionario)
    base = f"/api/v1/reclamos/{reclamo.pk}/mediacion/"
    ficha = api.get(base).json()
    assert ficha["presentado_en"].endswith("-05:00") and ficha["trasladado_en"].endswith("-05:00")
    mensaje = api.get(f"{base}mensajes/").json()["results"][0]
    assert mensaje["creado_en"].endswith("-05:00")
    assert mensaje["lecturas"][0]["leido_en"].endswith("-05:00")
    assert (
        api.get(f"{base}audiencias/").json()["results"][0]["inicio"] == "2026-03-10T10:00:00-05:00"
    )
    # The older claim API too, and it names the RUC as such (keeping "cuit" for old clients).
    viejo = api.get(f"/api/v1/reclamos/{reclamo.pk}/").json()
    assert viejo["presentado_en"].endswith("-05:00")
    proveedor = viejo["proveedores"][0]
    assert (proveedor["tipo_identificador"], proveedor["identificador"]) == ("RUC", "20100000009")
    assert proveedor["cuit"] == "20100000009"
    linea = api.get(f"/api/v1/reclamos/{reclamo.pk}/linea-de-tiempo/").json()["results"]
    assert linea
    assert all(fila["en"].endswith("-05:00") for fila in linea)


def test_las_propuestas_van_con_el_desfase_de_lima(carmen, andina, funcionario):
    propuesta = con_propuesta(carmen, funcionario, andina[1], renderizar=False)
    base = f"/api/v1/reclamos/{propuesta.reclamo_id}/mediacion/propuestas/"
    assert _api(carmen).get(base).json()["results"][0]["creada_en"].endswith("-05:00")


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False)
def test_reprogramar_y_cancelar_la_audiencia_por_api(carmen, andina, funcionario, mailoutbox):
    reclamo = en_mediacion(carmen, funcionario)
    mediacion.convocar_audiencia(
        reclamo, por=funcionario, inicio=dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)
    )
    audiencia = reclamo.audiencias.get()
    base = f"/api/v1/reclamos/{reclamo.pk}/mediacion/audiencias/{audiencia.pk}/"
    api = _api(funcionario)
    sin_motivo = api.post(f"{base}reprogramar/", {"inicio": "2026-03-12T15:00"}, format="json")
    assert sin_motivo.status_code == 400
    assert sin_motivo.json()["error"]["codigo"] == "invalid"
    assert "motivo" in sin_motivo.json()["error"]["campos"]
    mala_fecha = api.post(f"{base}reprogramar/", {"inicio": "mañana", "motivo": "x"}, format="json")
    assert mala_fecha.status_code == 400 and "inicio" in mala_fecha.json()["error"]["campos"]
    sabado = api.post(
        f"{base}reprogramar/", {"inicio": "2026-03-14T10:00", "motivo": "x"}, format="json"
    )
    assert sabado.status_code == 400 and "inicio" in sabado.json()["error"]["campos"]
    for quien in (carmen, andina[1]):
        ajena = _api(quien).post(
            f"{base}reprogramar/", {"inicio": "2026-03-12T15:00", "motivo": "x"}, format="json"
        )
        assert ajena.status_code == 403 and ajena.json()["error"]["codigo"] == "forbidden"
        assert (
            _api(quien).post(f"{base}cancelar/", {"motivo": "x"}, format="json").status_code == 403
        )
    for cambio, campo in (
        ({"enlace_video": "http://video.example/sala"}, "enlace_video"),
        ({"duracion_minutos": 300}, "duracion_minutos"),
        ({"duracion_minutos": "mucho"}, "duracion_minutos"),
    ):
        malo = api.post(
            f"{base}reprogramar/",
            {"inicio": "2026-03-12T15:00", "motivo": "x", **cambio},
            format="json",
        )
        assert malo.status_code == 400 and campo in malo.json()["error"]["campos"], cambio
    # Without an offset the time is Lima's, and it comes back with Lima's offset.
    movida = api.post(
        f"{base}reprogramar/",
        {"inicio": "2026-03-12T15:00", "motivo": "Capacitación"},
        format="json",
    )
    assert movida.status_code == 200
    nueva = movida.json()
    assert nueva["inicio"] == "2026-03-12T15:00:00-05:00" and nueva["estado"] == "fijada"
    # Link and length are kept when not sent.
    assert (nueva["enlace_video"], nueva["duracion_minutos"]) == (audiencia.enlace_video, 60)
    assert api.post(f"{base}cancelar/", {"motivo": "x"}, format="json").status_code == 409
    otra = f"/api/v1/reclamos/{reclamo.pk}/mediacion/audiencias/{nueva['id']}/"
    assert api.post(f"{otra}cancelar/", {}, format="json").status_code == 400
    cancelada = api.post(f"{otra}cancelar/", {"motivo": "La consumidora viaja."}, format="json")
    assert cancelada.status_code == 200 and cancelada.json()["estado"] == "cancelada"
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_MEDIACION
    assert (
        _api(funcionario)
        .post(
            f"/api/v1/reclamos/{reclamo.pk}/mediacion/audiencias/999999/cancelar/",
            {"motivo": "x"},
            format="json",
        )
        .status_code
        == 404
    )


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False)
def test_reprogramar_por_api_con_otro_enlace_y_duracion(
    carmen, andina, funcionario, mailoutbox, django_capture_on_commit_callbacks
):
    reclamo = en_mediacion(carmen, funcionario)
    mediacion.convocar_audiencia(
        reclamo, por=funcionario, inicio=dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)
    )
    audiencia = reclamo.audiencias.get()
    mailoutbox.clear()
    sala = "https://video.indecopi.example/sala/api"
    with django_capture_on_commit_callbacks(execute=True):
        movida = _api(funcionario).post(
            f"/api/v1/reclamos/{reclamo.pk}/mediacion/audiencias/{audiencia.pk}/reprogramar/",
            {
                "inicio": "2026-03-12T15:00",
                "motivo": "Cambio de sala",
                "enlace_video": sala,
                "duracion_minutos": 45,
            },
            format="json",
            headers={"Idempotency-Key": "reprogramar-sala"},
        )
    assert movida.status_code == 200, movida.json()
    assert (movida.json()["enlace_video"], movida.json()["duracion_minutos"]) == (sala, 45)
    evento = Calendar.from_ical(mailoutbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert str(evento["location"]) == sala
    assert evento.decoded("dtend") - evento.decoded("dtstart") == dt.timedelta(minutes=45)
