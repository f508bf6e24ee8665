"""Telling an organisation's administrators that an endpoint was paused (notificaciones outbox,
in the transaction that paused it; the page shows a banner too)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from notificaciones.services import encolar_notificacion


def avisar_pausa(endpoint) -> None:
    organizacion = endpoint.organizacion
    administradores = organizacion.membresias.filter(
        activa=True, es_administrador=True, usuario__is_active=True
    ).select_related("usuario")
    for membresia in administradores:
        encolar_notificacion(
            destinatario=membresia.usuario,
            email=membresia.usuario.email,
            plantilla="aviso",
            asunto=_("Pausamos un webhook de %(o)s") % {"o": organizacion.razon_social},
            contexto={
                "nombre": membresia.usuario.nombre,
                "texto": _(
                    "El webhook %(u)s falló %(n)s veces seguidas y lo pausamos. Los eventos "
                    "siguen guardándose: revisá el servidor y reanudalo desde el portal para "
                    "recibirlos."
                )
                % {"u": endpoint.url, "n": endpoint.fallos_seguidos},
                "url": reverse("webhooks:lista", args=[organizacion.pk]),
            },
        )
