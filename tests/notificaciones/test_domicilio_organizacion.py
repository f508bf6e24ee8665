"""A provider's administrator changes its electronic domicile from the portal (DOMAIN Decision 3):
once the new address confirms it, the previous one stays on record with its dates and the change
is told through the outbox. The confirmation itself: test_confirmacion_domicilio.py."""

import datetime as dt

import pytest
from django.urls import reverse

from cuentas.models import Membresia
from cuentas.roles import Rol
from notificaciones.domicilios import domicilio_electronico_de, historial_de_domicilios
from notificaciones.models import CambioDeDomicilio, DomicilioElectronico, Notificacion
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
def colaborador(proveedor_activo):
    """A representative of the provider who does not administer it."""
    usuario = crear_usuario("paula@telefonia.example", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=usuario, organizacion=proveedor_activo)
    return usuario


def _url(organizacion):
    return reverse("notificaciones:domicilio_organizacion", args=[organizacion.pk])


def _cambio(email, confirmacion=None):
    return {"email": email, "confirmacion": confirmacion or email}


def test_el_representante_de_otra_organizacion_no_la_ve_ni_la_cambia(
    client, con_domicilio, otro_proveedor
):
    ajeno = crear_usuario("ines@otro.example", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=ajeno, organizacion=otro_proveedor, es_administrador=True)
    client.force_login(ajeno)
    assert client.get(_url(con_domicilio)).status_code == 404
    assert client.post(_url(con_domicilio), _cambio(NUEVO)).status_code == 404
    con_domicilio.refresh_from_db()
    assert con_domicilio.domicilio_electronico == ANTERIOR
    assert not DomicilioElectronico.objects.exists()
    assert not CambioDeDomicilio.objects.exists()


def test_quien_no_administra_ve_el_historial_pero_no_lo_cambia(
    client, con_domicilio, proveedor, colaborador
):
    client.force_login(colaborador)
    pagina = client.get(_url(con_domicilio))
    assert pagina.status_code == 200
    assert ANTERIOR in pagina.content.decode()
    assert "Enviar el enlace de confirmación" not in pagina.content.decode()
    assert client.post(_url(con_domicilio), _cambio(NUEVO)).status_code == 403
    con_domicilio.refresh_from_db()
    assert con_domicilio.domicilio_electronico == ANTERIOR


def test_una_organizacion_suspendida_no_cambia_su_domicilio(client, con_domicilio, proveedor):
    con_domicilio.estado = con_domicilio.Estado.SUSPENDIDA
    con_domicilio.save(update_fields=["estado"])
    client.force_login(proveedor)
    assert client.post(_url(con_domicilio), _cambio(NUEVO)).status_code == 404


def test_el_cambio_queda_registrado_desde_la_confirmacion_y_se_avisa(
    client, con_domicilio, proveedor, colaborador, time_machine
):
    pedido = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)
    time_machine.move_to(pedido, tick=False)
    client.force_login(proveedor)
    respuesta = client.post(_url(con_domicilio), _cambio(NUEVO.upper()), follow=True)
    assert "Enviamos un enlace de confirmación a " + NUEVO in respuesta.content.decode()
    con_domicilio.refresh_from_db()
    assert con_domicilio.domicilio_electronico == ANTERIOR
    assert not Notificacion.objects.filter(plantilla="notificaciones/domicilio_cambiado").exists()
    confirmacion = dt.datetime(2026, 3, 11, 9, 30, tzinfo=dt.UTC)
    time_machine.move_to(confirmacion, tick=False)
    client.logout()
    client.post(enlace_enviado_a(NUEVO))
    con_domicilio.refresh_from_db()
    assert con_domicilio.domicilio_electronico == NUEVO
    assert domicilio_electronico_de(con_domicilio) == NUEVO
    nuevo, anterior = historial_de_domicilios(con_domicilio)
    assert (anterior.email, anterior.constituido_en, anterior.revocado_en) == (
        ANTERIOR,
        con_domicilio.creada_en,
        confirmacion,
    )
    assert (nuevo.email, nuevo.constituido_en, nuevo.revocado_en) == (NUEVO, confirmacion, None)
    assert nuevo.constituido_por == proveedor
    avisos = Notificacion.objects.filter(plantilla="notificaciones/domicilio_cambiado")
    assert {(a.destinatario, a.email) for a in avisos} == {
        (proveedor, proveedor.email),
        (colaborador, colaborador.email),
        (None, ANTERIOR),
    }
    assert all(NUEVO in a.cuerpo and ANTERIOR in a.cuerpo for a in avisos)
    client.force_login(proveedor)
    pagina = client.get(_url(con_domicilio)).content.decode()
    assert ANTERIOR in pagina and NUEVO in pagina
    assert "Cambio pendiente de confirmación" not in pagina


def test_un_segundo_cambio_cierra_el_domicilio_vigente(con_domicilio, proveedor, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC), tick=False)
    primero = cambiar_y_confirmar(con_domicilio, email=NUEVO, por=proveedor)
    segundo_en = dt.datetime(2026, 4, 1, 12, 0, tzinfo=dt.UTC)
    time_machine.move_to(segundo_en, tick=False)
    cambiar_y_confirmar(con_domicilio, email="otro@telefonia.example", por=proveedor)
    primero.refresh_from_db()
    assert primero.revocado_en == segundo_en
    assert [d.email for d in historial_de_domicilios(con_domicilio)] == [
        "otro@telefonia.example",
        NUEVO,
        ANTERIOR,
    ]
    assert (
        DomicilioElectronico.objects.filter(
            organizacion=con_domicilio, revocado_en__isnull=True
        ).count()
        == 1
    )


def test_las_direcciones_tienen_que_coincidir_y_cambiar(client, con_domicilio, proveedor):
    client.force_login(proveedor)
    respuesta = client.post(_url(con_domicilio), _cambio(NUEVO, "legals@telefonia.example"))
    assert "No coincide" in respuesta.content.decode()
    respuesta = client.post(_url(con_domicilio), _cambio(ANTERIOR))
    assert "Es el domicilio vigente" in respuesta.content.decode()
    assert not DomicilioElectronico.objects.exists()
    assert not CambioDeDomicilio.objects.exists()


def test_la_pagina_de_la_organizacion_enlaza_el_cambio(client, con_domicilio, proveedor):
    client.force_login(proveedor)
    pagina = client.get(reverse("cuentas:organizacion", args=[con_domicilio.pk]))
    assert _url(con_domicilio) in pagina.content.decode()
