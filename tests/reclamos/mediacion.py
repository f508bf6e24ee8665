"""Builders for the mediation procedure's tests: Peruvian parties registered in the platform and
claims taken to a given point through the real services."""

from decimal import Decimal

from django.utils import timezone

from cuentas.models import Membresia, Organizacion
from cuentas.roles import Rol
from reclamos.models import AdhesionMediacion, PropuestaMediacion
from reclamos.services import mediacion
from reclamos.services.adhesion import TERMINOS_VERSION
from tests.conftest import crear_usuario

RUC_ANDINA = "20100000009"
RUC_SUR = "20131312955"


def adherir(*, usuario=None, organizacion=None, estado=AdhesionMediacion.Estado.ACTIVA):
    """A registration already reviewed (the review itself has its own tests)."""
    return AdhesionMediacion.objects.create(
        tipo="natural" if usuario else "juridica",
        regimen_codigo="PE-INDECOPI",
        usuario=usuario,
        organizacion=organizacion,
        estado=estado,
        nombres=getattr(usuario, "nombre", ""),
        apellidos=getattr(usuario, "apellido", ""),
        documento_tipo="DNI" if usuario else "",
        documento_numero=getattr(usuario, "dni", ""),
        terminos_version=TERMINOS_VERSION,
        terminos_sha256="0" * 64,
        terminos_aceptados_por=usuario or organizacion.membresias.first().usuario,
        terminos_aceptados_en=timezone.now(),
    )


def consumidora_pe(email="carmen@example.pe", *, validada=True, **extra):
    datos = {"nombre": "Carmen", "apellido": "Huamán", "dni": "45678912", **extra}
    usuario = crear_usuario(email, Rol.CONSUMIDOR, **datos)
    if validada:
        adherir(usuario=usuario)
    return usuario


def proveedor_pe(ruc=RUC_ANDINA, razon_social="Comercial Andina S.A.C.", *, adherido=True):
    organizacion = Organizacion.objects.create(
        tipo=Organizacion.Tipo.PROVEEDOR,
        tipo_identificador="RUC",
        identificador=ruc,
        razon_social=razon_social,
        domicilio_legal="Av. José Larco 1234, Miraflores, Lima",
        pais="PE",
        estado=Organizacion.Estado.ACTIVA,
    )
    representante = crear_usuario(
        f"repre@{ruc}.example.pe", Rol.REPRESENTANTE, nombre="Jorge", apellido="Salazar"
    )
    Membresia.objects.create(
        usuario=representante, organizacion=organizacion, es_administrador=True
    )
    if adherido:
        adherir(organizacion=organizacion)
    return organizacion, representante


def datos_reclamo(**cambios) -> dict:
    datos = {
        "nombres": "Carmen",
        "apellidos": "Huamán Torres",
        "documento_tipo": "DNI",
        "documento_numero": "45678912",
        "domicilio": "Jr. Junín 345, Cercado de Lima",
        "email": "carmen@example.pe",
        "telefono": "987654321",
        "ruc": RUC_ANDINA,
        "razon_social": "Comercial Andina S.A.C.",
        "domicilio_proveedor": "Av. José Larco 1234, Miraflores",
        "hechos": "Compré una refrigeradora que llegó abollada.",
        "pedido": "El cambio del producto.",
        "monto": Decimal("1234.50"),
    }
    datos.update(cambios)
    return datos


def presentado(consumidora, **cambios):
    return mediacion.presentar_reclamo_mediacion(
        consumidor=consumidora, datos=datos_reclamo(**cambios)
    )


def en_mediacion(consumidora, funcionario, **cambios):
    reclamo = presentado(consumidora, **cambios)
    mediacion.registrar_reclamo(reclamo, por=funcionario)
    mediacion.iniciar_mediacion(reclamo, por=funcionario)
    reclamo.refresh_from_db()
    return reclamo


def con_propuesta(
    consumidora, funcionario, representante, *, renderizar=True
) -> PropuestaMediacion:
    """A claim with a pending proposal whose PDF is rendered (the render task run inline)."""
    from documentos.services import renderizar_documento

    reclamo = en_mediacion(consumidora, funcionario)
    propuesta = mediacion.proponer(
        reclamo,
        por=representante,
        texto="Cambiamos la refrigeradora en 5 días hábiles.",
        monto=Decimal("1234.50"),
    )
    if renderizar:
        renderizar_documento(propuesta.documento_id)
    return propuesta
