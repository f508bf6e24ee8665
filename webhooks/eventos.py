"""The event catalogue, the representation registry and emitir(), the one way to emit.

webhooks sits below reclamos, audiencias, libro… in the import order, so those apps call
emitir() inside their own transaction, and register (from their ganchos) how their resources
are represented for an organisation: `registrar_representacion("reclamo", funcion)` where
`funcion(pk, organizacion) -> dict | None` reuses the app's API serializer and visibility rule
and answers None when the organisation may not see the resource (then nothing is emitted)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from webhooks.models import Endpoint, Entrega, Evento

TIPOS = {
    "reclamo.citado": _("Reclamo notificado al proveedor (cédula o traslado)"),
    "audiencia.fijada": _("Audiencia fijada"),
    "audiencia.reprogramada": _("Audiencia reprogramada"),
    "audiencia.cancelada": _("Audiencia cancelada"),
    "acta.emitida": _("Acta emitida"),
    "acuerdo.homologado": _("Acuerdo homologado"),
    "cumplimiento.informado": _("Cumplimiento informado"),
    "plazo.por_vencer": _("Plazo del proveedor por vencer"),
    "hoja.recibida": _("Hoja del Libro de Reclamaciones recibida"),
}
PRUEBA = "webhook.prueba"

Representacion = Callable[[int, object], dict | None]
_REPRESENTACIONES: dict[str, Representacion] = {}


def registrar_representacion(recurso: str, funcion: Representacion) -> None:
    _REPRESENTACIONES[recurso] = funcion


def representar(recurso: str, pk: int, organizacion) -> dict | None:
    funcion = _REPRESENTACIONES.get(recurso)
    return funcion(pk, organizacion) if funcion else None


def emitir(
    tipo: str,
    *,
    organizacion,
    recurso: str,
    pk: int,
    extra: dict | None = None,
    clave_unica: str | None = None,
    filtro: dict | None = None,
) -> Evento | None:
    """Writes the event for `organizacion` and one delivery per endpoint subscribed to `tipo`,
    in the caller's transaction; publishes the sends after commit. Nothing when no endpoint
    listens (no row at all) or when the organisation may not see the resource."""
    if tipo not in TIPOS:
        raise ValueError(f"tipo de evento desconocido: {tipo}")
    endpoints = _suscriptos(
        tipo, Endpoint.objects.filter(organizacion=organizacion, **(filtro or {}))
    )
    if not endpoints:
        return None
    return _emitir(tipo, organizacion, endpoints, recurso, pk, extra, clave_unica)


def _suscriptos(tipo: str, qs) -> list[Endpoint]:
    return [e for e in qs.exclude(estado=Endpoint.Estado.DESACTIVADO) if tipo in e.tipos]


def emitir_a(tipo: str, organizaciones, *, recurso: str, pk: int, extra: dict | None = None) -> int:
    """emitir() to each of `organizaciones` (a queryset) with one query for their endpoints:
    an act whose organisations have no webhook costs that single query."""
    if tipo not in TIPOS:
        raise ValueError(f"tipo de evento desconocido: {tipo}")
    por_org: dict[int, list[Endpoint]] = {}
    for e in _suscriptos(
        tipo,
        Endpoint.objects.filter(organizacion__in=organizaciones).select_related("organizacion"),
    ):
        por_org.setdefault(e.organizacion_id, []).append(e)
    emitidos = 0
    for endpoints in por_org.values():
        if _emitir(tipo, endpoints[0].organizacion, endpoints, recurso, pk, extra, None):
            emitidos += 1
    return emitidos


def _emitir(tipo, organizacion, endpoints, recurso, pk, extra, clave_unica) -> Evento | None:
    representacion = representar(recurso, pk, organizacion)
    if representacion is None:
        return None
    datos = {recurso: representacion, **(extra or {})}
    # The event and its deliveries together (the caller's transaction, or one of their own).
    with transaction.atomic(savepoint=False):
        evento = Evento.objects.create(
            tipo=tipo,
            organizacion=organizacion,
            clave_orden=f"{recurso}:{pk}",
            datos=datos,
            clave_unica=clave_unica,
        )
        entregas(evento, endpoints)
    return evento


def entregas(evento: Evento, endpoints) -> list[Entrega]:
    from conciliacion.trabajos import publicar
    from webhooks.tasks import entregar

    filas = Entrega.objects.bulk_create(
        [Entrega(endpoint=e, evento=evento, clave_orden=evento.clave_orden) for e in endpoints]
    )
    for fila in filas:
        publicar(entregar, fila.pk)
    return filas
