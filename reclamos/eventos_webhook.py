"""What reclamos gives the webhooks app (decision 0023): the claim's representation for an
organisation (the API's ReclamoSerializer, only when the claim was served on it, Decision 0015),
the events read off the expediente, and the provider's terms for the deadline warning.

webhooks is below reclamos in the import order: reclamos calls webhooks.eventos.emitir() in
the transaction of the act, and registers its representation from ganchos."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from cuentas.models import Organizacion
from normativa.regimenes import Papel, codigos_de
from reclamos.estados import Estado
from reclamos.models import Actuacion, Reclamo, ReclamoProveedor
from webhooks.eventos import emitir_a, registrar_representacion
from webhooks.models import Endpoint
from webhooks.plazos import registrar_plazo_del_proveedor

# Expediente entries → event types. Only entries the parties see (visible_para_partes).
POR_ACTUACION = {
    "audiencia.fijada": "audiencia.fijada",
    "audiencia.convocada": "audiencia.fijada",
    "audiencia.reprogramada": "audiencia.reprogramada",
    "audiencia.cancelada": "audiencia.cancelada",
    "homologacion.homologado": "acuerdo.homologado",
    "cumplimiento.comunicado": "cumplimiento.informado",
    "cumplimiento.cumplido": "cumplimiento.informado",
}

# Terms the provider must meet (normativa): the non-appearance's justification, compliance
# after the summons, the appeal against the fine, the provider's answer in mediation.
PLAZOS_DEL_PROVEEDOR = [
    codigo
    for papel in (
        Papel.JUSTIFICACION_PROVEEDOR,
        Papel.CUMPLIMIENTO_ACUERDO,
        Papel.RECURSO_MULTA,
        Papel.RESPUESTA_MEDIACION,
    )
    for codigo in codigos_de(papel)
]


def organizaciones_citadas(reclamo_pk: int):
    """Organisations the claim was served on (each sees it from then on)."""
    return Organizacion.objects.filter(
        pk__in=ReclamoProveedor.objects.filter(
            reclamo_id=reclamo_pk, organizacion__isnull=False, citado_en__isnull=False
        ).values("organizacion_id")
    )


def representar_reclamo(pk: int, organizacion) -> dict | None:
    """GET /api/v1/reclamos/{pk}/ as a key of `organizacion` would see it, or None if it may
    not see the claim (the same rule as reclamos.permisos.filtro_visibles for a provider)."""
    from reclamos.api import ReclamoSerializer

    reclamo = (
        Reclamo.objects.filter(
            Q(
                proveedores__organizacion=organizacion,
                proveedores__citado_en__isnull=False,
            ),
            pk=pk,
        )
        .exclude(estado=Estado.BORRADOR)
        .prefetch_related("proveedores")
        .first()
    )
    return ReclamoSerializer(reclamo).data if reclamo else None


def al_registrar_actuacion(actuacion: Actuacion) -> None:
    tipo = POR_ACTUACION.get(actuacion.codigo)
    if tipo is None or not actuacion.visible_para_partes:
        return
    from reclamos.api import ActuacionSerializer

    extra = {"actuacion": ActuacionSerializer(actuacion).data}
    emitir_a(
        tipo,
        organizaciones_citadas(actuacion.reclamo_id),
        recurso="reclamo",
        pk=actuacion.reclamo_id,
        extra=extra,
    )


def con_webhooks(filas):
    """ReclamoProveedor rows annotated with whether their organisation has a live webhook."""
    return filas.annotate(
        con_webhooks=Exists(
            Endpoint.objects.filter(organizacion=OuterRef("organizacion_id")).exclude(
                estado=Endpoint.Estado.DESACTIVADO
            )
        )
    )


def al_citar(filas: list[dict], *, en) -> None:
    """reclamo.citado for each provider row just served (dicts: reclamo_id, organizacion_id)."""
    for fila in filas:
        emitir_a(
            "reclamo.citado",
            Organizacion.objects.filter(pk=fila["organizacion_id"]),
            recurso="reclamo",
            pk=fila["reclamo_id"],
            extra={"citado_en": en},
        )


def al_emitir_documento(reclamo: Reclamo, documento, *, tipo_evento: str = "acta.emitida") -> None:
    extra = {
        "documento": {
            "tipo": documento.tipo,
            "numero": str(documento),
            "titulo": documento.titulo,
            "codigo_verificacion": documento.codigo,
            "emitido_en": documento.emitido_en,
        }
    }
    emitir_a(
        tipo_evento,
        organizaciones_citadas(reclamo.pk),
        recurso="reclamo",
        pk=reclamo.pk,
        extra=extra,
    )


def _proveedores_del_plazo(plazo) -> list:
    reclamo = plazo.sujeto
    if not isinstance(reclamo, Reclamo):
        return []
    return [(o, "reclamo", reclamo.pk) for o in organizaciones_citadas(reclamo.pk)]


registrar_representacion("reclamo", representar_reclamo)
for _codigo in PLAZOS_DEL_PROVEEDOR:
    registrar_plazo_del_proveedor(_codigo, _proveedores_del_plazo)
