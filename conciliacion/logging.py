"""Structured logging with a request id (and the task id inside Celery tasks)."""

import logging
import re
import uuid

import structlog
from structlog.contextvars import bind_contextvars, clear_contextvars, get_contextvars

_shared = [
    structlog.contextvars.merge_contextvars,
    structlog.processors.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]

structlog.configure(
    processors=[*_shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
    logger_factory=structlog.stdlib.LoggerFactory(),
    cache_logger_on_first_use=True,
)


def formatter_json() -> logging.Formatter:
    return structlog.stdlib.ProcessorFormatter(
        processor=structlog.processors.JSONRenderer(), foreign_pre_chain=_shared
    )


def formatter_consola() -> logging.Formatter:
    return structlog.stdlib.ProcessorFormatter(
        processor=structlog.dev.ConsoleRenderer(colors=False), foreign_pre_chain=_shared
    )


# A client's (or proxy's) id is honoured only when it is short and plain: it goes into log lines
# and response headers, so nothing that could forge a log entry or split a header passes.
_REQUEST_ID_VALIDO = re.compile(r"[A-Za-z0-9._:-]{1,64}")


def request_id_actual() -> str | None:
    """The id of the request being served (None outside a request)."""
    return get_contextvars().get("request_id")


class RequestIdMiddleware:
    """Binds a request id to every log line of the request and echoes it in X-Request-Id.

    The id comes from the X-Request-Id header when it is valid, or is generated. API error
    bodies carry it too (conciliacion.errores.cuerpo_de_error)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        clear_contextvars()
        recibido = request.headers.get("X-Request-Id", "")
        request_id = recibido if _REQUEST_ID_VALIDO.fullmatch(recibido) else uuid.uuid4().hex
        request.request_id = request_id
        bind_contextvars(request_id=request_id)
        response = self.get_response(request)
        response["X-Request-Id"] = request_id
        return response
