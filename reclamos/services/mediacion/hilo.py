"""The mediation thread: messages between consumer, provider and official, each one in the
expediente, and read receipts (S001)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from cuentas.models import Usuario
from reclamos import expediente
from reclamos.models import (
    LecturaMensaje,
    MensajeMediacion,
    Reclamo,
)
from reclamos.services.mediacion.partes import (
    CON_DIALOGO,
    Parte,
    avisar,
    exigir,
    funcionario_de,
    organizacion_en_el_reclamo,
    representantes,
)

LARGO_MAXIMO_MENSAJE = 5000


@transaction.atomic
def enviar_mensaje(reclamo: Reclamo, *, por: Usuario, texto: str, adjunto=None) -> MensajeMediacion:
    """A message of the thread, with an optional attachment; recorded in the expediente and
    announced by e-mail to the other participants."""
    from documentos.services import guardar_subida

    parte = exigir(reclamo, por, Parte.CONSUMIDOR, Parte.PROVEEDOR, Parte.FUNCIONARIO)
    if reclamo.estado not in CON_DIALOGO:
        raise ConflictoDeEstado(_("La mediación de este reclamo no admite mensajes ahora."))
    texto = (texto or "").strip()
    if not texto:
        raise DatosInvalidos(_("Escriba el mensaje."), campos={"texto": [_("Obligatorio.")]})
    if len(texto) > LARGO_MAXIMO_MENSAJE:
        raise DatosInvalidos(
            _("El mensaje supera los %(n)s caracteres.") % {"n": LARGO_MAXIMO_MENSAJE},
            campos={"texto": [_("Muy largo.")]},
        )
    archivo = (
        guardar_subida(adjunto, por=por, sujeto=reclamo, categoria="mensaje") if adjunto else None
    )
    mensaje = MensajeMediacion.objects.create(
        reclamo=reclamo,
        autor=por,
        rol=parte,
        organizacion=organizacion_en_el_reclamo(por, reclamo) if parte == Parte.PROVEEDOR else None,
        texto=texto,
        adjunto=archivo,
    )
    expediente.mensaje_mediacion(
        reclamo,
        por=por,
        mensaje_id=mensaje.pk,
        texto=texto,
        adjunto_id=archivo.pk if archivo else None,
    )
    otros = [reclamo.consumidor, *representantes(reclamo), funcionario_de(reclamo)]
    avisar(
        reclamo,
        [u for u in otros if u is not None and u.pk != por.pk],
        "mensaje",
        _("Nuevo mensaje en su reclamo"),
    )
    return mensaje


def marcar_leidos(reclamo: Reclamo, *, usuario: Usuario) -> int:
    """Read receipts: every message of others the participant has now seen. Idempotent."""
    pendientes = (
        MensajeMediacion.objects.filter(reclamo=reclamo)
        .exclude(autor=usuario)
        .exclude(lecturas__usuario=usuario)
        .values_list("pk", flat=True)
    )
    ahora = timezone.now()
    nuevas = [LecturaMensaje(mensaje_id=pk, usuario=usuario, leido_en=ahora) for pk in pendientes]
    LecturaMensaje.objects.bulk_create(nuevas, ignore_conflicts=True)
    return len(nuevas)
