"""The sweeper (ARCHITECTURE.md "timers"): expires due plazos and runs their consequences.

Exactly once: due rows are taken with `FOR UPDATE SKIP LOCKED`, so two sweepers never take the
same row; they are expired with a compare-and-swap (`... AND estado = 'corriendo'`); and the
consequence the owning app registered runs in the same transaction. A worker killed half-way rolls
everything back and the next run does it.

Speed (benchmarks/sweeper.py): each batch is locked, expired and read back in ONE statement
(`WITH tomados AS (SELECT … FOR UPDATE SKIP LOCKED) UPDATE … FROM tomados RETURNING …`), and its
consequences run inside one savepoint. If a consequence fails, that savepoint is rolled back, the
failing row goes back to `corriendo` postponed with exponential backoff and logged — it is not
retried in this run, never in a tight loop — and the other rows' consequences run again one by one,
each in its own savepoint. Rows that failed before are always handled one by one.

On SQLite there is no SKIP LOCKED: the settings open every transaction as IMMEDIATE, so two
sweepers simply take turns.
"""

from __future__ import annotations

import datetime
import functools
import logging

from django.db import connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.base import ModelState
from django.db.models.signals import post_init
from django.utils import timezone

from normativa.regimenes import todos
from plazos import registro
from plazos.models import Plazo

logger = logging.getLogger(__name__)

LOTE = 5000
ESPERA_MAXIMA = datetime.timedelta(hours=6)
INTENTOS_HASTA_AVISO = 5
# Not needed to expire a row (loaded on demand if a consequence reads them).
_DIFERIDOS = frozenset({"explicacion", "ultimo_error"})


class _FalloEnLote(Exception):
    def __init__(self, plazo: Plazo, error: Exception):
        super().__init__(str(error))
        self.plazo, self.error = plazo, error


@functools.cache
def codigos_con_confirmacion() -> frozenset[str]:
    """Kinds whose expiry waits for staff (DOMAIN Q18); codes are unique across régimenes."""
    return frozenset(
        tp.codigo
        for regimen in todos()
        for tp in regimen.plazos.values()
        if tp.requiere_confirmacion
    )


def espera_tras(intentos: int) -> datetime.timedelta:
    """1, 2, 4, 8… minutes, capped at 6 hours."""
    return min(datetime.timedelta(minutes=2 ** max(intentos - 1, 0)), ESPERA_MAXIMA)


# --- The fast path: one statement per batch ---------------------------------------------------


def _columnas():
    return [f for f in Plazo._meta.concrete_fields if f.name not in _DIFERIDOS]


def _sentencia() -> tuple[str, list]:
    q = connection.ops.quote_name
    tabla = q(Plazo._meta.db_table)
    confirmar = sorted(codigos_con_confirmacion()) or [""]
    bloqueo = (
        " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    )
    # Only quoted identifiers are interpolated; every value is a parameter.
    debidos = (
        f"SELECT {q('id')} FROM {tabla} WHERE {q('estado')} = %s "  # noqa: S608
        f"AND {q('vence_en')} <= %s "
        f"AND ({q('postergado_hasta')} IS NULL OR {q('postergado_hasta')} <= %s) "
        f"AND {q('intentos')} = 0 ORDER BY {q('vence_en')}, {q('id')} LIMIT %s{bloqueo}"
    )
    if connection.vendor == "postgresql":
        # ANY(ARRAY(…)) runs the locking subquery once and updates by primary key; a plain
        # IN (…) is planned as a hash semi-join over the whole table.
        elegidos = f"{q('id')} = ANY(ARRAY({debidos}))"
    else:
        elegidos = f"{q('id')} IN ({debidos})"
    sql = (
        f"UPDATE {tabla} SET {q('estado')} = %s, "  # noqa: S608
        f"{q('cerrado_en')} = %s, "
        f"{q('postergado_hasta')} = NULL, {q('requiere_atencion')} = "
        f"({q('requiere_atencion')} OR {q('tipo')} IN ({', '.join(['%s'] * len(confirmar))})) "
        f"WHERE {q('estado')} = %s AND {elegidos} "
        f"RETURNING {', '.join(q(f.column) for f in _columnas())}"
    )
    return sql, confirmar


def _fabrica():
    """Builds Plazo instances from the RETURNING rows as the ORM would (backend and field
    converters, heavy fields deferred), without Model.__init__'s per-row cost when no post_init
    receiver needs it: at 10,000 rows it costs as much as the UPDATE itself."""
    columnas = _columnas()
    nombres = [campo.attname for campo in columnas]
    conversiones = []
    for i, campo in enumerate(columnas):
        columna = campo.get_col(Plazo._meta.db_table)
        funciones = connection.ops.get_db_converters(columna) + campo.get_db_converters(connection)
        if funciones:
            conversiones.append((i, columna, funciones))
    alias, con_senales = connection.alias, post_init.has_listeners(Plazo)

    def crear(fila) -> Plazo:
        valores = list(fila)
        for i, columna, funciones in conversiones:
            for funcion in funciones:
                valores[i] = funcion(valores[i], columna, connection)
        if con_senales:
            return Plazo.from_db(alias, nombres, valores)
        plazo = Plazo.__new__(Plazo)
        plazo.__dict__.update(zip(nombres, valores, strict=True))  # missing = deferred
        plazo._state = ModelState()
        plazo._state.adding, plazo._state.db = False, alias
        return plazo

    return crear


def _tomar_y_vencer(ahora: datetime.datetime, lote: int) -> list[Plazo]:
    """Locks, expires (compare-and-swap on estado) and reads back up to `lote` due rows that
    never failed: one statement."""
    sql, confirmar = _sentencia()
    corriendo, vencido = Plazo.Estado.CORRIENDO.value, Plazo.Estado.VENCIDO.value
    parametros = [vencido, ahora, *confirmar, corriendo, corriendo, ahora, ahora, lote]
    crear = _fabrica()
    with connection.cursor() as cursor:
        cursor.execute(sql, parametros)
        return [crear(fila) for fila in cursor.fetchall()]


def _aplicar_consecuencia(plazo: Plazo) -> None:
    funcion = registro.consecuencia(plazo.tipo)
    if funcion is not None:
        funcion(plazo)


def _postergar(plazo: Plazo, ahora: datetime.datetime, error: Exception) -> None:
    """Back to `corriendo`, to be retried after the backoff; logged with the error. A kind that
    needs staff confirmation keeps its flag: staff see it while its consequence fails."""
    intentos = plazo.intentos + 1
    Plazo.objects.filter(pk=plazo.pk).update(
        estado=Plazo.Estado.CORRIENDO,
        cerrado_en=None,
        postergado_hasta=ahora + espera_tras(intentos),
        intentos=intentos,
        ultimo_error=f"{type(error).__name__}: {error}"[:2000],
        # After several failures a person must look at it (the error stays on the row).
        requiere_atencion=plazo.requiere_atencion or intentos >= INTENTOS_HASTA_AVISO,
    )
    logger.error(
        "plazo_consecuencia_fallida",
        extra={"plazo": plazo.pk, "tipo": plazo.tipo, "intentos": intentos},
        exc_info=error,
    )


def _reintentar_uno(plazo: Plazo, ahora: datetime.datetime) -> int:
    """The row is already expired in this transaction: run its consequence alone."""
    plazo.refresh_from_db()  # drops whatever the rolled-back attempt cached on it
    try:
        with transaction.atomic():
            _aplicar_consecuencia(plazo)
        return 1
    except Exception as error:
        _postergar(plazo, ahora, error)
        return 0


def _barrer_lote(ahora: datetime.datetime, lote: int) -> tuple[int, int]:
    with transaction.atomic():
        filas = _tomar_y_vencer(ahora, lote)
        try:
            with transaction.atomic():
                for plazo in filas:
                    try:
                        _aplicar_consecuencia(plazo)
                    except Exception as error:
                        raise _FalloEnLote(plazo, error) from error
            return len(filas), len(filas)
        except _FalloEnLote as fallo:
            vencidos = 0
            for plazo in filas:
                if plazo is fallo.plazo:
                    _postergar(plazo, ahora, fallo.error)
                else:
                    vencidos += _reintentar_uno(plazo, ahora)
            return len(filas), vencidos


# --- Rows that failed before: one by one -------------------------------------------------------


def _cambios_al_vencer(ahora: datetime.datetime) -> dict:
    return {
        "estado": Plazo.Estado.VENCIDO,
        "cerrado_en": ahora,
        "postergado_hasta": None,
        "requiere_atencion": Case(
            When(tipo__in=codigos_con_confirmacion(), then=Value(True)),
            default=F("requiere_atencion"),
        ),
    }


def _vencer_reintento(plazo: Plazo, ahora: datetime.datetime) -> int:
    try:
        with transaction.atomic():
            tomados = Plazo.objects.filter(pk=plazo.pk, estado=Plazo.Estado.CORRIENDO).update(
                **_cambios_al_vencer(ahora)
            )
            if tomados != 1:
                return 0  # someone met, suspended or cancelled it first
            plazo.refresh_from_db()
            _aplicar_consecuencia(plazo)
        return 1
    except Exception as error:
        plazo.refresh_from_db()
        _postergar(plazo, ahora, error)
        return 0


def _barrer_reintentos(ahora: datetime.datetime, lote: int) -> int:
    vencidos = 0
    while True:
        with transaction.atomic():
            qs = Plazo.objects.filter(
                estado=Plazo.Estado.CORRIENDO, vence_en__lte=ahora, intentos__gt=0
            ).filter(Q(postergado_hasta__isnull=True) | Q(postergado_hasta__lte=ahora))
            if connection.features.has_select_for_update_skip_locked:
                qs = qs.select_for_update(skip_locked=True)
            filas = list(qs.order_by("vence_en", "pk")[:lote])
            vencidos += sum(_vencer_reintento(plazo, ahora) for plazo in filas)
        if len(filas) < lote:
            return vencidos


def vencer_plazos(*, ahora: datetime.datetime | None = None, lote: int = LOTE) -> int:
    """Expires every due plazo; returns how many expired in this run."""
    ahora = ahora or timezone.now()
    total = 0
    while True:
        tomados, vencidos = _barrer_lote(ahora, lote)
        total += vencidos
        if tomados < lote:
            break
    return total + _barrer_reintentos(ahora, lote)
