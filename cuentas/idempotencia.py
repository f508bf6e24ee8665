"""Idempotency-Key for API writes: the first response is stored and replayed on retries.

A retry while the first request is still running gets 409; the same key with another body
gets 422. Keys are scoped to the API key (or the session user) and expire after
IDEMPOTENCIA_VIGENCIA. A replay answers the stored bytes, status and content type of the first
response, so it is byte-identical to it. The key works with JSON, form and multipart bodies,
whether the client authenticates with an API key or a session.
"""

import hashlib
from functools import partial, wraps

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse
from django.http.request import RawPostDataException
from django.utils import timezone
from rest_framework.response import Response

from conciliacion.errores import cuerpo_de_error
from cuentas.models import SolicitudIdempotente

ENCABEZADO = "Idempotency-Key"


def _ambito(request) -> str:
    clave = getattr(request, "auth", None)
    if clave is not None and hasattr(clave, "prefijo"):
        return f"clave-{clave.pk}"
    return f"usuario-{request.user.pk}"


def _huella(request) -> str:
    """SHA-256 of the method, path and body.

    JSON and url-encoded bodies are hashed as sent. A multipart body is hashed from its parsed
    fields and files (names, values and each file's name and content): its raw stream may be
    gone already (CSRF's check of a session request reads request.POST, which consumes it) and
    an upload can exceed what Django lets `request.body` hold in memory."""
    django_request = request._request
    huella = hashlib.sha256(request.method.encode() + b" " + request.path.encode() + b"\n")
    cuerpo = None
    if not request.content_type.startswith("multipart/"):
        try:
            # Read before DRF parses it, so it stays available to the parser.
            cuerpo = django_request.body
        except RawPostDataException:
            cuerpo = None
    if cuerpo is not None:
        huella.update(cuerpo)
        return huella.hexdigest()
    huella.update(b"multipart\n")
    for nombre in sorted(django_request.POST):
        for valor in django_request.POST.getlist(nombre):
            huella.update(f"{len(nombre)}:{nombre}={len(valor)}:{valor}\n".encode())
    for nombre in sorted(django_request.FILES):
        for archivo in django_request.FILES.getlist(nombre):
            contenido = hashlib.sha256()
            for trozo in archivo.chunks():
                contenido.update(trozo)
            archivo.seek(0)
            huella.update(f"{nombre}@{archivo.name}:{contenido.hexdigest()}\n".encode())
    return huella.hexdigest()


def _error(status: int, codigo: str, mensaje: str) -> Response:
    return Response(cuerpo_de_error(codigo, mensaje), status=status)


def _repeticion(previa: SolicitudIdempotente) -> HttpResponse:
    respuesta = HttpResponse(
        bytes(previa.contenido), status=previa.status, content_type=previa.tipo_contenido
    )
    respuesta["Idempotent-Replayed"] = "true"
    return respuesta


def _tomar(ambito: str, clave: str, huella: str, *, vencidas):
    """The key's record for this request, or None when another one holds it: a new row, or the
    expired row of an earlier use taken over (as if deleted and inserted again), in one
    statement (PostgreSQL and SQLite ≥ 3.35) and one commit (decision 0044)."""
    tabla = SolicitudIdempotente._meta.db_table
    ahora = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            # Table name from model meta; every value is a parameter.
            f"INSERT INTO {tabla} AS s "  # noqa: S608 (table name from model meta)
            "(ambito, clave, huella, completa, status, contenido, tipo_contenido, creada_en) "
            "VALUES (%s, %s, %s, %s, NULL, NULL, '', %s) "
            "ON CONFLICT (ambito, clave) DO UPDATE SET huella = excluded.huella, "
            "completa = excluded.completa, status = NULL, contenido = NULL, "
            "tipo_contenido = '', creada_en = excluded.creada_en "
            "WHERE s.creada_en < %s RETURNING id",
            [
                ambito,
                clave,
                huella,
                False,
                *map(connection.ops.adapt_datetimefield_value, (ahora, vencidas)),
            ],
        )
        fila = cursor.fetchone()
    if fila is None:
        return None
    return SolicitudIdempotente(
        pk=fila[0], ambito=ambito, clave=clave, huella=huella, completa=False, creada_en=ahora
    )


def _reservar(ambito: str, clave: str, huella: str):
    """Returns (record, None) when this request owns the key, or (None, response) otherwise."""
    vencidas = timezone.now() - settings.IDEMPOTENCIA_VIGENCIA
    registro = _tomar(ambito, clave, huella, vencidas=vencidas)
    if registro is not None:
        return registro, None
    previa = SolicitudIdempotente.objects.filter(ambito=ambito, clave=clave).first()
    if previa is None:  # its holder failed and deleted it a moment ago: treat as in flight
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
    return None, _repeticion(previa)


def idempotente(metodo=None, *, en_la_transaccion: bool = False):
    """Decorator for a DRF view method that writes.

    `en_la_transaccion`: the method's act, the rendering of its answer and the stored answer
    commit together (one transaction, one commit less; decision 0044), so a request that
    committed its act has its answer stored. For methods whose act is one transaction and
    that need no commit of their own before answering (API filing)."""
    if metodo is None:
        return partial(idempotente, en_la_transaccion=en_la_transaccion)

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
        if not en_la_transaccion:
            try:
                respuesta = metodo(self, request, *args, **kwargs)
            except Exception:
                # A failed attempt leaves nothing behind: the retry runs again. (The exception
                # handler answers it; 4xx errors raised as exceptions are not stored either.)
                registro.delete()
                raise
            return _guardar(self, request, registro, respuesta, *args, **kwargs)
        try:
            with transaction.atomic():
                respuesta = metodo(self, request, *args, **kwargs)
                return _guardar(self, request, registro, respuesta, *args, **kwargs)
        except Exception:
            registro.delete()  # the act rolled back: nothing behind, as above
            raise

    return envoltura


def _guardar(vista, request, registro: SolicitudIdempotente, respuesta, *args, **kwargs):
    """Stores the answer as the key's record (a failed or streamed one frees the key)."""
    if respuesta.status_code >= 500 or getattr(respuesta, "streaming", False):
        registro.delete()
        return respuesta
    # Render now, as DRF would after this method returns, to store the exact bytes.
    respuesta = vista.finalize_response(request, respuesta, *args, **kwargs)
    if hasattr(respuesta, "render"):
        respuesta.render()
    registro.completa = True
    registro.status = respuesta.status_code
    registro.contenido = respuesta.content
    registro.tipo_contenido = respuesta.get("Content-Type", "")
    registro.save(update_fields=["completa", "status", "contenido", "tipo_contenido"])
    return respuesta
