"""Prometheus text-format metrics at /metricas (Decision 0012), for staff with MFA or a
scraper holding METRICAS_TOKEN.

Request latency is a histogram kept in each process by LatenciaMiddleware (a scrape sees the
process that answered it: under several web processes, scrape each one or read the figures as
a sample). Everything else is read from the database at scrape time through the same partial
indexes the recovery task uses, with counts capped (conciliacion.operaciones.CONTEO_MAXIMO).
Queue depths ask the broker with its short timeouts; if it does not answer, the scrape still
answers and says so (conciliacion_cola_disponible 0).
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cuentas.permisos import es_personal, tiene_mfa

LIMITES = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class _Histograma:
    """Cumulative-bucket histogram per (view, method), thread-safe."""

    def __init__(self):
        self._cerrojo = threading.Lock()
        self._series: dict[tuple[str, str], list] = defaultdict(
            lambda: [[0] * (len(LIMITES) + 1), 0.0]
        )

    def observar(self, vista: str, metodo: str, segundos: float) -> None:
        with self._cerrojo:
            cubetas, _ = serie = self._series[(vista, metodo)]
            for i, limite in enumerate(LIMITES):
                if segundos <= limite:
                    cubetas[i] += 1
            cubetas[-1] += 1
            serie[1] += segundos

    def lineas(self, nombre: str) -> list[str]:
        with self._cerrojo:
            copia = {k: ([*v[0]], v[1]) for k, v in self._series.items()}
        lineas = []
        for (vista, metodo), (cubetas, suma) in sorted(copia.items()):
            etiquetas = f'vista="{_escapar(vista)}",metodo="{metodo}"'
            for limite, n in zip((*map(str, LIMITES), "+Inf"), cubetas, strict=True):
                lineas.append(f'{nombre}_bucket{{{etiquetas},le="{limite}"}} {n}')
            lineas.append(f"{nombre}_sum{{{etiquetas}}} {suma:.6f}")
            lineas.append(f"{nombre}_count{{{etiquetas}}} {cubetas[-1]}")
        return lineas


latencia = _Histograma()


def _escapar(valor: str) -> str:
    return valor.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class LatenciaMiddleware:
    """Observes each request's duration under its URL name (never the raw path, which would
    make one series per claim id)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        comienzo = time.perf_counter()
        respuesta = self.get_response(request)
        coincidencia = getattr(request, "resolver_match", None)
        vista = (coincidencia.view_name or "sin_nombre") if coincidencia else "sin_ruta"
        latencia.observar(vista, request.method or "", time.perf_counter() - comienzo)
        return respuesta


def _autorizado(request) -> bool:
    token = settings.METRICAS_TOKEN
    cabecera = request.headers.get("Authorization", "")
    if token and cabecera.startswith("Bearer "):
        return hmac.compare_digest(cabecera[7:].strip().encode(), token.encode())
    return es_personal(request.user) and tiene_mfa(request.user)


def profundidad_de_colas() -> dict[str, int] | None:
    """Messages waiting in each queue, or None if the broker does not answer in time."""
    from conciliacion.celery import app

    try:
        with app.connection_for_read() as conexion:
            conexion.ensure_connection(max_retries=1, interval_start=0, timeout=1)
            canal = conexion.default_channel
            return {
                # Not passive: on Redis an empty queue has no key and a passive declare fails.
                cola: canal.queue_declare(queue=cola, durable=True, auto_delete=False).message_count
                for cola in settings.CELERY_TASK_QUEUES_NAMES
            }
    except Exception:
        return None


def _gauge(nombre: str, ayuda: str, valores: dict[str, float] | float) -> list[str]:
    lineas = [f"# HELP {nombre} {ayuda}", f"# TYPE {nombre} gauge"]
    if isinstance(valores, dict):
        lineas += [f"{nombre}{{{k}}} {v:g}" for k, v in valores.items()]
    else:
        lineas.append(f"{nombre} {valores:g}")
    return lineas


def _cifras_de_plazos() -> tuple[float, int]:
    from conciliacion.operaciones import contar
    from plazos.models import Plazo

    ahora = timezone.now()
    corriendo = Plazo.objects.filter(estado=Plazo.Estado.CORRIENDO)
    mas_viejo = (
        corriendo.filter(vence_en__lte=ahora, intentos=0)
        .order_by("vence_en")
        .values_list("vence_en", flat=True)
        .first()
    )
    retraso = (ahora - mas_viejo).total_seconds() if mas_viejo else 0.0
    proximos = contar(corriendo.filter(vence_en__gt=ahora, vence_en__lte=ahora + timedelta(days=1)))
    return retraso, proximos


def texto_de_metricas() -> str:
    from conciliacion.operaciones import contar, tipos
    from conciliacion.trabajos import publicaciones_fallidas
    from notificaciones.models import Notificacion

    lineas = [
        "# HELP conciliacion_solicitud_segundos Duración de las solicitudes por vista.",
        "# TYPE conciliacion_solicitud_segundos histogram",
        *latencia.lineas("conciliacion_solicitud_segundos"),
    ]
    colas = profundidad_de_colas()
    lineas += _gauge(
        "conciliacion_cola_disponible", "1 si el broker respondió.", float(bool(colas))
    )
    lineas += _gauge(
        "conciliacion_cola_mensajes",
        "Mensajes esperando en cada cola.",
        {f'cola="{c}"': n for c, n in (colas or {}).items()},
    )
    pendientes = contar(Notificacion.objects.filter(estado=Notificacion.Estado.PENDIENTE))
    lineas += _gauge(
        "conciliacion_notificaciones_pendientes",
        "Notificaciones pendientes en la bandeja de salida (hasta 10001).",
        pendientes,
    )
    cifras = [t.cifras() for t in tipos()]
    lineas += _gauge(
        "conciliacion_trabajos_atrasados",
        "Trabajos con su fila pendiente pasada su cota (hasta 10001).",
        {f'tipo="{c["tipo"].codigo}"': c["atrasados"] for c in cifras},
    )
    lineas += _gauge(
        "conciliacion_trabajos_antiguedad_segundos",
        "Antigüedad del trabajo atrasado más viejo.",
        {f'tipo="{c["tipo"].codigo}"': c["antiguedad"] for c in cifras},
    )
    lineas += _gauge(
        "conciliacion_trabajos_fallidos",
        "Trabajos que agotaron sus intentos (hasta 10001).",
        {f'tipo="{c["tipo"].codigo}"': c["fallidos"] for c in cifras if c["fallidos"] is not None},
    )
    documentos = next(c for c in cifras if c["tipo"].codigo == "documentos")
    lineas += _gauge(
        "conciliacion_documentos_atascados",
        "Documentos sin PDF pasada la cota de generación.",
        documentos["atrasados"] + (documentos["fallidos"] or 0),
    )
    retraso, proximos = _cifras_de_plazos()
    lineas += _gauge(
        "conciliacion_barrido_retraso_segundos",
        "Antigüedad del plazo vencido más viejo que el barrido aún no procesó.",
        retraso,
    )
    lineas += _gauge(
        "conciliacion_plazos_vencen_proximo_dia",
        "Plazos corriendo que vencen en las próximas 24 horas (hasta 10001).",
        proximos,
    )
    lineas += [
        "# HELP conciliacion_publicaciones_fallidas_total Publicaciones al broker que fallaron.",
        "# TYPE conciliacion_publicaciones_fallidas_total counter",
        f"conciliacion_publicaciones_fallidas_total {publicaciones_fallidas()}",
    ]
    return "\n".join(lineas) + "\n"


@never_cache
@require_GET
def metricas(request):
    if not _autorizado(request):
        respuesta = HttpResponse(
            "No autorizado.\n",
            status=401 if not request.user.is_authenticated else 403,
            content_type="text/plain; charset=utf-8",
        )
        respuesta["WWW-Authenticate"] = "Bearer"
        return respuesta
    return HttpResponse(
        texto_de_metricas(), content_type="text/plain; version=0.0.4; charset=utf-8"
    )
