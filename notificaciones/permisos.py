"""Who may open a notice (only its recipient) and an organisation's electronic domicile.
Everybody else gets a 404, so the existence of a notice is not disclosed."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from cuentas.models import Organizacion
from cuentas.permisos import administra_organizacion, organizaciones_representadas
from notificaciones.models import Notificacion
from notificaciones.selectors import notificaciones_de


def acceder_notificacion(usuario, pk, *, escribir=False, bloquear=False) -> Notificacion:
    qs = notificaciones_de(usuario)
    if bloquear:
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("bloquear=True exige una transacción")
        qs = qs.select_for_update()
    try:
        return qs.get(pk=pk)
    except Notificacion.DoesNotExist:
        raise Http404 from None


def acceder_domicilio_de_organizacion(
    usuario, pk, *, escribir=False, bloquear=False, clave=None
) -> Organizacion:
    """The organisation whose electronic domicile `usuario` may see (any active representative
    of an active organisation) or change (its administrators). Anybody else gets a 404, and so
    does an organisation other than the API key's (`clave`)."""
    qs = organizaciones_representadas(usuario, clave)
    if bloquear:
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("bloquear=True exige una transacción")
        qs = Organizacion.objects.select_for_update().filter(pk__in=qs.values("pk"))
    organizacion = qs.filter(pk=pk).first()
    if organizacion is None:
        raise Http404
    if escribir and not administra_organizacion(usuario, organizacion):
        raise PermissionDenied
    return organizacion
