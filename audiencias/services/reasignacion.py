"""The fixed hearing after a change of conciliator (D202-I.7, I.10; DOMAIN T15, T21).

When an excusación or an upheld recusación leads to a new designation — a new draw in method a
(among those free at the hearing's slot, audiencias.ganchos._libres_en_el_turno), the Ministry's
replacement in methods b and c — the pending hearing follows the claim: `pasar_audiencia_al_nuevo_
conciliador` runs as a transition hook on the designation acts, in their transaction.

- The new conciliator is free at that slot (same start and mode; in person at an agency office,
  that office): the hearing keeps its day and hour and passes to them. Like a rescheduling, a new
  row replaces the old one (keeping the calendar UID, SEQUENCE + 1), the claim is back in
  AUDIENCIA_FIJADA, new cédulas are issued (the conciliator's name, domicile and matrícula are
  art. 10 content), the parties get the updated invitation and the outgoing conciliator the
  cancellation. If the new cédulas cannot reach the providers 3 business days ahead, the
  expediente says the hearing has to be rescheduled.
- Otherwise (not free then, or the day has passed): the hearing is cancelled and every participant
  told; the new conciliator fixes the next one (T16).

A hearing never stays with a conciliator who is no longer designated (issue 6):
- Methods b and c: the outgoing conciliator fixed and notified it (D202-I.10) and the Ministry's
  procedure assigns the replacement at a time nobody knows (Q9), so the hearing is cancelled as
  soon as they step aside (`cancelar_al_apartarse`, hook on "redesignar"); the replacement fixes
  the next one.
- Method a: the redraw is among those free at the slot (conciliadores.services.apartamiento).
  When nobody eligible is free then, the claim goes back to the consumer's choice of slot and the
  hearing is cancelled (`cancelar_al_volver_a_elegir_turno`, hook on "volver_a_elegir_turno").
"""

from __future__ import annotations

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from audiencias import anticipacion, disponibilidad, expediente
from audiencias.models import Audiencia
from conciliadores.models import Conciliador
from reclamos.estados import Estado
from reclamos.models import MetodoDesignacion, Reclamo
from reclamos.transiciones import hoy_en, transicionar


def pasar_audiencia_al_nuevo_conciliador(
    reclamo: Reclamo, *, transicion=None, por=None, datos=None
) -> None:
    """Transition hook on "designar_por_sorteo", "designar_por_acuerdo" and
    "designar_por_eleccion": a pending hearing held by someone other than the conciliator just
    designated passes to them (or is cancelled when they are not free at its slot)."""
    audiencia = (
        Audiencia.objects.select_for_update(of=("self",))
        .select_related("reclamo", "conciliador__usuario")
        .filter(reclamo=reclamo, estado=Audiencia.Estado.FIJADA)
        .first()
    )
    if audiencia is None or audiencia.conciliador_id is None:
        return
    designacion = reclamo.designaciones.filter(activa=True).first()
    if designacion is None or designacion.conciliador_id == audiencia.conciliador_id:
        return
    nuevo = Conciliador.objects.select_for_update().get(pk=designacion.conciliador_id)
    franja = None
    if audiencia.inicio > timezone.now():
        franja = disponibilidad.conciliador_libre(
            nuevo.pk,
            inicio=audiencia.inicio,
            zona=ZoneInfo(reclamo.regimen.zona_horaria),
            modalidad=audiencia.modalidad,
            sede=disponibilidad.sede_de_audiencia(audiencia),
        )
    if franja is None:
        _cancelar(audiencia, reclamo, nuevo, por=por)
    else:
        _pasar(
            audiencia,
            reclamo,
            nuevo,
            duracion=franja.duracion_minutos,
            lugar=audiencia.lugar if audiencia.modalidad != "presencial" else franja.lugar,
            oficina_id=franja.sede,
            por=por,
        )


def seguir_audiencia_del_principal(
    reclamo: Reclamo, *, transicion=None, por=None, datos=None
) -> None:
    """Transition hook on "designar_por_acumulacion" (D202-I.2, decision 0026): a joined claim
    whose share of the joint hearing is still with the conciliator who stepped aside on the lead
    follows the lead's hearing: it passes to the new conciliator with it (same slot, new
    cédulas), or is cancelled when the lead's was."""
    from reclamos.services.acumulacion import principal_de

    share = (
        Audiencia.objects.select_for_update(of=("self",))
        .select_related("reclamo", "conciliador__usuario", "conjunta_con")
        .filter(reclamo=reclamo, estado=Audiencia.Estado.FIJADA, conjunta_con__isnull=False)
        .first()
    )
    designacion = reclamo.designaciones.filter(activa=True).first()
    if share is None or designacion is None or designacion.conciliador_id == share.conciliador_id:
        return
    principal = principal_de(reclamo)
    de_la_principal = (
        Audiencia.objects.filter(
            reclamo=principal,
            estado=Audiencia.Estado.FIJADA,
            conciliador_id=designacion.conciliador_id,
            inicio=share.inicio,
        ).first()
        if principal is not None
        else None
    )
    nuevo = Conciliador.objects.get(pk=designacion.conciliador_id)
    if de_la_principal is None:
        _cancelar(share, reclamo, nuevo, por=por)
        return
    _pasar(
        share,
        reclamo,
        nuevo,
        duracion=de_la_principal.duracion_minutos,
        lugar=de_la_principal.lugar,
        oficina_id=de_la_principal.oficina_id,
        por=por,
        conjunta_con=de_la_principal,
    )


def _pasar(
    anterior: Audiencia,
    reclamo: Reclamo,
    nuevo: Conciliador,
    *,
    duracion: int,
    lugar: str,
    oficina_id,
    por,
    conjunta_con: Audiencia | None = None,
) -> None:
    from audiencias.services import cedulas, reemision
    from audiencias.services.turnos import _crear, _datos_del_acto

    saliente = anterior.conciliador
    uid = anterior.uid_ics
    anterior.estado = Audiencia.Estado.REPROGRAMADA
    anterior.cancelada_por = por
    anterior.motivo_cancelacion = _("Cambio de conciliador: la audiencia pasa a %(c)s.") % {
        "c": nuevo
    }
    anterior.uid_ics = uuid.uuid4()  # the calendar entry's UID goes with the hearing
    anterior.save(update_fields=["estado", "cancelada_por", "motivo_cancelacion", "uid_ics"])
    nueva = _crear(
        reclamo,
        conciliador=nuevo,
        franja_inicio=anterior.inicio,
        duracion=duracion,
        modalidad=anterior.modalidad,
        lugar=lugar,
        enlace=anterior.enlace_video,
        por=por or anterior.fijada_por,
        fuera_de_plazo=anterior.fuera_de_plazo,
        reemplaza=anterior,
        oficina_id=oficina_id,
        conjunta_con=conjunta_con,
    )
    Audiencia.objects.filter(pk=nueva.pk).update(
        orden=anterior.orden, uid_ics=uid, secuencia_ics=anterior.secuencia_ics + 1
    )
    nueva.refresh_from_db()
    hoy = hoy_en(reclamo)
    fecha = nueva.inicio.astimezone(ZoneInfo(reclamo.regimen.zona_horaria)).date()
    datos = {
        **_datos_del_acto(nueva),
        "conciliador": nuevo.nombre,
        "matricula": nuevo.matricula,
        "anterior": saliente.nombre,
        "reemplaza": anterior.pk,
        "fuera_de_termino": anticipacion.primera_fecha_de_audiencia(reclamo, hoy=hoy) > fecha,
    }
    if reclamo.estado == Estado.CONCILIADOR_DESIGNADO:
        transicionar(
            reclamo,
            "fijar_audiencia",
            por=por,
            datos={**datos, "texto": _("Audiencia a cargo del nuevo conciliador")},
        )
    expediente.audiencia_reasignada(reclamo, por=por, datos=datos)
    reemision.anular_cedulas(anterior, por=por)
    cedulas.emitir_cedulas(nueva, por=por)
    cedulas.enviar_invitaciones(nueva)
    _cancelar_en_su_calendario(nueva, saliente, uid=uid)


def _cancelar_en_su_calendario(nueva: Audiencia, saliente: Conciliador, *, uid) -> None:
    """The outgoing conciliator's calendar drops the event (same UID, higher SEQUENCE)."""
    from django.conf import settings
    from django.urls import reverse

    from notificaciones.ics import construir_ics
    from notificaciones.services import encolar_notificacion

    reclamo = nueva.reclamo
    inicio = nueva.inicio.astimezone(ZoneInfo(reclamo.regimen.zona_horaria))
    url = reverse("reclamos:detalle", args=[reclamo.pk])
    ics = construir_ics(
        clave=str(uid),
        secuencia=nueva.secuencia_ics,
        inicio=inicio,
        fin=inicio + datetime.timedelta(minutes=nueva.duracion_minutos),
        resumen=_("Audiencia de conciliación — reclamo %(n)s") % {"n": reclamo.numero},
        lugar=nueva.enlace_video or nueva.lugar,
        url=f"{settings.SITE_URL}{url}",
        cancelado=True,
    )
    encolar_notificacion(
        destinatario=saliente.usuario,
        plantilla="audiencias/invitacion",
        contexto={"numero": reclamo.numero, "fecha": f"{inicio:%d/%m/%Y %H:%M}", "url": url}
        | {"cancelada": True},
        asunto=_("Audiencia cancelada — reclamo %(n)s") % {"n": reclamo.numero},
        sujeto=reclamo,
        ics=ics,
    )


def _cancelar(audiencia: Audiencia, reclamo: Reclamo, nuevo: Conciliador, *, por) -> None:
    from audiencias.services import cedulas, reemision
    from audiencias.services.turnos import _datos_del_acto

    motivo = _(
        "Cambio de conciliador: %(c)s no está disponible en ese horario y fijará una nueva "
        "audiencia."
    ) % {"c": nuevo}
    audiencia.estado = Audiencia.Estado.CANCELADA
    audiencia.cancelada_por = por
    audiencia.motivo_cancelacion = motivo
    audiencia.secuencia_ics += 1
    audiencia.save(update_fields=["estado", "cancelada_por", "motivo_cancelacion", "secuencia_ics"])
    expediente.audiencia_cancelada(
        reclamo, por=por, datos={**_datos_del_acto(audiencia), "motivo": motivo}
    )
    reemision.anular_cedulas(audiencia, por=por)
    cedulas.enviar_invitaciones(audiencia)
    _cancelar_conjuntas(audiencia, por=por, motivo=motivo)


def _cancelar_conjuntas(audiencia: Audiencia, *, por, motivo: str) -> None:
    """D202-I.2: the joined claims' shares of a lead's hearing called off by a change of
    conciliator are called off with it (each claim's expediente, cédulas and calendars)."""
    from audiencias.services.turnos import _cancelar_una

    for conjunta in audiencia.conjuntas.select_for_update(of=("self",)).filter(
        estado=Audiencia.Estado.FIJADA
    ):
        seguidor = Reclamo.objects.select_for_update().get(pk=conjunta.reclamo_id)
        _cancelar_una(conjunta, seguidor, por=por, motivo=motivo)


def _dar_de_baja(reclamo: Reclamo, *, por, motivo: str) -> None:
    """Cancels the claim's pending hearings with a conciliator: expediente entry, cédulas
    annulled (each provider told) and every participant's calendar drops it."""
    from audiencias.services.turnos import _anular, _datos_del_acto, marcar_cancelada

    pendientes = (
        Audiencia.objects.select_for_update(of=("self",))
        .select_related("reclamo")
        .filter(reclamo=reclamo, estado=Audiencia.Estado.FIJADA, conciliador__isnull=False)
    )
    for audiencia in pendientes:
        marcar_cancelada(audiencia, por=por, motivo=motivo)
        expediente.audiencia_cancelada(
            reclamo, por=por, datos={**_datos_del_acto(audiencia), "motivo": motivo}
        )
        _anular(audiencia)
        _cancelar_conjuntas(audiencia, por=por, motivo=motivo)


def cancelar_al_apartarse(reclamo: Reclamo, *, transicion=None, por=None, datos=None) -> None:
    """Transition hook on "redesignar" (T15, T21). Methods b and c: the pending hearing is
    cancelled at once; the conciliator the Ministry assigns fixes the next one (T16). Method a
    keeps it until the redraw says whether someone free at its slot takes it. A joined claim's
    share follows the lead's hearing (_cancelar_conjuntas, seguir_audiencia_del_principal)."""
    from reclamos.services.acumulacion import principal_de

    if reclamo.metodo_designacion == MetodoDesignacion.SORTEO or principal_de(reclamo):
        return
    _dar_de_baja(
        reclamo,
        por=por,
        motivo=_(
            "Cambio de conciliador: la audiencia queda sin efecto. El conciliador que asigne el "
            "procedimiento del Ministerio de Justicia fijará una nueva."
        ),
    )


def cancelar_al_volver_a_elegir_turno(
    reclamo: Reclamo, *, transicion=None, por=None, datos=None
) -> None:
    """Transition hook on "volver_a_elegir_turno": nobody eligible is free at the booked slot,
    so its hearing is cancelled and the consumer picks another slot (method a)."""
    _dar_de_baja(
        reclamo,
        por=por,
        motivo=_(
            "Cambio de conciliador: ningún conciliador habilitado está libre en ese horario. "
            "El consumidor elige un nuevo turno."
        ),
    )
