"""The portal's own figures of how long a step takes (reclamos.etapas), kept in DemoraDeEtapa.

One aggregate per régimen over the admission decisions of the last VENTANA days, served by the
partial index `actuacion_salida_admision`; run by the periodic task `reclamos.calcular_demoras`,
never by a request. Safe to run twice at once (update_or_create on a unique pair).
"""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F
from django.utils import timezone

from normativa.regimenes import todos
from reclamos.estados import Estado
from reclamos.models import Actuacion, DemoraDeEtapa

VENTANA = datetime.timedelta(days=180)


def calcular_demoras(*, ahora: datetime.datetime | None = None) -> int:
    """Recomputes the average days from filing to the admission decision per régimen; returns
    how many rows it wrote."""
    ahora = ahora or timezone.now()
    escritas = 0
    for regimen in todos():
        if regimen.procedimiento != "conciliacion":
            continue
        fila = Actuacion.objects.filter(
            estado_desde=Estado.EN_ADMISION,
            en__gte=ahora - VENTANA,
            reclamo__regimen_codigo=regimen.codigo,
            reclamo__presentado_en__isnull=False,
        ).aggregate(
            demora=Avg(
                ExpressionWrapper(
                    F("en") - F("reclamo__presentado_en"), output_field=DurationField()
                )
            ),
            casos=Count("reclamo_id", distinct=True),
        )
        if not fila["casos"] or fila["demora"] is None:
            continue
        dias = round(fila["demora"].total_seconds() / 86400, 1)
        DemoraDeEtapa.objects.update_or_create(
            regimen_codigo=regimen.codigo,
            etapa="admision",
            defaults={"dias": dias, "casos": fila["casos"], "calculado_en": ahora},
        )
        cache.delete(DemoraDeEtapa.clave_cache(regimen.codigo))
        escritas += 1
    return escritas
