"""A new electronic domicile takes effect only when somebody opens the link e-mailed to it and
confirms (DOMAIN Decision 3): single use, expiring, signed; GET never confirms; every refused
link gets a Spanish page, never a 500."""

import datetime as dt

import pytest
from django.urls import reverse

from cuentas.models import Membresia
from cuentas.roles import Rol
from notificaciones.cambios_de_domicilio import (
    VIGENCIA,
    cambio_pendiente,
    solicitar_cambio_de_domicilio,
)
from notificaciones.domicilios import domicilio_electronico_de
from notificaciones.models import CambioDeDomicilio, DomicilioElectronico, Notificacion
from tests.conftest import crear_usuario
from tests.notificaciones.domicilio import enlace_enviado_a, token_de

pytestmark = pytest.mark.django_db

ANTERIOR = "cedulas@telefonia.example"
NUEVO = "legales@telefonia.example"
PEDIDO = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def con_domicilio(proveedor_activo):
    proveedor_activo.domicilio_electronico = ANTERIOR
    proveedor_activo.save(update_fields=["domicilio_electronico"])
    return proveedor_activo


@pytest.fixture
def pedido(con_domicilio, proveedor, time_machine):
    time_machine.move_to(PEDIDO, tick=False)
    return solicitar_cambio_de_domicilio(con_domicilio, email=NUEVO, por=proveedor)


def _pagina(organizacion):
    return reverse("notificaciones:domicilio_organizacion", args=[organizacion.pk])


def _vigente(organizacion) -> str:
    organizacion.refresh_from_db()
    return organizacion.domicilio_electronico


def test_el_pedido_envia_el_enlace_al_nuevo_domicilio_y_no_cambia_nada(pedido, con_domicilio):
    assert _vigente(con_domicilio) == ANTERIOR
    assert domicilio_electronico_de(con_domicilio) == ANTERIOR
    assert not DomicilioElectronico.objects.exists()
    aviso = Notificacion.objects.get(plantilla="notificaciones/confirmar_domicilio")
    assert aviso.email == NUEVO
    assert not aviso.a_domicilio_constituido
    assert "72 horas" in aviso.cuerpo and ANTERIOR in aviso.cuerpo
    assert pedido.vence_en == PEDIDO + VIGENCIA


def test_abrir_el_enlace_con_get_no_confirma(client, pedido, con_domicilio):
    respuesta = client.get(enlace_enviado_a(NUEVO))
    assert respuesta.status_code == 200
    contenido = respuesta.content.decode()
    assert NUEVO in contenido and "Confirmo el domicilio electrónico" in contenido
    assert _vigente(con_domicilio) == ANTERIOR
    pedido.refresh_from_db()
    assert pedido.estado == CambioDeDomicilio.Estado.PENDIENTE


def test_confirmar_sin_sesion_cambia_el_domicilio_desde_ese_momento(
    client, pedido, con_domicilio, proveedor, time_machine
):
    confirmacion = PEDIDO + dt.timedelta(hours=71, minutes=59)
    time_machine.move_to(confirmacion, tick=False)
    respuesta = client.post(enlace_enviado_a(NUEVO))
    assert respuesta.status_code == 200
    assert "es desde ahora el domicilio electrónico constituido" in respuesta.content.decode()
    assert _vigente(con_domicilio) == NUEVO
    nuevo = DomicilioElectronico.objects.get(organizacion=con_domicilio, revocado_en=None)
    assert (nuevo.email, nuevo.constituido_en, nuevo.constituido_por) == (
        NUEVO,
        confirmacion,
        proveedor,
    )
    pedido.refresh_from_db()
    assert (pedido.estado, pedido.cerrado_en, pedido.domicilio) == (
        CambioDeDomicilio.Estado.CONFIRMADO,
        confirmacion,
        nuevo,
    )
    assert cambio_pendiente(con_domicilio) is None


def test_el_enlace_sirve_una_sola_vez(client, pedido, con_domicilio):
    enlace = enlace_enviado_a(NUEVO)
    client.post(enlace)
    for respuesta in (client.get(enlace), client.post(enlace)):
        assert respuesta.status_code == 400
        assert "Este enlace ya se usó" in respuesta.content.decode()
    assert DomicilioElectronico.objects.filter(email=NUEVO).count() == 1


def test_el_enlace_vencido_no_confirma(client, pedido, con_domicilio, time_machine):
    time_machine.move_to(PEDIDO + VIGENCIA + dt.timedelta(seconds=1), tick=False)
    respuesta = client.post(enlace_enviado_a(NUEVO))
    assert respuesta.status_code == 400
    assert "El enlace venció" in respuesta.content.decode()
    assert _vigente(con_domicilio) == ANTERIOR


@pytest.mark.parametrize(
    "alterar",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: "x" + t,
        lambda t: "nada",
    ],
    ids=["firma", "datos", "basura"],
)
def test_el_enlace_alterado_no_confirma(client, pedido, con_domicilio, alterar):
    token = alterar(token_de(enlace_enviado_a(NUEVO)))
    url = reverse("notificaciones:confirmar_domicilio", args=[token])
    for respuesta in (client.get(url), client.post(url)):
        assert respuesta.status_code == 400
        assert "El enlace no es válido" in respuesta.content.decode()
    assert _vigente(con_domicilio) == ANTERIOR


def test_un_segundo_pedido_reemplaza_al_primero(client, pedido, con_domicilio, proveedor):
    primer_enlace = enlace_enviado_a(NUEVO)
    solicitar_cambio_de_domicilio(con_domicilio, email="otro@telefonia.example", por=proveedor)
    pedido.refresh_from_db()
    assert pedido.estado == CambioDeDomicilio.Estado.REEMPLAZADO
    assert cambio_pendiente(con_domicilio).email == "otro@telefonia.example"
    respuesta = client.post(primer_enlace)
    assert respuesta.status_code == 400
    assert "pidió después otro cambio" in respuesta.content.decode()
    client.post(enlace_enviado_a("otro@telefonia.example"))
    assert _vigente(con_domicilio) == "otro@telefonia.example"


def test_la_pagina_muestra_el_pedido_y_lo_reenvia(
    client, pedido, con_domicilio, proveedor, time_machine
):
    primer_enlace = enlace_enviado_a(NUEVO)
    time_machine.move_to(PEDIDO + VIGENCIA + dt.timedelta(hours=1), tick=False)
    client.force_login(proveedor)
    pagina = client.get(_pagina(con_domicilio)).content.decode()
    assert "Cambio pendiente de confirmación" in pagina and NUEVO in pagina
    assert "El enlace venció" in pagina
    assert "Reenviar el enlace" in pagina and "Cancelar el cambio" in pagina
    url = reverse("notificaciones:reenviar_confirmacion_de_domicilio", args=[con_domicilio.pk])
    respuesta = client.post(url, follow=True)
    assert "Reenviamos el enlace de confirmación" in respuesta.content.decode()
    pedido.refresh_from_db()
    assert pedido.vence_en == PEDIDO + VIGENCIA + dt.timedelta(hours=1) + VIGENCIA
    nuevo_enlace = enlace_enviado_a(NUEVO)
    assert nuevo_enlace != primer_enlace
    client.logout()
    respuesta = client.post(primer_enlace)
    assert "Se envió un enlace más reciente" in respuesta.content.decode()
    assert client.post(nuevo_enlace).status_code == 200
    assert _vigente(con_domicilio) == NUEVO


def test_cancelar_el_pedido_deja_el_domicilio_y_anula_el_enlace(
    client, pedido, con_domicilio, proveedor
):
    client.force_login(proveedor)
    url = reverse("notificaciones:cancelar_cambio_de_domicilio", args=[con_domicilio.pk])
    respuesta = client.post(url, follow=True)
    assert "Cancelaste el cambio" in respuesta.content.decode()
    assert "Cambio pendiente de confirmación" not in respuesta.content.decode()
    respuesta = client.post(enlace_enviado_a(NUEVO))
    assert respuesta.status_code == 400
    assert "canceló este cambio" in respuesta.content.decode()
    assert _vigente(con_domicilio) == ANTERIOR
    # Nothing left to cancel or resend: a message, not an error page.
    respuesta = client.post(url, follow=True)
    assert "No hay un cambio de domicilio pendiente" in respuesta.content.decode()


def test_quien_no_administra_ve_el_pedido_pero_no_lo_reenvia_ni_cancela(
    client, pedido, con_domicilio
):
    colaborador = crear_usuario("paula@telefonia.example", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=colaborador, organizacion=con_domicilio)
    client.force_login(colaborador)
    pagina = client.get(_pagina(con_domicilio)).content.decode()
    assert "Cambio pendiente de confirmación" in pagina
    assert "Reenviar el enlace" not in pagina
    for nombre in ("reenviar_confirmacion_de_domicilio", "cancelar_cambio_de_domicilio"):
        url = reverse(f"notificaciones:{nombre}", args=[con_domicilio.pk])
        assert client.post(url).status_code == 403
    pedido.refresh_from_db()
    assert pedido.estado == CambioDeDomicilio.Estado.PENDIENTE


def test_reenviar_o_cancelar_con_get_no_esta_permitido(client, pedido, con_domicilio, proveedor):
    client.force_login(proveedor)
    url = reverse("notificaciones:cancelar_cambio_de_domicilio", args=[con_domicilio.pk])
    assert client.get(url).status_code == 405
    pedido.refresh_from_db()
    assert pedido.estado == CambioDeDomicilio.Estado.PENDIENTE


@pytest.mark.parametrize("como", ["sin_membresia", "sin_administrar"])
def test_no_se_confirma_si_quien_lo_pidio_dejo_de_administrar(
    client, pedido, con_domicilio, proveedor, como
):
    membresia = Membresia.objects.get(usuario=proveedor, organizacion=con_domicilio)
    if como == "sin_membresia":
        membresia.activa = False
        membresia.save(update_fields=["activa"])
    else:
        membresia.es_administrador = False
        membresia.save(update_fields=["es_administrador"])
    enlace = enlace_enviado_a(NUEVO)
    for respuesta in (client.get(enlace), client.post(enlace)):
        assert respuesta.status_code == 400
        assert "ya no administra la organización" in respuesta.content.decode()
    assert _vigente(con_domicilio) == ANTERIOR
    pedido.refresh_from_db()
    assert pedido.estado == CambioDeDomicilio.Estado.PENDIENTE
