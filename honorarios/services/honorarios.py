"""Conciliators' fees (D202-I.15, I.17; DOMAIN §2.2, §5).

A homologated agreement gives the full fee, paid by the provider; any other ending after a
designation gives the basic fee, paid by the Fondo (method a), by the provider unless the
autonomous document says otherwise (b) or by the consumer (c). honorarios.ganchos calls
`devengar` from the closing acts' transition hooks, inside their transaction.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.roles import Rol
from honorarios import expediente, reglas
from honorarios.models import Honorario, Pagador
from normativa.models import ArancelHonorarios, ValorReferencia
from normativa.regimenes import Papel
from reclamos.models import MetodoDesignacion, Reclamo
from reclamos.transiciones import hoy_en

E = Honorario.Estado
# Staff who handle the Fondo's obligations and the certified copies.
PERSONAL = (Rol.ADMISION, Rol.ADMINISTRADOR)

# The acts that end a claim (reclamos/estados.py): each one gives the conciliator a fee.
FINALES = {
    "homologar": gettext_lazy("Acuerdo homologado"),
    "cerrar_sin_acuerdo": gettext_lazy("Cierre sin acuerdo"),
    "cerrar_por_incomparecencia": gettext_lazy("Cierre por incomparecencia del proveedor"),
    "cerrar_por_denegacion": gettext_lazy("Homologación denegada"),
    "registrar_incomparecencia_consumidor": gettext_lazy("Incomparecencia del consumidor"),
    "desistir": gettext_lazy("Desistimiento del consumidor"),
    "cerrar_por_tope": gettext_lazy("Cierre por exceder el tope"),
}


def _pacto_del_documento(reclamo: Reclamo) -> str:
    """Method b: who the approved autonomous document makes pay the basic fee ("" = silent)."""
    from conciliadores.models import DocumentoAutonomo

    documento = (
        reclamo.documentos_autonomos.filter(estado=DocumentoAutonomo.Estado.APROBADO)
        .order_by("-subido_en")
        .first()
    )
    return documento.honorario_basico if documento else ""


def _ultima_audiencia(reclamo: Reclamo, datos: dict) -> datetime.date | None:
    from zoneinfo import ZoneInfo

    from audiencias.services.audiencia import ultima_audiencia_celebrada

    if datos.get("ultima_audiencia"):
        return datetime.date.fromisoformat(datos["ultima_audiencia"])
    audiencia = ultima_audiencia_celebrada(reclamo)
    if audiencia is None:
        return None
    return audiencia.inicio.astimezone(ZoneInfo(reclamo.regimen.zona_horaria)).date()


def devengar(reclamo: Reclamo, *, accion: str, datos: dict | None = None) -> Honorario | None:
    """The fee a closing act gives (transition hook; runs in the act's transaction). Nothing
    without an active designation (no conciliator acted), and once per claim: closures are
    final, so a claim has at most one ending."""
    designacion = (
        reclamo.designaciones.filter(activa=True)
        .select_related("conciliador")
        .order_by("-fecha")
        .first()
    )
    if designacion is None or Honorario.objects.filter(reclamo=reclamo).exists():
        return None
    homologado = accion == "homologar"
    pacto = (
        _pacto_del_documento(reclamo)
        if reclamo.metodo_designacion == MetodoDesignacion.ACUERDO and not homologado
        else ""
    )
    conciliador = designacion.conciliador
    a_cargo = reglas.quien_paga(
        reclamo.metodo_designacion, homologado=homologado, pacto_documento=pacto
    )
    # L26993 art 4 ¶4: public employees' fees go to the Fondo's account (D202-I.15, I.17).
    publico = conciliador.tipo == conciliador.Tipo.SECRETARIA
    honorario = Honorario(
        reclamo=reclamo,
        conciliador=conciliador,
        tipo=reglas.tipo_de_honorario(homologado=homologado),
        a_cargo=a_cargo,
        pactado_en_documento=bool(pacto),
        motivo=str(FINALES.get(accion, accion)),
        accion=accion,
        fecha_cierre=hoy_en(reclamo),
        deposito_en_fondo=publico,
        ultima_audiencia=_ultima_audiencia(reclamo, datos or {}),
    )
    if publico and a_cargo == Pagador.FONDO:
        # The Fondo would pay into its own account: nothing to collect.
        honorario.estado = E.DEPOSITADO_FONDO
    _liquidar(honorario)
    honorario.save()
    if honorario.ultima_audiencia and honorario.estado not in Honorario.COBRADOS:
        from plazos.services import abrir_plazo

        # AR-16: 45 calendar days after the last hearing an unpaid fee is enforceable.
        abrir_plazo(
            sujeto=honorario,
            tipo=reclamo.regimen.codigo_de(Papel.EJECUTORIEDAD_HONORARIOS),
            desde=honorario.ultima_audiencia,
            regimen=reclamo.regimen_codigo,
        )
    expediente.honorario_devengado(reclamo, honorario=honorario)
    return honorario


def _liquidar(honorario: Honorario) -> None:
    """Units and pesos from the schedule and UR value in force on the closing date (Q10)."""
    fecha = honorario.fecha_cierre
    honorario.arancel = ArancelHonorarios.vigente(fecha)
    honorario.valor_unidad = ValorReferencia.valor_en("UR", fecha)
    honorario.unidades, honorario.monto = reglas.liquidar(
        tipo=honorario.tipo,
        arancel=honorario.arancel,
        valor_unidad=honorario.valor_unidad,
        monto_reclamado=honorario.reclamo.monto,
    )


def faltantes(honorario: Honorario) -> list[str]:
    """What staff must load before the fee has an amount (shown on the pages)."""
    fecha = f"{honorario.fecha_cierre:%d/%m/%Y}"
    faltan = []
    if ArancelHonorarios.vigente(honorario.fecha_cierre) is None:
        faltan.append(_("el arancel de honorarios vigente al %(f)s") % {"f": fecha})
    elif honorario.unidades is None:
        faltan.append(_("una banda del arancel para el monto reclamado"))
    if ValorReferencia.valor_en("UR", honorario.fecha_cierre) is None:
        faltan.append(_("el valor de la unidad de referencia vigente al %(f)s") % {"f": fecha})
    return faltan


def _bloquear(honorario: Honorario) -> Honorario:
    return (
        Honorario.objects.select_for_update(of=("self",))
        .select_related("reclamo", "conciliador__usuario")
        .get(pk=honorario.pk)
    )


def _exigir_personal(usuario) -> None:
    if getattr(usuario, "rol", "") not in PERSONAL:
        raise AccesoDenegado(_("Solo el personal de la autoridad puede hacer esto."))


def _exigir_conciliador(honorario: Honorario, usuario, mensaje: str) -> None:
    if honorario.conciliador.usuario_id != getattr(usuario, "pk", None):
        raise AccesoDenegado(mensaje)


def _fecha_valida(honorario: Honorario, fecha: datetime.date, campo: str = "fecha") -> None:
    if fecha > hoy_en(honorario.reclamo):
        raise DatosInvalidos(
            _("La fecha no puede ser posterior a hoy."), campos={campo: [_("Fecha futura.")]}
        )
    if fecha < honorario.fecha_cierre:
        raise DatosInvalidos(
            _("La fecha no puede ser anterior al cierre del reclamo (%(f)s).")
            % {"f": f"{honorario.fecha_cierre:%d/%m/%Y}"},
            campos={campo: [_("Anterior al cierre.")]},
        )


@transaction.atomic
def liquidar_honorario(honorario: Honorario, *, por) -> Honorario:
    """Staff liquidate a fee recorded without amount once the schedule and the UR value in force
    on the closing date are loaded."""
    _exigir_personal(por)
    honorario = _bloquear(honorario)
    if honorario.liquidado:
        raise ConflictoDeEstado(_("El honorario ya tiene monto."))
    _liquidar(honorario)
    if not honorario.liquidado:
        raise DatosInvalidos(
            _("Todavía falta cargar %(f)s.") % {"f": ", ".join(faltantes(honorario))}
        )
    honorario.save(update_fields=["arancel", "unidades", "valor_unidad", "monto"])
    expediente.honorario_liquidado(honorario.reclamo, honorario=honorario, por=por)
    return honorario


@transaction.atomic
def emitir_constancia_fondo(honorario: Honorario, *, por) -> Honorario:
    """Staff issue the constancia the conciliator presents to the Fondo (method a without
    agreement, D202-I.17; fields of DOMAIN §4.9)."""
    from documentos.services import emitir_documento

    _exigir_personal(por)
    honorario = _bloquear(honorario)
    if honorario.a_cargo != Pagador.FONDO or honorario.estado != E.DEVENGADO:
        raise ConflictoDeEstado(
            _("Este honorario no lleva constancia para el Fondo, o ya la tiene.")
        )
    if not honorario.liquidado:
        raise DatosInvalidos(
            _("No se puede emitir la constancia sin monto: falta cargar %(f)s.")
            % {"f": ", ".join(faltantes(honorario))}
        )
    reclamo = honorario.reclamo
    acta = acta_de_cierre(reclamo)
    honorario.constancia = emitir_documento(
        tipo="constancia_honorarios",
        plantilla="honorarios/constancia_fondo",
        snapshot={
            "reclamo_numero": reclamo.numero,
            "conciliador": honorario.conciliador.nombre,
            "matricula": honorario.conciliador.matricula,
            "cierre": f"{honorario.fecha_cierre:%d/%m/%Y}",
            "motivo": honorario.motivo,
            "metodo": reclamo.get_metodo_designacion_display(),
            "ultima_audiencia": f"{honorario.ultima_audiencia:%d/%m/%Y}"
            if honorario.ultima_audiencia
            else "",
            "acta": acta.numero_visible if acta else "",
            "unidades": f"{honorario.unidades:.2f}",
            "valor_unidad": f"{honorario.valor_unidad:.2f}",
            "monto": f"{honorario.monto:.2f}",
            "arancel": honorario.arancel.fuente if honorario.arancel else "",
        },
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=_("Constancia para el Fondo de Financiamiento — reclamo %(n)s")
        % {"n": reclamo.numero},
    )
    honorario.estado = E.CONSTANCIA_EMITIDA
    honorario.save(update_fields=["constancia", "estado"])
    expediente.constancia_emitida(reclamo, honorario=honorario, por=por)
    return honorario


@transaction.atomic
def registrar_presentacion_fondo(honorario: Honorario, *, por, fecha: datetime.date) -> Honorario:
    """The conciliator presented the constancia to the Fondo: it pays within 15 days (AR-15)."""
    from plazos.services import abrir_plazo

    honorario = _bloquear(honorario)
    _exigir_conciliador(honorario, por, _("Registra la presentación el conciliador."))
    if honorario.estado != E.CONSTANCIA_EMITIDA:
        raise ConflictoDeEstado(_("Primero la autoridad emite la constancia para el Fondo."))
    _fecha_valida(honorario, fecha)
    honorario.presentado_fondo_el = fecha
    honorario.estado = E.PRESENTADO_FONDO
    honorario.save(update_fields=["presentado_fondo_el", "estado"])
    abrir_plazo(
        sujeto=honorario,
        tipo=honorario.reclamo.regimen.codigo_de(Papel.PAGO_HONORARIO_BASICO),
        desde=fecha,
        regimen=honorario.reclamo.regimen_codigo,
    )
    expediente.presentado_al_fondo(honorario.reclamo, honorario=honorario, por=por)
    return honorario


@transaction.atomic
def registrar_pago(honorario: Honorario, *, por, fecha: datetime.date) -> Honorario:
    """The fee was paid (the conciliator says so; staff for the Fondo's payments). AR-15 and
    AR-16 are met. A public employee's fee counts as deposited in the Fondo's account."""
    from plazos.services import cumplir_plazos

    honorario = _bloquear(honorario)
    es_conciliador = honorario.conciliador.usuario_id == getattr(por, "pk", None)
    if not es_conciliador and getattr(por, "rol", "") not in PERSONAL:
        raise AccesoDenegado(_("No podés registrar este pago."))
    if honorario.estado in Honorario.COBRADOS:
        raise ConflictoDeEstado(_("El pago ya está registrado."))
    if honorario.a_cargo == Pagador.FONDO and honorario.estado == E.DEVENGADO:
        raise ConflictoDeEstado(
            _("El Fondo paga contra la constancia: primero hay que emitirla y presentarla.")
        )
    _fecha_valida(honorario, fecha)
    honorario.pagado_el = fecha
    honorario.estado = E.DEPOSITADO_FONDO if honorario.deposito_en_fondo else E.PAGADO
    honorario.save(update_fields=["pagado_el", "estado"])
    regimen = honorario.reclamo.regimen
    cumplir_plazos(
        sujeto=honorario,
        tipos=regimen.codigos(Papel.PAGO_HONORARIO_BASICO, Papel.EJECUTORIEDAD_HONORARIOS),
        por=por,
    )
    expediente.honorario_pagado(honorario.reclamo, honorario=honorario, por=por)
    return honorario


@transaction.atomic
def registrar_cobro_total(
    honorario: Honorario,
    *,
    por,
    fecha: datetime.date,
    causa: str,
    monto: Decimal | None = None,
) -> Honorario:
    """Art. 17: after a basic fee was paid, the conciliator collected the full fee from the
    provider (Auditor's decision, costs in court, voluntary payment). The basic fee, at the
    value then in force, goes back to whoever paid it within 5 days (AR-17)."""
    from plazos.services import abrir_plazo

    honorario = _bloquear(honorario)
    _exigir_conciliador(honorario, por, _("Lo registra el conciliador."))
    if honorario.tipo != Honorario.Tipo.BASICO or honorario.estado != E.PAGADO:
        raise ConflictoDeEstado(_("Solo después de cobrar el honorario básico."))
    if honorario.total_cobrado_el is not None:
        raise ConflictoDeEstado(_("El cobro del honorario total ya está registrado."))
    if causa not in Honorario.CausaTotal.values:
        raise DatosInvalidos(_("Elegí por qué cobraste el total."), campos={"causa": [_("Elegí.")]})
    _fecha_valida(honorario, fecha)
    arancel = ArancelHonorarios.vigente(fecha)
    reintegro = reglas.liquidar(
        tipo=Honorario.Tipo.BASICO,
        arancel=arancel,
        valor_unidad=ValorReferencia.valor_en("UR", fecha),
        monto_reclamado=None,
    )[1]
    honorario.total_cobrado_el = fecha
    honorario.causa_total = causa
    honorario.monto_total_cobrado = monto
    honorario.monto_reintegro = reintegro
    honorario.reintegro_a = honorario.a_cargo
    honorario.save(
        update_fields=[
            "total_cobrado_el",
            "causa_total",
            "monto_total_cobrado",
            "monto_reintegro",
            "reintegro_a",
        ]
    )
    abrir_plazo(
        sujeto=honorario,
        tipo=honorario.reclamo.regimen.codigo_de(Papel.REINTEGRO_HONORARIO),
        desde=fecha,
        regimen=honorario.reclamo.regimen_codigo,
    )
    expediente.total_cobrado(honorario.reclamo, honorario=honorario, por=por)
    return honorario


@transaction.atomic
def registrar_reintegro(honorario: Honorario, *, por, fecha: datetime.date) -> Honorario:
    """The conciliator (or staff, on the Fondo's word) records the refund: AR-17 is met."""
    from plazos.services import cumplir_plazos

    honorario = _bloquear(honorario)
    es_conciliador = honorario.conciliador.usuario_id == getattr(por, "pk", None)
    if not es_conciliador and getattr(por, "rol", "") not in PERSONAL:
        raise AccesoDenegado(_("No podés registrar este reintegro."))
    if not honorario.reintegro_pendiente:
        raise ConflictoDeEstado(_("No hay reintegro pendiente."))
    if fecha < honorario.total_cobrado_el or fecha > hoy_en(honorario.reclamo):
        raise DatosInvalidos(
            _("La fecha debe estar entre el cobro del total y hoy."),
            campos={"fecha": [_("Fecha fuera de rango.")]},
        )
    honorario.reintegrado_el = fecha
    honorario.save(update_fields=["reintegrado_el"])
    regimen = honorario.reclamo.regimen
    cumplir_plazos(sujeto=honorario, tipos=regimen.codigos(Papel.REINTEGRO_HONORARIO), por=por)
    expediente.reintegro_registrado(honorario.reclamo, honorario=honorario, por=por)
    return honorario


def acta_de_cierre(reclamo: Reclamo):
    """The title of an unpaid fee: the acta de cierre; for a homologated agreement, the
    homologation; failing both, the last hearing's acta (D202-I.17)."""
    from documentos.models import Documento

    actas = {
        d.tipo: d
        for d in Documento.objects.filter(
            sujeto_id=reclamo.pk,
            sujeto_tipo__model="reclamo",
            tipo__in=["acta_cierre", "homologacion", "acta_audiencia"],
        ).order_by("pk")
    }
    return actas.get("acta_cierre") or actas.get("homologacion") or actas.get("acta_audiencia")
