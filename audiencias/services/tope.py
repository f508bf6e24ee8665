"""The over-cap referral from the hearing (D202-I.2; DOMAIN T28–T29, AR-20, Decision 9).

"De comprobarse, en el transcurso del procedimiento conciliatorio, que el monto del reclamo supera
el límite legal, el Conciliador suspenderá la instancia conciliatoria y remitirá las constancias"
to the agency, which decides whether it exceeds and whether the procedure continues.

- The conciliator refers the claim as the outcome of the hearing where it comes up
  (`Audiencia.Resultado.EXCEDE_TOPE`), with the parties that attended: art. 2 requires no one's
  presence, and the acta records who attended. The hearing is held (at the first one, if every
  party attended, T22 applies, so AR-10 starts; with an absence the claim stays where it was and
  the next hearing is fixed if staff let it continue); its acta records the referral with the
  amount found and the cap stored on the claim,
  and the procedure is suspended through the staff path of reclamos (`suspender_por_tope`: a
  Pausa of kind LIMITE_EN_REVISION and every running plazo of the claim suspended).
- While the review is open no hearing is held and none is summoned: attendance and outcomes are
  refused, and no cédula is issued (so no hearing can be fixed, picked or rescheduled).
- A hearing already fixed when staff open the review from their panel stays on the agenda: if
  staff let the procedure continue before its date it is held as fixed (its notice stays
  valid); if the date passed meanwhile, the conciliator reschedules it (new cédulas); if staff
  close the claim (CERRADO_EXCEDE_TOPE), it is cancelled and the calendars are told.
- Everyone is told: staff when the conciliator refers, the parties and the conciliator when the
  procedure is suspended and when staff decide (art. 2 ¶3: once the decision is firm, the
  consumer may go to the ordinary courts).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from audiencias import avisos
from audiencias.models import Audiencia
from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from reclamos import expediente
from reclamos.models import Pausa, Reclamo

SUSPENDIDO = _(
    "El procedimiento está suspendido por la revisión del tope (art. 2): no se celebran ni se "
    "fijan audiencias hasta que el personal decida si continúa."
)


def revision_abierta(reclamo: Reclamo) -> Pausa | None:
    if "pausas" in getattr(reclamo, "_prefetched_objects_cache", {}):
        # The act read the claim's pauses once (audiencias.services.turnos, issue 13).
        return next(
            (
                p
                for p in reclamo.pausas.all()
                if p.tipo == Pausa.Tipo.LIMITE_EN_REVISION and p.hasta is None
            ),
            None,
        )
    return reclamo.pausas.filter(tipo=Pausa.Tipo.LIMITE_EN_REVISION, hasta__isnull=True).first()


def exigir_sin_revision(reclamo: Reclamo) -> None:
    """No hearing is held or summoned while the over-cap review is open."""
    if revision_abierta(reclamo) is not None:
        raise ConflictoDeEstado(str(SUSPENDIDO), codigo="over_cap_review")


def importe(reclamo: Reclamo, valor) -> str:
    """An amount in the claim's currency ("$ 1.234,56"); empty when unknown."""
    from cuentas.templatetags.formato import moneda

    return moneda(valor, reclamo.regimen.moneda)


def tope_del_reclamo(reclamo: Reclamo) -> Decimal | None:
    """The cap with the value of the unit (SMVM) stored on the claim at filing (D202-I.2: later
    changes of value do not matter)."""
    if reclamo.tope is not None:
        return reclamo.tope
    unidades = reclamo.regimen.tope_unidades
    if reclamo.valor_tope_unidad is not None and unidades is not None:
        return reclamo.valor_tope_unidad * unidades
    return None


def datos_de_remision(reclamo: Reclamo, *, fundamento: str, monto) -> dict:
    """Checks what the conciliator wrote and returns what the acta and the expediente show."""
    fundamento = (fundamento or "").strip()
    if not fundamento:
        raise DatosInvalidos(
            _("Explicá por qué el monto del reclamo supera el tope (art. 2)."),
            campos={"fundamento_tope": [_("Obligatorio.")]},
        )
    if monto is not None and Decimal(monto) <= 0:
        raise DatosInvalidos(
            _("El monto tiene que ser mayor que cero."),
            campos={"monto_tope": [_("Monto inválido.")]},
        )
    tope = tope_del_reclamo(reclamo)
    return {
        "fundamento": fundamento,
        "monto": importe(reclamo, monto),
        "tope": importe(reclamo, tope),
        "unidad": f"{reclamo.regimen.tope_unidades or ''} {reclamo.regimen.unidad_tope}".strip(),
        "valor_unidad": importe(reclamo, reclamo.valor_tope_unidad),
    }


def remitir(audiencia: Audiencia, reclamo: Reclamo, *, por, remision: dict, acta) -> Pausa:
    """Suspends the procedure and sends the papers to staff. Runs inside registrar_resultado's
    transaction, after the hearing's acta was issued (the papers staff review)."""
    from reclamos.services.admision import suspender_por_tope

    motivo = _("El conciliador remitió el reclamo por exceder el tope (art. 2): %(f)s") % {
        "f": remision["fundamento"]
    }
    if remision["monto"]:
        motivo += _(" Monto que surge en la audiencia: %(m)s.") % {"m": remision["monto"]}
    pausa = suspender_por_tope(reclamo, por=por, motivo=motivo)
    expediente._registrar(
        reclamo,
        "audiencia.remision_tope",
        por=por,
        texto=_("Constancias remitidas al personal para decidir sobre el tope: acta %(a)s")
        % {"a": acta.numero_visible if acta else ""},
        datos={"audiencia": audiencia.pk, "acta": acta.pk if acta else None, **remision},
        fuente="D202-I.2",
    )
    return pausa


# --- hooks on reclamos' acts (registered in audiencias.ganchos_conciliacion) -----------------


def al_suspender(reclamo: Reclamo, *, transicion=None, por=None, datos=None) -> None:
    """The review opened (by the conciliator at a hearing or by staff): the parties and the
    conciliator learn the procedure is suspended; staff learn of a referral they must decide."""
    motivo = (datos or {}).get("motivo", "")
    pendiente = reclamo.audiencias.filter(estado=Audiencia.Estado.FIJADA).first()
    conciliador = avisos.conciliador_designado(reclamo)
    destinatarios = [*avisos.partes(reclamo), conciliador]
    por_personal = getattr(por, "rol", "") in {"admision", "administrador"}
    if not por_personal:
        destinatarios += avisos.personal(reclamo)
    avisos.avisar(
        [u for u in destinatarios if u is not None and u.pk != getattr(por, "pk", None)],
        reclamo=reclamo,
        plantilla="audiencias/tope_suspendido",
        asunto=_("Reclamo %(n)s: procedimiento suspendido por la revisión del tope")
        % {"n": reclamo.numero},
        contexto={
            "motivo": motivo,
            "pendiente": f"{local(pendiente):%d/%m/%Y %H:%M}" if pendiente else "",
        },
    )


def al_resolver(reclamo: Reclamo, *, transicion=None, por=None, datos=None) -> None:
    """Staff decided (T29): the parties and the conciliator are told what follows."""
    datos = datos or {}
    destinatarios = [*avisos.partes(reclamo), avisos.conciliador_designado(reclamo)]
    avisos.avisar(
        destinatarios,
        reclamo=reclamo,
        plantilla="audiencias/tope_decidido",
        asunto=_("Reclamo %(n)s: decisión sobre el tope") % {"n": reclamo.numero},
        contexto={
            "continuar": bool(datos.get("continuar")),
            "fundamentos": datos.get("fundamentos", ""),
        },
    )


def cancelar_pendientes(reclamo: Reclamo, *, transicion=None, por=None, datos=None) -> None:
    """Closed because it exceeds the cap: a hearing still fixed is cancelled and the calendars
    get the cancellation (same UID, higher SEQUENCE)."""
    from audiencias.services.cedulas import enviar_invitaciones
    from audiencias.services.reemision import anular_cedulas

    for audiencia in reclamo.audiencias.select_for_update().filter(estado=Audiencia.Estado.FIJADA):
        audiencia.estado = Audiencia.Estado.CANCELADA
        audiencia.cancelada_por = por
        audiencia.motivo_cancelacion = _("Reclamo cerrado: excede el tope (art. 2).")
        audiencia.secuencia_ics += 1
        audiencia.save(
            update_fields=["estado", "cancelada_por", "motivo_cancelacion", "secuencia_ics"]
        )
        anular_cedulas(audiencia, por=por)
        enviar_invitaciones(audiencia)


def local(audiencia: Audiencia):
    """The hearing's start in the régimen's time zone."""
    from zoneinfo import ZoneInfo

    return audiencia.inicio.astimezone(ZoneInfo(audiencia.reclamo.regimen.zona_horaria))
