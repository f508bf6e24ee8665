"""Reads of the mediation procedure, shaped for its pages and scoped to who asks
(reclamos.permisos)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from normativa.regimenes import Papel, codigos_de, todos
from plazos.models import Plazo
from reclamos.estados import Estado, tabla
from reclamos.models import (
    AdhesionMediacion,
    LecturaMensaje,
    MensajeMediacion,
    Reclamo,
    ReclamoProveedor,
)
from reclamos.permisos import reclamos_visibles


def codigos_de_mediacion() -> list[str]:
    return [r.codigo for r in todos() if r.procedimiento == "mediacion"]


def estados_de_mediacion() -> list[tuple[str, str]]:
    """(value, label) of the states the mediation tables reach, in the order of Estado."""
    alcanzados = {
        fila.hacia for codigo in codigos_de_mediacion() for fila in tabla(codigo).values()
    }
    return [(valor, nombre) for valor, nombre in Estado.choices if valor in alcanzados]


def hilo(reclamo: Reclamo) -> QuerySet[MensajeMediacion]:
    """The thread, oldest first, with authors, attachments and read receipts in 3 queries."""
    return (
        MensajeMediacion.objects.filter(reclamo=reclamo)
        .select_related("reclamo", "autor", "adjunto", "organizacion")
        .prefetch_related(
            Prefetch(
                "lecturas",
                queryset=LecturaMensaje.objects.select_related("usuario").order_by("leido_en"),
            )
        )
        .order_by("creado_en", "pk")
    )


def _sin_leer(usuario):
    mensajes = (
        MensajeMediacion.objects.filter(reclamo=OuterRef("pk"))
        .exclude(autor=usuario)
        .exclude(lecturas__usuario=usuario)
        .order_by()
        .values("reclamo")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(mensajes, output_field=IntegerField()), 0)


def bandeja(usuario, *, estado: str = "", solo_mios: bool = False) -> QuerySet[Reclamo]:
    """The official's queue: the régimen's claims, oldest first, with the provider, the
    official in charge and the number of unread messages."""
    qs = reclamos_visibles(usuario).filter(regimen_codigo__in=codigos_de_mediacion())
    qs = qs.exclude(estado="BORRADOR")
    if estado:
        qs = qs.filter(estado=estado)
    if solo_mios:
        qs = qs.filter(mediacion__funcionario=usuario)
    return (
        qs.select_related("mediacion__funcionario")
        .prefetch_related(Prefetch("proveedores", queryset=ReclamoProveedor.objects.order_by("pk")))
        .annotate(sin_leer=_sin_leer(usuario))
        .order_by("presentado_en", "pk")
    )


# The state in which each agency timer waits: an expired timer still flags the claim while it
# stays there (the sweeper only records the expiry; Q16 makes it an alert, not a consequence).
ESPERA = {
    **dict.fromkeys(codigos_de(Papel.REGISTRO), Estado.SOLICITADO),
    **dict.fromkeys(codigos_de(Papel.RESPUESTA_MEDIACION), Estado.EN_MEDIACION),
}


def plazos_abiertos(reclamos) -> dict[int, list[Plazo]]:
    """Running agency timers of many claims, and the expired ones the claim is still waiting
    on, in one query: {claim id: [plazo, ...]}."""
    estados = {r.pk: r.estado for r in reclamos}
    por_reclamo: dict[int, list[Plazo]] = {i: [] for i in estados}
    filas = Plazo.objects.filter(
        content_type=ContentType.objects.get_for_model(Reclamo),
        object_id__in=list(estados),
        estado__in=[*Plazo.ABIERTOS, Plazo.Estado.VENCIDO],
    ).order_by("abierto_en", "pk")
    ultimos = {(plazo.object_id, plazo.tipo): plazo for plazo in filas}  # the latest of each kind
    for (reclamo_id, tipo), plazo in sorted(ultimos.items(), key=lambda par: par[1].vence_en):
        if plazo.abierto or ESPERA.get(tipo) == estados[reclamo_id]:
            por_reclamo[reclamo_id].append(plazo)
    return por_reclamo


def identidades_pendientes() -> QuerySet[AdhesionMediacion]:
    return (
        AdhesionMediacion.objects.filter(
            tipo=AdhesionMediacion.Tipo.NATURAL, estado=AdhesionMediacion.Estado.PENDIENTE
        )
        .select_related("usuario")
        .order_by("solicitada_en", "pk")
    )


def empresas_pendientes():
    """Organisation ids whose registration waits for review (cuentas' review queue)."""
    return AdhesionMediacion.objects.filter(
        tipo=AdhesionMediacion.Tipo.JURIDICA, estado=AdhesionMediacion.Estado.PENDIENTE
    ).values("organizacion_id")
