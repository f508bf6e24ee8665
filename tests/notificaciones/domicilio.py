"""Helpers for tests of an organisation's domicile change: the link e-mailed to the new address."""

from notificaciones.cambios_de_domicilio import (
    confirmar_cambio_de_domicilio,
    solicitar_cambio_de_domicilio,
)
from notificaciones.models import Notificacion


def enlace_enviado_a(email: str) -> str:
    """The path of the latest confirmation link queued to `email`."""
    aviso = (
        Notificacion.objects.filter(plantilla="notificaciones/confirmar_domicilio", email=email)
        .order_by("-pk")
        .first()
    )
    assert aviso is not None, f"no se envió un enlace a {email}"
    assert aviso.contexto["url"] in aviso.cuerpo
    return aviso.contexto["url"]


def token_de(enlace: str) -> str:
    return enlace.rstrip("/").rsplit("/", 1)[1]


def cambiar_y_confirmar(organizacion, *, email: str, por):
    """Requests the change and confirms it with the link, as the new address would."""
    solicitar_cambio_de_domicilio(organizacion, email=email, por=por)
    domicilio = confirmar_cambio_de_domicilio(token_de(enlace_enviado_a(email)))
    organizacion.refresh_from_db()
    return domicilio
