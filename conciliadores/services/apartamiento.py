"""Excusación and recusación of the designated conciliator (D202-I.7; DOMAIN T15, T19–T21).
Preconditions: the caller authorised `por` on the claim (reclamos.permisos.acceder_reclamo)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from conciliadores import avisos, expediente
from conciliadores.causales import Causal
from conciliadores.disponibilidad import candidatos_para
from conciliadores.elegibilidad import elegibles
from conciliadores.models import Designacion, Excusacion, Recusacion
from conciliadores.services.designacion import designacion_activa
from cuentas.roles import Rol
from normativa.regimenes import Papel
from reclamos import expediente as expediente_reclamo
from reclamos.estados import Estado
from reclamos.models import MetodoDesignacion, Pausa, Reclamo
from reclamos.transiciones import hoy_en, transicionar

# T15, T19: from designation until the hearing is held ("redesignar" accepts these states).
CON_CONCILIADOR = {Estado.CONCILIADOR_DESIGNADO, Estado.AUDIENCIA_FIJADA}
PERSONAL = {Rol.ADMISION, Rol.ADMINISTRADOR}
UN_DIA = datetime.timedelta(days=1)


def _validar(causal: str, fundamento: str) -> None:
    errores = {}
    if causal not in Causal.values:
        errores["causal"] = [_("Elegí una causal de los arts. 17 o 30 del CPCCN.")]
    if not fundamento.strip():
        errores["fundamento"] = [_("Explicá los hechos en que se funda.")]
    if errores:
        raise DatosInvalidos(_("Revisá la causal y el fundamento."), campos=errores)


def _designacion_en_curso(reclamo: Reclamo) -> Designacion:
    if reclamo.estado not in CON_CONCILIADOR:
        raise ConflictoDeEstado(
            _("No se puede hacer esto con el reclamo en estado «%(e)s».")
            % {"e": reclamo.get_estado_display()}
        )
    designacion = designacion_activa(reclamo)
    if designacion is None:
        raise ConflictoDeEstado(_("El reclamo no tiene un conciliador designado."))
    return designacion


def _terminar(designacion: Designacion, fin: str) -> None:
    Designacion.objects.filter(pk=designacion.pk).update(
        activa=False, fin=fin, fin_en=timezone.now()
    )


def _continuar(reclamo: Reclamo, *, por) -> None:
    """After "redesignar": a new draw in method a (those who stepped aside are out), among the
    candidates the audiencias app reports free at the booked slot; in methods b and c the
    Ministry of Justice's procedure assigns the replacement (Q9): a staff step (the audiencias
    app has already cancelled the hearing the outgoing conciliator fixed).

    Method a with a booked slot and nobody eligible free then: the claim goes back to the
    consumer's choice of slot ("volver_a_elegir_turno"; the audiencias app cancels the hearing),
    where the next round is drawn among those free at the new slot. Without a booked slot the
    claim waits in REDESIGNACION for staff. Either way, when nobody at all can be designated for
    the claim, registry staff are told."""
    from conciliadores.services.sorteo import SinConciliadoresDisponibles, redesignar_por_sorteo

    if reclamo.metodo_designacion != MetodoDesignacion.SORTEO:
        expediente.redesignacion_pendiente(
            reclamo,
            motivo=_(
                "Interviene el conciliador que asigne el procedimiento del Ministerio de "
                "Justicia (art. 7): el personal registrará la nueva designación."
            ),
        )
        _avisar_si_no_hay_elegibles(reclamo)
        return
    candidatos = candidatos_para(reclamo)
    try:
        with transaction.atomic():
            redesignar_por_sorteo(reclamo, candidatos=candidatos, por=por)
    except SinConciliadoresDisponibles:
        pass
    else:
        return
    if candidatos is not None:
        # The draw is the agency's act: an excusing conciliator is not its author.
        actor = por if getattr(por, "rol", None) in PERSONAL else None
        transicionar(
            reclamo,
            "volver_a_elegir_turno",
            por=actor,
            datos={"texto": _("Nadie habilitado está libre en el turno: el consumidor elige otro")},
        )
        avisos.elegir_nuevo_turno(reclamo)
    else:
        expediente.redesignacion_pendiente(
            reclamo,
            motivo=_(
                "No hay conciliadores habilitados para el nuevo sorteo: el personal lo hará "
                "cuando haya disponibles."
            ),
        )
    _avisar_si_no_hay_elegibles(reclamo)


def _avisar_si_no_hay_elegibles(reclamo: Reclamo) -> None:
    """Nobody in the registry can be designated for this claim today (licences, sanctions,
    jurisdiction, those who stepped aside): registry staff are told and the expediente says so."""
    if elegibles(reclamo, fechas=[hoy_en(reclamo)]):
        return
    expediente.sin_conciliadores_elegibles(reclamo)
    avisos.sin_conciliadores_elegibles(reclamo)


def _ar05_abierto(reclamo: Reclamo) -> bool:
    from plazos.selectors import plazos_corriendo_de

    return (
        plazos_corriendo_de(reclamo)
        .filter(tipo__in=reclamo.regimen.codigos(Papel.EXCUSACION))
        .exists()
    )


@transaction.atomic
def excusarse(reclamo: Reclamo, *, por, causal: str, fundamento: str) -> Excusacion:
    """The designated conciliator excuses themself (T15). Their duty runs for AR-05 (3 days);
    a later excusación is still recorded, marked out of time."""
    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    designacion = _designacion_en_curso(reclamo)
    if designacion.conciliador.usuario_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("Solo el conciliador designado puede excusarse."))
    if reclamo.recusaciones.filter(estado=Recusacion.Estado.EN_TRAMITE).exists():
        raise ConflictoDeEstado(_("Hay una recusación en trámite: respondela por escrito."))
    _validar(causal, fundamento)
    excusacion = Excusacion.objects.create(
        reclamo=reclamo,
        conciliador=designacion.conciliador,
        designacion=designacion,
        causal=causal,
        fundamento=fundamento.strip(),
        en_termino=_ar05_abierto(reclamo),
    )
    _terminar(designacion, Designacion.Fin.EXCUSACION)
    expediente.excusacion(reclamo, por=por, excusacion=excusacion)
    transicionar(reclamo, "redesignar", por=por, datos={"motivo": "excusación", "causal": causal})
    avisos.excusacion(reclamo, excusacion)
    _continuar(reclamo, por=por)
    return excusacion


@transaction.atomic
def recusar(reclamo: Reclamo, *, por, causal: str, fundamento: str) -> Recusacion:
    """A party recuses the conciliator with cause (T19): the procedure is suspended (a Pausa and
    its plazos), the conciliator has AR-06a to answer and the agency AR-06b to decide."""
    from plazos.services import abrir_plazo, suspender_plazos

    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    designacion = _designacion_en_curso(reclamo)
    if reclamo.recusaciones.filter(estado=Recusacion.Estado.EN_TRAMITE).exists():
        raise ConflictoDeEstado(_("Ya hay una recusación en trámite."))
    _validar(causal, fundamento)
    hoy = hoy_en(reclamo)
    motivo = _("Recusación de %(c)s") % {"c": designacion.conciliador}
    pausa = Pausa.objects.create(
        reclamo=reclamo, tipo=Pausa.Tipo.RECUSACION, motivo=motivo, abierta_por=por
    )
    suspender_plazos(sujeto=reclamo, desde=hoy, motivo=motivo, por=por)
    expediente_reclamo.pausa_abierta(reclamo, por=por, tipo=pausa.tipo, motivo=motivo)
    recusacion = Recusacion.objects.create(
        reclamo=reclamo,
        designacion=designacion,
        conciliador=designacion.conciliador,
        presentada_por=por,
        causal=causal,
        fundamento=fundamento.strip(),
        pausa=pausa,
    )
    regimen = reclamo.regimen_codigo
    # The conciliator learns of it through the portal: deemed notified the next day (D202-I.4).
    abrir_plazo(
        sujeto=reclamo,
        tipo=reclamo.regimen.codigo_de(Papel.RESPUESTA_RECUSACION),
        desde=hoy + UN_DIA,
        regimen=regimen,
        por=por,
    )
    abrir_plazo(
        sujeto=reclamo,
        tipo=reclamo.regimen.codigo_de(Papel.DECISION_RECUSACION),
        desde=hoy,
        regimen=regimen,
        por=por,
    )
    expediente.recusacion_presentada(reclamo, por=por, recusacion=recusacion)
    avisos.recusacion_presentada(reclamo, recusacion)
    return recusacion


@transaction.atomic
def responder_recusacion(recusacion: Recusacion, *, por, acepta: bool, texto: str) -> Recusacion:
    """The recused conciliator accepts or rejects it in writing (AR-06a)."""
    from plazos.services import cumplir_plazos

    if recusacion.conciliador.usuario_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("Solo el conciliador recusado puede responder."))
    if not texto.strip():
        raise DatosInvalidos(_("Escribí tu respuesta."), campos={"texto": [_("Obligatorio.")]})
    respuesta = Recusacion.Respuesta.ACEPTA if acepta else Recusacion.Respuesta.NO_ACEPTA
    cambiadas = Recusacion.objects.filter(
        pk=recusacion.pk, estado=Recusacion.Estado.EN_TRAMITE, respuesta=""
    ).update(respuesta=respuesta, respuesta_texto=texto.strip(), respondida_en=timezone.now())
    if cambiadas != 1:
        raise ConflictoDeEstado(_("La recusación ya fue respondida o resuelta."))
    recusacion.refresh_from_db()
    cumplir_plazos(
        sujeto=recusacion.reclamo,
        tipos=recusacion.reclamo.regimen.codigos(Papel.RESPUESTA_RECUSACION),
        por=por,
    )
    expediente.recusacion_respondida(recusacion.reclamo, por=por, recusacion=recusacion)
    return recusacion


def _suspendidos_por(reclamo: Reclamo, pausa: Pausa) -> list[str]:
    """The kinds of the claim's plazos this recusación suspended: a plazo another pause holds
    (a domicile search, legal assistance) stays suspended when the recusación is decided."""
    from plazos.models import Suspension
    from plazos.selectors import plazos_de

    return list(
        Suspension.objects.filter(
            plazo__in=plazos_de(reclamo), hasta__isnull=True, motivo=pausa.motivo
        ).values_list("plazo__tipo", flat=True)
    )


def _cerrar_pausa(recusacion: Recusacion, *, por, resolucion: str) -> None:
    from plazos.services import reanudar_plazos

    reclamo = recusacion.reclamo
    tipos = _suspendidos_por(reclamo, recusacion.pausa)
    Pausa.objects.filter(pk=recusacion.pausa_id, hasta__isnull=True).update(
        hasta=timezone.now(), cerrada_por=por, resolucion=resolucion
    )
    expediente_reclamo.pausa_cerrada(
        reclamo, por=por, tipo=Pausa.Tipo.RECUSACION, resolucion=resolucion
    )
    if tipos:
        reanudar_plazos(sujeto=reclamo, tipos=tipos, hasta=hoy_en(reclamo), por=por)


@transaction.atomic
def decidir_recusacion(
    recusacion: Recusacion, *, por, admitida: bool, fundamentos: str
) -> Recusacion:
    """The agency decides (AR-06b); the decision is final (irrecurrible). Rejected: the procedure
    resumes (T20). Upheld: a new designation (T21)."""
    from plazos.services import cumplir_plazos

    if getattr(por, "rol", None) not in PERSONAL:
        raise AccesoDenegado(_("La recusación la resuelve el personal de la autoridad."))
    if not fundamentos.strip():
        raise DatosInvalidos(_("Fundá la decisión."), campos={"fundamentos": [_("Obligatorio.")]})
    reclamo = Reclamo.objects.select_for_update().get(pk=recusacion.reclamo_id)
    estado = Recusacion.Estado.ADMITIDA if admitida else Recusacion.Estado.RECHAZADA
    cambiadas = Recusacion.objects.filter(
        pk=recusacion.pk, estado=Recusacion.Estado.EN_TRAMITE
    ).update(
        estado=estado,
        decision_fundamentos=fundamentos.strip(),
        decidida_por=por,
        decidida_en=timezone.now(),
    )
    if cambiadas != 1:
        raise ConflictoDeEstado(_("Esta recusación ya fue resuelta."))
    recusacion.refresh_from_db()
    cumplir_plazos(
        sujeto=reclamo,
        tipos=reclamo.regimen.codigos(Papel.RESPUESTA_RECUSACION, Papel.DECISION_RECUSACION),
        por=por,
    )
    resolucion = _("Recusación %(e)s: %(f)s") % {
        "e": recusacion.get_estado_display().lower(),
        "f": fundamentos.strip(),
    }
    _cerrar_pausa(recusacion, por=por, resolucion=resolucion)
    expediente.recusacion_decidida(reclamo, por=por, recusacion=recusacion)
    avisos.recusacion_decidida(reclamo, recusacion)
    if admitida:
        _terminar(recusacion.designacion, Designacion.Fin.RECUSACION)
        transicionar(reclamo, "redesignar", por=por, datos={"motivo": "recusación admitida"})
        _continuar(reclamo, por=por)
    return recusacion
