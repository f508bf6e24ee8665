"""Rescheduling and cancelling a hearing an agency official convened (mediation procedure, S001).

S001 does not regulate either act; the portal rule (docs/decisions/0009) is: only while the
hearing is pending, with a reason, by the official who convened it or an administrator of the
régimen. A rescheduled hearing is a new row replacing the old one, as in COPREC
(turnos.reemplazar_audiencia), on a business day of the agency and free in the official's agenda;
the calendars move the same entry. A cancelled one sends the calendars' CANCEL and the claim goes
back to the mediation (act "cancelar_audiencia_convocada" of the claim's table).
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audiencias import expediente
from audiencias.models import Audiencia
from audiencias.services.cedulas import enviar_invitaciones
from audiencias.services.mediacion import verificar_agenda
from audiencias.services.turnos import marcar_cancelada, reemplazar_audiencia
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.permisos import es_administrador
from reclamos.models import Reclamo
from reclamos.services.mediacion.conciliacion import (
    verificar_duracion,
    verificar_enlace,
    verificar_inicio,
)
from reclamos.services.mediacion.partes import Parte, exigir
from reclamos.transiciones import transicionar


def puede_cambiarla(usuario, audiencia: Audiencia) -> bool:
    """Who may reschedule or cancel a pending hearing an official convened: that official, or an
    administrator (the staff of every régimen). Pages use it to offer the forms."""
    if audiencia.funcionario_id is None or audiencia.estado != Audiencia.Estado.FIJADA:
        return False
    return audiencia.funcionario_id == getattr(usuario, "pk", None) or es_administrador(usuario)


def _motivo(motivo: str) -> str:
    motivo = (motivo or "").strip()
    if not motivo:
        raise DatosInvalidos(_("Indique el motivo."), campos={"motivo": [_("Obligatorio.")]})
    return motivo


def _abrir(audiencia: Audiencia, por) -> tuple[Audiencia, Reclamo]:
    """The hearing and its claim, locked, once `por` may change it."""
    audiencia = (
        Audiencia.objects.select_for_update(of=("self",))
        .select_related("reclamo", "funcionario")
        .get(pk=audiencia.pk)
    )
    reclamo = Reclamo.objects.select_for_update().get(pk=audiencia.reclamo_id)
    if audiencia.funcionario_id is None:
        raise ConflictoDeEstado(_("Esta audiencia no la convocó un funcionario."))
    exigir(reclamo, por, Parte.FUNCIONARIO)
    if audiencia.estado != Audiencia.Estado.FIJADA:
        raise ConflictoDeEstado(_("La audiencia ya no está pendiente."))
    if not puede_cambiarla(por, audiencia):
        raise AccesoDenegado(
            _("Solo el funcionario que convocó la audiencia la reprograma o la cancela.")
        )
    return audiencia, reclamo


def _fecha(audiencia: Audiencia) -> str:
    zona = ZoneInfo(audiencia.reclamo.regimen.zona_horaria)
    return f"{audiencia.inicio.astimezone(zona):%d/%m/%Y %H:%M}"


def _cambios_de_sala(
    anterior: Audiencia, *, enlace_video: str | None, duracion_minutos: int | None
) -> dict:
    """The link and length the rescheduled hearing takes, validated as at convening; a blank one
    keeps the old hearing's."""
    enlace = (enlace_video or "").strip()
    return {
        "enlace_video": verificar_enlace(enlace) if enlace else anterior.enlace_video,
        "duracion_minutos": anterior.duracion_minutos
        if duracion_minutos in (None, "")
        else verificar_duracion(duracion_minutos),
    }


def reprogramar_audiencia_convocada(
    audiencia: Audiencia,
    *,
    por,
    inicio: datetime.datetime,
    motivo: str,
    enlace_video: str | None = None,
    duracion_minutos: int | None = None,
) -> Audiencia:
    """Moves a pending hearing to `inicio` (future, a business day of the agency, free in the
    conducting official's agenda), optionally with another video link or length; returns the new
    row. Every participant's calendar moves the same entry (same UID, higher SEQUENCE) and shows
    the new link and end. The claim stays in AUDIENCIA_CONVOCADA."""
    motivo = _motivo(motivo)
    try:
        with transaction.atomic():
            anterior, reclamo = _abrir(audiencia, por)
            fecha = verificar_inicio(reclamo, inicio)
            sala = _cambios_de_sala(
                anterior, enlace_video=enlace_video, duracion_minutos=duracion_minutos
            )
            verificar_agenda(anterior.funcionario, inicio, sala["duracion_minutos"], salvo=anterior)
            nueva = reemplazar_audiencia(anterior, inicio=inicio, por=por, motivo=motivo, **sala)
            expediente.audiencia_reprogramada(
                reclamo,
                por=por,
                datos={
                    "audiencia": nueva.pk,
                    "reemplaza": anterior.pk,
                    "fecha_anterior": _fecha(anterior),
                    "fecha": fecha,
                    "motivo": motivo,
                    **sala,
                },
                fuente="S001",
            )
            enviar_invitaciones(nueva)
            return nueva
    except IntegrityError:
        # The official's pending-hearing-per-time constraint: a concurrent convocation won.
        raise ConflictoDeEstado(
            _("Usted ya tiene otra audiencia convocada en ese horario.")
        ) from None


@transaction.atomic
def cancelar_audiencia_convocada(audiencia: Audiencia, *, por, motivo: str) -> Reclamo:
    """Calls a pending hearing off: every participant's calendar gets the CANCEL and the claim
    goes back to EN_MEDIACION (the official may convene another hearing later)."""
    motivo = _motivo(motivo)
    audiencia, reclamo = _abrir(audiencia, por)
    fecha = _fecha(audiencia)
    marcar_cancelada(audiencia, por=por, motivo=motivo)
    transicionar(
        reclamo,
        "cancelar_audiencia_convocada",
        por=por,
        datos={
            "audiencia": audiencia.pk,
            "fecha": fecha,
            "motivo": motivo,
            "texto": _("Audiencia de conciliación del %(f)s cancelada: %(m)s")
            % {"f": fecha, "m": motivo},
        },
    )
    enviar_invitaciones(audiencia)
    return reclamo
