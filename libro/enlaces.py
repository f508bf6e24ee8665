"""The consumer's follow-up link: /libro/hoja/<token>/, no account needed.

The token is the sheet's random key (unguessable, 32 bytes) signed with the project's secret, so a
forged or altered token is refused before any query. It shows that one sheet and nothing else.
"""

import secrets

from django.core import signing

SAL = "libro.seguimiento"


def nueva_clave() -> str:
    return secrets.token_urlsafe(32)


def token_de(hoja) -> str:
    return signing.Signer(salt=SAL).sign(hoja.clave)


def clave_de(token: str) -> str | None:
    try:
        return signing.Signer(salt=SAL).unsign(token)
    except signing.BadSignature:
        return None
