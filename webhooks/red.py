"""The one way the portal talks to a subscriber's server (SSRF-safe, bounded in time).

- https only; the host is resolved here and EVERY address must be public (no private,
  loopback, link-local, multicast, reserved or unspecified address, IPv4-mapped included),
  unless settings.WEBHOOKS_PERMITIR_PRIVADAS (tests only; production refuses it);
- the connection goes to the address that was checked (no second resolution an attacker's DNS
  could answer differently), with the certificate checked against the URL's host name;
- WEBHOOKS_ESPERA_CONEXION seconds to connect, WEBHOOKS_ESPERA_TOTAL for the whole exchange;
- redirects are never followed (a 3xx is a failed delivery) and the answer's body is not
  read (only its status).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings


class DestinoRechazado(Exception):
    """The URL may not be called (not https, a private address, unresolvable)."""


@dataclass
class Respuesta:
    codigo: int | None
    latencia_ms: int
    error: str = ""

    @property
    def exitosa(self) -> bool:
        return self.codigo is not None and 200 <= self.codigo < 300


def permitir_privadas() -> bool:
    return bool(getattr(settings, "WEBHOOKS_PERMITIR_PRIVADAS", False)) and not getattr(
        settings, "PRODUCTION", False
    )


def direccion_publica(ip: str) -> bool:
    direccion = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(direccion, ipaddress.IPv6Address) and direccion.ipv4_mapped:
        direccion = direccion.ipv4_mapped
    return not (
        direccion.is_private
        or direccion.is_loopback
        or direccion.is_link_local
        or direccion.is_multicast
        or direccion.is_reserved
        or direccion.is_unspecified
        or not direccion.is_global
    )


def validar_url(url: str) -> tuple[str, int, str]:
    """(host, port, path) of an https URL; raises DestinoRechazado otherwise."""
    partes = urlsplit(url)
    if partes.scheme != "https" or not partes.hostname:
        raise DestinoRechazado("La URL debe empezar con https://.")
    if partes.username or partes.password:
        raise DestinoRechazado("La URL no puede llevar usuario ni contraseña.")
    try:
        puerto = partes.port or 443
    except ValueError as error:
        raise DestinoRechazado("El puerto de la URL no es válido.") from error
    camino = partes.path or "/"
    if partes.query:
        camino += "?" + partes.query
    return partes.hostname, puerto, camino


def resolver(host: str, puerto: int) -> str:
    """The address to connect to: every address of the host must be allowed."""
    try:
        infos = socket.getaddrinfo(host, puerto, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise DestinoRechazado(f"No se pudo resolver {host}.") from error
    direcciones = [info[4][0] for info in infos]
    if not direcciones:
        raise DestinoRechazado(f"No se pudo resolver {host}.")
    if not permitir_privadas():
        privadas = [d for d in direcciones if not direccion_publica(d)]
        if privadas:
            raise DestinoRechazado(
                f"{host} resuelve a una dirección privada o reservada ({privadas[0]})."
            )
    return direcciones[0]


def _contexto_tls() -> ssl.SSLContext:
    contexto = ssl.create_default_context()
    autoridad = getattr(settings, "WEBHOOKS_CA_PRUEBAS", "")
    if autoridad and not getattr(settings, "PRODUCTION", False):
        contexto.load_verify_locations(cafile=autoridad)
    return contexto


class _ConexionFija(http.client.HTTPSConnection):
    """HTTPS to a fixed, already checked address; SNI and the certificate use the host name."""

    def __init__(self, host, puerto, direccion, espera_conexion, **kwargs):
        super().__init__(host, puerto, timeout=espera_conexion, **kwargs)
        self._direccion = direccion

    def connect(self):
        crudo = socket.create_connection((self._direccion, self.port), timeout=self.timeout)
        self.sock = self._context.wrap_socket(crudo, server_hostname=self.host)


def _restante(inicio: float, espera_total: float) -> float:
    restante = espera_total - (time.monotonic() - inicio)
    if restante <= 0:
        raise TimeoutError
    return restante


def _intercambio(conexion, camino, cuerpo, encabezados, inicio, espera_total) -> int:
    """Connects, POSTs and reads the status line and headers; the body is not read. A timer
    shuts the socket at the total deadline, so a server that drips bytes cannot hold on."""
    conexion.connect()
    sock = conexion.sock
    restante = _restante(inicio, espera_total)
    sock.settimeout(restante)
    cortado = threading.Event()

    def cortar():
        cortado.set()
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    reloj = threading.Timer(restante, cortar)
    reloj.daemon = True
    reloj.start()
    try:
        conexion.request(
            "POST",
            camino,
            body=cuerpo,
            headers={
                **encabezados,
                "Content-Type": "application/json",
                "User-Agent": "Conciliacion-Webhooks/1",
            },
        )
        return conexion.getresponse().status
    except (OSError, http.client.HTTPException):
        if cortado.is_set():
            raise TimeoutError from None
        raise
    finally:
        reloj.cancel()


def enviar(url: str, cuerpo: bytes, encabezados: dict) -> Respuesta:
    """POSTs `cuerpo`; never raises for a network fault (the Respuesta says what happened)."""
    inicio = time.monotonic()
    espera_total = float(getattr(settings, "WEBHOOKS_ESPERA_TOTAL", 5))
    espera_conexion = float(getattr(settings, "WEBHOOKS_ESPERA_CONEXION", 3))

    def latencia() -> int:
        return int((time.monotonic() - inicio) * 1000)

    try:
        host, puerto, camino = validar_url(url)
        direccion = resolver(host, puerto)
    except DestinoRechazado as error:
        return Respuesta(None, latencia(), str(error))
    conexion = _ConexionFija(
        host, puerto, direccion, min(espera_conexion, espera_total), context=_contexto_tls()
    )
    try:
        codigo = _intercambio(conexion, camino, cuerpo, encabezados, inicio, espera_total)
    except TimeoutError:
        return Respuesta(None, latencia(), "Tiempo de espera agotado.")
    except ssl.SSLError as error:
        return Respuesta(None, latencia(), f"Error TLS: {error.reason or error}"[:300])
    except (OSError, http.client.HTTPException) as error:
        return Respuesta(None, latencia(), f"{type(error).__name__}: {error}"[:300])
    finally:
        conexion.close()
    error = ""
    if 300 <= codigo < 400:
        error = "Redirección no seguida."
    elif not 200 <= codigo < 300:
        error = f"Respuesta HTTP {codigo}."
    return Respuesta(codigo, latencia(), error)
