"""The acts of the Auditoría en las Relaciones de Consumo (Ley 26.993 Title II; Decreto 202/2015
Anexo I arts. 29–38; DOMAIN §2.5, §4.12, AR-21; decision 0028).

An exit of a COPREC closure without agreement: the claim's consumer files (free, D202-I.29; the
contents of D202-I.31; at most 15 SMVM at the date of the claim), the Auditor gives notice to
the provider (AR-A1: its answer), a hearing only if the Auditor convenes one, then the written,
self-sufficient resolution (D202-I.36) as a numbered PDF. The only remedy is the direct judicial
appeal (D202-I.38, AR-A2); without one the resolution becomes firm when AR-A2 expires and the
Auditor reports it to the Ley 24.240 authority within 10 days (D202-I.37, AR-21).

Each function is one act: one transaction, one entry of the claim's expediente, notices queued
through the outbox (sent after commit).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auditoria import expediente
from auditoria.models import ReclamoAuditoria
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.permisos import tiene_rol
from cuentas.roles import Rol
from normativa.auditoria import Disponibilidad, disponibilidad
from reclamos.estados import Estado
from reclamos.models import Reclamo
from reclamos.permisos import es_parte_consumidora, es_parte_proveedora
from reclamos.transiciones import hoy_en

E = ReclamoAuditoria.Estado
FUENTE = "Ley 26.993 Título II; D202-I.29–38"


# --- who and when ------------------------------------------------------------------------------


def es_auditor(usuario) -> bool:
    return tiene_rol(usuario, Rol.AUDITOR)


def auditores():
    from cuentas.models import Usuario

    return list(Usuario.objects.filter(rol=Rol.AUDITOR, is_active=True).order_by("pk"))


def disponibilidad_para(reclamo: Reclamo, fecha: datetime.date | None = None) -> Disponibilidad:
    return disponibilidad(reclamo.regimen_codigo, fecha or hoy_en(reclamo))


def fecha_de_cierre(reclamo: Reclamo) -> datetime.date | None:
    """The day the conciliation closed without agreement (the transition's entry)."""
    from zoneinfo import ZoneInfo

    entrada = (
        reclamo.actuaciones.filter(estado_hacia=Estado.CERRADO_SIN_ACUERDO)
        .order_by("-en")
        .only("en")
        .first()
    )
    if entrada is None:
        return None
    return entrada.en.astimezone(ZoneInfo(reclamo.regimen.zona_horaria)).date()


def vence_para_reclamar(reclamo: Reclamo) -> datetime.date | None:
    """The last day to file, when the régimen sets a term (None: no term)."""
    reglas = reclamo.regimen.auditoria
    cierre = fecha_de_cierre(reclamo)
    if reglas is None or reglas.plazo_reclamo_habiles is None or cierre is None:
        return None
    from normativa.calendarios import calendario

    cal = calendario(reclamo.regimen.calendario_por_defecto)
    dia, contados = cierre, 0
    while contados < reglas.plazo_reclamo_habiles:
        dia = cal.habil_siguiente(dia)
        contados += 1
    return dia


def impedimento(reclamo: Reclamo) -> str:
    """Why the claim cannot go to the Auditoría today (empty: it can). The consumer's page and
    every service ask here."""
    estado = disponibilidad_para(reclamo)
    if not estado.disponible:
        return estado.motivo
    if reclamo.estado != Estado.CERRADO_SIN_ACUERDO:
        return _(
            "Solo se puede reclamar ante la Auditoría después de una conciliación cerrada sin "
            "acuerdo en el COPREC."
        )
    if ReclamoAuditoria.objects.filter(reclamo=reclamo).exists():
        return _("Este reclamo ya fue presentado ante la Auditoría.")
    vence = vence_para_reclamar(reclamo)
    if vence is not None and hoy_en(reclamo) > vence:
        return _("El plazo para reclamar ante la Auditoría venció el %(f)s.") % {
            "f": f"{vence:%d/%m/%Y}"
        }
    return ""


def tope_en(reclamo: Reclamo, fecha: datetime.date) -> tuple[Decimal, Decimal]:
    """(value of the unit, cap) at the date of the claim: 15 SMVM (DOMAIN §2.5), a dated value
    staff maintain (TOPE-AUDITORIA-<régimen>, decision 0031); the claim stores both."""
    from normativa import valores
    from normativa.models import ValorReferencia

    reglas = reclamo.regimen.auditoria
    unidades = valores.valor(
        f"TOPE-AUDITORIA-{reclamo.regimen_codigo}", fecha, Decimal(reglas.tope_unidades)
    )
    valor = ValorReferencia.valor_en(reglas.unidad_tope, fecha)
    if valor is None:
        raise ConflictoDeEstado(
            _(
                "No hay un Salario Mínimo, Vital y Móvil cargado para el %(f)s: el personal debe "
                "cargarlo antes de recibir reclamos ante la Auditoría."
            )
            % {"f": f"{fecha:%d/%m/%Y}"}
        )
    return valor, valor * unidades


def _acta_de_cierre(reclamo: Reclamo):
    from documentos.models import Documento

    return (
        Documento.objects.filter(
            sujeto_tipo__app_label="reclamos",
            sujeto_tipo__model="reclamo",
            sujeto_id=reclamo.pk,
            tipo="acta_cierre",
        )
        .order_by("-pk")
        .first()
    )


def datos_propuestos(reclamo: Reclamo) -> dict:
    """The form starts with the COPREC record (D202-I.31 a–c)."""
    return {
        "consumidor_nombre": reclamo.consumidor_nombre,
        "consumidor_apellido": reclamo.consumidor_apellido,
        "consumidor_dni": reclamo.consumidor_dni,
        "consumidor_domicilio": reclamo.consumidor_domicilio,
        "email_notificaciones": reclamo.consumidor_email or reclamo.consumidor.email,
        "hechos": reclamo.hechos,
        "pretension": reclamo.objeto,
        "monto": reclamo.monto,
    }


def proveedores_del_registro(reclamo: Reclamo) -> list[dict]:
    return [
        {"razon_social": p.razon_social, "cuit": p.identificador, "domicilio": p.domicilio_legal}
        for p in reclamo.proveedores.all()
    ]


def _avisar(usuarios, reclamo: Reclamo, asunto: str, texto: str, adjuntos=()) -> None:
    from audiencias.avisos import avisar

    avisar(
        usuarios,
        reclamo=reclamo,
        plantilla="aviso",
        asunto=asunto,
        contexto={"texto": texto},
        adjuntos=adjuntos,
    )


def _proveedores(reclamo: Reclamo) -> list:
    from audiencias.avisos import partes

    return [u for u in partes(reclamo) if u.pk != reclamo.consumidor_id]


def _avisar_consumidor(aud: ReclamoAuditoria, asunto: str, texto: str, adjuntos=()) -> None:
    """D202-I.32: the consumer's notices go to the e-mail given to the Auditoría."""
    from django.urls import reverse

    from notificaciones.services import encolar_notificacion

    reclamo = aud.reclamo
    encolar_notificacion(
        destinatario=reclamo.consumidor,
        email=aud.email_notificaciones,
        plantilla="aviso",
        asunto=asunto,
        contexto={
            "texto": texto,
            "numero": reclamo.numero,
            "url": reverse("auditoria:detalle", args=[reclamo.pk]),
        },
        sujeto=reclamo,
        adjuntos=adjuntos,
    )


def _bloquear(aud: ReclamoAuditoria) -> ReclamoAuditoria:
    return ReclamoAuditoria.objects.select_for_update().select_related("reclamo").get(pk=aud.pk)


def _exigir_auditor(por) -> None:
    if not es_auditor(por):
        raise AccesoDenegado(_("Este acto lo realiza el Auditor en las Relaciones de Consumo."))


def _exigir_estado(aud: ReclamoAuditoria, *estados) -> None:
    if aud.estado not in estados:
        raise ConflictoDeEstado(
            _("El reclamo ante la Auditoría está en otro estado: %(e)s.")
            % {"e": aud.get_estado_display()}
        )


def _plazo(reclamo: Reclamo, tipo: str):
    from plazos.selectors import plazos_de

    return plazos_de(reclamo).filter(tipo=tipo).order_by("-pk").first()


def _notificado(reclamo: Reclamo) -> datetime.date:
    """An electronic notice sent today is served the next calendar day (DOMAIN Decision 3): the
    start of the terms the act opens."""
    return hoy_en(reclamo) + datetime.timedelta(days=1)


# --- the claim ---------------------------------------------------------------------------------


@transaction.atomic
def presentar(reclamo: Reclamo, *, por, datos: dict, archivos=()) -> ReclamoAuditoria:
    """The consumer's claim to the Auditor (D202-I.31): free (I.29), only after a COPREC closure
    without agreement, at most 15 SMVM at today's date."""
    from documentos.services import guardar_subida

    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    if not es_parte_consumidora(por, reclamo):
        raise AccesoDenegado(
            _("Solo el consumidor del reclamo puede presentarlo ante la Auditoría.")
        )
    motivo = impedimento(reclamo)
    if motivo:
        raise ConflictoDeEstado(motivo, codigo="auditoria_no_disponible")
    limpios = {k: (v.strip() if isinstance(v, str) else v) for k, v in datos.items()}
    errores = {}
    for campo, mensaje in (
        ("consumidor_nombre", _("Escribí tu nombre.")),
        ("consumidor_apellido", _("Escribí tu apellido.")),
        ("consumidor_dni", _("Escribí tu DNI.")),
        ("consumidor_domicilio", _("Escribí tu domicilio.")),
        ("email_notificaciones", _("Escribí el correo donde recibirás las notificaciones.")),
        ("hechos", _("Contá qué pasó.")),
        ("pretension", _("Escribí qué pedís.")),
    ):
        if not limpios.get(campo):
            errores[campo] = [mensaje]
    monto = limpios.get("monto")
    if monto is None or monto <= 0:
        errores["monto"] = [_("Escribí el monto que reclamás, mayor que cero.")]
    if errores:
        raise DatosInvalidos(_("Revisá los datos del reclamo."), campos=errores)
    hoy = hoy_en(reclamo)
    valor, tope = tope_en(reclamo, hoy)
    if monto > tope:
        reglas = reclamo.regimen.auditoria
        raise DatosInvalidos(
            _(
                "La Auditoría solo atiende reclamos de hasta %(n)s Salarios Mínimos, Vitales y "
                "Móviles: al %(f)s son $ %(t)s (SMVM $ %(v)s). Tu reclamo de $ %(m)s lo supera; "
                "podés iniciar la acción judicial."
            )
            % {
                "n": reglas.tope_unidades,
                "f": f"{hoy:%d/%m/%Y}",
                "t": f"{tope:,.2f}".replace(",", "X").replace(".", ",").replace("X", "."),
                "v": f"{valor:,.2f}".replace(",", "X").replace(".", ",").replace("X", "."),
                "m": f"{monto:,.2f}".replace(",", "X").replace(".", ",").replace("X", "."),
            },
            codigo="auditoria_excede_tope",
            campos={"monto": [_("Supera el tope de la Auditoría.")]},
        )
    subidos = [guardar_subida(a, por=por, sujeto=reclamo, categoria="auditoria") for a in archivos]
    aud = ReclamoAuditoria.objects.create(
        reclamo=reclamo,
        consumidor_nombre=limpios["consumidor_nombre"],
        consumidor_apellido=limpios["consumidor_apellido"],
        consumidor_dni=limpios["consumidor_dni"],
        consumidor_domicilio=limpios["consumidor_domicilio"],
        representante=limpios.get("representante") or "",
        email_notificaciones=limpios["email_notificaciones"],
        otro_medio=limpios.get("otro_medio") or "",
        proveedores=proveedores_del_registro(reclamo),
        constancia_coprec=_acta_de_cierre(reclamo),
        hechos=limpios["hechos"],
        pretension=limpios["pretension"],
        monto=monto,
        prueba_ofrecida=limpios.get("prueba_ofrecida") or "",
        archivos=[a.pk for a in subidos],
        valor_unidad=valor,
        tope=tope,
        presentado_por=por,
    )
    expediente.registrar(
        reclamo,
        "reclamo",
        por=por,
        texto=_(
            "Reclamo ante la Auditoría en las Relaciones de Consumo por $ %(m)s (tope $ %(t)s)."
        )
        % {"m": f"{monto:.2f}", "t": f"{tope:.2f}"},
        fuente="D202-I.29, I.31",
        datos={"monto": f"{monto:.2f}", "tope": f"{tope:.2f}", "archivos": aud.archivos},
    )
    _avisar(
        auditores(),
        reclamo,
        _("Nuevo reclamo ante la Auditoría — %(n)s") % {"n": reclamo.numero},
        _("El consumidor presentó un reclamo ante la Auditoría. Dale traslado al proveedor."),
    )
    _avisar_consumidor(
        aud,
        _("Recibimos tu reclamo ante la Auditoría — %(n)s") % {"n": reclamo.numero},
        _(
            "Recibimos tu reclamo ante la Auditoría en las Relaciones de Consumo. El trámite es "
            "gratuito. Te avisaremos a este correo cada paso."
        ),
    )
    return aud


# --- the written procedure ---------------------------------------------------------------------


@transaction.atomic
def dar_traslado(aud: ReclamoAuditoria, *, por) -> ReclamoAuditoria:
    """Notice to the provider with the claim; opens AR-A1, its answer."""
    from plazos.services import abrir_plazo

    _exigir_auditor(por)
    aud = _bloquear(aud)
    _exigir_estado(aud, E.PRESENTADO)
    reclamo = aud.reclamo
    plazo = abrir_plazo(
        sujeto=reclamo,
        tipo=reclamo.regimen.auditoria.plazo_contestacion,
        desde=_notificado(reclamo),
        regimen=reclamo.regimen_codigo,
        por=por,
    )
    aud.estado, aud.traslado_en = E.TRASLADO, timezone.now()
    aud.save(update_fields=["estado", "traslado_en"])
    vence = f"{plazo.vence:%d/%m/%Y}"
    expediente.registrar(
        reclamo,
        "traslado",
        por=por,
        texto=_("Traslado del reclamo ante la Auditoría al proveedor: contesta hasta el %(f)s.")
        % {"f": vence},
        fuente=FUENTE,
        datos={"vence": vence},
    )
    _avisar(
        _proveedores(reclamo),
        reclamo,
        _("Traslado de un reclamo ante la Auditoría — %(n)s") % {"n": reclamo.numero},
        _(
            "El consumidor reclamó ante la Auditoría en las Relaciones de Consumo. Podés contestar "
            "y ofrecer prueba hasta el %(f)s."
        )
        % {"f": vence},
    )
    return aud


@transaction.atomic
def contestar(aud: ReclamoAuditoria, *, por, texto: str, archivos=()) -> ReclamoAuditoria:
    """The provider's answer with its evidence. After AR-A1 expired it is still accepted until
    the resolution, recorded as late."""
    from documentos.services import guardar_subida
    from plazos.models import Plazo
    from plazos.services import cumplir_plazo

    aud = _bloquear(aud)
    reclamo = aud.reclamo
    if not es_parte_proveedora(por, reclamo):
        raise AccesoDenegado(_("La contestación la presenta el proveedor del reclamo."))
    _exigir_estado(aud, E.TRASLADO, E.EN_TRAMITE)
    if aud.contestado_en is not None:
        raise ConflictoDeEstado(_("El proveedor ya contestó."))
    texto = (texto or "").strip()
    if not texto:
        raise DatosInvalidos(
            _("Revisá la contestación."), campos={"texto": [_("Escribí tu contestación.")]}
        )
    plazo = _plazo(reclamo, reclamo.regimen.auditoria.plazo_contestacion)
    tarde = plazo is None or plazo.estado == Plazo.Estado.VENCIDO or hoy_en(reclamo) > plazo.vence
    subidos = [guardar_subida(a, por=por, sujeto=reclamo, categoria="auditoria") for a in archivos]
    aud.contestacion, aud.contestado_en = texto, timezone.now()
    aud.contestacion_archivos = [a.pk for a in subidos]
    aud.contestacion_fuera_de_plazo = tarde
    aud.estado = E.EN_TRAMITE
    aud.save()
    if not tarde:
        cumplir_plazo(plazo, por=por)
    expediente.registrar(
        reclamo,
        "contestacion",
        por=por,
        texto=_("El proveedor contestó el reclamo ante la Auditoría%(t)s.")
        % {"t": _(" fuera de plazo") if tarde else ""},
        fuente=FUENTE,
        datos={"archivos": aud.contestacion_archivos, "fuera_de_plazo": tarde},
    )
    _avisar(
        auditores(),
        reclamo,
        _("El proveedor contestó — %(n)s") % {"n": reclamo.numero},
        _("El proveedor contestó el reclamo ante la Auditoría."),
    )
    _avisar_consumidor(
        aud,
        _("El proveedor contestó tu reclamo — %(n)s") % {"n": reclamo.numero},
        _("El proveedor contestó tu reclamo ante la Auditoría. Podés verla en el portal."),
    )
    return aud


def al_vencer_contestacion(aud: ReclamoAuditoria) -> None:
    """AR-A1 expired without the answer: the procedure goes on without it."""
    if aud.estado == E.TRASLADO:
        aud.estado = E.EN_TRAMITE
        aud.save(update_fields=["estado"])


@transaction.atomic
def convocar_audiencia(
    aud: ReclamoAuditoria, *, por, inicio: datetime.datetime, lugar: str
) -> ReclamoAuditoria:
    """The optional hearing (decision 0028): the Auditor convenes it and both parties are told."""
    _exigir_auditor(por)
    aud = _bloquear(aud)
    _exigir_estado(aud, E.TRASLADO, E.EN_TRAMITE)
    lugar = (lugar or "").strip()
    errores = {}
    if not lugar:
        errores["lugar"] = [_("Escribí el lugar o el enlace de la audiencia.")]
    if inicio is None or inicio <= timezone.now():
        errores["inicio"] = [_("Elegí una fecha y hora futuras.")]
    if errores:
        raise DatosInvalidos(_("Revisá la audiencia."), campos=errores)
    reclamo = aud.reclamo
    aud.audiencia_inicio, aud.audiencia_lugar, aud.audiencia_acta = inicio, lugar, ""
    aud.save(update_fields=["audiencia_inicio", "audiencia_lugar", "audiencia_acta"])
    cuando = timezone.localtime(inicio).strftime("%d/%m/%Y %H:%M")
    expediente.registrar(
        reclamo,
        "audiencia",
        por=por,
        texto=_("El Auditor convocó a una audiencia el %(c)s (%(l)s).") % {"c": cuando, "l": lugar},
        fuente=FUENTE,
        datos={"inicio": inicio.isoformat(), "lugar": lugar},
    )
    texto = _("El Auditor convocó a las partes a una audiencia el %(c)s en %(l)s.") % {
        "c": cuando,
        "l": lugar,
    }
    asunto = _("Audiencia ante la Auditoría — %(n)s") % {"n": reclamo.numero}
    _avisar(_proveedores(reclamo), reclamo, asunto, texto)
    _avisar_consumidor(aud, asunto, texto)
    return aud


@transaction.atomic
def registrar_audiencia(aud: ReclamoAuditoria, *, por, acta: str) -> ReclamoAuditoria:
    _exigir_auditor(por)
    aud = _bloquear(aud)
    _exigir_estado(aud, E.TRASLADO, E.EN_TRAMITE)
    acta = (acta or "").strip()
    if aud.audiencia_inicio is None:
        raise ConflictoDeEstado(_("No hay audiencia convocada."))
    if not acta:
        raise DatosInvalidos(
            _("Revisá el acta."), campos={"acta": [_("Escribí lo ocurrido en la audiencia.")]}
        )
    aud.audiencia_acta = acta
    aud.save(update_fields=["audiencia_acta"])
    expediente.registrar(
        aud.reclamo,
        "audiencia_celebrada",
        por=por,
        texto=_("Se registró lo ocurrido en la audiencia ante la Auditoría."),
        fuente=FUENTE,
    )
    return aud


# --- the resolution, its firmness and its report ------------------------------------------------


def puede_resolver(aud: ReclamoAuditoria) -> str:
    """Why the Auditor cannot resolve yet (empty: can)."""
    if aud.estado == E.PRESENTADO:
        return _("Primero dale traslado al proveedor.")
    if aud.estado == E.TRASLADO:
        return _("Esperá la contestación del proveedor o el vencimiento de su plazo.")
    if aud.estado != E.EN_TRAMITE:
        return _("El reclamo ya fue resuelto.")
    if aud.audiencia_inicio and not aud.audiencia_acta:
        return _("Registrá primero lo ocurrido en la audiencia convocada.")
    return ""


def _fmt(valor) -> str:
    return "" if valor is None else f"{valor:.2f}"


def snapshot_resolucion(aud: ReclamoAuditoria, *, hoy: datetime.date, vence_recurso) -> dict:
    reclamo = aud.reclamo
    acta = aud.constancia_coprec
    return {
        "reclamo_numero": reclamo.numero,
        "fecha": f"{hoy:%d/%m/%Y}",
        "consumidor": {
            "nombre": f"{aud.consumidor_nombre} {aud.consumidor_apellido}",
            "dni": aud.consumidor_dni,
            "domicilio": aud.consumidor_domicilio,
            "representante": aud.representante,
            "email": aud.email_notificaciones,
        },
        "proveedores": aud.proveedores,
        "acta_cierre": acta.numero_visible if acta else "",
        "cierre": f"{fecha_de_cierre(reclamo):%d/%m/%Y}" if fecha_de_cierre(reclamo) else "",
        "presentado": timezone.localtime(aud.presentado_en).strftime("%d/%m/%Y"),
        "hechos": aud.hechos,
        "pretension": aud.pretension,
        "monto": _fmt(aud.monto),
        "tope": _fmt(aud.tope),
        "valor_unidad": _fmt(aud.valor_unidad),
        "prueba_ofrecida": aud.prueba_ofrecida,
        "archivos": len(aud.archivos),
        "traslado": timezone.localtime(aud.traslado_en).strftime("%d/%m/%Y")
        if aud.traslado_en
        else "",
        "contestacion": aud.contestacion,
        "contestacion_fuera_de_plazo": aud.contestacion_fuera_de_plazo,
        "contestacion_archivos": len(aud.contestacion_archivos),
        "audiencia": timezone.localtime(aud.audiencia_inicio).strftime("%d/%m/%Y %H:%M")
        if aud.audiencia_inicio
        else "",
        "audiencia_acta": aud.audiencia_acta,
        "decision": aud.get_decision_display(),
        "monto_condena": _fmt(aud.monto_condena),
        "fundamentos": aud.fundamentos,
        "vence_recurso": f"{vence_recurso:%d/%m/%Y}",
    }


@transaction.atomic
def resolver(
    aud: ReclamoAuditoria, *, por, decision: str, fundamentos: str, monto_condena=None
) -> ReclamoAuditoria:
    """The written, reasoned, self-sufficient resolution (D202-I.36) as a numbered PDF; the
    parties are notified and AR-A2 (the direct judicial appeal, I.38) starts."""
    from documentos.services import emitir_documento
    from plazos.services import abrir_plazo

    _exigir_auditor(por)
    aud = _bloquear(aud)
    motivo = puede_resolver(aud)
    if motivo:
        raise ConflictoDeEstado(motivo)
    fundamentos = (fundamentos or "").strip()
    errores = {}
    if decision not in ReclamoAuditoria.Decision.values:
        errores["decision"] = [_("Elegí la decisión.")]
    if len(fundamentos) < 20:
        errores["fundamentos"] = [
            _("Escribí los fundamentos: la resolución debe bastarse por sí misma.")
        ]
    condena = decision in {"hace_lugar", "hace_lugar_parcial"}
    if condena and (monto_condena is None or monto_condena <= 0):
        errores["monto_condena"] = [_("Escribí el monto que se ordena pagar.")]
    if condena and monto_condena is not None and monto_condena > aud.monto:
        errores["monto_condena"] = [_("No puede superar el monto reclamado.")]
    if errores:
        raise DatosInvalidos(_("Revisá la resolución."), campos=errores)
    reclamo = aud.reclamo
    reglas = reclamo.regimen.auditoria
    hoy = hoy_en(reclamo)
    plazo = abrir_plazo(
        sujeto=reclamo,
        tipo=reglas.plazo_recurso,
        desde=_notificado(reclamo),
        regimen=reclamo.regimen_codigo,
        por=por,
    )
    aud.decision, aud.fundamentos = decision, fundamentos
    aud.monto_condena = monto_condena if condena else None
    aud.estado, aud.resuelto_en = E.RESUELTO, timezone.now()
    documento = emitir_documento(
        tipo="resolucion_auditoria",
        plantilla="auditoria/resolucion",
        snapshot=snapshot_resolucion(aud, hoy=hoy, vence_recurso=plazo.vence),
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=_("Resolución del Auditor — reclamo %(n)s") % {"n": reclamo.numero},
    )
    aud.resolucion = documento
    aud.save()
    vence = f"{plazo.vence:%d/%m/%Y}"
    expediente.registrar(
        reclamo,
        "resolucion",
        por=por,
        texto=_("Resolución del Auditor N.º %(d)s: %(x)s. Recurso judicial directo hasta el %(f)s.")
        % {"d": documento.numero_visible, "x": aud.get_decision_display(), "f": vence},
        fuente="D202-I.36, I.38",
        datos={"documento": documento.pk, "decision": decision, "vence_recurso": vence},
    )
    texto = _(
        "El Auditor resolvió tu reclamo: %(x)s. La resolución solo puede recurrirse por recurso "
        "judicial directo, hasta el %(f)s; si nadie recurre, queda firme."
    ) % {"x": aud.get_decision_display(), "f": vence}
    asunto = _("Resolución del Auditor — %(n)s") % {"n": reclamo.numero}
    _avisar(_proveedores(reclamo), reclamo, asunto, texto, adjuntos=[documento])
    _avisar_consumidor(aud, asunto, texto, adjuntos=[documento])
    return aud


@transaction.atomic
def recurrir(
    aud: ReclamoAuditoria, *, por, texto: str, presentado: datetime.date | None = None
) -> ReclamoAuditoria:
    """The direct judicial appeal, the only remedy (D202-I.38): any challenge is one. A party
    files it, or the Auditor records one filed on paper with its date. Filed within AR-A2 it
    stops firmness (also when the sweeper already declared it: the firmness and AR-21 go)."""
    from plazos.models import Plazo
    from plazos.services import cancelar_plazos, cumplir_plazo

    aud = _bloquear(aud)
    reclamo = aud.reclamo
    es_parte = es_parte_consumidora(por, reclamo) or es_parte_proveedora(por, reclamo)
    if not (es_parte or es_auditor(por)):
        raise AccesoDenegado(_("El recurso lo interpone una de las partes."))
    _exigir_estado(aud, E.RESUELTO, E.FIRME)
    hoy = hoy_en(reclamo)
    presentado = presentado if (presentado and es_auditor(por)) else hoy
    plazo = _plazo(reclamo, reclamo.regimen.auditoria.plazo_recurso)
    if plazo is None or presentado > plazo.vence:
        raise ConflictoDeEstado(
            _(
                "El plazo para el recurso judicial directo venció el %(f)s: la resolución quedó "
                "firme."
            )
            % {"f": f"{plazo.vence:%d/%m/%Y}" if plazo else "—"}
        )
    texto = (texto or "").strip()
    if not texto:
        raise DatosInvalidos(
            _("Revisá el recurso."), campos={"texto": [_("Escribí los agravios del recurso.")]}
        )
    if plazo.estado in Plazo.ABIERTOS:
        cumplir_plazo(plazo, por=por)
    if aud.estado == E.FIRME:
        cancelar_plazos(sujeto=reclamo, tipos=[reclamo.regimen.auditoria.plazo_comunicacion])
        aud.firme_desde = None
    aud.estado = E.RECURRIDO
    aud.recurso_presentado, aud.recurso_texto, aud.recurso_por = presentado, texto, por
    aud.save()
    expediente.registrar(
        reclamo,
        "recurso",
        por=por,
        texto=_(
            "Recurso judicial directo contra la resolución del Auditor, presentado el %(f)s: se "
            "eleva a la Cámara de Apelaciones."
        )
        % {"f": f"{presentado:%d/%m/%Y}"},
        fuente="D202-I.38",
        datos={"presentado": presentado.isoformat()},
    )
    asunto = _("Recurso contra la resolución del Auditor — %(n)s") % {"n": reclamo.numero}
    aviso = _("Se interpuso recurso judicial directo contra la resolución del Auditor.")
    _avisar([*auditores(), *_proveedores(reclamo)], reclamo, asunto, aviso)
    _avisar_consumidor(aud, asunto, aviso)
    return aud


def declarar_firme(aud: ReclamoAuditoria, *, vencimiento: datetime.date) -> ReclamoAuditoria:
    """AR-A2 expired with no appeal: the resolution is firm from the next day, and AR-21 (the
    report to the Ley 24.240 authority, D202-I.37) starts. Run by the sweeper's consequence."""
    from plazos.services import abrir_plazo

    aud = _bloquear(aud)
    if aud.estado != E.RESUELTO:
        return aud
    reclamo = aud.reclamo
    firme = vencimiento + datetime.timedelta(days=1)
    plazo = abrir_plazo(
        sujeto=reclamo,
        tipo=reclamo.regimen.auditoria.plazo_comunicacion,
        desde=firme,
        regimen=reclamo.regimen_codigo,
    )
    aud.estado, aud.firme_desde = E.FIRME, firme
    aud.save(update_fields=["estado", "firme_desde"])
    expediente.registrar(
        reclamo,
        "firme",
        por=None,
        texto=_(
            "La resolución del Auditor quedó firme el %(f)s (nadie la recurrió). Se comunica a la "
            "autoridad de aplicación de la Ley 24.240 hasta el %(v)s."
        )
        % {"f": f"{firme:%d/%m/%Y}", "v": f"{plazo.vence:%d/%m/%Y}"},
        fuente="D202-I.37, I.38",
        datos={"firme": firme.isoformat(), "vence": plazo.vence.isoformat()},
    )
    _avisar(
        auditores(),
        reclamo,
        _("Resolución firme: comunicala — %(n)s") % {"n": reclamo.numero},
        _("La resolución quedó firme. Comunicala a la autoridad de aplicación hasta el %(v)s.")
        % {"v": f"{plazo.vence:%d/%m/%Y}"},
    )
    return aud


@transaction.atomic
def comunicar(
    aud: ReclamoAuditoria, *, por, autoridad: str, observaciones: str = ""
) -> ReclamoAuditoria:
    """The report of the firm resolution to the Ley 24.240 authority (D202-I.37, AR-21), as a
    numbered PDF. Late, it is still filed and recorded as late (AR-21 stays expired)."""
    from documentos.services import emitir_documento
    from plazos.models import Plazo
    from plazos.services import cumplir_plazo

    _exigir_auditor(por)
    aud = _bloquear(aud)
    _exigir_estado(aud, E.FIRME)
    autoridad = (autoridad or "").strip()
    if not autoridad:
        raise DatosInvalidos(
            _("Revisá la comunicación."),
            campos={"autoridad": [_("Escribí la autoridad de aplicación a la que comunicás.")]},
        )
    reclamo = aud.reclamo
    plazo = _plazo(reclamo, reclamo.regimen.auditoria.plazo_comunicacion)
    hoy = hoy_en(reclamo)
    tarde = plazo.estado == Plazo.Estado.VENCIDO or hoy > plazo.vence
    documento = emitir_documento(
        tipo="comunicacion_auditoria",
        plantilla="auditoria/comunicacion",
        snapshot={
            "reclamo_numero": reclamo.numero,
            "autoridad": autoridad,
            "observaciones": (observaciones or "").strip(),
            "resolucion": aud.resolucion.numero_visible if aud.resolucion else "",
            "decision": aud.get_decision_display(),
            "monto_condena": _fmt(aud.monto_condena),
            "proveedores": aud.proveedores,
            "consumidor": f"{aud.consumidor_nombre} {aud.consumidor_apellido}",
            "firme": f"{aud.firme_desde:%d/%m/%Y}",
            "fecha": f"{hoy:%d/%m/%Y}",
            "vence": f"{plazo.vence:%d/%m/%Y}",
            "fuera_de_plazo": tarde,
        },
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=_("Comunicación de la resolución firme del Auditor — reclamo %(n)s")
        % {"n": reclamo.numero},
    )
    if not tarde:
        cumplir_plazo(plazo, por=por)
    aud.estado, aud.autoridad, aud.comunicacion = E.COMUNICADO, autoridad, documento
    aud.comunicado_en, aud.comunicacion_fuera_de_plazo = timezone.now(), tarde
    aud.save()
    expediente.registrar(
        reclamo,
        "comunicada",
        por=por,
        texto=_("Resolución firme comunicada a %(a)s%(t)s.")
        % {
            "a": autoridad,
            "t": _(", fuera del plazo de 10 días (AR-21 venció el %(f)s)")
            % {"f": f"{plazo.vence:%d/%m/%Y}"}
            if tarde
            else "",
        },
        fuente="D202-I.37",
        datos={"documento": documento.pk, "fuera_de_plazo": tarde},
    )
    return aud
