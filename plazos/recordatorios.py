"""Reminders before a plazo falls due (issue: "a notice to the responsible party N business days
before the due date, per kind; default 2"). Beat runs it every hour; each plazo is reminded once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from normativa.calendarios import calendario
from normativa.regimenes import Calendario, Unidad, todos
from plazos.models import Plazo


def _grupos_de_recordatorio() -> dict[tuple[str, int], set[str]]:
    """(calendar, days before) → kinds of term with that reminder."""
    grupos: dict[tuple[str, int], set[str]] = defaultdict(set)
    for regimen in todos():
        for tp in regimen.plazos.values():
            if tp.unidad != Unidad.HORAS and tp.recordatorio_dias:
                grupos[(str(tp.calendario), tp.recordatorio_dias)].add(tp.codigo)
    return grupos


def _enesimo_habil(cal, hoy: datetime.date, n: int) -> datetime.date:
    dia = hoy
    for _ in range(n):
        dia = cal.habil_siguiente(dia)
    return dia


def recordar_plazos(*, ahora: datetime.datetime | None = None) -> int:
    """Reminds the responsible users of each running plazo that falls due within its kind's
    `recordatorio_dias` business days (default 2). Each plazo is reminded once."""
    ahora = ahora or timezone.now()
    enviados = 0
    calendarios = {c.value: calendario(c) for c in Calendario}
    for (codigo, dias), tipos in _grupos_de_recordatorio().items():
        cal = calendarios[codigo]
        hoy = ahora.astimezone(cal.zona).date()
        filas = Plazo.objects.filter(
            estado=Plazo.Estado.CORRIENDO,
            recordatorio_enviado=False,
            calendario=codigo,
            tipo__in=tipos,
            vence__gte=hoy,
            vence__lte=_enesimo_habil(cal, hoy, dias),
        ).select_related("content_type")
        for plazo in filas:
            enviados += _recordar(plazo, cal, hoy)
    return enviados


def _recordar(plazo: Plazo, cal, hoy: datetime.date) -> int:
    from plazos.avisos import avisar_vencimiento_proximo

    with transaction.atomic():
        tomado = Plazo.objects.filter(
            pk=plazo.pk, estado=Plazo.Estado.CORRIENDO, recordatorio_enviado=False
        ).update(recordatorio_enviado=True)
        if tomado != 1:
            return 0
        return avisar_vencimiento_proximo(plazo, dias=cal.habiles_entre(hoy, plazo.vence))
