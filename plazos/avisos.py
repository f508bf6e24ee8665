"""Notices the engine sends: the reminder before a plazo falls due (notificaciones queues them)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from plazos import registro
from plazos.models import Plazo


def avisar_vencimiento_proximo(plazo: Plazo, *, dias: int) -> int:
    """Queues one reminder per responsible user; returns how many. Runs inside the caller's
    transaction (notificaciones sends on commit)."""
    from notificaciones.services import encolar_notificacion

    usuarios = registro.responsables(plazo)
    tp = plazo.tipo_plazo
    contexto = {
        "tipo": plazo.tipo,
        "nombre": tp.nombre,
        "fuente": tp.fuente,
        "vence": f"{plazo.vence:%d/%m/%Y}",
        "dias_restantes": dias,
        "al_vencer": tp.al_vencer,
        "explicacion": (plazo.explicacion or {}).get("lineas", []),
    }
    asunto = _("Vence un plazo: %(nombre)s (%(vence)s)") % {
        "nombre": tp.nombre,
        "vence": contexto["vence"],
    }
    for usuario in usuarios:
        encolar_notificacion(
            destinatario=usuario,
            plantilla="recordatorio_plazo",
            contexto=contexto,
            asunto=asunto,
            sujeto=plazo.sujeto,
        )
    return len(usuarios)
