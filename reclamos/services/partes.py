"""Acts of the provider's side on a claim."""

from django.db import transaction

from conciliacion.errores import AccesoDenegado, DatosInvalidos
from cuentas.permisos import representa_a
from reclamos import expediente
from reclamos.models import Reclamo, ReclamoProveedor


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
