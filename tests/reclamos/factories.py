"""Claims in a given state, built through the real services where it matters."""

from decimal import Decimal

from django.utils import timezone

from reclamos.estados import ANTES_DE_LA_CITACION, Estado
from reclamos.models import Reclamo, ReclamoProveedor

# States a claim reaches before it is served on the provider (Decision 0015).
ANTES_DE_CITAR = ANTES_DE_LA_CITACION


def reclamo_en(
    estado: str,
    *,
    consumidor,
    organizacion=None,
    regimen="COPREC",
    numero=None,
    citado=None,
    **extra,
) -> Reclamo:
    """A claim placed directly in `estado` (for tests of later acts; filing has its own tests).
    Its provider counts as served (citado_en) when the state comes after the service, unless
    `citado` says otherwise."""
    ultimo = Reclamo.objects.count() + 1
    reclamo = Reclamo.objects.create(
        numero=numero or (None if estado == Estado.BORRADOR else f"TEST-2026-{ultimo:06d}"),
        regimen_codigo=regimen,
        regimen_version="2015" if regimen == "COPREC" else "2022",
        estado=estado,
        consumidor=consumidor,
        consumidor_nombre=consumidor.nombre,
        consumidor_apellido=consumidor.apellido,
        consumidor_dni=consumidor.dni or "30123456",
        consumidor_email=consumidor.email,
        consumidor_domicilio="Av. Siempreviva 742, CABA",
        hechos="El equipo no funciona.",
        objeto="Cambio del equipo.",
        monto=Decimal("150000.00"),
        lugar="CABA",
        metodo_designacion=extra.pop("metodo_designacion", "a"),
        presentado_en=None if estado == Estado.BORRADOR else timezone.now(),
        **extra,
    )
    if organizacion is not None:
        ReclamoProveedor.objects.create(
            reclamo=reclamo,
            organizacion=organizacion,
            tipo_identificador=organizacion.tipo_identificador,
            identificador=organizacion.identificador,
            razon_social=organizacion.razon_social,
            domicilio_legal=organizacion.domicilio_legal,
            citado_en=timezone.now()
            if (estado not in ANTES_DE_CITAR if citado is None else citado)
            else None,
        )
    return reclamo
