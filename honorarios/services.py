"""Fees and fines: one function per act, inside the act's transaction (ARCHITECTURE.md).

Fees (D202-I.15, I.17; DOMAIN §5): a homologated agreement gives the full fee, paid by the
provider; any other ending after a designation gives the basic fee, paid by the Fondo (method a),
by the provider unless the autonomous document says otherwise (b) or by the consumer (c). The
transition hooks in honorarios.ganchos call `devengar` on the closing acts.

Fines (art. 16, Decision 11): only a provider, only after AR-11 ran out without an accepted
justification, only with a cédula validly served for the missed hearing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from honorarios.models import Arancel, Honorario, Multa
from normativa.models import ValorReferencia
from reclamos import expediente
from reclamos.estados import Estado
from reclamos.models import MetodoDesignacion, Reclamo
from reclamos.transiciones import hoy_en

P = Honorario.Pagador


def quien_paga(metodo: str, *, homologado: bool, acuerdo_en_documento: str = "") -> str:
    """DOMAIN §5: who pays the conciliator's fee for a claim that ended this way."""
    if homologado:
        return P.PROVEEDOR
    if metodo == MetodoDesignacion.SORTEO:
        return P.FONDO
    if metodo == MetodoDesignacion.ACUERDO:
        return acuerdo_en_documento if acuerdo_en_documento in P.values else P.PROVEEDOR
    return P.CONSUMIDOR


def unidades(tipo: str, *, fecha: datetime.date, monto_reclamado: Decimal | None):
    """The fee in unidades de referencia from the schedule in force, or None when not loaded."""
    arancel = Arancel.objects.filter(vigente_desde__lte=fecha).order_by("-vigente_desde").first()
    if arancel is None:
        return None
    if tipo == Honorario.Tipo.BASICO:
        return arancel.unidades_basico
    for banda in arancel.bandas_total:
        hasta = banda.get("hasta")
        if hasta in (None, "") or (
            monto_reclamado is not None and monto_reclamado <= Decimal(hasta)
        ):
            return Decimal(str(banda["unidades"]))
    return None


def _designacion(reclamo: Reclamo):
    return reclamo.designaciones.select_related("conciliador").order_by("-fecha").first()


def devengar(reclamo: Reclamo, *, homologado: bool, motivo: str) -> Honorario | None:
    """Records the fee of a claim that ended (hook on the closing acts). Idempotent per claim: a
    later homologation of the same claim cannot happen after a closure (closures are final)."""
    from audiencias.services.audiencia import ultima_audiencia_celebrada

    designacion = _designacion(reclamo)
    if designacion is None or hasattr(reclamo, "honorario"):
        return None
    hoy = hoy_en(reclamo)
    tipo = Honorario.Tipo.TOTAL if homologado else Honorario.Tipo.BASICO
    cantidad = unidades(tipo, fecha=hoy, monto_reclamado=reclamo.monto)
    valor = ValorReferencia.valor_en("UR", hoy)
    ultima = ultima_audiencia_celebrada(reclamo)
    conciliador = designacion.conciliador
    honorario = Honorario.objects.create(
        reclamo=reclamo,
        conciliador=conciliador,
        tipo=tipo,
        a_cargo=quien_paga(reclamo.metodo_designacion, homologado=homologado),
        motivo=motivo,
        unidades=cantidad,
        valor_unidad=valor,
        monto=(cantidad * valor).quantize(Decimal("0.01")) if cantidad and valor else None,
        deposito_en_fondo=conciliador.tipo == conciliador.Tipo.SECRETARIA,
        ultima_audiencia=ultima.inicio.astimezone(ZoneInfo(reclamo.regimen.zona_horaria)).date()
        if ultima
        else None,
    )
    if honorario.ultima_audiencia:
        from plazos.services import abrir_plazo

        # AR-16: 45 calendar days after the last hearing the unpaid fee is enforceable.
        abrir_plazo(
            sujeto=honorario,
            tipo="AR-16",
            desde=honorario.ultima_audiencia,
            regimen=reclamo.regimen_codigo,
        )
    expediente._registrar(
        reclamo,
        "honorarios.devengado",
        por=None,
        texto=_("Honorario %(t)s del conciliador a cargo de %(p)s%(m)s")
        % {
            "t": honorario.get_tipo_display().lower(),
            "p": honorario.get_a_cargo_display().lower(),
            "m": f": $ {honorario.monto:,.2f}" if honorario.monto else _(" (arancel no cargado)"),
        },
        datos={"honorario": honorario.pk, "a_cargo": honorario.a_cargo},
        fuente="D202-I.17",
    )
    return honorario


def _exigir_rol(usuario, *roles):
    if getattr(usuario, "rol", "") not in roles:
        raise AccesoDenegado(_("No podés hacer esto con tu rol."))


@transaction.atomic
def emitir_constancia_fondo(honorario: Honorario, *, por) -> Honorario:
    """Staff issue the constancia the conciliator presents to the Fondo (method a without
    agreement, DOMAIN §4.9)."""
    from documentos.services import emitir_documento

    _exigir_rol(por, "admision", "homologacion", "administrador")
    honorario = (
        Honorario.objects.select_for_update()
        .select_related("reclamo", "conciliador")
        .get(pk=honorario.pk)
    )
    if honorario.a_cargo != P.FONDO or honorario.constancia_id:
        raise ConflictoDeEstado(
            _("Este honorario no lleva constancia para el Fondo, o ya la tiene.")
        )
    reclamo = honorario.reclamo
    honorario.constancia = emitir_documento(
        tipo="constancia_honorarios",
        plantilla="honorarios/constancia_fondo",
        snapshot={
            "reclamo_numero": reclamo.numero,
            "conciliador": honorario.conciliador.nombre,
            "matricula": honorario.conciliador.matricula,
            "cierre": f"{timezone.localtime(honorario.devengado_en):%d/%m/%Y}",
            "metodo": reclamo.get_metodo_designacion_display(),
            "unidades": str(honorario.unidades or ""),
            "valor_unidad": str(honorario.valor_unidad or ""),
            "monto": str(honorario.monto or ""),
            "ultima_audiencia": f"{honorario.ultima_audiencia:%d/%m/%Y}"
            if honorario.ultima_audiencia
            else "",
        },
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=_("Constancia para el Fondo de Financiamiento — reclamo %(n)s")
        % {"n": reclamo.numero},
    )
    honorario.estado = Honorario.Estado.CONSTANCIA_EMITIDA
    honorario.save(update_fields=["constancia", "estado"])
    return honorario


@transaction.atomic
def registrar_presentacion_fondo(honorario: Honorario, *, por, fecha: datetime.date) -> Honorario:
    """The conciliator presented the constancia: the Fondo pays within 15 days (AR-15)."""
    from plazos.services import abrir_plazo

    honorario = (
        Honorario.objects.select_for_update()
        .select_related("reclamo", "conciliador")
        .get(pk=honorario.pk)
    )
    if honorario.conciliador.usuario_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("Registra la presentación el conciliador."))
    if honorario.estado != Honorario.Estado.CONSTANCIA_EMITIDA:
        raise ConflictoDeEstado(_("Primero la autoridad emite la constancia."))
    if fecha > hoy_en(honorario.reclamo):
        raise DatosInvalidos(_("La fecha no puede ser futura."), campos={"fecha": [_("Futura.")]})
    honorario.presentado_fondo_el = fecha
    honorario.estado = Honorario.Estado.PRESENTADO_FONDO
    honorario.save(update_fields=["presentado_fondo_el", "estado"])
    abrir_plazo(
        sujeto=honorario, tipo="AR-15", desde=fecha, regimen=honorario.reclamo.regimen_codigo
    )
    return honorario


@transaction.atomic
def registrar_pago(honorario: Honorario, *, por, fecha: datetime.date) -> Honorario:
    from plazos.services import cumplir_plazos

    honorario = (
        Honorario.objects.select_for_update().select_related("conciliador").get(pk=honorario.pk)
    )
    es_conciliador = honorario.conciliador.usuario_id == getattr(por, "pk", None)
    if not es_conciliador and getattr(por, "rol", "") not in {"administrador", "homologacion"}:
        raise AccesoDenegado(_("No podés registrar este pago."))
    if honorario.estado == Honorario.Estado.PAGADO:
        raise ConflictoDeEstado(_("El pago ya está registrado."))
    honorario.pagado_el = fecha
    honorario.estado = Honorario.Estado.PAGADO
    honorario.save(update_fields=["pagado_el", "estado"])
    cumplir_plazos(sujeto=honorario, tipos=["AR-15", "AR-16"], por=por)
    return honorario


@transaction.atomic
def registrar_cobro_total(honorario: Honorario, *, por, fecha: datetime.date) -> Honorario:
    """Art. 17: the conciliator collected the full fee from the provider after a basic fee was
    paid; the basic one must be refunded within 5 days (AR-17)."""
    from plazos.services import abrir_plazo

    honorario = (
        Honorario.objects.select_for_update()
        .select_related("reclamo", "conciliador")
        .get(pk=honorario.pk)
    )
    if honorario.conciliador.usuario_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("Lo registra el conciliador."))
    if honorario.tipo != Honorario.Tipo.BASICO or honorario.estado != Honorario.Estado.PAGADO:
        raise ConflictoDeEstado(_("Solo después de cobrar el honorario básico."))
    honorario.total_cobrado_el = fecha
    honorario.save(update_fields=["total_cobrado_el"])
    abrir_plazo(
        sujeto=honorario, tipo="AR-17", desde=fecha, regimen=honorario.reclamo.regimen_codigo
    )
    return honorario


@transaction.atomic
def registrar_reintegro(honorario: Honorario, *, por, fecha: datetime.date) -> Honorario:
    from plazos.services import cumplir_plazos

    honorario = Honorario.objects.select_for_update().get(pk=honorario.pk)
    if honorario.total_cobrado_el is None:
        raise ConflictoDeEstado(_("No hay reintegro pendiente."))
    honorario.reintegrado_el = fecha
    honorario.save(update_fields=["reintegrado_el"])
    cumplir_plazos(sujeto=honorario, tipos=["AR-17"], por=por)
    return honorario


def hacer_ejecutable(honorario: Honorario) -> None:
    """AR-16 expired unpaid: the acta de cierre is enforceable by itself; the conciliator gets a
    certified copy (an issued document)."""
    from documentos.models import Documento
    from documentos.services import emitir_documento

    if honorario.estado == Honorario.Estado.PAGADO:
        return
    reclamo = honorario.reclamo
    acta = (
        Documento.objects.filter(sujeto_id=reclamo.pk, tipo="acta_cierre").order_by("-pk").first()
    )
    honorario.copia_certificada = emitir_documento(
        tipo="certificado_ejecutoriedad",
        plantilla="honorarios/copia_certificada",
        snapshot={
            "reclamo_numero": reclamo.numero,
            "conciliador": honorario.conciliador.nombre,
            "matricula": honorario.conciliador.matricula,
            "acta": acta.numero_visible if acta else "",
            "acta_codigo": acta.codigo if acta else "",
            "ultima_audiencia": f"{honorario.ultima_audiencia:%d/%m/%Y}"
            if honorario.ultima_audiencia
            else "",
            "a_cargo": honorario.get_a_cargo_display(),
            "monto": str(honorario.monto or ""),
        },
        por=None,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=_("Copia certificada del acta de cierre (honorarios) — reclamo %(n)s")
        % {"n": reclamo.numero},
    )
    honorario.estado = Honorario.Estado.EJECUTABLE
    honorario.save(update_fields=["copia_certificada", "estado"])


# --- fines ---------------------------------------------------------------------------------------


def _requisitos_de_multa(reclamo: Reclamo):
    """The missed hearing, the absent provider's valid cédula and the expired AR-11, or why not."""
    from audiencias.models import Asistencia, Audiencia, Cedula
    from plazos.models import Plazo

    if (
        reclamo.estado != Estado.CERRADO_SIN_ACUERDO
        or not reclamo.actuaciones.filter(codigo="reclamo.cerrado_incomparecencia").exists()
    ):
        raise ConflictoDeEstado(
            _("Solo hay multa cuando el reclamo se cerró por incomparecencia del proveedor.")
        )
    plazo = (
        Plazo.objects.filter(object_id=reclamo.pk, tipo="AR-11", content_type__model="reclamo")
        .order_by("-pk")
        .first()
    )
    if plazo is None or hoy_en(reclamo) <= plazo.vence:
        raise ConflictoDeEstado(
            _("Todavía corre el plazo de 5 días hábiles para justificar (AR-11).")
        )
    audiencia = (
        Audiencia.objects.filter(
            reclamo=reclamo, resultado=Audiencia.Resultado.INCOMPARECENCIA_PROVEEDOR
        )
        .order_by("-inicio")
        .first()
    )
    ausentes = Asistencia.objects.filter(
        audiencia=audiencia, parte=Asistencia.Parte.PROVEEDOR, comparecio=False
    ).values_list("proveedor_id", flat=True)
    cedulas = list(
        Cedula.objects.filter(
            audiencia=audiencia,
            proveedor_id__in=ausentes,
            en_termino=True,
            notificada_el__isnull=False,
        ).select_related("proveedor", "documento", "notificacion", "constancia")
    )
    if not cedulas:
        raise ConflictoDeEstado(_("Sin cédula notificada en término no hay multa (art. 10)."))
    return audiencia, plazo, cedulas


@transaction.atomic
def certificar_multa(reclamo: Reclamo, *, por) -> list[Multa]:
    """The conciliator's certification of the fine (AR-19), with the acta de incomparecencia and
    the notice proof attached (D202-I.16). Never for the consumer (Decision 11)."""
    from documentos.models import Documento
    from documentos.services import emitir_documento
    from plazos.services import cumplir_plazos

    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    audiencia, plazo, cedulas = _requisitos_de_multa(reclamo)
    if audiencia.conciliador.usuario_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("La certificación la emite el conciliador de la audiencia."))
    acta = (
        Documento.objects.filter(sujeto_id=reclamo.pk, tipo="acta_incomparecencia")
        .order_by("-pk")
        .first()
    )
    multas = []
    for cedula in cedulas:
        if (
            Multa.objects.filter(audiencia=audiencia, proveedor=cedula.proveedor)
            .exclude(estado=Multa.Estado.ANULADA)
            .exists()
        ):
            continue
        certificacion = emitir_documento(
            tipo="certificacion_multa",
            plantilla="honorarios/certificacion_multa",
            snapshot={
                "reclamo_numero": reclamo.numero,
                "proveedor": cedula.proveedor.razon_social,
                "cuit": cedula.proveedor.identificador,
                "audiencia": f"{timezone.localtime(audiencia.inicio):%d/%m/%Y %H:%M}",
                "cedula": cedula.documento.numero_visible if cedula.documento else "",
                "notificada_el": f"{cedula.notificada_el:%d/%m/%Y}",
                "via": cedula.get_via_display(),
                "medio": cedula.medio,
                "ar11_vencio": f"{plazo.vence:%d/%m/%Y}",
                "acta": acta.numero_visible if acta else "",
                "conciliador": audiencia.conciliador.nombre,
                "matricula": audiencia.conciliador.matricula,
            },
            por=por,
            sujeto=reclamo,
            regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
            titulo=_("Certificación de multa — %(p)s — reclamo %(n)s")
            % {"p": cedula.proveedor.razon_social, "n": reclamo.numero},
        )
        multas.append(
            Multa.objects.create(
                reclamo=reclamo,
                proveedor=cedula.proveedor,
                audiencia=audiencia,
                cedula=cedula,
                certificacion=certificacion,
                certificada_por=por,
            )
        )
    if not multas:
        raise ConflictoDeEstado(_("La multa ya fue certificada."))
    cumplir_plazos(sujeto=reclamo, tipos=["AR-19"], por=por)
    expediente._registrar(
        reclamo,
        "multa.certificada",
        por=por,
        texto=_("El conciliador certificó la multa por incomparecencia de %(p)s")
        % {"p": ", ".join(m.proveedor.razon_social for m in multas)},
        datos={"multas": [m.pk for m in multas]},
        fuente="D202-I.16",
    )
    return multas


@transaction.atomic
def emitir_certificado_multa(multa: Multa, *, por, dictamen: str) -> Multa:
    """Staff checked the papers and the notice, recorded the legal opinion: the definitive,
    numbered fine certificate and the intimation to pay (D202-I.16, DOMAIN §4.8)."""
    from documentos.services import emitir_documento

    _exigir_rol(por, "admision", "administrador")
    multa = (
        Multa.objects.select_for_update()
        .select_related("reclamo", "proveedor", "audiencia", "cedula")
        .get(pk=multa.pk)
    )
    if multa.estado != Multa.Estado.CERTIFICADA:
        raise ConflictoDeEstado(_("Esta multa no espera el certificado definitivo."))
    if not dictamen.strip():
        raise DatosInvalidos(
            _("Registrá el dictamen jurídico."), campos={"dictamen": [_("Obligatorio.")]}
        )
    reclamo = multa.reclamo
    fecha = timezone.localtime(multa.audiencia.inicio).date()
    smvm = ValorReferencia.valor_en("SMVM", fecha)
    if smvm is None:
        raise ConflictoDeEstado(_("Falta cargar el SMVM vigente a la fecha de la audiencia."))
    multa.dictamen = dictamen.strip()
    multa.smvm = smvm
    multa.monto = smvm  # 1 SMVM (Ley 26.993 art. 16; Q11: the value on the missed hearing's date)
    comun = {
        "reclamo_numero": reclamo.numero,
        "proveedor": multa.proveedor.razon_social,
        "cuit": multa.proveedor.identificador,
        "domicilio": multa.cedula.domicilio,
        "audiencia": f"{fecha:%d/%m/%Y}",
        "cedula_notificada_el": f"{multa.cedula.notificada_el:%d/%m/%Y}",
        "via": multa.cedula.get_via_display(),
        "medio": multa.cedula.medio,
        "justificacion": _("No se presentó justificación aceptada dentro de los 5 días hábiles."),
        "smvm": f"{smvm:,.2f}",
        "monto": f"{smvm:,.2f}",
        "pago": _(
            "Depositar en la cuenta que indique la autoridad de aplicación dentro de los 10 "
            "días hábiles de notificada."
        ),
        "recurso": _(
            "Recurso directo ante la Cámara Nacional de Apelaciones en lo Contencioso "
            "Administrativo Federal dentro de los 10 días hábiles (Ley 24.240 art. 45; AR-23)."
        ),
    }
    multa.certificado = emitir_documento(
        tipo="certificado_multa",
        plantilla="honorarios/certificado_multa",
        snapshot=comun,
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=_("Certificado de imposición de multa — %(p)s")
        % {"p": multa.proveedor.razon_social},
    )
    multa.intimacion = emitir_documento(
        tipo="intimacion",
        plantilla="honorarios/intimacion_pago",
        snapshot=comun,
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=_("Intimación de pago de multa — %(p)s") % {"p": multa.proveedor.razon_social},
    )
    multa.estado = Multa.Estado.DEFINITIVA
    multa.emitida_por = por
    multa.emitida_en = timezone.now()
    multa.save()
    _notificar_multa(multa)
    expediente._registrar(
        reclamo,
        "multa.definitiva",
        por=por,
        texto=_("Certificado de multa definitivo a %(p)s por $ %(m)s")
        % {"p": multa.proveedor.razon_social, "m": comun["monto"]},
        datos={"multa": multa.pk},
        fuente="D202-I.16",
    )
    return multa


def _notificar_multa(multa: Multa) -> None:
    from notificaciones.domicilios import domicilio_electronico_de
    from notificaciones.services import encolar_notificacion

    organizacion = multa.proveedor.organizacion
    email = domicilio_electronico_de(organizacion) if organizacion else None
    if email:
        encolar_notificacion(
            email=email,
            plantilla="honorarios/intimacion_multa",
            contexto={
                "numero": multa.reclamo.numero,
                "proveedor": multa.proveedor.razon_social,
                "monto": str(multa.monto),
            },
            asunto=_("Intimación de pago de multa — reclamo %(n)s") % {"n": multa.reclamo.numero},
            sujeto=multa.reclamo,
            adjuntos=[multa.certificado, multa.intimacion],
        )


@transaction.atomic
def registrar_pago_multa(multa: Multa, *, por, fecha: datetime.date) -> Multa:
    _exigir_rol(por, "admision", "administrador")
    multa = Multa.objects.select_for_update().get(pk=multa.pk)
    if multa.estado != Multa.Estado.DEFINITIVA:
        raise ConflictoDeEstado(_("La multa no está pendiente de pago."))
    multa.estado, multa.pagada_el = Multa.Estado.PAGADA, fecha
    multa.save(update_fields=["estado", "pagada_el"])
    return multa


@transaction.atomic
def anular_multa(multa: Multa, *, por, motivo: str) -> Multa:
    _exigir_rol(por, "admision", "administrador")
    if not motivo.strip():
        raise DatosInvalidos(_("Fundá la anulación."), campos={"motivo": [_("Obligatorio.")]})
    multa = Multa.objects.select_for_update().get(pk=multa.pk)
    if multa.estado in {Multa.Estado.PAGADA, Multa.Estado.ANULADA}:
        raise ConflictoDeEstado(_("Esta multa ya no puede anularse."))
    multa.estado, multa.motivo_anulacion = Multa.Estado.ANULADA, motivo.strip()
    multa.save(update_fields=["estado", "motivo_anulacion"])
    expediente._registrar(
        multa.reclamo,
        "multa.anulada",
        por=por,
        texto=_("Multa anulada: %(m)s") % {"m": motivo.strip()},
        datos={"multa": multa.pk},
        fuente="D202-I.16",
    )
    return multa
