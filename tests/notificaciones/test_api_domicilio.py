"""API: an organisation's electronic domicile, its history and the pending change; asking for a
change (pending until the new address confirms it). API keys see only their organisation."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from cuentas import services
from cuentas.idempotencia import ENCABEZADO
from cuentas.models import Membresia
from cuentas.roles import Rol
from notificaciones.models import CambioDeDomicilio, Notificacion
from tests.conftest import crear_usuario
from tests.notificaciones.domicilio import cambiar_y_confirmar, enlace_enviado_a

pytestmark = pytest.mark.django_db

ANTERIOR = "cedulas@telefonia.example"
NUEVO = "legales@telefonia.example"


@pytest.fixture
def con_domicilio(proveedor_activo):
    proveedor_activo.domicilio_electronico = ANTERIOR
    proveedor_activo.creada_en = dt.datetime(2026, 1, 5, 13, 0, tzinfo=dt.UTC)
    proveedor_activo.save(update_fields=["domicilio_electronico", "creada_en"])
    return proveedor_activo


@pytest.fixture
def api(proveedor, con_domicilio):
    _, texto = services.crear_clave_api(con_domicilio, por=proveedor, nombre="CRM")
    cliente = APIClient()
    cliente.credentials(HTTP_AUTHORIZATION=f"Clave {texto}")
    return cliente


def _url(organizacion, accion=""):
    return f"/api/v1/organizaciones/{organizacion.pk}/domicilio-electronico/{accion}"


def test_consulta_el_vigente_y_su_historial(api, con_domicilio, proveedor):
    cuerpo = api.get(_url(con_domicilio)).json()
    assert cuerpo["vigente"] == ANTERIOR
    assert cuerpo["cambio_pendiente"] is None
    assert [(d["email"], d["revocado_en"], d["constituido_por"]) for d in cuerpo["historial"]] == [
        (ANTERIOR, None, None)
    ]
    cambiar_y_confirmar(con_domicilio, email=NUEVO, por=proveedor)
    cuerpo = api.get(_url(con_domicilio)).json()
    assert cuerpo["vigente"] == NUEVO
    assert [(d["email"], d["constituido_por"]) for d in cuerpo["historial"]] == [
        (NUEVO, proveedor.email),
        (ANTERIOR, None),
    ]
    assert cuerpo["historial"][1]["revocado_en"] is not None


def test_pedir_el_cambio_lo_deja_pendiente_hasta_la_confirmacion(api, client, con_domicilio):
    respuesta = api.post(_url(con_domicilio), {"email": NUEVO}, format="json")
    assert respuesta.status_code == 202
    cuerpo = respuesta.json()
    assert cuerpo["vigente"] == ANTERIOR
    assert cuerpo["cambio_pendiente"]["email"] == NUEVO
    assert cuerpo["cambio_pendiente"]["vencido"] is False
    assert api.get(_url(con_domicilio)).json()["cambio_pendiente"]["email"] == NUEVO
    client.post(enlace_enviado_a(NUEVO))
    cuerpo = api.get(_url(con_domicilio)).json()
    assert (cuerpo["vigente"], cuerpo["cambio_pendiente"]) == (NUEVO, None)


def test_un_correo_invalido_responde_400_con_el_campo(api, con_domicilio):
    for email in ("legales@", ANTERIOR):
        respuesta = api.post(_url(con_domicilio), {"email": email}, format="json")
        assert respuesta.status_code == 400
        assert respuesta.json()["error"]["codigo"] == "invalid"
        assert "email" in respuesta.json()["error"]["campos"]
    assert not CambioDeDomicilio.objects.exists()


def test_la_clave_no_alcanza_a_otra_organizacion(api, proveedor, otro_proveedor):
    # The key's creator also administers another organisation: the key must not reach it.
    Membresia.objects.create(usuario=proveedor, organizacion=otro_proveedor, es_administrador=True)
    assert api.get(_url(otro_proveedor)).status_code == 404
    respuesta = api.post(_url(otro_proveedor), {"email": NUEVO}, format="json")
    assert respuesta.status_code == 404
    assert respuesta.json()["error"]["codigo"] == "not_found"
    assert not CambioDeDomicilio.objects.exists()


def test_quien_no_administra_consulta_pero_no_pide_el_cambio(api, con_domicilio, proveedor):
    Membresia.objects.filter(usuario=proveedor).update(es_administrador=False)
    assert api.get(_url(con_domicilio)).status_code == 200
    respuesta = api.post(_url(con_domicilio), {"email": NUEVO}, format="json")
    assert respuesta.status_code == 403
    assert respuesta.json()["error"]["codigo"] == "forbidden"
    assert api.post(_url(con_domicilio, "cancelar/")).status_code == 403
    assert not CambioDeDomicilio.objects.exists()


def test_un_representante_con_sesion_que_no_administra_recibe_403(con_domicilio):
    colaborador = crear_usuario("paula@telefonia.example", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=colaborador, organizacion=con_domicilio)
    cliente = APIClient()
    cliente.force_authenticate(colaborador)
    assert cliente.post(_url(con_domicilio), {"email": NUEVO}, format="json").status_code == 403


def test_reintento_con_la_misma_clave_no_envia_otro_enlace(api, con_domicilio):
    for _ in range(2):
        respuesta = api.post(
            _url(con_domicilio), {"email": NUEVO}, format="json", headers={ENCABEZADO: "k-1"}
        )
        assert respuesta.status_code == 202
    assert respuesta["Idempotent-Replayed"] == "true"
    assert CambioDeDomicilio.objects.count() == 1
    assert Notificacion.objects.filter(plantilla="notificaciones/confirmar_domicilio").count() == 1


def test_reenviar_y_cancelar_el_pendiente(api, client, con_domicilio):
    assert api.post(_url(con_domicilio, "reenviar/")).status_code == 409
    api.post(_url(con_domicilio), {"email": NUEVO}, format="json")
    primer_enlace = enlace_enviado_a(NUEVO)
    respuesta = api.post(_url(con_domicilio, "reenviar/"))
    assert respuesta.status_code == 200
    assert enlace_enviado_a(NUEVO) != primer_enlace
    respuesta = api.post(_url(con_domicilio, "cancelar/"))
    assert respuesta.status_code == 200
    assert respuesta.json()["cambio_pendiente"] is None
    assert client.post(enlace_enviado_a(NUEVO)).status_code == 400
    respuesta = api.post(_url(con_domicilio, "cancelar/"))
    assert respuesta.status_code == 409
    assert respuesta.json()["error"]["codigo"] == "conflict"
