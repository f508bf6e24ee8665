"""Who may see and change what in conciliadores. Pages and API use the same functions, built on
the predicates of cuentas.permisos and on reclamos.permisos for anything tied to a claim."""

from django.db.models import Q
from django.http import Http404

from conciliadores.models import Conciliador, Designacion, Propuesta, Recusacion
from cuentas.permisos import tiene_rol
from cuentas.roles import Rol
from reclamos.permisos import acceder_reclamo

PERSONAL_REGISTRO = (Rol.REGISTRO, Rol.ADMINISTRADOR)
PERSONAL_RECLAMOS = (Rol.ADMISION, Rol.ADMINISTRADOR)


def es_personal_registro(usuario) -> bool:
    return tiene_rol(usuario, *PERSONAL_REGISTRO)


def es_personal_reclamos(usuario) -> bool:
    return tiene_rol(usuario, *PERSONAL_RECLAMOS)


def perfil_de(usuario) -> Conciliador | None:
    if not tiene_rol(usuario, Rol.CONCILIADOR):
        return None
    return Conciliador.objects.filter(usuario=usuario).select_related("usuario").first()


def acceder_conciliador(usuario, pk, *, escribir=False, bloquear=False) -> Conciliador:
    """Registry staff see and edit every profile; a conciliator only their own (the service
    limits which fields they change). Anyone else: 404."""
    qs = Conciliador.objects.select_related("usuario")
    if bloquear:
        qs = qs.select_for_update(of=("self",))
    conciliador = qs.filter(pk=pk).first()
    if conciliador is None:
        raise Http404
    if es_personal_registro(usuario) or conciliador.usuario_id == getattr(usuario, "pk", None):
        return conciliador
    raise Http404


def acceder_propuesta(usuario, pk, *, escribir=False, bloquear=False) -> Propuesta:
    """The proposed conciliator answers it; whoever sees the claim may read it."""
    propuesta = (
        Propuesta.objects.select_related("reclamo", "conciliador__usuario").filter(pk=pk).first()
    )
    if propuesta is None:
        raise Http404
    if propuesta.conciliador.usuario_id == getattr(usuario, "pk", None):
        return propuesta
    if escribir:
        raise Http404
    acceder_reclamo(usuario, propuesta.reclamo_id)
    return propuesta


def acceder_recusacion(usuario, pk, *, escribir=False, bloquear=False) -> Recusacion:
    recusacion = (
        Recusacion.objects.select_related("reclamo", "conciliador__usuario", "designacion")
        .filter(pk=pk)
        .first()
    )
    if recusacion is None:
        raise Http404
    acceder_reclamo(usuario, recusacion.reclamo_id)
    return recusacion


def filtro_reclamos_del_conciliador(usuario) -> Q | None:
    """Registered with reclamos.permisos: a conciliator sees the claims they are designated to,
    and those where they were proposed or chosen and have not answered yet.

    One `pk IN (… UNION ALL …)`, not two OR-ed conditions: OR-ed, PostgreSQL can only test each
    claim against a hashed list of every active designation of the conciliator, so the API's
    newest-first list walked 92k claims (275 ms at 1M claims) and one claim's page read 11,439
    designations; as one IN, the list is a semi-join over the conciliator's designations and a
    claim's page probes that claim's designations by index."""
    if not tiene_rol(usuario, Rol.CONCILIADOR):
        return None
    designados = Designacion.objects.filter(conciliador__usuario=usuario, activa=True)
    propuestos = Propuesta.objects.filter(
        conciliador__usuario=usuario, estado=Propuesta.Estado.PENDIENTE
    )
    return Q(
        pk__in=designados.order_by()
        .values("reclamo")
        .union(propuestos.order_by().values("reclamo"), all=True)
    )
