"""After the definitive fine certificate: serving the intimation (AR-23 runs), the appeal, the
fine becoming firm, payment with the consumer's third or referral to judicial enforcement, and
annulment (D202-I.16; Ley 24.240 art. 45; DOMAIN §2.3)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from cuentas.templatetags.formato import moneda
from honorarios import expediente
from honorarios.models import Multa
from honorarios.reglas import repartir_multa
from honorarios.services.multas import E, _bloquear, _exigir_personal
from normativa.regimenes import Papel
from reclamos.transiciones import hoy_en


def _dia_de_emision(multa: Multa) -> datetime.date:
    """The day the fine was issued in its régimen's zone (emitida_en is stored in UTC: from
    21:00 in Buenos Aires its UTC date is already tomorrow)."""
    from zoneinfo import ZoneInfo

    return multa.emitida_en.astimezone(ZoneInfo(multa.reclamo.regimen.zona_horaria)).date()


def fecha_ficta_de_la_intimacion(multa: Multa) -> datetime.date | None:
    """Electronic route: the day after the mail server accepted it (Decision 3), or None."""
    from notificaciones.domicilios import fecha_de_notificacion

    if multa.intimacion_notificacion is None:
        return None
    return fecha_de_notificacion(
        multa.intimacion_notificacion, regimen_codigo=multa.reclamo.regimen_codigo
    )


@transaction.atomic
def registrar_notificacion_intimacion(
    multa: Multa,
    *,
    por,
    notificada_el: datetime.date | None = None,
    medio: str = "",
    constancia=None,
) -> Multa:
    """The intimation was served: electronically (the deemed date from the outbox) or by
    reliable means (date, means and the uploaded proof). The appeal term runs (AR-23)."""
    from documentos.services import guardar_subida
    from plazos.services import abrir_plazo

    _exigir_personal(por)
    multa = _bloquear(multa)
    if multa.estado != E.DEFINITIVA or multa.intimacion_notificada_el is not None:
        raise ConflictoDeEstado(_("No hay una intimación pendiente de notificar."))
    reclamo = multa.reclamo
    if multa.intimacion_via == Multa.Via.ELECTRONICA:
        notificada_el = fecha_ficta_de_la_intimacion(multa)
        if notificada_el is None:
            raise ConflictoDeEstado(
                _(
                    "El servidor de correo todavía no aceptó la intimación: esperá o notificala "
                    "por medio fehaciente."
                )
            )
        multa.intimacion_medio = _("Domicilio electrónico registrado")
    else:
        faltan = {}
        if notificada_el is None:
            faltan["notificada_el"] = [_("Obligatoria.")]
        if not medio.strip():
            faltan["medio"] = [_("Obligatorio.")]
        if constancia is None:
            faltan["constancia"] = [_("Subí la constancia.")]
        if faltan:
            raise DatosInvalidos(_("Completá los datos de la notificación."), campos=faltan)
        if notificada_el > hoy_en(reclamo) or notificada_el < _dia_de_emision(multa):
            raise DatosInvalidos(
                _("La fecha debe estar entre la emisión de la intimación y hoy."),
                campos={"notificada_el": [_("Fecha fuera de rango.")]},
            )
        multa.intimacion_medio = medio.strip()[:120]
        multa.intimacion_constancia = guardar_subida(
            constancia, por=por, sujeto=reclamo, categoria="constancia_intimacion_multa"
        )
    multa.intimacion_notificada_el = notificada_el
    multa.save()
    abrir_plazo(
        sujeto=multa,
        tipo=reclamo.regimen.codigo_de(Papel.RECURSO_MULTA),
        desde=notificada_el,
        regimen=reclamo.regimen_codigo,
    )
    expediente.intimacion_notificada(reclamo, multa=multa, por=por)
    return multa


@transaction.atomic
def registrar_apelacion(multa: Multa, *, por, fecha: datetime.date) -> Multa:
    """The provider filed the direct appeal (Ley 24.240 art. 45): AR-23 is met."""
    from plazos.services import cumplir_plazos

    _exigir_personal(por)
    multa = _bloquear(multa)
    if multa.estado != E.DEFINITIVA or multa.firme_desde is not None:
        raise ConflictoDeEstado(_("Esta multa no puede recurrirse ahora."))
    if fecha > hoy_en(multa.reclamo):
        raise DatosInvalidos(_("La fecha no puede ser futura."), campos={"fecha": [_("Futura.")]})
    multa.estado, multa.apelada_el = E.APELADA, fecha
    multa.save(update_fields=["estado", "apelada_el"])
    cumplir_plazos(sujeto=multa, tipos=multa.reclamo.regimen.codigos(Papel.RECURSO_MULTA), por=por)
    expediente.multa_apelada(multa.reclamo, multa=multa, por=por)
    return multa


def quedar_firme(multa: Multa) -> None:
    """AR-23 expired without an appeal: the fine is firm (consequence run by the sweeper)."""
    multa = _bloquear(multa)
    if multa.estado not in {E.DEFINITIVA, E.PAGADA} or multa.firme_desde is not None:
        return
    multa.firme_desde = hoy_en(multa.reclamo)
    multa.save(update_fields=["firme_desde"])
    expediente.multa_firme(multa.reclamo, multa=multa)


# A fine is payable from the definitive certificate on: while appealed, and once referred to
# judicial enforcement (paid there). Never while only the conciliator has certified it.
PAGABLE = {E.DEFINITIVA, E.APELADA, E.EN_EJECUCION}


def _fecha_en_rango(fecha: datetime.date, *, desde: datetime.date, hasta: datetime.date) -> None:
    if not desde <= fecha <= hasta:
        raise DatosInvalidos(
            _("La fecha debe estar entre el %(d)s y hoy.") % {"d": f"{desde:%d/%m/%Y}"},
            campos={"fecha": [_("Fecha fuera de rango.")]},
        )


@transaction.atomic
def registrar_pago_multa(
    multa: Multa,
    *,
    por,
    fecha: datetime.date,
    monto: Decimal,
    referencia: str = "",
    comprobante=None,
) -> Multa:
    """The provider paid the fine: staff record date, amount and receipt; the portal records
    the consumer's third and the rest (DOMAIN §2.3, M; docs/decisions/0010), writes the
    expediente and tells the consumer by e-mail.

    Precondition: `por` passed acceder_multa; the staff role is checked here, MFA by the pages
    and the API (cuentas.middleware)."""
    from documentos.services import guardar_subida

    _exigir_personal(por)
    multa = _bloquear(multa)
    if multa.estado == E.CERTIFICADA:
        raise ConflictoDeEstado(
            _("La multa no puede pagarse antes del certificado definitivo."),
            codigo="not_definitive",
        )
    if multa.estado not in PAGABLE:
        raise ConflictoDeEstado(_("La multa no está pendiente de pago."))
    _fecha_en_rango(fecha, desde=_dia_de_emision(multa), hasta=hoy_en(multa.reclamo))
    if monto < multa.monto:
        # Partial payments are not modelled: the sources say nothing of them.
        raise DatosInvalidos(
            _("El monto pagado no cubre la multa (%(m)s): registrá el pago cuando esté completo.")
            % {"m": moneda(multa.monto)},
            campos={"monto": [_("Menor que la multa.")]},
        )
    multa.estado, multa.pagada_el, multa.monto_pagado = E.PAGADA, fecha, monto
    # The share is of the fine (1 SMVM), not of any surplus paid (docs/decisions/0010).
    multa.parte_consumidor, multa.parte_resto = repartir_multa(multa.monto)
    multa.pago_referencia = referencia.strip()[:120]
    if comprobante is not None:
        multa.pago_comprobante = guardar_subida(
            comprobante, por=por, sujeto=multa.reclamo, categoria="pago_multa"
        )
    multa.save()
    expediente.multa_pagada(multa.reclamo, multa=multa, por=por)
    _avisar_parte_al_consumidor(multa)
    return multa


def _avisar_parte_al_consumidor(multa: Multa) -> None:
    from notificaciones.services import encolar_notificacion

    reclamo = multa.reclamo
    encolar_notificacion(
        destinatario=reclamo.consumidor,
        plantilla="honorarios/parte_de_la_multa",
        contexto={
            "consumidor": f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip(),
            "numero": reclamo.numero,
            "proveedor": multa.proveedor.razon_social,
            "monto": f"{multa.monto:.2f}",
            "parte": f"{multa.parte_consumidor:.2f}",
            "url": reverse("reclamos:detalle", args=[reclamo.pk]),
        },
        asunto=_("Te corresponde un tercio de la multa — reclamo %(n)s") % {"n": reclamo.numero},
        sujeto=reclamo,
    )


@transaction.atomic
def remitir_a_ejecucion(multa: Multa, *, por, fecha: datetime.date, referencia: str) -> Multa:
    """A firm fine stays unpaid: staff record its referral to judicial enforcement (DOMAIN
    §2.3). It may still be paid later (registrar_pago_multa)."""
    _exigir_personal(por)
    multa = _bloquear(multa)
    if multa.estado != E.DEFINITIVA or multa.firme_desde is None:
        raise ConflictoDeEstado(_("Solo una multa firme e impaga se remite a ejecución."))
    if not referencia.strip():
        raise DatosInvalidos(
            _("Indicá la referencia de la remisión."), campos={"referencia": [_("Obligatoria.")]}
        )
    _fecha_en_rango(fecha, desde=multa.firme_desde, hasta=hoy_en(multa.reclamo))
    multa.estado, multa.ejecucion_el = E.EN_EJECUCION, fecha
    multa.ejecucion_referencia = referencia.strip()[:200]
    multa.save(update_fields=["estado", "ejecucion_el", "ejecucion_referencia"])
    expediente.multa_en_ejecucion(multa.reclamo, multa=multa, por=por)
    return multa


@transaction.atomic
def anular_multa(multa: Multa, *, por, motivo: str) -> Multa:
    """Staff annul a fine with reasons (defective notice, valid justification, a court ruling)."""
    from plazos.services import cancelar_plazos

    _exigir_personal(por)
    if not motivo.strip():
        raise DatosInvalidos(_("Fundá la anulación."), campos={"motivo": [_("Obligatorio.")]})
    multa = _bloquear(multa)
    if multa.estado in {E.PAGADA, E.ANULADA}:
        raise ConflictoDeEstado(_("Esta multa ya no puede anularse."))
    multa.estado = E.ANULADA
    multa.motivo_anulacion = motivo.strip()
    multa.anulada_por, multa.anulada_en = por, timezone.now()
    multa.save(update_fields=["estado", "motivo_anulacion", "anulada_por", "anulada_en"])
    cancelar_plazos(sujeto=multa, por=por)
    expediente.multa_anulada(multa.reclamo, multa=multa, por=por)
    return multa
