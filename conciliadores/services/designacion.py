"""Designation by agreement of the parties (method b), by the consumer's choice (method c) and the
manual replacement of Q9; the act of designating shared with the draw (services.sorteo).
Preconditions: the caller authorised `por` on the claim (reclamos.permisos.acceder_reclamo)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from conciliadores import avisos, expediente
from conciliadores.elegibilidad import bloqueos
from conciliadores.models import Conciliador, Designacion, DocumentoAutonomo, Propuesta, Rechazo
from conciliadores.services import registro
from normativa.regimenes import Papel
from reclamos.estados import Estado
from reclamos.models import MetodoDesignacion, Reclamo
from reclamos.services.acumulacion import exigir_no_seguidor, seguidores_de
from reclamos.transiciones import hoy_en, transicionar

UN_DIA = datetime.timedelta(days=1)
ACCION_POR_METODO = {
    MetodoDesignacion.SORTEO: "designar_por_sorteo",
    MetodoDesignacion.ACUERDO: "designar_por_acuerdo",
    MetodoDesignacion.ELECCION: "designar_por_eleccion",
}


def _informar(reclamo) -> list[str]:
    """The consumer's term to inform the agreed conciliator (AR-03 under COPREC)."""
    return reclamo.regimen.codigos(Papel.INFORMAR_CONCILIADOR)


def designacion_activa(reclamo: Reclamo) -> Designacion | None:
    return reclamo.designaciones.filter(activa=True).select_related("conciliador__usuario").first()


def _exigir_habilitado(conciliador: Conciliador, reclamo: Reclamo, fecha) -> None:
    motivos = bloqueos(conciliador, fechas=[fecha], reclamo=reclamo)
    if motivos:
        raise DatosInvalidos(
            _("%(c)s no puede ser designado: %(m)s") % {"c": conciliador, "m": " ".join(motivos)}
        )


def designar(
    reclamo: Reclamo,
    *,
    conciliador: Conciliador,
    por,
    sorteo=None,
    notificacion_ficta: bool = True,
    reemplazo: bool = False,
    referencia: str = "",
    punto_de_guardado: bool = True,
) -> Designacion:
    """Records the designation and moves the claim (T12b, T13b, T14).

    `notificacion_ficta`: the agency tells the conciliator through the portal, deemed notified
    the next calendar day (D202-I.4, AR-04); their terms (AR-05, AR-07) start then. When the
    conciliator designates themself by accepting in the portal, they know at once.

    Joined claims (D202-I.2, decision 0026): only the set's lead is designated this way; each
    claim that follows it takes the same conciliator in the same act (designar_seguidores).

    `punto_de_guardado` False: the caller holds the claim's lock and abandons its whole
    transaction on any error (a booking's draw), so the transition takes no savepoint.
    """
    exigir_no_seguidor(reclamo)
    hoy = hoy_en(reclamo)
    notificado_el = hoy + UN_DIA if notificacion_ficta else hoy
    designacion = Designacion.objects.create(
        reclamo=reclamo,
        conciliador=conciliador,
        metodo=reclamo.metodo_designacion,
        notificado_el=notificado_el,
        sorteo=sorteo,
        reemplazo_ministerio=reemplazo,
        referencia=referencia,
        designada_por=por,
    )
    transicionar(
        reclamo,
        ACCION_POR_METODO[reclamo.metodo_designacion],
        por=por,
        datos={
            "conciliador": conciliador.nombre,
            "matricula": conciliador.matricula,
            "notificado_el": notificado_el.isoformat(),
            "plazos_desde": notificado_el,
            **({"referencia": referencia} if referencia else {}),
        },
        punto_de_guardado=punto_de_guardado,
    )
    avisos.designacion(reclamo, designacion)
    if reclamo.metodo_designacion == MetodoDesignacion.SORTEO:
        from plazos.services import cumplir_plazos

        # AR-24 (S000): the parties' e-mail with the conciliator's details is queued in this act.
        cumplir_plazos(
            sujeto=reclamo, tipos=reclamo.regimen.codigos(Papel.CORREO_CONCILIADOR), por=por
        )
    designar_seguidores(reclamo, designacion, por=por)
    return designacion


def designar_seguidores(principal: Reclamo, designacion: Designacion, *, por) -> list[Designacion]:
    """D202-I.2: one designation for the joined set. Each claim following `principal` takes its
    conciliator (no draw, no choice of its own), recorded in its own expediente; one not yet in a
    state to be designated (still in admission) records why and takes it when joined again."""
    from reclamos.estados import tabla

    hechas = []
    desde = tabla(principal.regimen_codigo)["designar_por_acumulacion"].desde
    for seguidor in seguidores_de(principal):
        seguidor = _bloquear(seguidor)
        if seguidor.estado not in desde or seguidor.designaciones.filter(activa=True).exists():
            expediente.designacion_no_seguida(
                seguidor, por=por, principal=principal, conciliador=designacion.conciliador
            )
            continue
        hechas.append(_designar_seguidor(principal, seguidor, designacion, por=por))
    return hechas


def _designar_seguidor(
    principal: Reclamo, seguidor: Reclamo, designacion: Designacion, *, por
) -> Designacion:
    hecha = Designacion.objects.create(
        reclamo=seguidor,
        conciliador=designacion.conciliador,
        metodo=seguidor.metodo_designacion or principal.metodo_designacion,
        notificado_el=designacion.notificado_el,
        referencia=_("Acumulación: designado en el reclamo %(n)s") % {"n": principal.numero},
        designada_por=por,
    )
    transicionar(
        seguidor,
        "designar_por_acumulacion",
        por=por,
        datos={
            "conciliador": designacion.conciliador.nombre,
            "matricula": designacion.conciliador.matricula,
            "notificado_el": designacion.notificado_el.isoformat(),
            "plazos_desde": designacion.notificado_el,
            "principal": principal.numero,
            "texto": _("Conciliador designado en el reclamo principal %(n)s (acumulación)")
            % {"n": principal.numero},
        },
    )
    avisos.designacion(seguidor, hecha)
    return hecha


def designar_al_admitir(reclamo: Reclamo, *, transicion=None, por=None, datos=None) -> None:
    """Transition hook on the acts that put an admitted claim on its designation path
    ("esperar_turno", "esperar_documento_autonomo"; "admitir"/"admitir_recurso" in method c,
    which stays ADMITIDO): a joined claim admitted after its lead was designated takes the
    lead's conciliator at once (D202-I.2, decision 0026), with no draw or choice of its own."""
    from reclamos.estados import tabla
    from reclamos.services.acumulacion import principal_de

    principal = principal_de(reclamo)
    if principal is None:
        return
    designacion = designacion_activa(principal)
    desde = tabla(reclamo.regimen_codigo)["designar_por_acumulacion"].desde
    if designacion is None or reclamo.estado not in desde:
        return
    if reclamo.designaciones.filter(activa=True).exists():
        return
    _designar_seguidor(principal, reclamo, designacion, por=por)


def designar_al_admitir_en_eleccion(reclamo: Reclamo, **kwargs) -> None:
    """Hook on "admitir"/"admitir_recurso": method c stays ADMITIDO; methods a and b move on to
    their path first (the hook runs on those acts)."""
    if reclamo.metodo_designacion == MetodoDesignacion.ELECCION:
        designar_al_admitir(reclamo, **kwargs)


def apartar_seguidores(reclamo: Reclamo, *, transicion=None, por=None, datos=None) -> None:
    """Transition hook on "redesignar" (T15, T21; excusación, upheld recusación, sanction): when
    the set's lead loses its conciliator, every joined claim that followed that designation loses
    it in the same act (same ground, each in its own expediente) and waits for the lead's new
    designation, which it takes by accumulation (designar_seguidores). The followers make no
    draw of their own (D202-I.2, decision 0026)."""
    from reclamos.estados import tabla

    seguidores = seguidores_de(reclamo)
    if not seguidores:
        return
    saliente = reclamo.designaciones.filter(activa=False).order_by("-fin_en", "-pk").first()
    if saliente is None:
        return
    desde = tabla(reclamo.regimen_codigo)["redesignar"].desde
    for seguidor in seguidores:
        seguidor = _bloquear(seguidor)
        suya = seguidor.designaciones.filter(
            activa=True, conciliador_id=saliente.conciliador_id
        ).first()
        if suya is None or seguidor.estado not in desde:
            continue
        Designacion.objects.filter(pk=suya.pk).update(
            activa=False, fin=saliente.fin, fin_en=timezone.now()
        )
        transicionar(
            seguidor,
            "redesignar",
            por=por,
            datos={
                **(datos or {}),
                "principal": reclamo.numero,
                "texto": _(
                    "El conciliador se apartó en el reclamo principal %(n)s (acumulación): "
                    "este reclamo sigue su nueva designación"
                )
                % {"n": reclamo.numero},
            },
        )


def al_acumular(principal: Reclamo, *, seguidores, por) -> None:
    """Hook (reclamos.services.acumulacion): a lead already designated when the set is joined
    hands its conciliator to the claims that follow it."""
    designacion = designacion_activa(principal)
    if designacion is not None:
        designar_seguidores(principal, designacion, por=por)


def _exigir_metodo(reclamo: Reclamo, metodo: str, estados: set[str]) -> None:
    exigir_no_seguidor(reclamo)
    if reclamo.metodo_designacion != metodo:
        raise ConflictoDeEstado(_("Este reclamo usa otra forma de designación (art. 7)."))
    if reclamo.estado not in estados:
        raise ConflictoDeEstado(
            _("No se puede hacer esto con el reclamo en estado «%(e)s».")
            % {"e": reclamo.get_estado_display()}
        )


def _bloquear(reclamo: Reclamo) -> Reclamo:
    return Reclamo.objects.select_for_update().get(pk=reclamo.pk)


def _exigir_sin_pendientes(reclamo: Reclamo) -> None:
    if reclamo.propuestas_conciliador.filter(estado=Propuesta.Estado.PENDIENTE).exists():
        raise ConflictoDeEstado(_("Ya hay un conciliador propuesto que todavía no respondió."))


def _proponer(reclamo: Reclamo, *, conciliador, por, documento=None) -> Propuesta:
    propuesta = Propuesta.objects.create(
        reclamo=reclamo,
        conciliador=conciliador,
        metodo=reclamo.metodo_designacion,
        documento=documento,
        creada_por=por,
        notificado_el=hoy_en(reclamo) + UN_DIA,
    )
    avisos.propuesta(reclamo, propuesta)
    return propuesta


@transaction.atomic
def elegir_conciliador(reclamo: Reclamo, *, por, conciliador: Conciliador) -> Propuesta:
    """Method c: the consumer picks from the directory; the conciliator is asked to accept."""
    reclamo = _bloquear(reclamo)
    _exigir_metodo(reclamo, MetodoDesignacion.ELECCION, {Estado.ADMITIDO})
    _exigir_sin_pendientes(reclamo)
    _exigir_habilitado(conciliador, reclamo, hoy_en(reclamo))
    propuesta = _proponer(reclamo, conciliador=conciliador, por=por)
    expediente.conciliador_elegido(reclamo, por=por, conciliador=conciliador)
    return propuesta


def _fecha_minima_documento(reclamo: Reclamo) -> datetime.date:
    from zoneinfo import ZoneInfo

    zona = ZoneInfo(reclamo.regimen.zona_horaria)
    return reclamo.presentado_en.astimezone(zona).date()


def _validar_fecha_documento(reclamo: Reclamo, fecha: datetime.date) -> None:
    if fecha > hoy_en(reclamo):
        raise DatosInvalidos(
            _("La fecha del documento no puede ser futura."),
            campos={"fecha_documento": [_("Fecha futura.")]},
        )
    if fecha < _fecha_minima_documento(reclamo):
        raise DatosInvalidos(
            _("El documento debe ser posterior a la presentación del reclamo (art. 7 b)."),
            campos={"fecha_documento": [_("Anterior a la presentación del reclamo.")]},
        )


def _contar_ar03_desde(reclamo: Reclamo, fecha: datetime.date, por) -> None:
    """DOMAIN Q7: AR-03 runs from the later of admission and the document's date."""
    from plazos.models import Plazo
    from plazos.selectors import plazos_corriendo_de
    from plazos.services import abrir_plazo, cancelar_plazos

    plazo = plazos_corriendo_de(reclamo).filter(tipo__in=_informar(reclamo)).first()
    if plazo is None or plazo.estado != Plazo.Estado.CORRIENDO or fecha <= plazo.inicio:
        return
    cancelar_plazos(sujeto=reclamo, tipos=_informar(reclamo), por=por)
    abrir_plazo(
        sujeto=reclamo,
        tipo=reclamo.regimen.codigo_de(Papel.INFORMAR_CONCILIADOR),
        desde=fecha,
        regimen=reclamo.regimen_codigo,
        por=por,
    )
    expediente.ar03_desde_documento(reclamo, por=por, fecha=fecha)


@transaction.atomic
def presentar_documento_autonomo(
    reclamo: Reclamo,
    *,
    por,
    archivo,
    conciliador: Conciliador,
    fecha_documento: datetime.date,
    honorario_basico: str = "",
) -> DocumentoAutonomo:
    """Method b: the consumer uploads the autonomous document naming the proposed conciliator
    (D202-I.7). Staff then check its requisites (revisar_documento_autonomo)."""
    from documentos.services import guardar_subida

    reclamo = _bloquear(reclamo)
    _exigir_metodo(reclamo, MetodoDesignacion.ACUERDO, {Estado.ESPERA_DOC_AUTONOMO})
    _exigir_sin_pendientes(reclamo)
    if reclamo.documentos_autonomos.filter(estado=DocumentoAutonomo.Estado.PENDIENTE).exists():
        raise ConflictoDeEstado(_("Ya hay un documento de designación pendiente de revisión."))
    if honorario_basico not in DocumentoAutonomo.Honorario.values:
        raise DatosInvalidos(_("Opción de honorario inválida."))
    _validar_fecha_documento(reclamo, fecha_documento)
    _exigir_habilitado(conciliador, reclamo, hoy_en(reclamo))
    subido = guardar_subida(archivo, por=por, sujeto=reclamo, categoria="documento_autonomo")
    documento = DocumentoAutonomo.objects.create(
        reclamo=reclamo,
        archivo=subido,
        conciliador=conciliador,
        fecha_documento=fecha_documento,
        honorario_basico=honorario_basico,
        subido_por=por,
    )
    expediente.documento_autonomo_presentado(reclamo, por=por, documento=documento)
    _contar_ar03_desde(reclamo, fecha_documento, por)
    _suspender_ar03(reclamo, por)
    return documento


MOTIVO_REVISION = "Revisión del documento autónomo por la autoridad"


def _suspender_ar03(reclamo: Reclamo, por) -> None:
    """Portal rule (docs/decisions/0004-sorteo.md): the consumer informs the proposed conciliator
    through the portal, which forwards the document once staff checked it. The days staff take
    to check it are the agency's, not the consumer's: AR-03 is suspended meanwhile."""
    from plazos.services import suspender_plazos

    suspender_plazos(
        sujeto=reclamo,
        tipos=_informar(reclamo),
        desde=hoy_en(reclamo),
        motivo=MOTIVO_REVISION,
        por=por,
    )


def _ar03_tras_revision(reclamo: Reclamo, *, cumple: bool, por) -> None:
    """Approved: the portal informs the conciliator now, so the consumer met AR-03. Observed:
    the count resumes where it stopped, for a corrected document."""
    from plazos.services import cumplir_plazos, reanudar_plazos

    if cumple:
        cumplir_plazos(sujeto=reclamo, tipos=_informar(reclamo), por=por)
    else:
        reanudar_plazos(sujeto=reclamo, tipos=_informar(reclamo), hasta=hoy_en(reclamo), por=por)


@transaction.atomic
def revisar_documento_autonomo(
    documento: DocumentoAutonomo, *, por, requisitos: dict[str, bool], observacion: str = ""
) -> DocumentoAutonomo:
    """Staff's checklist of DOMAIN §4.2. All met: the proposed conciliator is informed and may
    accept. Any unmet: the consumer is told why (and may upload a corrected one within AR-03)."""
    reclamo = _bloquear(documento.reclamo)
    _exigir_metodo(reclamo, MetodoDesignacion.ACUERDO, {Estado.ESPERA_DOC_AUTONOMO})
    cumple = all(bool(requisitos.get(r)) for r in DocumentoAutonomo.REQUISITOS)
    if not cumple and not observacion.strip():
        raise DatosInvalidos(
            _("Indicá qué debe corregir el consumidor."),
            campos={"observacion": [_("Obligatorio si falta un requisito.")]},
        )
    estado = DocumentoAutonomo.Estado.APROBADO if cumple else DocumentoAutonomo.Estado.OBSERVADO
    cambios = {r: bool(requisitos.get(r)) for r in DocumentoAutonomo.REQUISITOS}
    cambiados = DocumentoAutonomo.objects.filter(
        pk=documento.pk, estado=DocumentoAutonomo.Estado.PENDIENTE
    ).update(
        estado=estado,
        observacion=observacion.strip(),
        revisado_por=por,
        revisado_en=timezone.now(),
        **cambios,
    )
    if cambiados != 1:
        raise ConflictoDeEstado(_("Este documento ya fue revisado."))
    documento.refresh_from_db()
    expediente.documento_autonomo_revisado(reclamo, por=por, documento=documento)
    _ar03_tras_revision(reclamo, cumple=cumple, por=por)
    if cumple:
        _exigir_sin_pendientes(reclamo)
        _proponer(reclamo, conciliador=documento.conciliador, por=por, documento=documento)
    else:
        avisos.documento_observado(reclamo, documento)
    return documento


def _tomar_propuesta(propuesta: Propuesta, por, nuevo: str) -> Reclamo:
    if propuesta.conciliador.usuario_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("Esta propuesta es para otro conciliador."))
    reclamo = _bloquear(propuesta.reclamo)
    cambiadas = Propuesta.objects.filter(pk=propuesta.pk, estado=Propuesta.Estado.PENDIENTE).update(
        estado=nuevo, respondida_en=timezone.now()
    )
    if cambiadas != 1:
        raise ConflictoDeEstado(_("Esta propuesta ya fue respondida o quedó sin efecto."))
    propuesta.estado = nuevo
    return reclamo


@transaction.atomic
def aceptar_propuesta(propuesta: Propuesta, *, por) -> Designacion:
    """The proposed (b) or chosen (c) conciliator accepts in the portal: designated (T13b, T14)."""
    reclamo = _tomar_propuesta(propuesta, por, Propuesta.Estado.ACEPTADA)
    conciliador = propuesta.conciliador
    motivos = bloqueos(conciliador, fechas=[hoy_en(reclamo)])
    if motivos:
        raise DatosInvalidos(" ".join(motivos))
    return designar(reclamo, conciliador=conciliador, por=por, notificacion_ficta=False)


@transaction.atomic
def rechazar_propuesta(
    propuesta: Propuesta, *, por, motivo: str, justificado: bool, causal: str = ""
) -> Rechazo:
    """The conciliator declines. An excusación ground or another stated cause is justified;
    registry staff may requalify it. Unjustified refusals count toward D202-II.4 g."""
    if not motivo.strip():
        raise DatosInvalidos(_("Explicá el motivo."), campos={"motivo": [_("Obligatorio.")]})
    reclamo = _tomar_propuesta(propuesta, por, Propuesta.Estado.RECHAZADA)
    justificado = justificado or bool(causal)
    rechazo = Rechazo.objects.create(
        conciliador=propuesta.conciliador,
        reclamo=reclamo,
        propuesta=propuesta,
        anio=hoy_en(reclamo).year,
        motivo=motivo.strip(),
        causal=causal,
        justificado=justificado,
    )
    expediente.propuesta_rechazada(
        reclamo, por=por, conciliador=propuesta.conciliador, justificado=justificado
    )
    avisos.propuesta_rechazada(reclamo, propuesta)
    if reclamo.estado == Estado.ESPERA_DOC_AUTONOMO:
        _nuevo_ar03(reclamo, por=por)
    if not justificado:
        registro.avisar_si_excede(propuesta.conciliador, rechazo.anio)
    return rechazo


def _nuevo_ar03(reclamo: Reclamo, *, por) -> None:
    """Portal rule (docs/decisions/0004-sorteo.md): the conciliator the parties agreed on declined,
    so a new autonomous document is needed; AR-03 runs again from the consumer's notice of the
    decline (deemed served the next day, Decision 3), and the claim lapses if none arrives."""
    from plazos.services import abrir_plazo

    desde = hoy_en(reclamo) + UN_DIA
    abrir_plazo(
        sujeto=reclamo,
        tipo=reclamo.regimen.codigo_de(Papel.INFORMAR_CONCILIADOR),
        desde=desde,
        regimen=reclamo.regimen_codigo,
        por=por,
    )
    expediente.ar03_tras_rechazo(reclamo, por=por, fecha=desde)


@transaction.atomic
def registrar_reemplazo(
    reclamo: Reclamo, *, por, conciliador: Conciliador, referencia: str
) -> Designacion:
    """Q9: in methods b and c the conciliator who steps in after an excusación or an upheld
    recusación is the one the Ministry of Justice's procedure assigns; staff record it."""
    reclamo = _bloquear(reclamo)
    if reclamo.metodo_designacion == MetodoDesignacion.SORTEO:
        raise ConflictoDeEstado(_("En la forma a) se hace un nuevo sorteo."))
    if reclamo.estado != Estado.REDESIGNACION:
        raise ConflictoDeEstado(_("El reclamo no espera una nueva designación."))
    if not referencia.strip():
        raise DatosInvalidos(
            _("Indicá el acto del Ministerio de Justicia que asigna al conciliador."),
            campos={"referencia": [_("Obligatorio.")]},
        )
    _exigir_habilitado(conciliador, reclamo, hoy_en(reclamo))
    return designar(
        reclamo,
        conciliador=conciliador,
        por=por,
        reemplazo=True,
        referencia=referencia.strip(),
    )


def retirar_propuestas(reclamo: Reclamo, *, transicion=None, por=None, datos=None) -> None:
    """Hook: a claim that ended (withdrawn, lapsed) leaves no pending proposal behind."""
    Propuesta.objects.filter(reclamo=reclamo, estado=Propuesta.Estado.PENDIENTE).update(
        estado=Propuesta.Estado.RETIRADA, respondida_en=timezone.now()
    )
