"""API foundations: pagination, throttling per key, the one exception handler, idempotency, and
datetimes in the time zone of the régimen they belong to."""

import base64
import json
import logging

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.utils.urls import replace_query_param

from conciliacion.errores import ErrorDeDominio, cuerpo_de_error
from conciliacion.red import ip_del_cliente

logger = logging.getLogger("conciliacion.api")


# Router lookups take digits only: a malformed id ("AAA") is a 404 at URL resolution instead of
# a ValueError in the queryset (which was a 500).
ID_NUMERICO = "[0-9]+"


class NegociacionJson(DefaultContentNegotiation):
    """The API answers JSON whatever the client asks for (RFC 9110 lets a server disregard
    Accept): `Accept: text/html` or `?format=api` used to get DRF's browsable HTML page, and a
    format no view offers would be a 406 or a 404. A view that offers several formats (the
    schema: YAML or `?format=json`; the Swagger page's HTML and script) still gets the one
    asked for; anything else gets its first renderer (JSON under /api/v1/)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except (exceptions.NotAcceptable, Http404):
            return renderers[0], renderers[0].media_type


def validar_consulta(request, campos: dict[str, serializers.Field]) -> dict:
    """The query parameters named in `campos`, validated by those (optional) fields.

    A value the schema forbids (a word where an integer goes, a state that does not exist) is a
    400 in the error envelope, never silently ignored. Returns only the parameters present."""
    consulta = type("Consulta", (serializers.Serializer,), dict(campos))(data=request.query_params)
    for campo in consulta.fields.values():
        campo.required = False
    consulta.is_valid(raise_exception=True)
    # DRF skips an optional field sent empty (`?estado=`); the schema's enums and integers do
    # not admit "", so it is refused like any other value outside them.
    vacios = {
        nombre: [_("Este parámetro no puede estar vacío.")]
        for nombre, campo in consulta.fields.items()
        if request.query_params.get(nombre, None) == "" and not getattr(campo, "allow_blank", False)
    }
    if vacios:
        raise serializers.ValidationError(vacios)
    return consulta.validated_data


class PaginacionCursor(CursorPagination):
    """Every API list (the default pagination class): `next`/`previous` links with an opaque
    cursor, no COUNT, no OFFSET scan, whatever the list's length (issue 13).

    The order is the view's `orden_cursor` (a non-null field served by an index, then "pk";
    newest first by id when the view names none). DRF positions on the first field and steps
    over ties with an offset, so rows that share a value are still each listed once. `tamano`
    the schema calls an integer is refused (400) otherwise, instead of being ignored."""

    ordering = ("-pk",)
    page_size_query_param = "tamano"
    max_page_size = 200

    def get_ordering(self, request, queryset, view):
        return tuple(getattr(view, "orden_cursor", None) or self.ordering)

    def paginate_queryset(self, queryset, request, view=None):
        validar_consulta(
            request, {self.page_size_query_param: serializers.IntegerField(min_value=1)}
        )
        return super().paginate_queryset(queryset, request, view)


class PaginacionPorCursor(PaginacionCursor):
    """The claims: newest filed first over the index reclamo_presentado_desc."""

    ordering = ("-presentado_en", "-pk")


class PaginacionDelExpediente(PaginacionCursor):
    """A claim's expediente, oldest entry first, by cursor (it only grows)."""

    ordering = ("en", "pk")


def pagina_de(vista, request, filas, serializar) -> Response:
    """A view's list response, one page by its `pagination_class` (issue 13): for the APIViews
    of a claim's sub-resources (hearings, slots, messages, proposals), which are not generic
    list views. `serializar(pagina)` renders the page's rows; the page's queries are the
    serializer's on that page only, whatever the claim's history."""
    paginador = vista.pagination_class()
    pagina = paginador.paginate_queryset(filas, request, view=vista)
    return paginador.get_paginated_response(serializar(pagina))


class PaginacionEnMemoria(PaginacionCursor):
    """The same envelope and opaque cursors for a list computed in Python (a claim's offered
    slots are not rows): the cursor is the key of the page's last (or first, walking back) row
    and a page is the next `tamano` rows after (before) it, so a client that follows `next`
    sees each row once even if the list changed between requests. The rows must come sorted
    by `clave(fila)`, a tuple of strings and integers."""

    def __init__(self, clave):
        self.clave = clave
        self._siguiente = self._anterior = None

    def paginate_queryset(self, filas, request, view=None):
        validar_consulta(
            request, {self.page_size_query_param: serializers.IntegerField(min_value=1)}
        )
        tamano = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        crudo = request.query_params.get(self.cursor_query_param)
        claves = [list(self.clave(f)) for f in filas]
        if not crudo:
            desde, hasta = 0, tamano
        else:
            atras, clave = self._leer_cursor(crudo)
            try:
                if atras:
                    hasta = sum(1 for c in claves if c < clave)
                    desde = max(hasta - tamano, 0)
                else:
                    desde = sum(1 for c in claves if c <= clave)
                    hasta = desde + tamano
            except TypeError:  # a forged key whose parts are not the rows' types
                raise exceptions.NotFound(self.invalid_cursor_message) from None
        if hasta < len(filas):
            self._siguiente = self._enlace(False, claves[hasta - 1]) if hasta else None
        if desde > 0:
            self._anterior = self._enlace(True, claves[desde])
        return filas[desde:hasta]

    def _leer_cursor(self, crudo: str):
        try:
            datos = json.loads(base64.urlsafe_b64decode(crudo.encode("ascii")))
            atras, clave = bool(datos["a"]), list(datos["k"])
        except (ValueError, TypeError, KeyError, UnicodeError):
            raise exceptions.NotFound(self.invalid_cursor_message) from None
        if not all(isinstance(v, str | int) for v in clave):
            raise exceptions.NotFound(self.invalid_cursor_message)
        return atras, clave

    def _enlace(self, atras: bool, clave: list) -> str:
        crudo = json.dumps({"a": int(atras), "k": clave}, separators=(",", ":"))
        valor = base64.urlsafe_b64encode(crudo.encode()).decode("ascii")
        return replace_query_param(self.base_url, self.cursor_query_param, valor)

    def get_next_link(self):
        return self._siguiente

    def get_previous_link(self):
        return self._anterior


class LimitePorClave(SimpleRateThrottle):
    """One bucket per API key; session users get one bucket each; anonymous by IP."""

    scope = "clave"

    def get_cache_key(self, request, view):
        clave = getattr(request, "auth", None)
        if clave is not None and hasattr(clave, "prefijo"):
            ident = f"clave-{clave.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"usuario-{request.user.pk}"
        else:
            ident = f"ip-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def get_ident(self, request):
        """The client's address as allauth's limits see it (conciliacion.red)."""
        return ip_del_cliente(request)


class EnZonaHoraria:
    """Serializer mixin: every datetime of the representation (nested ones too) is rendered in
    the time zone `zona_horaria(instance)` names — a Peru claim's in America/Lima, not in the
    server's TIME_ZONE. DRF's DateTimeField uses the current time zone, so it is overridden
    around the object's representation."""

    def zona_horaria(self, instance) -> str:
        raise NotImplementedError

    def to_representation(self, instance):
        with timezone.override(self.zona_horaria(instance)):
            return super().to_representation(instance)


_CODIGOS_DRF = {
    exceptions.NotAuthenticated: (
        "not_authenticated",
        "Tenés que identificarte para usar este recurso.",
    ),
    exceptions.AuthenticationFailed: ("authentication_failed", "Las credenciales no son válidas."),
    exceptions.PermissionDenied: ("forbidden", "No tenés permiso para realizar esta acción."),
    exceptions.NotFound: ("not_found", "No se encontró el recurso."),
    exceptions.MethodNotAllowed: ("method_not_allowed", "Método no permitido."),
    exceptions.Throttled: (
        "throttled",
        "Demasiadas solicitudes. Esperá unos segundos y reintentá.",
    ),
    exceptions.ParseError: ("parse_error", "El cuerpo de la solicitud no es válido."),
    exceptions.UnsupportedMediaType: ("unsupported_media_type", "Tipo de contenido no admitido."),
    exceptions.NotAcceptable: ("not_acceptable", "No se puede responder en el formato pedido."),
}


_cuerpo = cuerpo_de_error

ERROR_INESPERADO = (
    "internal_error",
    "Ocurrió un error inesperado. Reintentá más tarde; si persiste, informá el request_id.",
)  # the same words as conciliacion.errores_http.error_500 under /api/


def manejar_excepcion(exc, context):
    """Every API error has the same body: {"error": {"codigo", "mensaje", "campos"?,
    "request_id"}}, unexpected exceptions included (a 500 in the envelope, never HTML)."""
    if isinstance(exc, ErrorDeDominio):
        return Response(_cuerpo(exc.codigo, exc.mensaje, exc.campos), status=exc.status)
    if isinstance(exc, DjangoValidationError):
        campos = exc.message_dict if hasattr(exc, "error_dict") else {"detalle": exc.messages}
        return Response(
            _cuerpo("invalid", "Los datos enviados no son válidos.", campos),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, SuspiciousOperation):
        # What Django answers 400 outside DRF (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, too
        # many fields, a bad multipart boundary) stays a 400 here, not an "unexpected" 500.
        return Response(
            _cuerpo("bad_request", "La solicitud no es válida o es demasiado grande."),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    # Imported here: rest_framework.views reads DEFAULT_THROTTLE_CLASSES (this module) when it
    # loads, so importing it at the top is circular when DRF's system checks load us first.
    from rest_framework.views import exception_handler

    response = exception_handler(exc, context)
    if response is None:
        return _error_inesperado(exc, context)
    if isinstance(exc, exceptions.ValidationError):
        detalle = exc.detail if isinstance(exc.detail, dict) else {"detalle": exc.detail}
        response.data = _cuerpo("invalid", "Los datos enviados no son válidos.", detalle)
        return response
    codigo, mensaje = next(
        ((c, m) for tipo, (c, m) in _CODIGOS_DRF.items() if isinstance(exc, tipo)),
        (getattr(exc, "default_code", "error"), str(exc.detail)),
    )
    response.data = _cuerpo(codigo, mensaje)
    return response


def _error_inesperado(exc, context) -> Response:
    """A bug: logged with its traceback (and the request id), rolled back, answered as JSON."""
    from django.core.signals import got_request_exception
    from rest_framework.views import set_rollback

    request = context.get("request")
    logger.error(
        "Error inesperado en la API: %s %s",
        getattr(request, "method", "?"),
        getattr(request, "path", "?"),
        exc_info=exc,
    )
    set_rollback()
    got_request_exception.send(sender=None, request=getattr(request, "_request", None))
    return Response(_cuerpo(*ERROR_INESPERADO), status=status.HTTP_500_INTERNAL_SERVER_ERROR)
