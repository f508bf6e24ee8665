"""API of the agreement's signatures (the conciliator records each party's in-person signature
and signs; a party signs online with password and hash) and of the absent provider's
justification (AR-11: the provider submits it, the conciliator decides), through the same
services as the pages; and the hearing's agency office in its representation."""

import pytest

from audiencias.models import Audiencia, Firma
from audiencias.services import audiencia as servicio
from cuentas.models import Membresia, Organizacion
from cuentas.roles import Rol
from reclamos.estados import Estado
from tests.audiencias.test_api_audiencia import ACUERDO, _api, _con_clave, _error, _url
from tests.audiencias.test_audiencia import _asistencia, _quien
from tests.conftest import CONTRASENA, crear_usuario
from tests.documentos.muestras import pdf_en_blanco, subido

pytestmark = pytest.mark.django_db


def _con_acuerdo(audiencia):
    _asistencia(audiencia)
    datos = {k: v for k, v in ACUERDO.items() if k != "resultado"}
    servicio.registrar_resultado(
        audiencia, por=_quien(audiencia), resultado="acuerdo", acuerdo=datos
    )
    return audiencia.acuerdos.get()


def _ajena(otro_proveedor):
    administradora = crear_usuario("vera@electro.example", Rol.REPRESENTANTE)
    Membresia.objects.create(
        usuario=administradora, organizacion=otro_proveedor, es_administrador=True
    )
    return _con_clave(otro_proveedor, administradora)


# --- in-person signatures and the conciliator's ------------------------------------------------


def test_el_conciliador_registra_las_firmas_presenciales_y_firma_el_acuerdo(en_la_audiencia):
    _con_acuerdo(en_la_audiencia)
    api = _api(_quien(en_la_audiencia))
    proveedor = en_la_audiencia.reclamo.proveedores.get()
    url = _url(en_la_audiencia, "acuerdo/firma-presencial")
    consumidor = api.post(url, {"parte": "consumidor", "nombre": "Lucía Fernández"}, format="json")
    assert consumidor.status_code == 200, consumidor.content
    firmas = consumidor.json()["acuerdo"]["firmas"]
    assert [(f["parte"], f["nombre"], f["metodo"]) for f in firmas] == [
        ("consumidor", "Lucía Fernández", "presencial")
    ]
    assert firmas[0]["sha256"] == consumidor.json()["acuerdo"]["sha256"]
    repetida = api.post(url, {"parte": "consumidor", "nombre": "Lucía"}, format="json")
    assert "ya firmó" in _error(repetida, 409)["mensaje"]
    datos = {"parte": "proveedor", "proveedor": proveedor.pk, "nombre": "Martín Gómez"}
    assert api.post(url, datos, format="json").status_code == 200
    en_la_audiencia.reclamo.refresh_from_db()
    assert en_la_audiencia.reclamo.estado == Estado.EN_CONCILIACION

    firmado = api.post(_url(en_la_audiencia, "acuerdo/firma-conciliador"))
    assert firmado.status_code == 200, firmado.content
    assert {f["parte"] for f in firmado.json()["acuerdo"]["firmas"]} == {
        "consumidor",
        "proveedor",
        "conciliador",
    }
    en_la_audiencia.reclamo.refresh_from_db()
    assert en_la_audiencia.reclamo.estado == Estado.ACUERDO_FIRMADO
    # A signed agreement admits no more signatures.
    otra = _error(api.post(_url(en_la_audiencia, "acuerdo/firma-conciliador")), 409)
    assert "ya no admite firmas" in otra["mensaje"]


def test_la_firma_presencial_mal_cargada_es_400_con_el_campo(en_la_audiencia, otro_proveedor):
    _con_acuerdo(en_la_audiencia)
    api = _api(_quien(en_la_audiencia))
    url = _url(en_la_audiencia, "acuerdo/firma-presencial")
    sin_nombre = _error(api.post(url, {"parte": "consumidor"}, format="json"), 400)
    assert "nombre" in sin_nombre["campos"]
    conciliador = {"parte": "conciliador", "nombre": "X"}
    assert "parte" in _error(api.post(url, conciliador, format="json"), 400)["campos"]
    sin_proveedor = {"parte": "proveedor", "nombre": "Martín"}
    assert "proveedor" in _error(api.post(url, sin_proveedor, format="json"), 400)["campos"]
    # A provider that is not the claim's is not a signatory either.
    ajeno = {**sin_proveedor, "proveedor": 999999}
    assert "proveedor" in _error(api.post(url, ajeno, format="json"), 400)["campos"]
    assert not Firma.objects.exists()


def test_solo_el_conciliador_de_la_audiencia_registra_firmas(
    en_la_audiencia, consumidora, conciliador, proveedor, proveedor_activo
):
    _con_acuerdo(en_la_audiencia)
    presencial = _url(en_la_audiencia, "acuerdo/firma-presencial")
    propia = _url(en_la_audiencia, "acuerdo/firma-conciliador")
    datos = {"parte": "consumidor", "nombre": "Lucía"}
    assert _error(_api(consumidora).post(presencial, datos, format="json"), 403)
    assert _error(_api(consumidora).post(propia), 403)
    assert _error(_con_clave(proveedor_activo, proveedor).post(propia), 403)
    assert _error(_api(conciliador).post(presencial, datos, format="json"), 404)
    assert not Firma.objects.exists()


def test_sin_acuerdo_en_la_audiencia_no_hay_que_firmar(en_la_audiencia):
    api = _api(_quien(en_la_audiencia))
    error = _error(api.post(_url(en_la_audiencia, "acuerdo/firma-conciliador")), 409)
    assert "no hay un acuerdo" in error["mensaje"]


def test_el_reintento_de_la_firma_con_la_misma_clave_repite_la_respuesta(en_la_audiencia):
    _con_acuerdo(en_la_audiencia)
    api = _api(_quien(en_la_audiencia))
    url = _url(en_la_audiencia, "acuerdo/firma-conciliador")
    primera = api.post(url, HTTP_IDEMPOTENCY_KEY="firma-1")
    segunda = api.post(url, HTTP_IDEMPOTENCY_KEY="firma-1")
    assert primera.status_code == segunda.status_code == 200
    assert segunda.json() == primera.json()
    assert Firma.objects.count() == 1


# --- online signatures by the parties ---------------------------------------------------------


def test_cada_parte_firma_en_linea_con_contrasena_y_huella(
    en_la_audiencia, consumidora, proveedor, proveedor_activo, otro_proveedor
):
    acuerdo = _con_acuerdo(en_la_audiencia)
    url = _url(en_la_audiencia, "acuerdo/firma")
    huella = servicio.huella_del_acuerdo(acuerdo)
    api = _api(consumidora)
    mala = _error(api.post(url, {"sha256": huella, "contrasena": "no"}, format="json"), 400)
    assert "contrasena" in mala["campos"]
    otra = _error(api.post(url, {"sha256": "0" * 64, "contrasena": CONTRASENA}, format="json"), 400)
    assert "sha256" in otra["campos"]
    assert "sha256" in _error(api.post(url, {}, format="json"), 400)["campos"]
    assert not Firma.objects.exists()

    datos = {"sha256": huella, "contrasena": CONTRASENA}
    firmada = api.post(url, datos, format="json")
    assert firmada.status_code == 200, firmada.content
    assert firmada.json()["acuerdo"]["firmas"][0]["metodo"] == "en_linea"
    assert "ya firmó" in _error(api.post(url, datos, format="json"), 409)["mensaje"]

    # The provider's representative signs through its organisation's API key.
    por_clave = _con_clave(proveedor_activo, proveedor).post(url, datos, format="json")
    assert por_clave.status_code == 200, por_clave.content
    firma = Firma.objects.get(parte="proveedor")
    assert (firma.usuario, firma.proveedor.organizacion) == (proveedor, proveedor_activo)
    # The conciliator is no party; another organisation does not see the hearing.
    assert _error(_api(_quien(en_la_audiencia)).post(url, datos, format="json"), 403)
    assert _error(_ajena(otro_proveedor).post(url, datos, format="json"), 404)


# --- the absent provider's justification (AR-11) ---------------------------------------------


@pytest.fixture
def ausente(en_la_audiencia):
    _asistencia(en_la_audiencia, proveedor=False)
    servicio.registrar_resultado(
        en_la_audiencia, por=_quien(en_la_audiencia), resultado="incomparecencia_proveedor"
    )
    return en_la_audiencia.reclamo


def _justificacion(reclamo):
    return f"/api/v1/reclamos/{reclamo.pk}/incomparecencia/justificacion/"


def _decision(reclamo):
    return f"/api/v1/reclamos/{reclamo.pk}/incomparecencia/decision/"


NUEVA = {"inicio": "2026-03-20T10:00:00", "modalidad": "video"}


def test_el_proveedor_justifica_por_clave_y_el_conciliador_fija_otra_audiencia(
    ausente, proveedor, proveedor_activo, en_la_audiencia
):
    constancia = subido("constancia.pdf", pdf_en_blanco(), "application/pdf")
    respuesta = _con_clave(proveedor_activo, proveedor).post(
        _justificacion(ausente),
        {"motivo": "Corte total del servicio de trenes.", "archivos": [constancia]},
        format="multipart",
    )
    assert respuesta.status_code == 201, respuesta.content
    cuerpo = respuesta.json()
    assert cuerpo["estado"] == Estado.INCOMPARECENCIA_PROVEEDOR
    assert [a["nombre"] for a in cuerpo["archivos"]] == ["constancia.pdf"]
    entrada = ausente.actuaciones.get(codigo="audiencia.justificacion_presentada")
    assert entrada.datos["archivos"] == [cuerpo["archivos"][0]["id"]]

    decision = _api(_quien(en_la_audiencia)).post(
        _decision(ausente),
        {"aceptar": True, "motivo": "Fuerza mayor acreditada.", "nueva_audiencia": NUEVA},
        format="json",
    )
    assert decision.status_code == 200, decision.content
    cuerpo = decision.json()
    assert cuerpo["estado"] == Estado.AUDIENCIA_FIJADA
    # Read in the régimen's time zone (Buenos Aires) when sent without offset.
    assert cuerpo["audiencia"]["inicio"] == "2026-03-20T10:00:00-03:00"
    nueva = Audiencia.objects.get(pk=cuerpo["audiencia"]["id"])
    assert (nueva.orden, nueva.estado, nueva.modalidad) == (2, "fijada", "video")


def test_el_conciliador_rechaza_la_justificacion_y_sigue_el_cierre(ausente, en_la_audiencia):
    respuesta = _api(_quien(en_la_audiencia)).post(
        _decision(ausente), {"aceptar": False, "motivo": "Sin constancia."}, format="json"
    )
    assert respuesta.status_code == 200, respuesta.content
    ausente.refresh_from_db()
    assert respuesta.json() == {"reclamo": ausente.pk, "estado": ausente.estado, "audiencia": None}
    assert ausente.estado != Estado.INCOMPARECENCIA_PROVEEDOR
    # Decided: nothing is pending any more.
    otra = _api(_quien(en_la_audiencia)).post(
        _decision(ausente), {"aceptar": False, "motivo": "Otra vez."}, format="json"
    )
    assert _error(otra, 409)


def test_la_justificacion_y_la_decision_mal_cargadas_son_400_con_el_campo(
    ausente, proveedor, en_la_audiencia
):
    sin_motivo = _api(proveedor).post(_justificacion(ausente), {"motivo": " "}, format="multipart")
    assert "motivo" in _error(sin_motivo, 400)["campos"]
    api = _api(_quien(en_la_audiencia))
    sin_fecha = api.post(_decision(ausente), {"aceptar": True, "motivo": "Ok."}, format="json")
    assert "nueva_audiencia" in _error(sin_fecha, 400)["campos"]
    sin_fundamento = api.post(
        _decision(ausente), {"aceptar": True, "nueva_audiencia": NUEVA}, format="json"
    )
    assert "motivo" in _error(sin_fundamento, 400)["campos"]
    mala_fecha = {"aceptar": True, "motivo": "Ok.", "nueva_audiencia": {"inicio": "ayer"}}
    campos = _error(api.post(_decision(ausente), mala_fecha, format="json"), 400)["campos"]
    assert "nueva_audiencia" in campos
    ausente.refresh_from_db()
    assert ausente.estado == Estado.INCOMPARECENCIA_PROVEEDOR
    assert not ausente.actuaciones.filter(codigo="audiencia.justificacion_presentada").exists()


def test_cada_uno_su_acto_y_quien_no_ve_el_reclamo_recibe_404(
    ausente, consumidora, proveedor, conciliador, otro_proveedor
):
    motivo = {"motivo": "Paro."}
    assert _error(_api(consumidora).post(_justificacion(ausente), motivo), 403)
    decision = {"aceptar": False, "motivo": "No."}
    assert _error(_api(proveedor).post(_decision(ausente), decision, format="json"), 403)
    assert _error(_api(conciliador).post(_decision(ausente), decision, format="json"), 404)
    assert _error(_ajena(otro_proveedor).post(_justificacion(ausente), motivo), 404)


def test_sin_incomparecencia_no_hay_justificacion_ni_decision(en_la_audiencia, proveedor):
    reclamo = en_la_audiencia.reclamo
    error = _error(_api(proveedor).post(_justificacion(reclamo), {"motivo": "Paro."}), 409)
    assert "No hay una incomparecencia" in error["mensaje"]
    decision = {"aceptar": False, "motivo": "No."}
    api = _api(_quien(en_la_audiencia))
    assert _error(api.post(_decision(reclamo), decision, format="json"), 409)


# --- the hearing's agency office -------------------------------------------------------------


def test_la_audiencia_muestra_su_oficina(en_la_audiencia, consumidora):
    api = _api(consumidora)
    assert api.get(_url(en_la_audiencia)).json()["oficina"] is None
    oficina = Organizacion.objects.create(
        tipo=Organizacion.Tipo.OFICINA,
        tipo_identificador="CUIT",
        identificador="OF-1",
        razon_social="Oficina Microcentro",
        domicilio_legal="Av. Roque Sáenz Peña 501, CABA",
        estado=Organizacion.Estado.ACTIVA,
    )
    Audiencia.objects.filter(pk=en_la_audiencia.pk).update(oficina=oficina)
    esperada = {
        "id": oficina.pk,
        "nombre": "Oficina Microcentro",
        "domicilio": "Av. Roque Sáenz Peña 501, CABA",
    }
    assert api.get(_url(en_la_audiencia)).json()["oficina"] == esperada
    lista = api.get(f"/api/v1/reclamos/{en_la_audiencia.reclamo_id}/audiencias/").json()["results"]
    assert [a["oficina"] for a in lista] == [esperada]
