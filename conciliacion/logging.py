"""Structured logging with a request id (and the task id inside Celery tasks)."""

import logging
import uuid

import structlog
from structlog.contextvars import bind_contextvars, clear_contextvars

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


class RequestIdMiddleware:
    """Binds a request id to every log line of the request and echoes it in X-Request-Id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        clear_contextvars()
        request_id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex
        bind_contextvars(request_id=request_id)
        response = self.get_response(request)
        response["X-Request-Id"] = request_id
        return response
