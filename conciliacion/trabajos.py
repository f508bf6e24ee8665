"""The one way the portal publishes a Celery task (ARCHITECTURE.md "Faults").

Every job has a durable row written in the business transaction (the notice in the outbox, the
document waiting for its PDF; docs/decisions/0012-trabajos-y-recuperacion.md lists them). The
broker message is only the fast path, so publishing:

- waits for the commit (`transaction.on_commit`): a rolled-back act publishes nothing, and a
  worker never looks for a row that is not visible yet;
- is bounded: short connect and socket timeouts on the broker and a publish retry policy of at
  most about one second (settings `CELERY_BROKER_*`, `CELERY_TASK_PUBLISH_RETRY_POLICY`), and
  no result-backend round trip (`ignore_result`: the row, not a result, says what happened);
- never fails the request: a broker error is logged and counted; the recovery task
  (`conciliacion.recuperar_trabajos`, beat) publishes the row again once it is overdue;
- pays the timeout once: after a failure the process skips publishing for
  TRABAJOS_PAUSA_TRAS_FALLO seconds (the rows wait for the recovery), so a request that queues
  several notices against an unreachable broker waits about one timeout, not one per notice.

In eager mode (tests) the task runs in place and its exceptions propagate, so a bug in a task
is never mistaken for a broker outage.
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

_fallos = {"total": 0, "pausa_hasta": 0.0}
_cerrojo = threading.Lock()


def publicar(tarea, *args, **kwargs) -> None:
    """Publishes `tarea(*args, **kwargs)` once the current transaction commits (at once outside
    one). Never raises for a broker fault; see publicar_ahora()."""
    transaction.on_commit(lambda: publicar_ahora(tarea, *args, **kwargs))


_LOTES: ContextVar[dict | None] = ContextVar("lotes_del_acto", default=None)


@contextmanager
def un_mensaje_por_acto():
    """Within one act (a booking: audiencias.services.turnos), the jobs queued with
    publicar_en_lote() go in one broker message per task, published once the act's transaction
    commits, instead of one message per job (decision 0045). Enter it inside the act's
    transaction: on leaving it normally, each task's values are handed to publicar(); on an
    error nothing is published (the transaction is abandoned)."""
    if _LOTES.get() is not None:
        yield
        return
    lotes: dict = {}
    token = _LOTES.set(lotes)
    try:
        yield
    finally:
        _LOTES.reset(token)
    for tarea, valores in lotes.values():
        publicar(tarea, valores)


def publicar_en_lote(tarea, valor) -> bool:
    """Inside un_mensaje_por_acto(): queues `valor` for the act's one `tarea([valor, ...])`,
    published after commit, and returns True. Elsewhere returns False and publishes nothing (the
    caller publishes its job alone). A value queued inside a savepoint that is rolled back may
    still be published: the task must find its row missing and do nothing (a rolled-back row's
    id is never reused)."""
    lotes = _LOTES.get()
    if lotes is None:
        return False
    lotes.setdefault(tarea.name, (tarea, []))[1].append(valor)
    return True


def publicar_ahora(tarea, *args, **kwargs) -> bool:
    """Publishes now, bounded in time. True if the broker took the message; False (logged) if
    it did not, in which case the job's durable row waits for the recovery task."""
    if tarea.app.conf.task_always_eager:
        tarea.apply_async(args=args, kwargs=kwargs)
        return True
    if time.monotonic() < _fallos["pausa_hasta"]:
        with _cerrojo:
            _fallos["total"] += 1
        logger.info("publicación de %s%r omitida: el broker falló hace instantes", tarea.name, args)
        return False
    try:
        tarea.apply_async(args=args, kwargs=kwargs, ignore_result=True)
    except Exception as error:  # any broker fault: the row is the source of truth
        with _cerrojo:
            _fallos["total"] += 1
            _fallos["pausa_hasta"] = time.monotonic() + settings.TRABAJOS_PAUSA_TRAS_FALLO
        logger.warning(
            "publicación fallida de %s%r: %s: %s; la recuperará la tarea de recuperación",
            tarea.name,
            args,
            type(error).__name__,
            error,
        )
        return False
    return True


def publicar_con_demora(tarea, segundos: float, *args) -> bool:
    """Publishes `tarea(*args)` to run in `segundos` (a retry's backoff), bounded like
    publicar_ahora(). In eager mode (tests) nothing is published: the durable row's due time
    and the recovery task are what retries it, so a test drives the attempts itself."""
    if tarea.app.conf.task_always_eager:
        return False
    if time.monotonic() < _fallos["pausa_hasta"]:
        return False
    try:
        tarea.apply_async(args=args, countdown=max(segundos, 0), ignore_result=True)
    except Exception as error:  # the row waits for the recovery task
        with _cerrojo:
            _fallos["total"] += 1
            _fallos["pausa_hasta"] = time.monotonic() + settings.TRABAJOS_PAUSA_TRAS_FALLO
        logger.warning("publicación demorada fallida de %s%r: %s", tarea.name, args, error)
        return False
    return True


def reanudar() -> None:
    """Ends the pause after a failure (tests that swap brokers)."""
    _fallos["pausa_hasta"] = 0.0


def publicaciones_fallidas() -> int:
    """Publish failures in this process since it started (a metric)."""
    return _fallos["total"]
