"""Standard Webhooks signatures (https://www.standardwebhooks.com, spec 1.0.0).

Signed content: "<webhook-id>.<webhook-timestamp>.<body>"; key: the base64-decoded part of the
"whsec_" secret; signature: base64 HMAC-SHA256, sent as "v1,<signature>". During a rotation
overlap the header carries one signature per valid secret, separated by a space.
"""

import base64
import hashlib
import hmac

from webhooks.models import PREFIJO_SECRETO


def clave(secreto: str) -> bytes:
    return base64.b64decode(secreto.removeprefix(PREFIJO_SECRETO))


def firmar(secreto: str, identificador: str, marca: int, cuerpo: bytes) -> str:
    contenido = f"{identificador}.{marca}.".encode() + cuerpo
    digesto = hmac.new(clave(secreto), contenido, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digesto).decode()


def encabezados(secretos: list[str], identificador: str, marca: int, cuerpo: bytes) -> dict:
    return {
        "webhook-id": identificador,
        "webhook-timestamp": str(marca),
        "webhook-signature": " ".join(firmar(s, identificador, marca, cuerpo) for s in secretos),
    }
