"""Idempotency-Key for API writes: the first response is stored and replayed on retries.

A retry while the first request is still running gets 409; the same key with another body
gets 422. Keys are scoped to the API key (or the session user) and expire after
IDEMPOTENCIA_VIGENCIA.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.response import Response

from cuentas.models import SolicitudIdempotente

ENCABEZADO = "Idempotency-Key"


def _ambito(request) -> str:
    clave = getattr(request, "auth", None)
    if clave is not None and hasattr(clave, "prefijo"):
        return f"clave-{clave.pk}"
    return f"usuario-{request.user.pk}"


def _huella(request) -> str:
    # Read the raw body before DRF parses it, so it stays available to the parser.
    cuerpo = request._request.body
    return hashlib.sha256(
        request.method.encode() + b" " + request.path.encode() + b"\n" + cuerpo
    ).hexdigest()


def _error(status: int, codigo: str, mensaje: str) -> Response:
    return Response({"error": {"codigo": codigo, "mensaje": mensaje}}, status=status)


def _reservar(ambito: str, clave: str, huella: str):
    """Returns (record, None) when this request owns the key, or (None, response) otherwise."""
    vencidas = timezone.now() - settings.IDEMPOTENCIA_VIGENCIA
    SolicitudIdempotente.objects.filter(ambito=ambito, clave=clave, creada_en__lt=vencidas).delete()
    try:
        with transaction.atomic():
            return SolicitudIdempotente.objects.create(
                ambito=ambito, clave=clave, huella=huella
            ), None
    except IntegrityError:
        previa = SolicitudIdempotente.objects.filter(ambito=ambito, clave=clave).first()
    if previa is None:  # expired and deleted between the two statements: treat as in flight
        return None, _error(409, "idempotency_in_flight", "La solicitud original sigue en curso.")
    if previa.huella != huella:
        return None, _error(
            422,
            "idempotency_key_reused",
            "Esa Idempotency-Key ya se usó con otra solicitud. Usá una clave nueva.",
        )
    if not previa.completa:
        return None, _error(
            409, "idempotency_in_flight", "La solicitud original sigue en curso. Reintentá luego."
        )
    respuesta = Response(previa.cuerpo, status=previa.status)
    respuesta["Idempotent-Replayed"] = "true"
    return None, respuesta


def idempotente(metodo):
    """Decorator for a DRF view method that writes."""

    @wraps(metodo)
    def envoltura(self, request, *args, **kwargs):
        clave = request.headers.get(ENCABEZADO, "").strip()
        if not clave:
            return metodo(self, request, *args, **kwargs)
        if len(clave) > 255:
            return _error(400, "idempotency_key_too_long", "La Idempotency-Key es demasiado larga.")
        registro, respuesta = _reservar(_ambito(request), clave, _huella(request))
        if respuesta is not None:
            return respuesta
        try:
            respuesta = metodo(self, request, *args, **kwargs)
        except Exception:
            # A failed attempt leaves nothing behind: the retry runs again.
            registro.delete()
            raise
        if respuesta.status_code >= 500:
            registro.delete()
            return respuesta
        registro.completa = True
        registro.status = respuesta.status_code
        registro.cuerpo = respuesta.data
        registro.save(update_fields=["completa", "status", "cuerpo"])
        return respuesta

    return envoltura
