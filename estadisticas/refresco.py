"""Refills the maintained aggregates (Cifra) from the claims, their expediente and hearings.

Run by the periodic task `estadisticas.refrescar_cifras`, never by a request; the same approach
as reclamos.services.demoras (DemoraDeEtapa), but incremental: only the months whose claims had
an expediente act since the last run (index `actuacion_en`) are recomputed, each with one query
over the claims filed in it (index `reclamo_presentado_desc`) and one over their providers.
Months are those of the portal's zone; each claim is bucketed in its régimen's zone, and the
range read is widened by 8 days on each side so that every ISO week touching the month and any
claim the zone shift moves are complete. Rows of a recomputed (period, start) are deleted and
written again in the same transaction, under a lock on the single EstadoDeCifras row, so two
runs at once never double a figure.
"""

from __future__ import annotations

import datetime
import statistics
import time
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from audiencias.models import Audiencia
from estadisticas import definiciones as d
from estadisticas.definiciones import Periodo, Sector
from estadisticas.models import Cifra, ClasificacionProveedor, EstadoDeCifras
from estadisticas.supresion import suprimir
from normativa.regimenes import obtener
from reclamos.estados import Estado
from reclamos.models import Actuacion, Reclamo, ReclamoProveedor

MARGEN = datetime.timedelta(days=8)
# Acts a little older than the watermark are read again (a transaction that started before the
# last run may commit after it).
SOLAPE = datetime.timedelta(minutes=10)


@dataclass
class _Acumulado:
    recibidos: int = 0
    admitidos: int = 0
    audiencias: int = 0
    con_audiencia: int = 0
    incomparecencias: int = 0
    concluidos: int = 0
    acuerdos: int = 0
    cumplimiento_resuelto: int = 0
    cumplidos: int = 0
    cerrados: int = 0
    dias_primera: list = field(default_factory=list)
    dias_cierre: list = field(default_factory=list)
    proveedor: str = ""

    def sumar(self, h: dict) -> None:
        self.recibidos += 1
        self.admitidos += h["admitido"]
        self.audiencias += h["audiencias"]
        self.con_audiencia += h["audiencias"] > 0
        self.incomparecencias += h["incomparecencia"]
        self.concluidos += h["acuerdo"] or h["sin_acuerdo"]
        self.acuerdos += h["acuerdo"]
        cumplido = h["cumplido"]
        self.cumplidos += cumplido
        self.cumplimiento_resuelto += cumplido or h["incumplido"]
        if h["dias_primera"] is not None:
            self.dias_primera.append(h["dias_primera"])
        if h["dias_cierre"] is not None:
            self.cerrados += 1
            self.dias_cierre.append(h["dias_cierre"])


def _mediana(valores: list[float]):
    return round(statistics.median(valores), 1) if valores else None


def _dias(desde: datetime.datetime, hasta: datetime.datetime | None) -> float | None:
    if hasta is None:
        return None
    return max(0.0, (hasta - desde).total_seconds() / 86400)


def _zona(regimen_codigo: str, cache: dict) -> zoneinfo.ZoneInfo:
    if regimen_codigo not in cache:
        try:
            cache[regimen_codigo] = zoneinfo.ZoneInfo(obtener(regimen_codigo).zona_horaria)
        except LookupError:
            cache[regimen_codigo] = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return cache[regimen_codigo]


def _filtro_de_rango(prefijo: str, desde, hasta) -> dict:
    filtro = {f"{prefijo}presentado_en__isnull": False}
    if desde is not None:
        filtro[f"{prefijo}presentado_en__gte"] = desde
    if hasta is not None:
        filtro[f"{prefijo}presentado_en__lt"] = hasta
    return filtro


def _por_reclamo(qs):
    """Streams (reclamo_id, row) of a query ordered by reclamo_id."""
    for fila in qs.iterator(chunk_size=20_000):
        yield fila[0], fila


def _hechos(desde: datetime.datetime | None, hasta: datetime.datetime | None):
    """One row per claim filed in [desde, hasta) (None: unbounded) with what happened to it.

    Set-based (decision 0033): three streams ordered by claim, each one aggregate over its
    table (the claims; their expediente acts grouped by claim; their held hearings grouped by
    claim), merged here. A correlated subquery per claim and figure (the earlier form) took
    minutes at 100,000 claims; one GROUP BY per table is a hash or index aggregate."""
    rango = _filtro_de_rango("reclamo__", desde, hasta)
    reclamos = (
        Reclamo.objects.filter(**_filtro_de_rango("", desde, hasta))
        .exclude(estado=Estado.BORRADOR)
        .order_by("pk")
        .values_list("pk", "regimen_codigo", "oficina_id", "presentado_en")
    )

    def alguno(estados):
        return Count("pk", filter=Q(estado_hacia__in=estados))

    actos = (
        Actuacion.objects.filter(**rango)
        .values("reclamo_id")
        .annotate(
            admitido=alguno(d.ADMITIDO),
            acuerdo=alguno(d.CON_ACUERDO),
            sin_acuerdo=alguno(d.SIN_ACUERDO),
            cumplido=alguno(d.CUMPLIDO),
            incumplido=alguno(d.INCUMPLIDO),
            cierre=Min("en", filter=Q(estado_hacia__in=d.CIERRE)),
        )
        .order_by("reclamo_id")
        .values_list(
            "reclamo_id", "admitido", "acuerdo", "sin_acuerdo", "cumplido", "incumplido", "cierre"
        )
    )
    audiencias = (
        Audiencia.objects.filter(estado=Audiencia.Estado.CELEBRADA, **rango)
        .values("reclamo_id")
        .annotate(
            n=Count("pk"),
            primera=Min("inicio"),
            incomparecencia=Count(
                "pk", filter=Q(resultado=Audiencia.Resultado.INCOMPARECENCIA_PROVEEDOR)
            ),
        )
        .order_by("reclamo_id")
        .values_list("reclamo_id", "n", "primera", "incomparecencia")
    )
    sin_actos = (None, 0, 0, 0, 0, 0, None)
    sin_audiencias = (None, None, None, 0)
    flujo_actos, flujo_aud = _por_reclamo(actos), _por_reclamo(audiencias)
    proximo_acto = next(flujo_actos, None)
    proxima_aud = next(flujo_aud, None)
    for pk, regimen, oficina, presentado in reclamos.iterator(chunk_size=20_000):
        while proximo_acto is not None and proximo_acto[0] < pk:
            proximo_acto = next(flujo_actos, None)
        while proxima_aud is not None and proxima_aud[0] < pk:
            proxima_aud = next(flujo_aud, None)
        a = proximo_acto[1] if proximo_acto is not None and proximo_acto[0] == pk else sin_actos
        h = proxima_aud[1] if proxima_aud is not None and proxima_aud[0] == pk else sin_audiencias
        yield (
            pk, regimen, oficina, presentado,
            a[1] > 0, a[2] > 0, a[3] > 0, a[4] > 0, a[5] > 0, a[6],
            h[1], h[2], (h[3] or 0) > 0,
        )  # fmt: skip


def _proveedores(desde, hasta):
    """Streams (reclamo_id, [(tipo, identificador, razon_social), ...]) of the claims filed in
    [desde, hasta), ordered by claim."""
    filas = (
        ReclamoProveedor.objects.filter(**_filtro_de_rango("reclamo__", desde, hasta))
        .order_by("reclamo_id", "pk")
        .values_list("reclamo_id", "tipo_identificador", "identificador", "razon_social")
    )
    actual, lista = None, []
    for reclamo_id, tipo, ident, nombre in filas.iterator(chunk_size=20_000):
        if reclamo_id != actual:
            if actual is not None:
                yield actual, lista
            actual, lista = reclamo_id, []
        lista.append((tipo, ident, nombre))
    if actual is not None:
        yield actual, lista


def _inicio_semana(dia: datetime.date) -> datetime.date:
    return dia - datetime.timedelta(days=dia.weekday())


def _fin_de_mes(mes: datetime.date) -> datetime.date:
    return (mes.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _claves_del_mes(mes: datetime.date) -> set[tuple[str, datetime.date]]:
    """The month and every ISO week that touches it."""
    semanas = set()
    dia = _inicio_semana(mes)
    while dia < _fin_de_mes(mes):
        semanas.add(dia)
        dia += datetime.timedelta(days=7)
    return {(Periodo.MES.value, mes)} | {(Periodo.SEMANA.value, s) for s in semanas}


def recalcular_mes(mes: datetime.date, sectores: dict[tuple[str, str], str]) -> int:
    """Recomputes the month `mes` (first day) and every ISO week that touches it; returns the
    number of rows written."""
    return recalcular_meses([mes], sectores)


def recalcular_meses(
    meses: list[datetime.date], sectores: dict[tuple[str, str], str], *, todos: bool = False
) -> int:
    """Recomputes the months `meses` (first days) and every ISO week that touches them in one
    pass over the claims filed between the first and the last (widened by MARGEN; `todos`:
    every claim, no range); returns the number of rows written."""
    if not meses:
        return 0
    zona_portal = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    claves: set[tuple[str, datetime.date]] = set()
    for mes in meses:
        claves |= _claves_del_mes(mes)
    if todos:
        desde = hasta = None
    else:
        inicio = datetime.datetime.combine(min(meses), datetime.time(), zona_portal)
        fin = datetime.datetime.combine(_fin_de_mes(max(meses)), datetime.time(), zona_portal)
        desde, hasta = inicio - MARGEN, fin + MARGEN

    acumulados = _acumular(desde, hasta, claves, sectores)
    return _escribir(acumulados, claves)


def _acumular(desde, hasta, claves: set, sectores: dict) -> dict[tuple, _Acumulado]:
    """Adds every claim filed in [desde, hasta) to the cuts of its month and week in `claves`."""
    proveedores = _proveedores(desde, hasta)
    siguiente_prov = next(proveedores, None)
    acumulados: dict[tuple, _Acumulado] = defaultdict(_Acumulado)
    zonas: dict = {}
    for fila in _hechos(desde, hasta):
        (pk, regimen, oficina, presentado, admitido, acuerdo, sin_acuerdo, cumplido, incumplido,
         cierre, n_aud, primera, incomparecencia) = fila  # fmt: skip
        while siguiente_prov is not None and siguiente_prov[0] < pk:
            siguiente_prov = next(proveedores, None)
        provs = siguiente_prov[1] if siguiente_prov is not None and siguiente_prov[0] == pk else []
        local = presentado.astimezone(_zona(regimen, zonas)).date()
        periodos = [
            (Periodo.MES.value, local.replace(day=1)),
            (Periodo.SEMANA.value, _inicio_semana(local)),
        ]
        hecho = {
            "admitido": admitido,
            "acuerdo": acuerdo,
            "sin_acuerdo": sin_acuerdo,
            "cumplido": cumplido,
            "incumplido": incumplido and not cumplido,
            "audiencias": n_aud or 0,
            "incomparecencia": incomparecencia,
            "dias_primera": _dias(presentado, primera),
            "dias_cierre": _dias(presentado, cierre),
        }
        for periodo in periodos:
            if periodo not in claves:
                continue
            acumulados[(*periodo, Cifra.Corte.REGIMEN, regimen, None, None)].sumar(hecho)
            acumulados[(*periodo, Cifra.Corte.OFICINA, regimen, oficina, None)].sumar(hecho)
            vistos_sector = set()
            for tipo, ident, nombre in provs:
                sector = sectores.get((tipo, ident), Sector.SIN_CLASIFICAR.value)
                clave = (*periodo, Cifra.Corte.PROVEEDOR, regimen, (tipo, ident), sector)
                acumulados[clave].sumar(hecho)
                acumulados[clave].proveedor = nombre
                if sector not in vistos_sector:  # a claim counts once per sector
                    vistos_sector.add(sector)
                    acumulados[(*periodo, Cifra.Corte.SECTOR, regimen, None, sector)].sumar(hecho)
    return acumulados


def _escribir(acumulados: dict[tuple, _Acumulado], claves: set) -> int:
    """Replaces the rows of the periods in `claves` by the accumulated ones."""
    filas = []
    for (periodo, inicio_p, corte, regimen, quien, sector), a in acumulados.items():
        filas.append(
            Cifra(
                corte=corte,
                periodo=periodo,
                desde=inicio_p,
                regimen_codigo=regimen,
                oficina_id=quien if corte == Cifra.Corte.OFICINA else None,
                tipo_identificador=quien[0] if corte == Cifra.Corte.PROVEEDOR else "",
                identificador=quien[1] if corte == Cifra.Corte.PROVEEDOR else "",
                proveedor=a.proveedor if corte == Cifra.Corte.PROVEEDOR else "",
                sector=sector or "",
                recibidos=a.recibidos,
                admitidos=a.admitidos,
                audiencias=a.audiencias,
                con_audiencia=a.con_audiencia,
                incomparecencias=a.incomparecencias,
                concluidos=a.concluidos,
                acuerdos=a.acuerdos,
                cumplimiento_resuelto=a.cumplimiento_resuelto,
                cumplidos=a.cumplidos,
                cerrados=a.cerrados,
                mediana_dias_primera_audiencia=_mediana(a.dias_primera),
                mediana_dias_cierre=_mediana(a.dias_cierre),
            )
        )
    # Within a period the rows go in most claims first: the lists walk them by id.
    filas.sort(
        key=lambda f: (
            f.corte,
            f.periodo,
            f.desde,
            f.regimen_codigo,
            -f.recibidos,
            f.proveedor,
            f.identificador,
            f.sector,
            f.oficina_id or 0,
        )
    )
    suprimir(filas, k=settings.DATOS_ABIERTOS_K)
    por_periodo: dict[str, list[datetime.date]] = defaultdict(list)
    for periodo, inicio_p in claves:
        por_periodo[periodo].append(inicio_p)
    for periodo, inicios in por_periodo.items():
        for i in range(0, len(inicios), 500):
            Cifra.objects.filter(periodo=periodo, desde__in=inicios[i : i + 500]).delete()
    Cifra.objects.bulk_create(filas, batch_size=5000)
    return len(filas)


def _meses_a_recalcular(marca: datetime.datetime | None) -> list[datetime.date]:
    if marca is None:
        qs = Reclamo.objects.exclude(presentado_en__isnull=True)
    else:
        # Claims with an act since the watermark, and claims filed since (a claim loaded
        # without an act still counts as received).
        reclamos = Actuacion.objects.filter(en__gte=marca - SOLAPE).values("reclamo_id")
        qs = Reclamo.objects.filter(
            Q(pk__in=reclamos) | Q(presentado_en__gte=marca - SOLAPE),
            presentado_en__isnull=False,
        )
    meses = (
        qs.annotate(mes=TruncMonth("presentado_en"))
        .order_by()
        .values_list("mes", flat=True)
        .distinct()
    )
    zona = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    resultado = set()
    for mes in meses:
        dia = mes.astimezone(zona).date() if isinstance(mes, datetime.datetime) else mes
        resultado.add(dia.replace(day=1))
    return sorted(resultado)


def operativas() -> dict:
    """Fines and fees outstanding per régimen and office (one aggregate each), kept with the
    figures so that the dashboard never sums these tables on a request."""
    from honorarios.models import Honorario, Multa

    multas = (
        Multa.objects.filter(
            estado__in=[Multa.Estado.CERTIFICADA, Multa.Estado.DEFINITIVA, Multa.Estado.APELADA]
        )
        .values("reclamo__regimen_codigo", "reclamo__oficina_id")
        .annotate(n=Count("pk"), total=Sum("monto"))
        .order_by()
    )
    honorarios = (
        Honorario.objects.filter(estado__in=[*Honorario.PENDIENTES, Honorario.Estado.EJECUTABLE])
        .values("reclamo__regimen_codigo", "reclamo__oficina_id")
        .annotate(n=Count("pk"), total=Sum("monto"))
        .order_by()
    )

    def filas(qs):
        return [
            {
                "regimen": f["reclamo__regimen_codigo"],
                "oficina": f["reclamo__oficina_id"],
                "cantidad": f["n"],
                "monto": str(f["total"] or 0),
            }
            for f in qs
        ]

    from estadisticas.operativas import conciliadores

    return {
        "multas": filas(multas),
        "honorarios": filas(honorarios),
        "conciliadores": conciliadores(),
    }


def refrescar(*, completo: bool = False, ahora: datetime.datetime | None = None) -> int:
    """Recomputes the months touched since the last run (all of them the first time or with
    `completo`); returns how many months it recomputed."""
    comienzo = time.monotonic()
    ahora = ahora or timezone.now()
    with transaction.atomic():
        EstadoDeCifras.objects.get_or_create(pk=1)
        estado = EstadoDeCifras.objects.select_for_update().get(pk=1)
        meses = _meses_a_recalcular(None if completo else estado.marca)
        sectores = {
            (c.tipo_identificador, c.identificador): c.sector
            for c in ClasificacionProveedor.objects.all()
        }
        if completo or estado.marca is None:
            # Every month in one pass over all claims (decision 0033).
            recalcular_meses(meses, sectores, todos=True)
        else:
            for mes in meses:
                recalcular_mes(mes, sectores)
        estado.marca = ahora
        estado.calculado_en = timezone.now()
        estado.periodos = len(meses)
        estado.k = settings.DATOS_ABIERTOS_K
        estado.operativas = operativas()
        estado.duracion_ms = int((time.monotonic() - comienzo) * 1000)
        estado.save()
    return len(meses)
