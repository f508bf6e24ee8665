"""The e-mail a consumer gives at filing for notices (DOMAIN Decision 3): a verified e-mail of the
account is constituted at once; any other address waits for confirmation from the link sent to
it, and until then nothing sent there counts as served (docs/decisions/0011)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from cuentas.models import Usuario
from notificaciones.cambios_de_domicilio import cambio_pendiente
from notificaciones.domicilios import domicilio_electronico_de
from notificaciones.models import CambioDeDomicilio, DomicilioElectronico, Notificacion
from notificaciones.services import encolar_notificacion
from reclamos.services import oficina, presentacion
from tests.notificaciones.domicilio import token_de
from tests.reclamos.test_presentacion import DATOS, PROVEEDOR, _borrador_completo
from tests.reclamos.test_presentacion import smvm as smvm  # the fixture, used by every test

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("smvm")]

OTRO = "lucia.notif@example.com"
PLANTILLA = "notificaciones/confirmar_correo_para_notificaciones"


def _enlace(email: str) -> str:
    aviso = Notificacion.objects.filter(plantilla=PLANTILLA, email=email).order_by("-pk").first()
    assert aviso is not None, f"no se envió un enlace a {email}"
    assert aviso.contexto["url"] in aviso.cuerpo
    return aviso.contexto["url"]


def _presentar(consumidora, email):
    return presentacion.presentar_reclamo(
        _borrador_completo(consumidora, consumidor_email=email), por=consumidora
    )


def _avisar(consumidora, reclamo):
    return encolar_notificacion(
        destinatario=consumidora,
        email=reclamo.consumidor_email,
        plantilla="reclamos/presentado",
        contexto={"numero": reclamo.numero},
        asunto="Aviso de prueba",
        sujeto=reclamo,
    )


def test_un_correo_verificado_de_la_cuenta_se_constituye_sin_paso_extra(consumidora):
    _presentar(consumidora, "Lucia@Example.com")
    assert domicilio_electronico_de(consumidora) == "lucia@example.com"
    assert cambio_pendiente(consumidora) is None
    assert not Notificacion.objects.filter(plantilla=PLANTILLA).exists()


def test_otro_correo_queda_pendiente_y_recibe_el_enlace(consumidora):
    reclamo = _presentar(consumidora, "Lucia.Notif@Example.com")
    assert reclamo.numero  # filed normally
    assert domicilio_electronico_de(consumidora) is None
    assert not DomicilioElectronico.objects.filter(usuario=consumidora).exists()
    pendiente = cambio_pendiente(consumidora)
    assert pendiente.email == OTRO and pendiente.solicitado_por == consumidora
    aviso = Notificacion.objects.get(plantilla=PLANTILLA)
    assert aviso.email == OTRO and not aviso.a_domicilio_constituido
    assert "72 horas" in aviso.cuerpo and "lucia@example.com" in aviso.cuerpo


def test_mientras_no_se_confirme_nada_se_tiene_por_notificado_alli_y_va_copia_a_la_cuenta(
    consumidora,
):
    reclamo = _presentar(consumidora, OTRO)
    # The filing receipt itself already went to both addresses.
    recibos = Notificacion.objects.filter(plantilla="reclamos/presentado")
    assert {(n.email, n.a_domicilio_constituido) for n in recibos} == {
        (OTRO, False),
        ("lucia@example.com", False),  # the account e-mail is not a constituted address
    }
    aviso = _avisar(consumidora, reclamo)
    assert aviso.email == OTRO and not aviso.a_domicilio_constituido
    copia = Notificacion.objects.exclude(pk=aviso.pk).filter(asunto="Aviso de prueba").get()
    assert copia.email == "lucia@example.com" and not copia.a_domicilio_constituido


def test_con_un_domicilio_anterior_la_copia_va_alli_y_ese_sigue_valiendo(consumidora):
    _presentar(consumidora, "lucia@example.com")
    reclamo = _presentar(consumidora, OTRO)
    assert domicilio_electronico_de(consumidora) == "lucia@example.com"
    aviso = _avisar(consumidora, reclamo)
    copia = Notificacion.objects.exclude(pk=aviso.pk).filter(asunto="Aviso de prueba").get()
    assert not aviso.a_domicilio_constituido
    assert copia.email == "lucia@example.com" and copia.a_domicilio_constituido


def test_get_no_confirma_y_post_confirma_sin_sesion(client, consumidora):
    reclamo = _presentar(consumidora, OTRO)
    enlace = _enlace(OTRO)
    respuesta = client.get(enlace)
    assert respuesta.status_code == 200
    assert "Confirmo mi correo para notificaciones" in respuesta.content.decode()
    assert cambio_pendiente(consumidora) is not None

    respuesta = client.post(enlace)
    assert respuesta.status_code == 200
    assert "es desde ahora tu domicilio electrónico constituido" in respuesta.content.decode()
    assert domicilio_electronico_de(consumidora) == OTRO
    assert CambioDeDomicilio.objects.get().estado == CambioDeDomicilio.Estado.CONFIRMADO

    # From now on notices go there alone and count as served.
    aviso = _avisar(consumidora, reclamo)
    assert aviso.a_domicilio_constituido
    assert Notificacion.objects.filter(asunto="Aviso de prueba").count() == 1
    # The link works once.
    respuesta = client.post(enlace)
    assert respuesta.status_code == 400 and "ya se usó" in respuesta.content.decode()


def test_la_pagina_del_reclamo_avisa_y_permite_reenviar_el_enlace(client, consumidora):
    reclamo = _presentar(consumidora, OTRO)
    anterior = _enlace(OTRO)
    client.force_login(consumidora)
    pagina = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "Confirmá tu correo para notificaciones" in pagina and "Reenviar el enlace" in pagina

    respuesta = client.post(
        reverse("notificaciones:reenviar_confirmacion_de_correo"),
        {"siguiente": reverse("reclamos:detalle", args=[reclamo.pk])},
        follow=True,
    )
    assert "Reenviamos el enlace de confirmación" in respuesta.content.decode()
    assert _enlace(OTRO) != anterior
    respuesta = client.post(anterior)
    assert respuesta.status_code == 400
    assert "Se envió un enlace más reciente" in respuesta.content.decode()

    client.post(_enlace(OTRO))
    pagina = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "Confirmá tu correo para notificaciones" not in pagina


def test_el_reenvio_sin_pedido_pendiente_da_un_mensaje(client, consumidora):
    client.force_login(consumidora)
    respuesta = client.post(
        reverse("notificaciones:reenviar_confirmacion_de_correo"),
        {"siguiente": "https://otro.example/"},
        follow=True,
    )
    assert respuesta.status_code == 200
    assert "No hay un cambio de domicilio pendiente" in respuesta.content.decode()


def test_en_oficina_la_cuenta_reclamada_con_la_contrasena_confirma_el_correo(
    client, agente_admision, mailoutbox, django_capture_on_commit_callbacks
):
    reclamo = oficina.iniciar_en_oficina(
        por=agente_admision,
        email="nuevo@example.com",
        nombre="Pedro",
        apellido="Ruiz",
        dni="25111222",
    )
    presentacion.guardar_borrador(
        reclamo,
        por=agente_admision,
        paso="revision",
        datos={**DATOS, "consumidor_email": "nuevo@example.com"},
    )
    presentacion.guardar_proveedores(reclamo, por=agente_admision, proveedores=[PROVEEDOR])
    with django_capture_on_commit_callbacks(execute=True):
        oficina.presentar_en_oficina(reclamo, por=agente_admision)
    consumidor = Usuario.objects.get(email="nuevo@example.com")
    # The account's address was never proven: it waits like any other.
    assert cambio_pendiente(consumidor).email == "nuevo@example.com"
    assert domicilio_electronico_de(consumidor) is None

    # Claiming the account through "Solicitar una nueva contraseña" proves the address.
    client.post("/cuentas/password/reset/", {"email": "nuevo@example.com"})
    enlace = re.search(r"/cuentas/password/reset/key/\S+", mailoutbox[-1].body).group()
    formulario = client.get(enlace, follow=True)
    clave = "Una-clave-nueva-2026"
    client.post(formulario.redirect_chain[-1][0], {"password1": clave, "password2": clave})
    assert EmailAddress.objects.get(user=consumidor).verified
    assert cambio_pendiente(consumidor) is None
    assert domicilio_electronico_de(consumidor) == "nuevo@example.com"


def test_verificar_el_correo_en_la_cuenta_confirma_el_pendiente(consumidora):
    from allauth.account.signals import email_confirmed

    _presentar(consumidora, OTRO)
    direccion = EmailAddress.objects.create(user=consumidora, email=OTRO, verified=True)
    email_confirmed.send(sender=EmailAddress, request=None, email_address=direccion)
    assert domicilio_electronico_de(consumidora) == OTRO
    assert cambio_pendiente(consumidora) is None


def test_un_enlace_personal_alterado_no_sirve(client, consumidora):
    _presentar(consumidora, OTRO)
    token = token_de(_enlace(OTRO))
    respuesta = client.post(reverse("notificaciones:confirmar_domicilio", args=[token[:-2] + "xx"]))
    assert respuesta.status_code == 400 and "no es válido" in respuesta.content.decode()
    assert domicilio_electronico_de(consumidora) is None


def test_un_correo_reemplazado_sin_confirmar_sigue_recibiendo_copia(consumidora):
    primero = _presentar(consumidora, OTRO)
    _presentar(consumidora, "lucia.tercera@example.com")  # replaces the first, unconfirmed
    assert cambio_pendiente(consumidora).email == "lucia.tercera@example.com"
    aviso = _avisar(consumidora, primero)
    copia = Notificacion.objects.exclude(pk=aviso.pk).filter(asunto="Aviso de prueba").get()
    assert not aviso.a_domicilio_constituido
    assert copia.email == "lucia@example.com"
