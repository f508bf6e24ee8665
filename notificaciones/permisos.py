"""Who may open a notice: only its recipient. Everybody else gets a 404, so the existence of a
notice is not disclosed."""

from django.db import transaction
from django.http import Http404

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
