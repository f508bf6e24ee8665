"""Login throttling behind a TLS-terminating proxy (issue 18): every request reaches Django from
the proxy's address; the client's is the entry the proxy appends to X-Forwarded-For."""

import pytest
from django.urls import reverse
from rest_framework.test import APIRequestFactory

from conciliacion.api import LimitePorClave
from conciliacion.red import ip_del_cliente
from cuentas.adapter import AdaptadorCuentas
from cuentas.roles import Rol
from tests.conftest import CONTRASENA, crear_usuario

PROXY = "10.0.0.2"
ATACANTE = "203.0.113.7"
OTRA = "198.51.100.9"
TERCERA = "192.0.2.44"


def _ingresar(client, email, clave, cliente_ip, falsificado=""):
    # The proxy appends the address it saw to whatever the client sent.
    cabecera = f"{falsificado}, {cliente_ip}" if falsificado else cliente_ip
    return client.post(
        reverse("account_login"),
        {"login": email, "password": clave},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=cabecera,
    )


def _ingreso(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def usuarios(db):
    return (
        crear_usuario("x@example.com", Rol.CONSUMIDOR),
        crear_usuario("y@example.com", Rol.CONSUMIDOR),
    )


@pytest.mark.django_db
def test_veinte_ingresos_fallidos_de_x_no_bloquean_a_y_desde_otra_direccion(
    client, settings, usuarios
):
    settings.PROXIES_DE_CONFIANZA = 1
    for _ in range(20):
        respuesta = _ingresar(client, "x@example.com", "equivocada-1", ATACANTE)
        assert respuesta.status_code in (200, 429)
    assert not _ingreso(client)

    respuesta = _ingresar(client, "y@example.com", CONTRASENA, OTRA)
    assert respuesta.status_code == 302
    assert _ingreso(client)


@pytest.mark.django_db
def test_el_bloqueo_por_cuenta_no_alcanza_a_otras_cuentas_de_la_misma_direccion(
    client, settings, usuarios
):
    settings.PROXIES_DE_CONFIANZA = 1
    for _ in range(5):
        _ingresar(client, "x@example.com", "equivocada-1", ATACANTE)
    # X's account is locked for a while, whatever the address and even with its password...
    _ingresar(client, "x@example.com", CONTRASENA, TERCERA)
    assert not _ingreso(client)
    # ...but Y, even from the attacker's own address (an office behind one NAT), is not.
    respuesta = _ingresar(client, "y@example.com", CONTRASENA, ATACANTE)
    assert respuesta.status_code == 302
    assert _ingreso(client)


@pytest.mark.django_db
def test_sin_proxies_de_confianza_todos_comparten_la_direccion_del_proxy(
    client, settings, usuarios
):
    """The same scenario without the setting: the proxy's address is everyone's, so one
    attacker's failures lock out the portal. This is what PROXIES_DE_CONFIANZA fixes."""
    settings.PROXIES_DE_CONFIANZA = 0
    for _ in range(20):
        _ingresar(client, "x@example.com", "equivocada-1", ATACANTE)
    _ingresar(client, "y@example.com", CONTRASENA, OTRA)
    assert not _ingreso(client)


@pytest.mark.django_db
def test_el_atacante_no_elige_su_direccion_escribiendo_x_forwarded_for(client, settings, usuarios):
    settings.PROXIES_DE_CONFIANZA = 1
    for numero in range(20):
        # Each attempt claims a different address; the proxy's own entry is what counts.
        _ingresar(client, f"z{numero}@example.com", "equivocada-1", ATACANTE, f"10.9.9.{numero}")
    respuesta = _ingresar(client, "y@example.com", CONTRASENA, ATACANTE)
    assert respuesta.status_code == 429 or not _ingreso(client)


@pytest.mark.parametrize(
    ("saltos", "cabecera", "esperada"),
    [
        (0, "203.0.113.7", PROXY),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "1.1.1.1, 203.0.113.7", "203.0.113.7"),
        (2, "1.1.1.1, 203.0.113.7, 10.0.0.3", "203.0.113.7"),
        (2, "203.0.113.7", PROXY),  # shorter than the chain: did not come through it
        (1, "no-es-una-ip", PROXY),
        (1, "", PROXY),
    ],
)
def test_allauth_y_drf_ven_la_misma_direccion(settings, saltos, cabecera, esperada):
    settings.PROXIES_DE_CONFIANZA = saltos
    extra = {"REMOTE_ADDR": PROXY}
    if cabecera:
        extra["HTTP_X_FORWARDED_FOR"] = cabecera
    solicitud = APIRequestFactory().post("/api/v1/reclamos/", **extra)
    assert ip_del_cliente(solicitud) == esperada
    assert AdaptadorCuentas().get_client_ip(solicitud) == esperada
    assert LimitePorClave().get_ident(solicitud) == esperada


def test_el_ajuste_llega_a_allauth_y_a_drf():
    from allauth import app_settings as allauth_settings
    from django.conf import settings
    from rest_framework.settings import api_settings

    assert allauth_settings.TRUSTED_PROXY_COUNT == settings.PROXIES_DE_CONFIANZA
    assert api_settings.NUM_PROXIES == settings.PROXIES_DE_CONFIANZA
