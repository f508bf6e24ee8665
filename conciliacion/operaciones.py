"""Kinds of background job, their durable rows and their recovery (Decision 0012).

Each kind says which rows are overdue (its durable "pending" row past its bound), how old the
oldest is, and how to publish them again. The recovery task runs every kind; the operations
page and /metricas show the same figures. Every query runs over a partial index of the kind's
pending rows, and counts stop at CONTEO_MAXIMO so a backlog never turns into a full scan.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

CONTEO_MAXIMO = 10_000


def contar(qs: QuerySet) -> int:
    """COUNT over at most CONTEO_MAXIMO + 1 rows (a LIMITed subquery)."""
    return qs.order_by().values("pk")[: CONTEO_MAXIMO + 1].count()


@dataclass(frozen=True)
class TipoDeTrabajo:
    codigo: str
    nombre: str
    fila: str  # the durable row, for the page
    atrasados: Callable[[], QuerySet]
    campo_fecha: str  # the order of the kind's queue (and of its index)
    reencolar: Callable[[], int]
    fallidos: Callable[[], QuerySet] | None = None
    reintentar_fallidos: Callable[[], int] | None = None

    def antiguedad(self, ahora: datetime | None = None) -> float:
        """Seconds since the oldest overdue row's date (0 when there is none)."""
        ahora = ahora or timezone.now()
        fecha = (
            self.atrasados().order_by(self.campo_fecha).values_list(self.campo_fecha, flat=True)
        ).first()
        return max((ahora - fecha).total_seconds(), 0.0) if fecha else 0.0

    def cifras(self) -> dict:
        ahora = timezone.now()
        antiguedad = self.antiguedad(ahora)
        return {
            "tipo": self,
            "atrasados": contar(self.atrasados()),
            "antiguedad": antiguedad,
            "desde": ahora - timedelta(seconds=antiguedad) if antiguedad else None,
            "fallidos": contar(self.fallidos()) if self.fallidos else None,
        }


def _documentos() -> TipoDeTrabajo:
    from documentos import services

    return TipoDeTrabajo(
        codigo="documentos",
        nombre=_("Generación de PDF de documentos"),
        fila=_("Documentos emitidos que todavía no tienen su PDF."),
        atrasados=services.renders_atrasados,
        campo_fecha="emitido_en",
        reencolar=services.reencolar_renders,
        fallidos=services.renders_fallidos,
        reintentar_fallidos=lambda: services.reencolar_renders(fallidos=True),
    )


def _notificaciones() -> TipoDeTrabajo:
    from notificaciones import services

    return TipoDeTrabajo(
        codigo="notificaciones",
        nombre=_("Envío de notificaciones"),
        fila=_("Notificaciones pendientes en la bandeja de salida."),
        atrasados=services.pendientes_atrasadas,
        campo_fecha="proximo_intento",
        reencolar=services.reencolar_pendientes,
    )


def _webhooks() -> TipoDeTrabajo:
    from webhooks import envio

    return TipoDeTrabajo(
        codigo="webhooks",
        nombre=_("Entregas de webhooks"),
        fila=_("Entregas de webhooks pendientes cuyo intento está atrasado."),
        atrasados=envio.atrasadas,
        campo_fecha="proximo_intento",
        reencolar=envio.reencolar_atrasadas,
    )


def plazos_sin_barrer(ahora: datetime | None = None) -> QuerySet:
    """Running plazos due more than two sweeper periods ago that never failed (a failed one is
    postponed on purpose). Index: plazo_corriendo_vence."""
    from plazos.models import Plazo

    ahora = ahora or timezone.now()
    return Plazo.objects.filter(
        estado=Plazo.Estado.CORRIENDO, vence_en__lte=ahora - timedelta(minutes=2), intentos=0
    )


def _barrer_plazos() -> int:
    from conciliacion.trabajos import publicar
    from plazos.tasks import vencer_plazos

    publicar(vencer_plazos)
    return 1 if plazos_sin_barrer().exists() else 0


def _plazos() -> TipoDeTrabajo:
    return TipoDeTrabajo(
        codigo="plazos",
        nombre=_("Barrido de plazos vencidos"),
        fila=_("Plazos que vencieron y el barrido todavía no procesó."),
        atrasados=plazos_sin_barrer,
        campo_fecha="vence_en",
        reencolar=_barrer_plazos,
    )


def _informes() -> TipoDeTrabajo:
    from exportaciones import services

    return TipoDeTrabajo(
        codigo="informes",
        nombre=_("Informes trimestrales a la autoridad"),
        fila=_("Informes pedidos que todavía no tienen sus cifras ni su documento."),
        atrasados=services.informes_atrasados,
        campo_fecha="solicitado_en",
        reencolar=services.reencolar_informes,
    )


def tipos() -> list[TipoDeTrabajo]:
    return [_documentos(), _notificaciones(), _webhooks(), _plazos(), _informes()]


def tipo(codigo: str) -> TipoDeTrabajo | None:
    return next((t for t in tipos() if t.codigo == codigo), None)


def recuperar_trabajos() -> dict[str, int]:
    """Publishes again every overdue job of every kind (beat, conciliacion.recuperar_trabajos).
    Plazos are left to their own minute sweeper, which beat already runs."""
    hechos = {}
    for t in tipos():
        if t.codigo == "plazos":
            continue
        try:
            hechos[t.codigo] = t.reencolar()
        except Exception:
            # One kind failing (its table locked, say) must not stop the others.
            logger.exception("recuperación de %s fallida", t.codigo)
            hechos[t.codigo] = 0
    if any(hechos.values()):
        logger.info("trabajos recuperados: %s", hechos)
    return hechos
