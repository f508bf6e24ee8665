"""Reads shaped for pages and API, scoped to who asks (reclamos.permisos)."""

import re

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    BooleanField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from normativa.regimenes import Papel, codigos_de
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.models import (
    Actuacion,
    Acumulacion,
    MiembroAcumulacion,
    Pausa,
    Reclamo,
    ReclamoProveedor,
)
from reclamos.permisos import reclamos_visibles

# What waits for the consumer's action (seed 000, "Reclamos con acción pendiente").
ACCION_PENDIENTE = {
    Estado.BORRADOR: "Terminá de cargar y presentá el reclamo",
    Estado.REQUERIMIENTO: "Respondé el requerimiento de documentación",
    Estado.ESPERA_TURNO: "Elegí un turno para la audiencia",
    Estado.ESPERA_DOC_AUTONOMO: "Subí el documento de designación e informá al conciliador",
    Estado.INADMITIDO: "Podés recurrir la no admisión",
    Estado.ADMITIDO: "Elegí un conciliador del listado",
    Estado.PROPUESTA_PROVEEDOR: "Responda la propuesta del proveedor",  # Peru (usted)
}


def _con_proveedores(qs: QuerySet) -> QuerySet:
    return qs.prefetch_related(
        Prefetch("proveedores", queryset=ReclamoProveedor.objects.order_by("pk"))
    )


# Lists newest first, walked by the index reclamo_presentado_desc (or its régimen variant).
ORDEN_RECIENTES = ("-presentado_en", "-pk")


def lista_reclamos(
    usuario, *, clave=None, estado=None, desde=None, hasta=None, proveedor=None
) -> QuerySet[Reclamo]:
    """Filed claims `usuario` sees, newest first. `proveedor` (a CUIT/RUC) is an EXISTS, so a
    claim against two providers is listed once."""
    qs = reclamos_visibles(usuario, clave).filter(presentado_en__isnull=False)
    if estado:
        qs = qs.filter(estado=estado)
    if desde:
        qs = qs.filter(presentado_en__date__gte=desde)
    if hasta:
        qs = qs.filter(presentado_en__date__lte=hasta)
    if proveedor:
        qs = qs.filter(
            Exists(ReclamoProveedor.objects.filter(reclamo=OuterRef("pk"), identificador=proveedor))
        )
    return _con_proveedores(qs.order_by(*ORDEN_RECIENTES))


ORDEN_MIS_RECLAMOS = ("-creado_en", "-pk")


def mis_reclamos(consumidor) -> QuerySet[Reclamo]:
    """Index reclamo_consumidor_fecha serves filter and order."""
    return _con_proveedores(
        Reclamo.objects.filter(consumidor=consumidor).order_by(*ORDEN_MIS_RECLAMOS)
    )


def con_accion_pendiente(consumidor) -> QuerySet[Reclamo]:
    pendientes = Reclamo.objects.filter(consumidor=consumidor, estado__in=ACCION_PENDIENTE)
    # Method c: ADMITIDO needs the consumer's choice; in method a it moves on to ESPERA_TURNO.
    pendientes = pendientes.exclude(Q(estado=Estado.ADMITIDO) & ~Q(metodo_designacion="c"))
    return _con_proveedores(pendientes.order_by("creado_en", "pk"))


def es_accion_pendiente(reclamo: Reclamo) -> bool:
    """con_accion_pendiente's filter for one claim already read."""
    if reclamo.estado not in ACCION_PENDIENTE:
        return False
    return reclamo.estado != Estado.ADMITIDO or reclamo.metodo_designacion == "c"


def pendientes_de(consumidor, pagina, *, tope: int) -> list[Reclamo]:
    """The consumer's claims with an act pending, first created first, at most `tope`.
    `pagina` is their "Mis reclamos" page: when it is the first and holds all their claims
    (most consumers have one or two), the claims are picked from it instead of read again
    (two queries fewer on the page most visited; issue 13's throughput)."""
    if pagina.es_primera and pagina.siguiente is None:
        propios = [r for r in pagina.filas if r.consumidor_id == consumidor.pk]
        pendientes = sorted(
            (r for r in propios if es_accion_pendiente(r)), key=lambda r: (r.creado_en, r.pk)
        )
        return pendientes[:tope]
    return list(con_accion_pendiente(consumidor)[:tope])


# The queue's order: the claim filed first is the one whose admission decision is due first
# (COPREC tells consumers admission takes up to 15 days from filing), so "por vencimiento" is
# filing date ascending; "recientes" reverses it. Both walk the partial index
# reclamo_cola_admision.
ORDENES_COLA = {"vencimiento": ("presentado_en", "pk"), "recientes": ("-presentado_en", "-pk")}
EN_COLA = [Estado.EN_ADMISION, Estado.RECURSO_EN_TRAMITE, Estado.REQUERIMIENTO]


def buscar_reclamos(qs: QuerySet, buscar: str) -> QuerySet:
    """The staff queues' search (admission, homologation): see _buscar_en_cola."""
    return _buscar_en_cola(qs, buscar.strip()) if buscar.strip() else qs


def _buscar_en_cola(qs: QuerySet, buscar: str) -> QuerySet:
    """Number, the consumer's DNI or surname (prefix), a provider's CUIT/RUC (dashes or not)
    or name (prefix). Only over the queue's rows, which its partial index bounds."""
    digitos = re.sub(r"\D", "", buscar)
    de_proveedor = Q(razon_social__istartswith=buscar)
    if digitos:
        de_proveedor |= Q(identificador=digitos)
    filtro = (
        Q(numero__iexact=buscar)
        | Q(consumidor_apellido__istartswith=buscar)
        | Exists(ReclamoProveedor.objects.filter(de_proveedor, reclamo=OuterRef("pk")))
    )
    if digitos:
        filtro |= Q(consumidor_dni=digitos)
    return qs.filter(filtro)


def cola_admision(
    usuario,
    *,
    buscar: str = "",
    estado: str = "",
    revision_tope: bool = False,
    orden: str = "vencimiento",
) -> QuerySet[Reclamo]:
    """The claims to decide and the appeals, besides the requirements whose AR-01 expired
    unanswered (flagged `requerimiento_vencido`: staff confirm the non-admission, Q18) and the
    claims suspended for an over-cap review (flagged `revision_tope`: staff decide whether the
    procedure continues, art. 2). `revision_tope=True` keeps only the latter. Ordered by
    ORDENES_COLA[orden]; paginate it with conciliacion.paginacion.paginar.

    Shape for the planner: the states are one IN over the partial index reclamo_cola_admision;
    the few over-cap claims (other states) come as a list of ids read first (one query over
    the partial index pausa_tope_abierta), so no OR with a subquery defeats the index."""
    vencido = Plazo.objects.filter(
        content_type=ContentType.objects.get_for_model(Reclamo),
        object_id=OuterRef("pk"),
        tipo__in=codigos_de(Papel.ACREDITACION),
        estado=Plazo.Estado.VENCIDO,
    )
    # The open suspension record of Decision 9 (reclamos.services.admision.suspender_por_tope).
    abiertas = Pausa.objects.filter(tipo=Pausa.Tipo.LIMITE_EN_REVISION, hasta__isnull=True)
    en_revision = abiertas.filter(reclamo=OuterRef("pk"))
    qs = reclamos_visibles(usuario)
    if revision_tope:
        qs = qs.filter(pk__in=list(abiertas.values_list("reclamo_id", flat=True)))
    elif estado:
        qs = qs.filter(estado=estado)
    else:
        en_cola = Q(estado__in=EN_COLA) & (~Q(estado=Estado.REQUERIMIENTO) | Exists(vencido))
        ids_tope = list(abiertas.values_list("reclamo_id", flat=True))
        qs = qs.filter(en_cola | Q(pk__in=ids_tope) if ids_tope else en_cola)
    qs = qs.annotate(
        requerimiento_vencido=ExpressionWrapper(
            Q(estado=Estado.REQUERIMIENTO) & Exists(vencido), output_field=BooleanField()
        ),
        revision_tope=Exists(en_revision),
    )
    if buscar:
        qs = _buscar_en_cola(qs, buscar)
    return _con_proveedores(qs.order_by(*ORDENES_COLA.get(orden, ORDENES_COLA["vencimiento"])))


ESPERA_CACHE_SEGUNDOS = 600


def espera_promedio_admision(dias: int = 90) -> float | None:
    """The agency's real figure: mean days from filing to the admission decision, one
    aggregate in SQL over the index actuacion_codigo_en (never rows loaded into Python).

    The window holds every decision of the last `dias` days, so the aggregate grows with the
    caseload (90,000 decisions at 1,000,000 claims): it is kept in the cache for 10 minutes and
    the queue's requests read it from there (decision 0033)."""
    from django.core.cache import cache

    clave = f"reclamos:espera_admision:{dias}"
    guardado = cache.get(clave)
    if guardado is not None:
        return guardado[0]
    valor = _espera_promedio_admision(dias)
    if valor is not None:
        # No decision in the window is cheap to find out again (an empty index range), and the
        # queue must show the figure as soon as the first decision is made.
        cache.set(clave, (valor,), ESPERA_CACHE_SEGUNDOS)
    return valor


def _espera_promedio_admision(dias: int) -> float | None:
    desde = timezone.now() - timezone.timedelta(days=dias)
    promedio = Actuacion.objects.filter(
        codigo__in=["reclamo.admitido", "reclamo.inadmitido"],
        en__gte=desde,
        reclamo__presentado_en__isnull=False,
    ).aggregate(
        promedio=Avg(
            ExpressionWrapper(F("en") - F("reclamo__presentado_en"), output_field=DurationField())
        )
    )["promedio"]
    return None if promedio is None else round(promedio.total_seconds() / 86400, 1)


def linea_de_tiempo(reclamo: Reclamo, *, para_partes: bool, desde=None) -> QuerySet[Actuacion]:
    """The expediente; `para_partes` hides the internal entries; `desde` (a provider's service,
    Decision 0015) hides what happened before: admission, requirements, appeals."""
    qs = reclamo.actuaciones.select_related("por")
    if para_partes:
        qs = qs.filter(visible_para_partes=True)
    if desde is not None:
        qs = qs.filter(en__gte=desde)
    return qs.order_by("en", "pk")


def conteo_por_estado(usuario) -> dict[str, int]:
    filas = reclamos_visibles(usuario).values("estado").annotate(n=Count("pk"))
    return {f["estado"]: f["n"] for f in filas}


def acumulacion_vigente(reclamo: Reclamo) -> tuple[Acumulacion, list[Reclamo]] | None:
    """The joint procedure the claim is in now, with the other claims still in it."""
    miembro = (
        MiembroAcumulacion.objects.filter(reclamo=reclamo, hasta__isnull=True)
        .select_related("acumulacion")
        .first()
    )
    if miembro is None:
        return None
    otros = (
        Reclamo.objects.filter(
            membresias_acum__acumulacion=miembro.acumulacion_id,
            membresias_acum__hasta__isnull=True,
        )
        .exclude(pk=reclamo.pk)
        .order_by("presentado_en", "pk")
    )
    return miembro.acumulacion, list(otros)
