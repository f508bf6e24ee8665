"""Reads of notificaciones, scoped to who asks."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from cuentas.permisos import autenticado
from notificaciones.models import Notificacion


def notificaciones_de(usuario) -> QuerySet[Notificacion]:
    """The notices addressed to `usuario` (newest first): their own "Mis notificaciones"."""
    if not autenticado(usuario):
        return Notificacion.objects.none()
    return Notificacion.objects.filter(destinatario=usuario).defer("cuerpo_html", "contexto")


def notificaciones_del_sujeto(sujeto) -> QuerySet[Notificacion]:
    """Every notice attached to a subject (e.g. a claim), for the subject's own pages; the caller
    has already checked access to the subject."""
    return Notificacion.objects.filter(
        sujeto_tipo=ContentType.objects.get_for_model(sujeto), sujeto_id=sujeto.pk
    ).select_related("destinatario")
