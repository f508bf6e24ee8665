"""A real HTTPS receiver in a thread, with a self-signed certificate made for the test."""

from __future__ import annotations

import datetime
import ipaddress
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def certificado_autofirmado(carpeta: Path) -> tuple[Path, Path]:
    clave = ec.generate_private_key(ec.SECP256R1())
    nombre = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    # OpenSSL checks the validity against the real clock, while a test may run at another
    # moment (tests.reloj, time_machine): a fixed, wide window fits both.
    desde = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    hasta = datetime.datetime(2099, 12, 31, tzinfo=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(nombre)
        .issuer_name(nombre)
        .public_key(clave.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(desde)
        .not_valid_after(hasta)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(clave, hashes.SHA256())
    )
    ruta_cert = carpeta / "receptor.pem"
    ruta_clave = carpeta / "receptor.key"
    ruta_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    ruta_clave.write_bytes(
        clave.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ruta_cert, ruta_clave


class Receptor:
    """Records every POST; answers from a script of (status, delay) per call, then 200.
    Like a careful subscriber, it counts each webhook-id once (de-duplication)."""

    def __init__(self, cert: Path, clave: Path):
        self.pedidos: list[dict] = []
        self.guion: list[tuple[int, float]] = []
        self.ids_procesados: list[str] = []
        self.cerrojo = threading.Lock()
        receptor = self

        class Manejador(BaseHTTPRequestHandler):
            def do_POST(self):
                largo = int(self.headers.get("Content-Length", 0))
                cuerpo = self.rfile.read(largo)
                with receptor.cerrojo:
                    receptor.pedidos.append(
                        {
                            "camino": self.path,
                            "encabezados": {k.lower(): v for k, v in self.headers.items()},
                            "cuerpo": cuerpo,
                        }
                    )
                    codigo, demora = receptor.guion.pop(0) if receptor.guion else (200, 0)
                    if codigo < 300:
                        identificador = self.headers.get("webhook-id")
                        if identificador not in receptor.ids_procesados:
                            receptor.ids_procesados.append(identificador)
                if demora:
                    time.sleep(demora)
                try:
                    self.send_response(codigo)
                    if 300 <= codigo < 400:
                        self.send_header("Location", "https://127.0.0.1:1/otro")
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        self.servidor = ThreadingHTTPServer(("127.0.0.1", 0), Manejador)
        contexto = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        contexto.load_cert_chain(cert, clave)
        self.servidor.socket = contexto.wrap_socket(self.servidor.socket, server_side=True)
        self.puerto = self.servidor.server_address[1]
        self.hilo = threading.Thread(target=self.servidor.serve_forever, daemon=True)
        self.hilo.start()

    def url(self, camino: str = "/webhooks") -> str:
        return f"https://127.0.0.1:{self.puerto}{camino}"

    def cuerpos(self, camino: str | None = None) -> list[dict]:
        return [
            json.loads(p["cuerpo"]) for p in self.pedidos if camino is None or p["camino"] == camino
        ]

    def cerrar(self):
        self.servidor.shutdown()
        self.servidor.server_close()
