"""A Redis cache that is not a single point of failure (issue 18).

`CacheTolerante` is Django's own RedisCache with short socket timeouts and one difference: when
Redis does not answer, the operation is served by an in-process local-memory cache instead of
raising, and for `PAUSA_TRAS_FALLO` seconds afterwards every operation goes straight to that local
cache (a circuit breaker), so no request waits on a dead host more than once per pause. Rate
limits (allauth's and DRF's throttles, which keep their counters in the default cache) therefore
keep working as per-process limits while Redis is away; pages and API keep answering. The switch
is logged once each way and `/readyz` reports the cache as "degradado" (`estado()`).

Nothing durable lives in the cache: sessions, idempotency records and outboxes are in the
database, so losing Redis loses only counters and short locks.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

FALLAS_DE_RED = (RedisConnectionError, RedisTimeoutError, OSError)

# Per LOCATION, shared by the per-thread instances Django creates: until when Redis is skipped,
# the last error and since when the cache has been degraded.
_ESTADOS: dict[str, dict] = {}
_CANDADO = threading.Lock()


class CacheTolerante(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        opciones = dict(params.get("OPTIONS") or {})
        self.pausa = float(opciones.pop("PAUSA_TRAS_FALLO", 10))
        espera = float(opciones.pop("ESPERA", 0.5))
        opciones.setdefault("socket_connect_timeout", espera)
        opciones.setdefault("socket_timeout", espera)
        params["OPTIONS"] = opciones
        super().__init__(server, params)
        self._ubicacion = ",".join(self._servers)
        # LocMemCache keeps its data per name at module level: every thread's instance shares it.
        self._local = LocMemCache(
            f"respaldo-{self._ubicacion}",
            {"TIMEOUT": params.get("TIMEOUT", 300), "OPTIONS": {"MAX_ENTRIES": 10000}},
        )
        with _CANDADO:
            self._estado = _ESTADOS.setdefault(
                self._ubicacion, {"saltear_hasta": 0.0, "error": "", "desde": None}
            )

    # --- the circuit breaker --------------------------------------------------------------------
    def _salteando(self) -> bool:
        return self._estado["saltear_hasta"] > time.monotonic()

    def _fallo(self, error: Exception) -> None:
        with _CANDADO:
            primera = self._estado["desde"] is None
            self._estado["saltear_hasta"] = time.monotonic() + self.pausa
            self._estado["error"] = type(error).__name__
            if primera:
                self._estado["desde"] = time.time()
        if primera:
            logger.warning(
                "cache degradada: Redis no responde (%s: %s); límites e índices locales al"
                " proceso hasta que vuelva",
                type(error).__name__,
                error,
            )

    def _exito(self) -> None:
        if self._estado["desde"] is None:
            return
        with _CANDADO:
            desde = self._estado["desde"]
            self._estado.update(saltear_hasta=0.0, error="", desde=None)
        if desde is not None:
            logger.warning(
                "cache recuperada: Redis responde de nuevo tras %.0f s", time.time() - desde
            )

    def estado(self, *, comprobar: bool = True) -> tuple[bool, str]:
        """(ok, detail) for /readyz; with `comprobar`, pings Redis now (bounded by the socket
        timeouts) instead of trusting the breaker."""
        if comprobar:
            try:
                self._cache.get_client(write=True).ping()
            except FALLAS_DE_RED as error:
                self._fallo(error)
            else:
                self._exito()
        if self._estado["desde"] is None:
            return True, "ok"
        return False, f"Redis no responde ({self._estado['error']}); límites locales al proceso"


def _tolerante(nombre: str):
    def metodo(self, *args, **kwargs):
        if not self._salteando():
            try:
                resultado = getattr(RedisCache, nombre)(self, *args, **kwargs)
            except FALLAS_DE_RED as error:
                self._fallo(error)
            else:
                self._exito()
                return resultado
        return getattr(self._local, nombre)(*args, **kwargs)

    metodo.__name__ = nombre
    metodo.__doc__ = f"RedisCache.{nombre}, served locally while Redis does not answer."
    return metodo


for _nombre in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(CacheTolerante, _nombre, _tolerante(_nombre))


def estado_de(cache) -> tuple[bool, str]:
    """(ok, detail) of a configured cache (`caches[alias]`, not the `cache` proxy): the tolerant
    one reports Redis; others round-trip a key."""
    if isinstance(cache, CacheTolerante):
        return cache.estado()
    try:
        cache.set("readyz", "1", 10)
        ok = cache.get("readyz") == "1"
    except Exception as error:
        return False, type(error).__name__
    return ok, "ok" if ok else "sin respuesta"
