"""Who takes part in a mediation claim, what each may do, and the notices to them."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado
from cuentas.models import Organizacion, Usuario
from cuentas.permisos import organizaciones_representadas, tiene_rol
from cuentas.roles import Rol
from normativa.regimenes import Regimen, obtener, ofrecidos, todos
from reclamos.estados import Estado
from reclamos.models import (
    Mediacion,
    Reclamo,
)
from reclamos.permisos import es_parte_consumidora, es_personal_del_reclamo
from reclamos.services.adhesion import (
    organizacion_habilitada,
    usuario_habilitado,
)

MEDIACION = "mediacion"
# Identifier → country of the régimen that accepts it (Regimen.identificadores; the first wins).
PAIS_DEL_IDENTIFICADOR: dict[str, str] = {}
for _regimen in todos():
    for _tipo in _regimen.identificadores:
        PAIS_DEL_IDENTIFICADOR.setdefault(_tipo, _regimen.pais)
# While the claim is being worked, the three participants talk in the thread.
CON_DIALOGO = frozenset(
    {Estado.REGISTRADO, Estado.EN_MEDIACION, Estado.PROPUESTA_PROVEEDOR, Estado.AUDIENCIA_CONVOCADA}
)


class Parte:
    CONSUMIDOR = "consumidor"
    PROVEEDOR = "proveedor"
    FUNCIONARIO = "funcionario"


def es_de_mediacion(reclamo: Reclamo) -> bool:
    return reclamo.regimen.procedimiento == MEDIACION


def regimen_para_proveedor(*, tipo_identificador: str, identificador: str) -> Regimen:
    """The régimen a claim against this provider runs under: the one of the registered
    organisation's country, else of the identifier's country, else REGIMEN_POR_DEFECTO."""
    organizacion = Organizacion.objects.filter(
        tipo=Organizacion.Tipo.PROVEEDOR,
        tipo_identificador=tipo_identificador,
        identificador=identificador,
    ).first()
    pais = organizacion.pais if organizacion else PAIS_DEL_IDENTIFICADOR.get(tipo_identificador)
    for regimen in ofrecidos():  # only the régimenes this deployment offers (decision 0031)
        if regimen.pais == pais:
            return regimen
    return obtener(settings.REGIMEN_POR_DEFECTO)


# --- who takes part ------------------------------------------------------------------------


def organizacion_en_el_reclamo(usuario, reclamo: Reclamo) -> Organizacion | None:
    """The provider organisation of this claim that `usuario` represents, if any."""
    if not tiene_rol(usuario, Rol.REPRESENTANTE):
        return None
    return (
        organizaciones_representadas(usuario)
        .filter(reclamos_recibidos__reclamo=reclamo)
        .distinct()
        .first()
    )


def trasladado(reclamo: Reclamo) -> bool:
    """Whether the agency already forwarded the claim to the provider (S001: the agency contacts
    the provider when the mediation starts). Until then the provider takes no part."""
    return Mediacion.objects.filter(reclamo=reclamo, trasladado_en__isnull=False).exists()


def trasladar(reclamo: Reclamo) -> None:
    """Records the forwarding once (iniciar_mediacion, or convocar_audiencia straight from
    REGISTRADO); a later act keeps the first date."""
    from reclamos.services.partes import registrar_citacion

    ahora = timezone.now()
    if Mediacion.objects.filter(reclamo=reclamo, trasladado_en__isnull=True).update(
        trasladado_en=ahora
    ):
        registrar_citacion(reclamo.proveedores.values_list("pk", flat=True), en=ahora)


def parte_de(usuario, reclamo: Reclamo) -> str | None:
    if es_parte_consumidora(usuario, reclamo):
        return Parte.CONSUMIDOR
    if organizacion_en_el_reclamo(usuario, reclamo) is not None and trasladado(reclamo):
        return Parte.PROVEEDOR
    if es_personal_del_reclamo(usuario, reclamo):
        return Parte.FUNCIONARIO
    return None


def puede_escribir(usuario, reclamo: Reclamo) -> bool:
    """Staff of the régimen always; a consumer whose identity was validated; a representative
    of a provider whose registration was approved (S001)."""
    parte = parte_de(usuario, reclamo)
    if parte == Parte.FUNCIONARIO:
        return True
    if parte == Parte.CONSUMIDOR:
        return usuario_habilitado(usuario)
    if parte == Parte.PROVEEDOR:
        return organizacion_habilitada(organizacion_en_el_reclamo(usuario, reclamo))
    return False


def exigir(reclamo: Reclamo, usuario, *partes: str) -> str:
    if not es_de_mediacion(reclamo):
        raise ConflictoDeEstado(_("Este reclamo no se tramita por mediación."))
    parte = parte_de(usuario, reclamo)
    if parte not in partes:
        raise AccesoDenegado(_("No interviene en este acto del reclamo."))
    if not puede_escribir(usuario, reclamo):
        raise AccesoDenegado(reclamo.regimen.texto("adhesion_requerida"))
    return parte


def bloquear(reclamo: Reclamo) -> Reclamo:
    return Reclamo.objects.select_for_update().get(pk=reclamo.pk)


# --- notices -------------------------------------------------------------------------------


def representantes(reclamo: Reclamo) -> list[Usuario]:
    """The provider's active representatives, once the claim was forwarded to it."""
    if not trasladado(reclamo):
        return []
    return list(
        Usuario.objects.filter(
            membresias__organizacion__reclamos_recibidos__reclamo=reclamo,
            membresias__organizacion__estado=Organizacion.Estado.ACTIVA,
            membresias__activa=True,
        ).distinct()
    )


def avisar(reclamo: Reclamo, destinatarios, plantilla: str, asunto: str, **extra) -> None:
    from notificaciones.services import encolar_notificacion

    contexto = {
        "numero": reclamo.numero,
        "agencia": reclamo.regimen.texto("agencia"),
        "plataforma": reclamo.regimen.texto("plataforma"),
        "url": reverse("reclamos:mediacion", args=[reclamo.pk]),
        **extra,
    }
    for destinatario in destinatarios:
        if destinatario is None:
            continue
        email = reclamo.consumidor_email if destinatario.pk == reclamo.consumidor_id else None
        encolar_notificacion(
            destinatario=destinatario,
            email=email or None,
            plantilla=f"reclamos/mediacion/{plantilla}",
            asunto=f"{asunto} — {reclamo.numero}",
            contexto=contexto,
            sujeto=reclamo,
        )


def funcionario_de(reclamo: Reclamo):
    mediacion = Mediacion.objects.filter(reclamo=reclamo).select_related("funcionario").first()
    return mediacion.funcionario if mediacion else None
