"""Project-level pages: home, about, privacy, health. No domain logic here."""

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from normativa.regimenes import es_ofrecido, vigencia
from normativa.regimenes import todos as regimenes_definidos
from notificaciones.selectors import notificaciones_de


@require_GET
def inicio(request):
    """The landing page: a public welcome, or each role's starting point after logging in."""
    contexto = {}
    if request.user.is_authenticated:
        contexto["sin_leer"] = notificaciones_de(request.user).filter(leida_en__isnull=True).count()
    return render(request, "inicio.html", contexto)


@require_GET
def acerca(request):
    """Each régimen's legal basis and whether it takes new claims (DOMAIN.md Decision 1)."""
    hoy = timezone.localdate()
    regimenes = [
        {
            "regimen": regimen,
            "vigente_hasta": vigencia.vigente_hasta(regimen.codigo),
            "admite": vigencia.admite_presentaciones(regimen.codigo, hoy),
        }
        for regimen in regimenes_definidos()
        if es_ofrecido(regimen.codigo)  # only what this deployment offers (decision 0031)
    ]
    return render(request, "acerca.html", {"regimenes": regimenes})


@require_GET
def privacidad(request):
    return render(request, "privacidad.html")


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"ok": True})


def _chequear_base() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return False, type(error).__name__
    return True, "ok"


def _chequear_cache() -> tuple[bool, str]:
    from conciliacion.cache import estado_de

    return estado_de(caches["default"])


def _chequear_cola(espera: float) -> tuple[bool, str]:
    """A worker answers a ping within `espera`. Publishing neither retries nor waits long on a
    dead broker host (one bounded connection attempt)."""
    from conciliacion.celery import app, ping

    try:
        with app.connection_for_write(connect_timeout=min(espera, 2.0)) as conexion:
            conexion.ensure_connection(max_retries=1, interval_start=0, timeout=min(espera, 2.0))
            resultado = ping.apply_async(expires=espera + 5, connection=conexion, retry=False)
        respuesta = resultado.get(timeout=espera)
    except Exception as error:
        return False, type(error).__name__
    return respuesta == "pong", "ok"


@never_cache
@require_GET
def readyz(request):
    """Each component by name, "ok" or "degradado". The portal serves while its database works
    (the cache falls back to a local one, writes leave jobs to the outbox and recovery), so the
    answer is 503 only when the database is down."""
    checks = {}
    for nombre, chequeo in [
        ("base_de_datos", _chequear_base),
        ("cache", _chequear_cache),
        ("cola", lambda: _chequear_cola(settings.READYZ_ESPERA_COLA)),
    ]:
        ok, detalle = chequeo()
        checks[nombre] = {"ok": ok, "estado": "ok" if ok else "degradado", "detalle": detalle}
    ok = all(c["ok"] for c in checks.values())
    base_ok = checks["base_de_datos"]["ok"]
    if not base_ok:
        checks["base_de_datos"]["estado"] = "caido"
    return JsonResponse(
        {
            "ok": ok,
            "estado": "ok" if ok else ("degradado" if base_ok else "caido"),
            "checks": checks,
        },
        status=200 if base_ok else 503,
    )


@require_GET
def base_benchmark(request):
    """The benchmarks' baseline (issue 13): the same stack (middleware, session, base template)
    with one query of its own. Exists only when BENCHMARK=1; otherwise a 404 like any unknown
    path, so production never exposes it."""
    from django.http import Http404

    from reclamos.models import Reclamo

    if not settings.BENCHMARK:
        raise Http404
    ultimo = Reclamo.objects.order_by("-pk").values_list("numero", flat=True).first()
    return render(request, "base_benchmark.html", {"ultimo": ultimo})
