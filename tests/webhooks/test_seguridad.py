"""The sender refuses private, loopback and link-local destinations (every resolved address,
and it connects to the address it checked); production settings refuse even if asked."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from webhooks import red, services
from webhooks.eventos import TIPOS

RAIZ = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "ip",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "0.0.0.0",  # noqa: S104
        "100.64.0.1",  # carrier-grade NAT
        "::1",
        "fe80::1",
        "fd00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ],
)
def test_direcciones_no_publicas(ip):
    assert not red.direccion_publica(ip)


@pytest.mark.parametrize("ip", ["8.8.8.8", "200.45.1.1", "2800:3f0:4002:800::200e"])
def test_direcciones_publicas(ip):
    assert red.direccion_publica(ip)


def test_si_una_de_las_direcciones_es_privada_se_rechaza(monkeypatch, settings):
    settings.WEBHOOKS_PERMITIR_PRIVADAS = False

    def resolver(host, puerto, type=0):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.8.8", puerto)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", puerto)),
        ]

    monkeypatch.setattr(red.socket, "getaddrinfo", resolver)
    respuesta = red.enviar("https://webhooks.ejemplo.com/x", b"{}", {})
    assert respuesta.codigo is None
    assert "10.0.0.5" in respuesta.error


def test_se_conecta_a_la_direccion_verificada(monkeypatch, settings):
    """No second resolution: the socket goes to the address that passed the check."""
    settings.WEBHOOKS_PERMITIR_PRIVADAS = False
    monkeypatch.setattr(
        red.socket,
        "getaddrinfo",
        lambda host, puerto, type=0: [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", puerto))
        ],
    )
    destinos = []

    def conectar(direccion, timeout=None):
        destinos.append((direccion, timeout))
        raise OSError("sin red en la prueba")

    monkeypatch.setattr(red.socket, "create_connection", conectar)
    respuesta = red.enviar("https://webhooks.ejemplo.com:8443/x", b"{}", {})
    assert destinos == [(("93.184.216.34", 8443), 3.0)]
    assert respuesta.codigo is None and "sin red" in respuesta.error


@pytest.mark.parametrize(
    "url", ["http://ejemplo.com/x", "ftp://ejemplo.com/", "https://usuario:clave@ejemplo.com/"]
)
def test_solo_https_sin_credenciales(url):
    with pytest.raises(red.DestinoRechazado):
        red.validar_url(url)


@pytest.mark.django_db
def test_en_desarrollo_sin_el_ajuste_tambien_rechaza_loopback(
    receptor, settings, proveedor, proveedor_activo
):
    settings.WEBHOOKS_PERMITIR_PRIVADAS = False
    from webhooks import envio

    endpoint = services.registrar(
        proveedor_activo, por=proveedor, url=receptor.url(), tipos=list(TIPOS)
    )
    entrega = services.enviar_prueba(endpoint)
    assert envio.intentar(entrega.pk) == "reintentar"
    entrega.refresh_from_db()
    assert "privada" in entrega.ultimo_error
    assert receptor.pedidos == []


def test_la_configuracion_de_produccion_rechaza_direcciones_privadas(receptor):
    """A real portal process with DJANGO_ENV=production, asked to allow private addresses and
    to trust the test CA: it refuses the loopback receiver anyway."""
    programa = (
        "import django, json; django.setup(); from django.conf import settings; "
        "from webhooks import red; "
        f"r = red.enviar({receptor.url()!r}, b'{{}}', {{}}); "
        "print(json.dumps([settings.WEBHOOKS_PERMITIR_PRIVADAS, red.permitir_privadas(), "
        "r.codigo, r.error]))"
    )
    entorno = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "conciliacion.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "prueba-de-produccion-0123456789abcdefghijklmnopqrstuvwxyz",
        "WEBHOOKS_PERMITIR_PRIVADAS": "1",
        "WEBHOOKS_CA_PRUEBAS": str(RAIZ / "no-se-usa.pem"),
    }
    salida = subprocess.run(  # noqa: S603
        [sys.executable, "-c", programa],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    permitir, efectivo, codigo, error = json.loads(salida.stdout.strip().splitlines()[-1])
    assert (permitir, efectivo, codigo) == (False, False, None)
    assert "privada" in error
    assert receptor.pedidos == []
