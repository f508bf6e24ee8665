"""Acts of the provider's side on a claim."""

from django.db import transaction
from django.utils import timezone

from conciliacion.errores import AccesoDenegado, DatosInvalidos
from cuentas.permisos import representa_a
from reclamos import expediente
from reclamos.models import Reclamo, ReclamoProveedor


def proveedores_de(reclamo: Reclamo) -> list[ReclamoProveedor]:
    """The claim's providers with their organisation and representative: the list the act read
    once (prefetched as "proveedores" with both, audiencias.services.turnos) or a fresh read."""
    if "proveedores" in getattr(reclamo, "_prefetched_objects_cache", {}):
        return list(reclamo.proveedores.all())
    return list(reclamo.proveedores.select_related("organizacion", "representante"))


@transaction.atomic
def designar_representante(
    reclamo: Reclamo, *, por, proveedor: ReclamoProveedor, representante
) -> ReclamoProveedor:
    """A representative of the provider names who will represent it in this claim."""
    if proveedor.reclamo_id != reclamo.pk or proveedor.organizacion is None:
        raise DatosInvalidos("Ese proveedor no figura en el reclamo.")
    if not representa_a(por, proveedor.organizacion):
        raise AccesoDenegado("No representás a ese proveedor.")
    if not proveedor.organizacion.membresias.filter(usuario=representante, activa=True).exists():
        raise DatosInvalidos(
            "La persona elegida no representa al proveedor.",
            campos={"representante": ["No es representante."]},
        )
    ReclamoProveedor.objects.filter(pk=proveedor.pk).update(representante=representante)
    proveedor.representante = representante
    expediente.proveedor_representante(
        reclamo, por=por, proveedor=proveedor.razon_social, representante=str(representante)
    )
    return proveedor


def registrar_citacion(proveedores, *, en=None) -> None:
    """The claim was served on these providers (ReclamoProveedor rows or ids): from now on they
    see it (Decision 0015). Called inside the act that serves them (the hearing's cédulas,
    D202-I.10; the mediation's forwarding, S001); a later service keeps the first date."""
    from reclamos.eventos_webhook import al_citar, con_webhooks

    ids = [getattr(p, "pk", p) for p in proveedores]
    # One read: the rows not served yet, and whether their organisation has a webhook.
    nuevos = list(
        con_webhooks(ReclamoProveedor.objects.filter(pk__in=ids, citado_en__isnull=True)).values(
            "pk", "reclamo_id", "organizacion_id", "con_webhooks"
        )
    )
    if not nuevos:
        return
    en = en or timezone.now()
    ReclamoProveedor.objects.filter(
        pk__in=[n["pk"] for n in nuevos], citado_en__isnull=True
    ).update(citado_en=en)
    # "reclamo.citado" for the organisations just served (decision 0023).
    al_citar([n for n in nuevos if n["con_webhooks"]], en=en)
