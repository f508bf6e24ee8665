"""Filing a mediation claim and its registration by the agency (S001; DOMAIN §7.3)."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.models import Organizacion, Usuario
from cuentas.permisos import tiene_rol
from cuentas.roles import Rol
from normativa.regimenes.vigencia import admite_presentaciones, motivo_cierre
from reclamos.models import (
    Mediacion,
    Reclamo,
    ReclamoProveedor,
)
from reclamos.numeracion import siguiente_numero
from reclamos.permisos import es_personal_del_reclamo
from reclamos.services.adhesion import (
    normalizar_documento,
    organizacion_habilitada,
    usuario_habilitado,
)
from reclamos.services.mediacion.partes import (
    MEDIACION,
    Parte,
    avisar,
    bloquear,
    exigir,
    regimen_para_proveedor,
    representantes,
    trasladar,
)
from reclamos.transiciones import transicionar


def _datos_presentacion(datos: dict) -> dict:
    obligatorios = [
        "nombres",
        "apellidos",
        "domicilio",
        "email",
        "ruc",
        "razon_social",
        "hechos",
        "pedido",
    ]
    faltan = {c: [_("Obligatorio.")] for c in obligatorios if not str(datos.get(c, "")).strip()}
    if faltan:
        raise DatosInvalidos(_("Complete los datos que faltan."), campos=faltan)
    monto = datos.get("monto")
    if monto is not None and Decimal(monto) <= 0:
        raise DatosInvalidos(
            _("El monto debe ser mayor que cero."), campos={"monto": [_("Inválido.")]}
        )
    return {
        **datos,
        "documento_numero": normalizar_documento(
            datos.get("documento_tipo", ""), datos.get("documento_numero", "")
        ),
    }


@transaction.atomic
def presentar_reclamo_mediacion(*, consumidor: Usuario, datos: dict) -> Reclamo:
    """The consumer files a claim against a provider (S001 "nuevas solicitudes de reclamo"):
    SOLICITADO, numbered, with PE-SAC-1 running for the agency to register it.

    `datos`: nombres, apellidos, documento_tipo, documento_numero, domicilio, email, telefono,
    ruc (validated), razon_social, domicilio_proveedor, hechos, pedido, monto (or None).
    """
    from notificaciones.cambios_de_domicilio import constituir_al_presentar

    if not tiene_rol(consumidor, Rol.CONSUMIDOR):
        raise AccesoDenegado(_("Solo un consumidor presenta su reclamo."))
    datos = _datos_presentacion(datos)
    regimen = regimen_para_proveedor(tipo_identificador="RUC", identificador=datos["ruc"])
    if regimen.procedimiento != MEDIACION:
        raise DatosInvalidos(
            _("Ese proveedor se tramita por otro procedimiento."), campos={"ruc": ["?"]}
        )
    if not usuario_habilitado(consumidor):
        raise AccesoDenegado(regimen.texto("adhesion_requerida"))
    hoy = timezone.now().astimezone(ZoneInfo(regimen.zona_horaria)).date()
    if not admite_presentaciones(regimen.codigo, hoy):
        raise ConflictoDeEstado(motivo_cierre(regimen.codigo), codigo="regimen_closed")
    reclamo = Reclamo.objects.create(
        numero=siguiente_numero(prefijo=regimen.prefijo_numero, anio=hoy.year),
        regimen_codigo=regimen.codigo,
        regimen_version=regimen.version,
        consumidor=consumidor,
        consumidor_nombre=datos["nombres"].strip(),
        consumidor_apellido=datos["apellidos"].strip(),
        consumidor_dni=datos["documento_numero"],
        consumidor_domicilio=datos["domicilio"].strip(),
        consumidor_email=datos["email"].strip().lower(),
        consumidor_telefono=datos.get("telefono", "").strip(),
        hechos=datos["hechos"].strip(),
        objeto=datos["pedido"].strip(),
        monto=datos.get("monto"),
        presentado_en=timezone.now(),
    )
    ReclamoProveedor.objects.create(
        reclamo=reclamo,
        organizacion=Organizacion.objects.filter(
            tipo=Organizacion.Tipo.PROVEEDOR, tipo_identificador="RUC", identificador=datos["ruc"]
        ).first(),
        tipo_identificador="RUC",
        identificador=datos["ruc"],
        razon_social=datos["razon_social"].strip(),
        domicilio_legal=datos.get("domicilio_proveedor", "").strip(),
    )
    Mediacion.objects.create(reclamo=reclamo, consumidor_documento_tipo=datos["documento_tipo"])
    constituir_al_presentar(consumidor, email=reclamo.consumidor_email, por=consumidor)
    transicionar(reclamo, "presentar", por=consumidor, datos={"numero": reclamo.numero})
    avisar(reclamo, [consumidor], "solicitado", _("Recibimos su reclamo"))
    return reclamo


@transaction.atomic
def registrar_reclamo(reclamo: Reclamo, *, por: Usuario, funcionario: Usuario | None = None):
    """The agency registers the claim and assigns the official in charge (S001; DOMAIN §7.3:
    "claim number and officer assigned, e-mail to consumer"). Meets PE-SAC-1."""
    exigir(reclamo, por, Parte.FUNCIONARIO)
    funcionario = funcionario or por
    if not es_personal_del_reclamo(funcionario, reclamo):
        raise DatosInvalidos(_("Elija un funcionario del régimen."), campos={"funcionario": ["?"]})
    reclamo = bloquear(reclamo)
    Mediacion.objects.filter(reclamo=reclamo).update(funcionario=funcionario)
    nombre = funcionario.nombre_completo or funcionario.email
    transicionar(reclamo, "registrar", por=por, datos={"funcionario": nombre})
    avisar(reclamo, [reclamo.consumidor], "registrado", _("Reclamo registrado"), funcionario=nombre)
    return reclamo


@transaction.atomic
def iniciar_mediacion(reclamo: Reclamo, *, por: Usuario) -> Reclamo:
    """The official forwards the claim to the provider and opens the mediation (PE-SAC-2)."""
    exigir(reclamo, por, Parte.FUNCIONARIO)
    reclamo = bloquear(reclamo)
    proveedor = reclamo.proveedores.select_related("organizacion").first()
    en_plataforma = organizacion_habilitada(proveedor.organizacion if proveedor else None)
    trasladar(reclamo)
    transicionar(
        reclamo,
        "iniciar_mediacion",
        por=por,
        datos={
            "proveedor": proveedor.razon_social if proveedor else "",
            "en_plataforma": en_plataforma,
        },
    )
    avisar(
        reclamo,
        [reclamo.consumidor, *representantes(reclamo)],
        "mediacion_iniciada",
        _("Mediación iniciada"),
        en_plataforma=en_plataforma,
    )
    return reclamo
