"""The deadline warning: "plazo.por_vencer" N business days before a term the provider must
meet (N per endpoint, `dias_aviso`). Beat runs it hourly; each (plazo, N, organisation) is
emitted once (Evento.clave_unica), so a second run or a second worker does nothing.

Apps that own such terms register who must meet them:
`registrar_plazo_del_proveedor(codigo, funcion)` with `funcion(plazo) -> [(organizacion,
recurso, pk)]` (the resource the event carries, e.g. ("reclamo", 12))."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone

from normativa.calendarios import calendario
from plazos.models import Plazo
from webhooks.eventos import emitir
from webhooks.models import Endpoint, Evento

_DEL_PROVEEDOR: dict[str, Callable] = {}


def registrar_plazo_del_proveedor(tipo: str, funcion: Callable) -> None:
    _DEL_PROVEEDOR[tipo] = funcion


def _enesimo_habil(cal, hoy: datetime.date, n: int) -> datetime.date:
    dia = hoy
    for _ in range(n):
        dia = cal.habil_siguiente(dia)
    return dia


def avisar_plazos_por_vencer(*, ahora: datetime.datetime | None = None) -> int:
    ahora = ahora or timezone.now()
    if not _DEL_PROVEEDOR:
        return 0
    dias = _dias_suscriptos()
    if not dias:
        return 0
    # One bounded window over the index plazo_corriendo_vence: running terms due between now and
    # (generously) twice the largest N in calendar days plus a week of holidays.
    tope = ahora + datetime.timedelta(days=2 * max(dias) + 7)
    filas = Plazo.objects.filter(
        estado=Plazo.Estado.CORRIENDO,
        vence_en__gte=ahora,
        vence_en__lte=tope,
        tipo__in=list(_DEL_PROVEEDOR),
    ).select_related("content_type")
    emitidos = 0
    calendarios: dict[str, object] = {}
    for plazo in filas.iterator(chunk_size=500):
        cal = calendarios.setdefault(plazo.calendario, calendario(plazo.calendario))
        hoy = ahora.astimezone(cal.zona).date()
        restantes = cal.habiles_entre(hoy, plazo.vence)
        for n in sorted(dias):
            if plazo.vence > _enesimo_habil(cal, hoy, n):
                continue
            for organizacion, recurso, pk in _DEL_PROVEEDOR[plazo.tipo](plazo):
                emitidos += _emitir_una_vez(plazo, n, restantes, organizacion, recurso, pk)
    return emitidos


def _dias_suscriptos() -> set[int]:
    return {
        e.dias_aviso
        for e in Endpoint.objects.filter(estado=Endpoint.Estado.ACTIVO).only("dias_aviso", "tipos")
        if "plazo.por_vencer" in e.tipos
    }


def _emitir_una_vez(plazo, n, restantes, organizacion, recurso, pk) -> int:
    clave = f"plazo:{plazo.pk}:{n}:{organizacion.pk}"
    if Evento.objects.filter(clave_unica=clave).exists():
        return 0
    try:
        # Its own transaction: a concurrent run that wrote the same key first rolls it back.
        with transaction.atomic():
            evento = emitir(
                "plazo.por_vencer",
                organizacion=organizacion,
                recurso=recurso,
                pk=pk,
                extra={
                    "plazo": {
                        "tipo": plazo.tipo,
                        "regimen": plazo.regimen,
                        "vence": plazo.vence.isoformat(),
                        "vence_en": plazo.vence_en.isoformat(),
                        "dias_habiles_restantes": restantes,
                        "aviso_dias_habiles": n,
                    }
                },
                clave_unica=clave,
                filtro={"dias_aviso": n},
            )
    except IntegrityError:  # another run emitted it first
        return 0
    return 1 if evento else 0
