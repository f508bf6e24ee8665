"""Reads shaped for pages and API, scoped to who asks (reclamos.permisos)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

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


def lista_reclamos(
    usuario, *, clave=None, estado=None, desde=None, hasta=None, proveedor=None
) -> QuerySet[Reclamo]:
    qs = reclamos_visibles(usuario, clave)
    if estado:
        qs = qs.filter(estado=estado)
    if desde:
        qs = qs.filter(presentado_en__date__gte=desde)
    if hasta:
        qs = qs.filter(presentado_en__date__lte=hasta)
    if proveedor:
        qs = qs.filter(proveedores__identificador=proveedor)
    return _con_proveedores(qs.order_by("-presentado_en", "-pk"))


def mis_reclamos(consumidor) -> QuerySet[Reclamo]:
    return _con_proveedores(
        Reclamo.objects.filter(consumidor=consumidor).order_by("-creado_en", "-pk")
    )


def con_accion_pendiente(consumidor) -> QuerySet[Reclamo]:
    pendientes = Reclamo.objects.filter(consumidor=consumidor, estado__in=ACCION_PENDIENTE)
    # Method c: ADMITIDO needs the consumer's choice; in method a it moves on to ESPERA_TURNO.
    pendientes = pendientes.exclude(Q(estado=Estado.ADMITIDO) & ~Q(metodo_designacion="c"))
    return _con_proveedores(pendientes.order_by("creado_en", "pk"))


def cola_admision(
    usuario, *, buscar: str = "", estado: str = "", revision_tope: bool = False
) -> QuerySet[Reclamo]:
    """Oldest first; `buscar` matches number, consumer, DNI, CUIT or provider name. Besides the
    claims to decide and the appeals, the queue shows the requirements whose AR-01 expired
    unanswered (flagged `requerimiento_vencido`: staff confirm the non-admission, Q18) and the
    claims suspended for an over-cap review (flagged `revision_tope`: staff decide whether the
    procedure continues, art. 2). `revision_tope=True` keeps only the latter."""
    vencido = Plazo.objects.filter(
        content_type=ContentType.objects.get_for_model(Reclamo),
        object_id=OuterRef("pk"),
        tipo="AR-01",
        estado=Plazo.Estado.VENCIDO,
    )
    # The open suspension record of Decision 9 (reclamos.services.admision.suspender_por_tope).
    en_revision = Pausa.objects.filter(
        reclamo=OuterRef("pk"), tipo=Pausa.Tipo.LIMITE_EN_REVISION, hasta__isnull=True
    )
    qs = reclamos_visibles(usuario).annotate(
        requerimiento_vencido=ExpressionWrapper(
            Q(estado=Estado.REQUERIMIENTO) & Exists(vencido), output_field=BooleanField()
        ),
        revision_tope=Exists(en_revision),
    )
    if revision_tope:
        qs = qs.filter(revision_tope=True)
    if estado:
        qs = qs.filter(estado=estado)
    elif not revision_tope:
        qs = qs.filter(
            Q(estado__in=[Estado.EN_ADMISION, Estado.RECURSO_EN_TRAMITE])
            | Q(requerimiento_vencido=True)
            | Q(revision_tope=True)
        )
    if buscar:
        qs = qs.filter(
            Q(numero__icontains=buscar)
            | Q(consumidor_apellido__icontains=buscar)
            | Q(consumidor_dni=buscar)
            | Q(proveedores__identificador=buscar)
            | Q(proveedores__razon_social__icontains=buscar)
        ).distinct()
    return _con_proveedores(qs.order_by("presentado_en", "pk"))


def espera_promedio_admision(dias: int = 90) -> float | None:
    """The agency's real figure: mean days from filing to the admission decision."""
    desde = timezone.now() - timezone.timedelta(days=dias)
    decisiones = (
        Actuacion.objects.filter(
            codigo__in=["reclamo.admitido", "reclamo.inadmitido"], en__gte=desde
        )
        .select_related("reclamo")
        .only("en", "reclamo__presentado_en")
    )
    esperas = [
        (a.en - a.reclamo.presentado_en).total_seconds() / 86400
        for a in decisiones
        if a.reclamo.presentado_en
    ]
    return round(sum(esperas) / len(esperas), 1) if esperas else None


def linea_de_tiempo(reclamo: Reclamo, *, para_partes: bool) -> QuerySet[Actuacion]:
    qs = reclamo.actuaciones.select_related("por")
    if para_partes:
        qs = qs.filter(visible_para_partes=True)
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
