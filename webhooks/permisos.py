"""Who administers an organisation's webhooks: its administrators (cuentas.permisos)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from cuentas.models import Organizacion
from cuentas.permisos import administra_organizacion
from webhooks.models import Endpoint


def organizacion_administrada(usuario, pk) -> Organizacion:
    organizacion = get_object_or_404(Organizacion, pk=pk)
    if not administra_organizacion(usuario, organizacion):
        raise PermissionDenied
    return organizacion


def acceder_endpoint(usuario, organizacion_pk, pk) -> Endpoint:
    organizacion = organizacion_administrada(usuario, organizacion_pk)
    return get_object_or_404(
        Endpoint.objects.select_related("organizacion"), pk=pk, organizacion=organizacion
    )
