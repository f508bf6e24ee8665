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
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
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


def _hechos(desde: datetime.datetime, hasta: datetime.datetime):
    """One row per claim filed in [desde, hasta) with what happened to it (one query)."""
    actos = Actuacion.objects.filter(reclamo=OuterRef("pk"))
    celebradas = Audiencia.objects.filter(reclamo=OuterRef("pk"), estado=Audiencia.Estado.CELEBRADA)
    return (
        Reclamo.objects.filter(presentado_en__gte=desde, presentado_en__lt=hasta)
        .exclude(estado=Estado.BORRADOR)
        .annotate(
            admitido=Exists(actos.filter(estado_hacia__in=d.ADMITIDO)),
            acuerdo=Exists(actos.filter(estado_hacia__in=d.CON_ACUERDO)),
            sin_acuerdo=Exists(actos.filter(estado_hacia__in=d.SIN_ACUERDO)),
            cumplido=Exists(actos.filter(estado_hacia__in=d.CUMPLIDO)),
            incumplido=Exists(actos.filter(estado_hacia__in=d.INCUMPLIDO)),
            cierre=Subquery(
                actos.filter(estado_hacia__in=d.CIERRE).order_by("en").values("en")[:1]
            ),
            n_audiencias=Subquery(
                celebradas.order_by().values("reclamo").annotate(n=Count("pk")).values("n")[:1]
            ),
            primera=Subquery(celebradas.order_by("inicio").values("inicio")[:1]),
            incomparecencia=Exists(
                celebradas.filter(resultado=Audiencia.Resultado.INCOMPARECENCIA_PROVEEDOR)
            ),
        )
        .values_list(
            "pk",
            "regimen_codigo",
            "oficina_id",
            "presentado_en",
            "admitido",
            "acuerdo",
            "sin_acuerdo",
            "cumplido",
            "incumplido",
            "cierre",
            "n_audiencias",
            "primera",
            "incomparecencia",
        )
        .order_by()
    )


def _proveedores(desde, hasta) -> dict[int, list[tuple[str, str, str]]]:
    """The providers of the claims filed in [desde, hasta) (one query)."""
    por_reclamo: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    filas = (
        ReclamoProveedor.objects.filter(
            reclamo__presentado_en__gte=desde, reclamo__presentado_en__lt=hasta
        )
        .order_by("reclamo_id", "pk")
        .values_list("reclamo_id", "tipo_identificador", "identificador", "razon_social")
    )
    for reclamo_id, tipo, ident, nombre in filas.iterator(chunk_size=5000):
        por_reclamo[reclamo_id].append((tipo, ident, nombre))
    return por_reclamo


def _inicio_semana(dia: datetime.date) -> datetime.date:
    return dia - datetime.timedelta(days=dia.weekday())


def _fin_de_mes(mes: datetime.date) -> datetime.date:
    return (mes.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def recalcular_mes(mes: datetime.date, sectores: dict[tuple[str, str], str]) -> int:
    """Recomputes the month `mes` (first day) and every ISO week that touches it; returns the
    number of rows written."""
    zona_portal = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    inicio = datetime.datetime.combine(mes, datetime.time(), zona_portal)
    fin = datetime.datetime.combine(_fin_de_mes(mes), datetime.time(), zona_portal)
    desde, hasta = inicio - MARGEN, fin + MARGEN
    semanas = set()
    dia = _inicio_semana(mes)
    while dia < _fin_de_mes(mes):
        semanas.add(dia)
        dia += datetime.timedelta(days=7)
    claves = {(Periodo.MES.value, mes)} | {(Periodo.SEMANA.value, s) for s in semanas}

    proveedores = _proveedores(desde, hasta)
    acumulados: dict[tuple, _Acumulado] = defaultdict(_Acumulado)
    zonas: dict = {}
    for fila in _hechos(desde, hasta).iterator(chunk_size=5000):
        (pk, regimen, oficina, presentado, admitido, acuerdo, sin_acuerdo, cumplido, incumplido,
         cierre, n_aud, primera, incomparecencia) = fila  # fmt: skip
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
        provs = proveedores.get(pk, [])
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
    for periodo, inicio_p in claves:
        Cifra.objects.filter(periodo=periodo, desde=inicio_p).delete()
    Cifra.objects.bulk_create(filas, batch_size=2000)
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
