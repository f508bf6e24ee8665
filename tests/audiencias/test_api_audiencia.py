"""API of the hearing itself: reading it with its attendance, outcome and actas; the conciliator
records attendance (art. 11 powers) and the outcome through the same services as the page. Who
does not see the hearing gets 404, who sees it but is not its conciliator 403; bad input 400
with the field; the wrong state (or a pending recusación) 409; a retry with the same
Idempotency-Key replays the first answer."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from audiencias.models import Acuerdo, Asistencia, Audiencia
from audiencias.services import ampliacion
from conciliadores.services import apartamiento
from cuentas import services as cuentas
from cuentas.models import Membresia
from cuentas.roles import Rol
from documentos.models import Documento
from reclamos.estados import Estado
from tests.audiencias.test_audiencia import _asistencia, _quien
from tests.conftest import crear_usuario
from tests.documentos.muestras import pdf_en_blanco, subido

pytestmark = pytest.mark.django_db


def _api(usuario):
    api = APIClient()
    api.force_authenticate(usuario)
    return api


def _con_clave(organizacion, por):
    _, texto = cuentas.crear_clave_api(organizacion, por=por, nombre="CRM")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Clave {texto}")
    return api


def _error(respuesta, status):
    assert respuesta.status_code == status, respuesta.content
    return respuesta.json()["error"]


def _url(audiencia, acto=""):
    return f"/api/v1/audiencias/{audiencia.pk}/" + (f"{acto}/" if acto else "")


def _presente(parte="consumidor", **extra):
    return {"parte": parte, "comparecio": True, "nombre": "Lucía Fernández", **extra}


ACUERDO = {
    "resultado": "acuerdo",
    "terminos": "El proveedor cambia el equipo y reintegra el cargo.",
    "monto_total": "90000",
    "obligaciones": [
        {"descripcion": "Cambio del equipo", "fecha_cumplimiento": "2026-03-20"},
        {"descripcion": "Reintegro", "monto": "90000", "fecha_cumplimiento": "2026-03-31"},
    ],
}


# --- attendance ------------------------------------------------------------------------------


def test_el_conciliador_registra_la_asistencia_con_el_poder_del_apoderado(en_la_audiencia):
    api = _api(_quien(en_la_audiencia))
    proveedor = en_la_audiencia.reclamo.proveedores.get()
    consumidor = api.post(
        _url(en_la_audiencia, "asistencia"),
        _presente(caracter="personal", modo="presencial", documento_identidad="30111222"),
        format="json",
    )
    assert consumidor.status_code == 200, consumidor.content
    filas = consumidor.json()["asistencias"]
    assert [(f["parte"], f["registrada"]) for f in filas] == [
        ("consumidor", True),
        ("proveedor", False),
    ]
    assert filas[0]["comparecio"] is True and filas[0]["documento_identidad"] == "30111222"

    # A representative by power goes through multipart with the signed copy (art. 11).
    pdf = subido("poder.pdf", pdf_en_blanco(), "application/pdf")
    apoderado = api.post(
        _url(en_la_audiencia, "asistencia"),
        {
            "parte": "proveedor",
            "proveedor": proveedor.pk,
            "comparecio": "true",
            "nombre": "Martín Gómez",
            "caracter": "apoderado",
            "modo": "presencial",
            "legitimacion": "true",
            "domicilio_mandante": "true",
            "facultad_transigir": "true",
            "poder_copia": pdf,
        },
        format="multipart",
    )
    assert apoderado.status_code == 200, apoderado.content
    fila = apoderado.json()["asistencias"][1]
    assert fila["proveedor"] == proveedor.pk and fila["caracter"] == "apoderado"
    assert fila["poder"]["facultad_transigir"] is True
    assert fila["poder"]["copia"].startswith("/archivos/")
    registrada = Asistencia.objects.get(audiencia=en_la_audiencia, parte="proveedor")
    assert registrada.poder_copia_id is not None


def test_la_asistencia_mal_cargada_es_400_con_el_campo(en_la_audiencia):
    api = _api(_quien(en_la_audiencia))
    url = _url(en_la_audiencia, "asistencia")
    assert "parte" in _error(api.post(url, {"comparecio": True}, format="json"), 400)["campos"]
    sin_nombre = _error(api.post(url, _presente(nombre=""), format="json"), 400)
    assert "nombre" in sin_nombre["campos"]
    sin_proveedor = _error(api.post(url, _presente("proveedor"), format="json"), 400)
    assert "proveedor" in sin_proveedor["campos"]
    # The page's rule: no gestor de negocios — a representative shows the power and its copy.
    sin_poder = _error(
        api.post(url, _presente(caracter="apoderado", legitimacion=True), format="json"), 400
    )
    assert "poder_copia" in sin_poder["campos"]
    assert "gestión de negocios" in sin_poder["mensaje"]
    modo = _error(api.post(url, _presente(modo="telepatia"), format="json"), 400)
    assert "modo" in modo["campos"]
    assert not Asistencia.objects.filter(audiencia=en_la_audiencia).exists()


def test_no_se_registra_la_asistencia_de_un_proveedor_no_citado(en_la_audiencia):
    # Art. 11: the provider the claim is extended to at this hearing was not summoned to it.
    _asistencia(en_la_audiencia)
    nuevo = ampliacion.ampliar_a_proveedor(
        en_la_audiencia,
        por=_quien(en_la_audiencia),
        cuit="30-70000001-6",
        razon_social="Electro Otro S.R.L.",
        domicilio_legal="Florida 100, CABA",
    )
    api = _api(_quien(en_la_audiencia))
    respuesta = api.post(
        _url(en_la_audiencia, "asistencia"),
        _presente("proveedor", proveedor=nuevo.pk),
        format="json",
    )
    assert _error(respuesta, 400)["campos"] == {"proveedor": ["No citado."]}
    assert not Asistencia.objects.filter(proveedor=nuevo).exists()
    leida = api.get(_url(en_la_audiencia)).json()
    assert nuevo.pk not in [f["proveedor"] for f in leida["asistencias"]]


# --- outcomes --------------------------------------------------------------------------------


def test_acuerdo_por_api_emite_el_acta_de_acuerdo_y_se_lee_en_la_audiencia(
    en_la_audiencia, consumidora
):
    _asistencia(en_la_audiencia)
    respuesta = _api(_quien(en_la_audiencia)).post(
        _url(en_la_audiencia, "resultado"), ACUERDO, format="json"
    )
    assert respuesta.status_code == 201, respuesta.content
    cuerpo = respuesta.json()
    assert cuerpo["estado"] == "celebrada" and cuerpo["resultado"] == "acuerdo"
    assert cuerpo["acuerdo"]["terminos"] == ACUERDO["terminos"]
    assert [o["fecha_cumplimiento"] for o in cuerpo["acuerdo"]["obligaciones"]] == [
        "2026-03-20",
        "2026-03-31",
    ]
    assert {a["tipo"] for a in cuerpo["actas"]} == {"acta_audiencia", "acta_acuerdo"}
    acuerdo = Acuerdo.objects.get(audiencia=en_la_audiencia)
    acta = next(a for a in cuerpo["actas"] if a["tipo"] == "acta_acuerdo")
    assert acta["id"] == acuerdo.documento_id
    assert acta["url"] == f"/documentos/{acuerdo.documento_id}/descargar/"
    en_la_audiencia.reclamo.refresh_from_db()
    assert en_la_audiencia.reclamo.estado == Estado.EN_CONCILIACION

    # The consumer sees the hearing with its actas, but not the identity documents.
    leida = _api(consumidora).get(_url(en_la_audiencia))
    assert leida.status_code == 200, leida.content
    assert leida.json()["actas"] == cuerpo["actas"]
    assert {f["documento_identidad"] for f in leida.json()["asistencias"]} == {None}


def test_sin_acuerdo_por_api_cierra_con_el_acta_de_cierre(en_la_audiencia):
    _asistencia(en_la_audiencia)
    respuesta = _api(_quien(en_la_audiencia)).post(
        _url(en_la_audiencia, "resultado"),
        {"resultado": "sin_acuerdo", "observaciones": "Sin propuesta."},
        format="json",
    )
    assert respuesta.status_code == 201, respuesta.content
    cuerpo = respuesta.json()
    assert cuerpo["resultado"] == "sin_acuerdo" and cuerpo["acuerdo"] is None
    assert cuerpo["observaciones"] == "Sin propuesta."
    assert {a["tipo"] for a in cuerpo["actas"]} == {"acta_audiencia", "acta_cierre"}
    en_la_audiencia.reclamo.refresh_from_db()
    assert en_la_audiencia.reclamo.estado == Estado.CERRADO_SIN_ACUERDO


def test_el_resultado_mal_cargado_es_400_con_el_campo_y_nada_queda(en_la_audiencia):
    api = _api(_quien(en_la_audiencia))
    url = _url(en_la_audiencia, "resultado")
    sin_asistencia = _error(api.post(url, {"resultado": "sin_acuerdo"}, format="json"), 400)
    assert "resultado" in sin_asistencia["campos"]
    _asistencia(en_la_audiencia)
    assert "resultado" in _error(api.post(url, {"resultado": "x"}, format="json"), 400)["campos"]
    sin_terminos = _error(api.post(url, {**ACUERDO, "terminos": ""}, format="json"), 400)
    assert "terminos" in sin_terminos["campos"]
    sin_fecha = {**ACUERDO, "obligaciones": [{"descripcion": "Cambio"}]}
    assert "obligaciones" in _error(api.post(url, sin_fecha, format="json"), 400)["campos"]
    sin_obligaciones = {**ACUERDO, "obligaciones": []}
    assert "obligaciones" in _error(api.post(url, sin_obligaciones, format="json"), 400)["campos"]
    en_la_audiencia.refresh_from_db()
    assert en_la_audiencia.estado == Audiencia.Estado.FIJADA
    assert (
        not Documento.objects.filter(sujeto_id=en_la_audiencia.reclamo_id)
        .exclude(tipo="cedula")
        .exists()
    )


# --- who may -----------------------------------------------------------------------------------


def test_solo_el_conciliador_de_la_audiencia_registra(
    en_la_audiencia, consumidora, conciliador, proveedor, proveedor_activo, otro_proveedor
):
    _asistencia(en_la_audiencia)
    asistencia = _url(en_la_audiencia, "asistencia")
    resultado = _url(en_la_audiencia, "resultado")
    datos = {"resultado": "sin_acuerdo"}
    # The consumer and the provider's own API key see the hearing, but the acts are not theirs.
    assert _error(_api(consumidora).post(resultado, datos, format="json"), 403)
    assert _error(_api(consumidora).post(asistencia, _presente(), format="json"), 403)
    propia = _con_clave(proveedor_activo, proveedor)
    assert propia.get(_url(en_la_audiencia)).status_code == 200
    assert _error(propia.post(resultado, datos, format="json"), 403)
    # Another conciliator and another organisation's key do not even see it.
    assert _error(_api(conciliador).get(_url(en_la_audiencia)), 404)
    assert _error(_api(conciliador).post(resultado, datos, format="json"), 404)
    administradora = crear_usuario("vera@electro.example", Rol.REPRESENTANTE)
    Membresia.objects.create(
        usuario=administradora, organizacion=otro_proveedor, es_administrador=True
    )
    ajena = _con_clave(otro_proveedor, administradora)
    assert _error(ajena.get(_url(en_la_audiencia)), 404)
    assert _error(ajena.post(asistencia, _presente(), format="json"), 404)
    en_la_audiencia.refresh_from_db()
    assert en_la_audiencia.estado == Audiencia.Estado.FIJADA


# --- state and retries -------------------------------------------------------------------------


def test_antes_de_la_hora_y_ya_registrada_es_409(fijada, time_machine):
    api = _api(_quien(fijada))
    time_machine.move_to(dt.datetime(2026, 3, 10, 11, 30, tzinfo=dt.UTC), tick=False)
    _asistencia(fijada)
    url = _url(fijada, "resultado")
    temprano = _error(api.post(url, {"resultado": "sin_acuerdo"}, format="json"), 409)
    assert "todavía no empezó" in temprano["mensaje"]
    time_machine.move_to(dt.datetime(2026, 3, 10, 12, 30, tzinfo=dt.UTC), tick=False)
    assert api.post(url, {"resultado": "nueva_audiencia"}, format="json").status_code == 201
    assert _error(api.post(url, {"resultado": "sin_acuerdo"}, format="json"), 409)
    cerrada = _error(api.post(_url(fijada, "asistencia"), _presente(), format="json"), 409)
    assert "ya no está abierta" in cerrada["mensaje"]


def test_con_una_recusacion_en_tramite_es_409_recusal_pending(en_la_audiencia, consumidora):
    _asistencia(en_la_audiencia)
    apartamiento.recusar(
        en_la_audiencia.reclamo, por=consumidora, causal="17.9", fundamento="Amistad."
    )
    api = _api(_quien(en_la_audiencia))
    for acto, datos in (("resultado", {"resultado": "sin_acuerdo"}), ("asistencia", _presente())):
        error = _error(api.post(_url(en_la_audiencia, acto), datos, format="json"), 409)
        assert error["codigo"] == "recusal_pending"


def test_el_reintento_con_la_misma_clave_repite_la_respuesta_sin_repetir_el_acto(
    en_la_audiencia,
):
    _asistencia(en_la_audiencia)
    api = _api(_quien(en_la_audiencia))
    url = _url(en_la_audiencia, "resultado")
    primera = api.post(url, ACUERDO, format="json", HTTP_IDEMPOTENCY_KEY="acuerdo-1")
    assert primera.status_code == 201, primera.content
    segunda = api.post(url, ACUERDO, format="json", HTTP_IDEMPOTENCY_KEY="acuerdo-1")
    assert segunda.status_code == 201 and segunda.json() == primera.json()
    assert Acuerdo.objects.filter(audiencia=en_la_audiencia).count() == 1
    assert Documento.objects.filter(tipo="acta_acuerdo").count() == 1
    # Without the key the act is not repeated either: the hearing is no longer open.
    assert _error(api.post(url, ACUERDO, format="json"), 409)

    asistencia = _url(en_la_audiencia, "asistencia")
    otra = _error(
        api.post(asistencia, _presente(), format="json", HTTP_IDEMPOTENCY_KEY="acuerdo-1"), 422
    )
    assert otra["codigo"] == "idempotency_key_reused"
