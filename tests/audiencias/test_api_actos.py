"""API of the acts that were page-only: the over-cap referral and the staff's decision (art. 2),
the widening at the first hearing (art. 11), and the conciliation's term (AR-10, AR-10P).
The same services as the pages; the same callers (403/404 for anyone else), 400 with the field,
409 in the wrong state."""

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from audiencias.services import audiencia as servicio
from cuentas import services as cuentas
from plazos import barrido
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.models import Pausa, Reclamo
from tests.audiencias.test_audiencia import _asistencia, _quien
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


def _api(usuario):
    api = APIClient()
    api.force_authenticate(usuario)
    return api


def _con_tope(reclamo):
    Reclamo.objects.filter(pk=reclamo.pk).update(
        valor_tope_unidad=Decimal("20000.00"), tope=Decimal("1100000.00")
    )


def _error(respuesta, status):
    assert respuesta.status_code == status, respuesta.content
    return respuesta.json()["error"]


@pytest.fixture
def presentes(en_la_audiencia):
    _con_tope(en_la_audiencia.reclamo)
    _asistencia(en_la_audiencia)
    return en_la_audiencia


@pytest.fixture
def en_conciliacion(en_la_audiencia):
    _asistencia(en_la_audiencia)
    servicio.registrar_resultado(
        en_la_audiencia, por=_quien(en_la_audiencia), resultado="nueva_audiencia"
    )
    return Reclamo.objects.get(pk=en_la_audiencia.reclamo_id)


# --- over-cap referral and the staff's decision ----------------------------------------------


def test_el_conciliador_remite_por_tope_y_el_personal_decide_por_api(
    presentes, agente_admision, consumidora
):
    url = f"/api/v1/audiencias/{presentes.pk}/remision-tope/"
    sin_fundamento = _error(_api(_quien(presentes)).post(url, {}, format="json"), 400)
    assert "fundamento_tope" in sin_fundamento["campos"]
    respuesta = _api(_quien(presentes)).post(
        url,
        {"fundamento_tope": "La factura muestra un valor superior.", "monto_tope": "2500000"},
        format="json",
    )
    assert respuesta.status_code == 201, respuesta.content
    cuerpo = respuesta.json()
    assert cuerpo["audiencia"]["resultado"] == "excede_tope"
    assert cuerpo["revision"]["tipo"] == Pausa.Tipo.LIMITE_EN_REVISION
    assert cuerpo["revision"]["hasta"] is None
    # The hearing is held: referring it again is a conflict.
    assert _error(_api(_quien(presentes)).post(url, {}, format="json"), 409)

    reclamo = presentes.reclamo
    decidir = f"/api/v1/reclamos/{reclamo.pk}/resolver-tope/"
    decision = {"continuar": False, "fundamentos": "El monto acreditado supera el tope."}
    assert _error(_api(consumidora).post(decidir, decision, format="json"), 403)
    assert _error(_api(_quien(presentes)).post(decidir, decision, format="json"), 403)
    incompleta = _error(_api(agente_admision).post(decidir, {"continuar": False}), 400)
    assert "fundamentos" in incompleta["campos"]
    cerrado = _api(agente_admision).post(decidir, decision, format="json")
    assert cerrado.status_code == 200, cerrado.content
    assert cerrado.json()["estado"] == Estado.CERRADO_EXCEDE_TOPE
    assert not reclamo.pausas.filter(hasta__isnull=True).exists()
    # No review open any more.
    assert _error(_api(agente_admision).post(decidir, decision, format="json"), 409)


def test_la_remision_es_solo_del_conciliador_de_la_audiencia(
    presentes, consumidora, conciliador, proveedor, proveedor_activo
):
    url = f"/api/v1/audiencias/{presentes.pk}/remision-tope/"
    datos = {"fundamento_tope": "Supera el tope."}
    assert _error(_api(consumidora).post(url, datos, format="json"), 403)
    # Another conciliator does not even see the hearing.
    assert _error(_api(conciliador).post(url, datos, format="json"), 404)
    # The provider's API key sees its claim's hearing, but it is not its act.
    _, texto = cuentas.crear_clave_api(proveedor_activo, por=proveedor, nombre="CRM")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Clave {texto}")
    assert _error(api.post(url, datos, format="json"), 403)
    presentes.refresh_from_db()
    assert presentes.estado == "fijada"


def test_el_personal_suspende_por_tope_una_sola_vez(consumidora, proveedor_activo, agente_admision):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    url = f"/api/v1/reclamos/{reclamo.pk}/suspender-por-tope/"
    datos = {"motivo": "La factura supera los 55 SMVM."}
    assert _error(_api(consumidora).post(url, datos, format="json"), 403)
    assert "motivo" in _error(_api(agente_admision).post(url, {}, format="json"), 400)["campos"]
    respuesta = _api(agente_admision).post(url, datos, format="json")
    assert respuesta.status_code == 201, respuesta.content
    assert respuesta.json()["motivo"] == datos["motivo"]
    conflicto = _error(_api(agente_admision).post(url, datos, format="json"), 409)
    assert "Ya hay una revisión del tope en curso" in conflicto["mensaje"]
    continuar = _api(agente_admision).post(
        f"/api/v1/reclamos/{reclamo.pk}/resolver-tope/",
        {"continuar": True, "fundamentos": "No supera el tope."},
        format="json",
    )
    assert continuar.status_code == 200 and continuar.json()["estado"] == Estado.EN_ADMISION


# --- widening at the first hearing -----------------------------------------------------------


def test_ampliar_el_objeto_por_api_y_sus_errores(presentes, consumidora):
    url = f"/api/v1/audiencias/{presentes.pk}/ampliaciones/objeto/"
    api = _api(_quien(presentes))
    assert _error(_api(consumidora).post(url, {"rubros": "x"}, format="json"), 403)
    sobre_tope = _error(
        api.post(url, {"rubros": "Daño punitivo.", "monto_total": "2000000"}, format="json"), 400
    )
    assert sobre_tope["campos"] == {"monto_total": ["Supera el tope."]}
    assert "rubros" in _error(api.post(url, {"rubros": ""}, format="json"), 400)["campos"]
    respuesta = api.post(url, {"rubros": "Daño punitivo.", "monto_total": "300000"}, format="json")
    assert respuesta.status_code == 201, respuesta.content
    assert respuesta.json()["monto_nuevo"] == "$ 300.000,00"
    assert Reclamo.objects.get(pk=presentes.reclamo_id).monto == Decimal("300000.00")


def test_ampliar_a_otro_proveedor_y_enderezar_por_api(presentes):
    api = _api(_quien(presentes))
    base = f"/api/v1/audiencias/{presentes.pk}/ampliaciones"
    nuevo = {
        "cuit": "30-70000000-8",
        "razon_social": "Servicio Técnico Sur SRL",
        "domicilio_legal": "Av. Belgrano 1234, CABA",
    }
    malo = _error(api.post(f"{base}/proveedor/", {**nuevo, "cuit": "123"}, format="json"), 400)
    assert "cuit" in malo["campos"]
    agregado = api.post(f"{base}/proveedor/", nuevo, format="json")
    assert agregado.status_code == 201, agregado.content
    assert agregado.json()["razon_social"] == "Servicio Técnico Sur SRL"

    sin_proveedor = _error(
        api.post(f"{base}/enderezar/", {**nuevo, "proveedor": 0}, format="json"), 400
    )
    assert "proveedor" in sin_proveedor["campos"]
    original = presentes.reclamo.proveedores.order_by("pk").first()
    enderezado = api.post(
        f"{base}/enderezar/",
        {
            "proveedor": original.pk,
            "cuit": "30-50001091-2",
            "razon_social": "Distribuidora Norte SA",
            "domicilio_legal": "Corrientes 500, CABA",
        },
        format="json",
    )
    assert enderezado.status_code == 200, enderezado.content
    assert enderezado.json()["id"] == original.pk
    assert enderezado.json()["razon_social"] == "Distribuidora Norte SA"


def test_la_ampliacion_fuera_de_la_primera_audiencia_es_un_conflicto(fijada, conciliador):
    url = f"/api/v1/audiencias/{fijada.pk}/ampliaciones/objeto/"
    datos = {"rubros": "Daño punitivo.", "declaracion_jurada": True}
    assert _error(_api(conciliador).post(url, datos, format="json"), 404)
    # Not started yet.
    assert _error(_api(_quien(fijada)).post(url, datos, format="json"), 409)


# --- the conciliation's term -------------------------------------------------------------------


def test_prorrogar_la_conciliacion_por_api(en_conciliacion, consumidora):
    reclamo = en_conciliacion
    quien = reclamo.designaciones.get(activa=True).conciliador.usuario
    base = f"/api/v1/reclamos/{reclamo.pk}/conciliacion"
    situacion = _api(quien).get(f"{base}/").json()
    assert situacion["plazo"]["tipo"] == "AR-10" and situacion["puede_prorrogar"]
    assert _error(_api(consumidora).get(f"{base}/"), 403)
    datos = {"acuerdo_de_partes": True, "fundamento": "Lo acordaron en la audiencia."}
    assert _error(_api(consumidora).post(f"{base}/prorrogar/", datos, format="json"), 403)
    sin_acuerdo = _error(
        _api(quien).post(f"{base}/prorrogar/", {"fundamento": "x"}, format="json"), 400
    )
    assert "acuerdo_de_partes" in sin_acuerdo["campos"]
    respuesta = _api(quien).post(f"{base}/prorrogar/", datos, format="json")
    assert respuesta.status_code == 201, respuesta.content
    assert respuesta.json()["tipo"] == "AR-10P" and respuesta.json()["estado"] == "corriendo"
    otra_vez = _error(_api(quien).post(f"{base}/prorrogar/", datos, format="json"), 409)
    assert "ya se prorrogó" in otra_vez["mensaje"]
    assert _api(quien).get(f"{base}/").json()["prorrogado"] is True


def test_cerrar_por_vencimiento_por_api(en_conciliacion, time_machine, extrano):
    reclamo = en_conciliacion
    quien = reclamo.designaciones.get(activa=True).conciliador.usuario
    url = f"/api/v1/reclamos/{reclamo.pk}/conciliacion/cerrar/"
    assert _error(_api(extrano).post(url), 404)
    assert "no venció" in _error(_api(quien).post(url), 409)["mensaje"]
    ar10 = Plazo.objects.get(object_id=reclamo.pk, tipo="AR-10")
    time_machine.move_to(
        dt.datetime.combine(ar10.vence + dt.timedelta(days=1), dt.time(15), tzinfo=dt.UTC),
        tick=False,
    )
    barrido.vencer_plazos()
    assert _api(quien).get(f"/api/v1/reclamos/{reclamo.pk}/conciliacion/").json()["vencido"]
    respuesta = _api(quien).post(url)
    assert respuesta.status_code == 200, respuesta.content
    assert respuesta.json()["estado"] == Estado.CERRADO_SIN_ACUERDO


def test_antes_de_la_primera_audiencia_no_hay_plazo_de_conciliacion(fijada):
    reclamo = fijada.reclamo
    quien = _quien(fijada)
    situacion = _api(quien).get(f"/api/v1/reclamos/{reclamo.pk}/conciliacion/").json()
    assert situacion["plazo"] is None and not situacion["puede_prorrogar"]
    assert _error(_api(quien).post(f"/api/v1/reclamos/{reclamo.pk}/conciliacion/prorrogar/"), 409)
