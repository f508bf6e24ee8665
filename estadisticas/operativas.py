"""The dashboard's operational figures.

Live, each one LIMITed and served by an existing index: queue sizes and the oldest claim of
each queue (`reclamo_cola_admision`, `(estado, presentado_en)`), and the deadlines expiring in
the next days by kind (`plazo_corriendo_vence`). Counts stop at TOPE (shown as «más de»).
From the last refresh (EstadoDeCifras.operativas): fines and fees outstanding, conciliators'
load and refusals — aggregates over tables that grow with the claims, so never on a request.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plazos.models import Plazo
from reclamos.estados import Estado as E
from reclamos.models import Reclamo

TOPE = 10_000

COLAS = [
    ("admision", _("Admisión"), (E.EN_ADMISION, E.RECURSO_EN_TRAMITE, E.REQUERIMIENTO)),
    ("registro", _("Registro (Perú)"), (E.SOLICITADO,)),
    ("homologacion", _("Homologación"), (E.EN_HOMOLOGACION, E.OBSERVADO)),
    ("incumplimiento", _("Incumplimiento"), (E.INCUMPLIMIENTO_DENUNCIADO, E.INTIMADO)),
]


CACHE_SEGUNDOS = 60


def en_cache(nombre: str, funcion, **filtros):
    """The live figures are read from up to TOPE + 1 index rows per queue and per kind of
    deadline (tens of thousands at 1,000,000 claims): the dashboard keeps them for a minute
    (decision 0033)."""
    from django.core.cache import cache

    clave = (
        "estadisticas:" + nombre + ":" + ":".join(f"{k}={v}" for k, v in sorted(filtros.items()))
    )
    valor = cache.get(clave)
    if valor is None:
        valor = funcion(**filtros)
        cache.set(clave, valor, CACHE_SEGUNDOS)
    return valor


def colas(*, regimen: str | None = None, oficina: int | None = None, ahora=None) -> list[dict]:
    """Size (up to TOPE) and the oldest filing of each queue (exact up to TOPE; beyond it, the
    oldest of the TOPE + 1 rows read): one LIMITed query per queue."""
    ahora = ahora or timezone.now()
    resultado = []
    for codigo, nombre, estados in COLAS:
        qs = Reclamo.objects.filter(estado__in=estados)
        if regimen:
            qs = qs.filter(regimen_codigo=regimen)
        if oficina:
            qs = qs.filter(oficina_id=oficina)
        # One query: count and oldest over at most TOPE + 1 rows read through the state's
        # index (ordering by date would let the planner walk a date index over every claim).
        fila = (
            qs.order_by()
            .values("pk", "presentado_en")[: TOPE + 1]
            .aggregate(n=Count("pk"), mas_antiguo=Min("presentado_en"))
        )
        cantidad, mas_antiguo = fila["n"], fila["mas_antiguo"]
        resultado.append(
            {
                "codigo": codigo,
                "nombre": str(nombre),
                "cantidad": min(cantidad, TOPE),
                "mas_de": cantidad > TOPE,
                "dias_mas_antiguo": (ahora - mas_antiguo).days if mas_antiguo else None,
            }
        )
    return resultado


def plazos_por_vencer(*, dias: int = 7, regimen: str | None = None, ahora=None) -> list[dict]:
    """Running deadlines expiring within `dias` days, by kind (at most TOPE of them read)."""
    ahora = ahora or timezone.now()
    qs = Plazo.objects.filter(
        estado=Plazo.Estado.CORRIENDO,
        vence_en__gte=ahora,
        vence_en__lt=ahora + datetime.timedelta(days=dias),
    )
    if regimen:
        qs = qs.filter(regimen__startswith=regimen)
    # The kinds of at most TOPE + 1 rows of the partial index's range, counted here.
    tipos = Counter(qs.order_by().values_list("tipo", flat=True)[: TOPE + 1])
    return [
        {"tipo": t, "cantidad": n} for t, n in sorted(tipos.items(), key=lambda x: (-x[1], x[0]))
    ]


def conciliadores(*, maximo: int = 20) -> dict:
    """For the refresh: each conciliator's open designations (top `maximo`) and refusals and
    excusations of the calendar year. Called by estadisticas.refresco, never by a request."""
    from conciliadores.models import Designacion, Excusacion, Rechazo

    anio = timezone.localdate().year
    carga = list(
        Designacion.objects.filter(activa=True)
        .values("conciliador_id", "conciliador__matricula")
        .annotate(n=Count("pk"))
        .order_by("-n", "conciliador__matricula")[:maximo]
    )
    rechazos = dict(
        Rechazo.objects.filter(anio=anio)
        .values_list("conciliador_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    excusaciones = dict(
        Excusacion.objects.filter(en__year=anio)
        .values_list("conciliador_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    ids = {c["conciliador_id"] for c in carga} | set(rechazos) | set(excusaciones)
    from conciliadores.models import Conciliador

    nombres = {
        c.pk: f"{c.nombre} (mat. {c.matricula})"
        for c in Conciliador.objects.filter(pk__in=ids).select_related("usuario")
    }
    cargas = {c["conciliador_id"]: c["n"] for c in carga}
    filas = [
        {
            "conciliador": nombres.get(pk, str(pk)),
            "designaciones_activas": cargas.get(pk, 0),
            "rechazos_del_anio": rechazos.get(pk, 0),
            "excusaciones_del_anio": excusaciones.get(pk, 0),
        }
        for pk in ids
    ]
    filas.sort(
        key=lambda f: (-f["designaciones_activas"], -f["rechazos_del_anio"], f["conciliador"])
    )
    return {"anio": anio, "filas": filas[:maximo]}
