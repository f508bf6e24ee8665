"""The cédula of each hearing (D202-I.10, DOMAIN §4.3, Decisions 3, 4 and 11) and the calendar
invitations of the hearing.

Every hearing gets one cédula per provider: an issued document with every content art. 10
requires, including the transcription of Ley 26.993 arts. 11 and 16 (dated texts staff load in
normativa; none can be issued while they are missing, Q12). A provider with a registered
electronic domicile is served through the outbox and deemed served the next calendar day;
otherwise the cédula goes by reliable means and whoever serves it (the agency in method a, the
conciliator in b/c) records the date, the means and the proof. Whether the hearing was validly
noticed (AR-09, 3 business days strictly between) is stored on each cédula: only a valid one can
lead to a fine.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audiencias import anticipacion
from audiencias.models import Audiencia, Cedula
from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from cuentas.models import Membresia
from normativa.models import TextoNormativo
from notificaciones.domicilios import memo_de_la_operacion
from reclamos import expediente
from reclamos.models import MetodoDesignacion
from reclamos.services.partes import proveedores_de, registrar_citacion
from reclamos.transiciones import hoy_en

TEXTOS_ART_10 = ("ley26993_art11", "ley26993_art16")


def textos_vigentes(fecha: datetime.date) -> dict[str, TextoNormativo]:
    """The texts every cédula transcribes; DatosInvalidos names the missing ones."""
    textos = TextoNormativo.vigentes(TEXTOS_ART_10, fecha)
    faltan = [clave for clave, texto in textos.items() if texto is None]
    if faltan:
        raise DatosInvalidos(
            _(
                "No se puede emitir la cédula: falta cargar el texto de %(t)s de la Ley 26.993 "
                "(Normativa → Textos normativos)."
            )
            % {"t": ", ".join("art. 11" if c.endswith("11") else "art. 16" for c in faltan)},
            codigo="legal_text_missing",
        )
    return textos


def _local(audiencia: Audiencia) -> datetime.datetime:
    return audiencia.inicio.astimezone(ZoneInfo(audiencia.reclamo.regimen.zona_horaria))


def _snapshot(audiencia: Audiencia, proveedor, textos, via: str) -> dict:
    reclamo = audiencia.reclamo
    conciliador = audiencia.conciliador
    cuando = _local(audiencia)
    organizacion = proveedor.organizacion
    return {
        "reclamo_numero": reclamo.numero,
        "destinatario": {
            "razon_social": proveedor.razon_social,
            "cuit": proveedor.identificador,
            "domicilio": proveedor.domicilio_legal,
            "domicilio_electronico": (organizacion.domicilio_electronico if organizacion else "")
            if via == Cedula.Via.ELECTRONICA
            else "",
        },
        "via": dict(Cedula.Via.choices)[via],
        "conciliador": {
            "nombre": conciliador.nombre,
            "domicilio": conciliador.domicilio_profesional,
            "matricula": conciliador.matricula,
        },
        "consumidor": {
            "nombre": f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip(),
            "domicilio_constituido": reclamo.consumidor_email,
            "domicilio_real": reclamo.consumidor_domicilio,
        },
        "reclamo": {
            "objeto": reclamo.objeto,
            # The amount as a plain decimal: the template formats it (formato.moneda).
            "monto": f"{reclamo.monto:.2f}" if reclamo.monto is not None else "",
        },
        "audiencia": {
            "orden": audiencia.orden,
            "fecha": f"{cuando:%d/%m/%Y}",
            "hora": f"{cuando:%H:%M}",
            "modalidad": audiencia.get_modalidad_display(),
            "lugar": audiencia.lugar,
            "enlace": audiencia.enlace_video,
        },
        "emite": _("la autoridad de aplicación")
        if reclamo.metodo_designacion == MetodoDesignacion.SORTEO
        else _("el conciliador o la conciliadora designado/a"),
        "textos": [
            {"titulo": t.titulo, "texto": t.texto, "fuente": t.fuente} for t in textos.values()
        ],
    }


def _representantes(organizacion) -> list:
    if organizacion is None:
        return []
    memo = memo_de_la_operacion()
    clave = ("representantes", organizacion.pk)
    if memo is not None and clave in memo:
        return list(memo[clave])
    representantes = [
        m.usuario
        for m in Membresia.objects.filter(organizacion=organizacion, activa=True).select_related(
            "usuario"
        )
    ]
    if memo is not None:
        memo[clave] = tuple(representantes)
    return representantes


def documento_de_cedula(audiencia: Audiencia, proveedor, via: str, *, textos, por):
    """The issued document of one provider's cédula (every art. 10 content, as served by `via`)."""
    from documentos.services import emitir_documento

    reclamo = audiencia.reclamo
    return emitir_documento(
        tipo="cedula",
        plantilla="audiencias/cedula",
        snapshot=_snapshot(audiencia, proveedor, textos, via),
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=_("Cédula a %(p)s — audiencia del %(f)s")
        % {"p": proveedor.razon_social, "f": f"{_local(audiencia):%d/%m/%Y %H:%M}"},
    )


def servir_electronicamente(cedula: Cedula) -> None:
    """Sends the cédula to the provider's registered electronic domicile through the outbox;
    it is deemed served the next calendar day (Decision 3) and the 3-day check runs with that
    date. Sets the fields; the caller saves."""
    from notificaciones.services import encolar_notificacion

    audiencia, proveedor = cedula.audiencia, cedula.proveedor
    reclamo = audiencia.reclamo
    email = proveedor.organizacion.domicilio_electronico
    representantes = _representantes(proveedor.organizacion)
    cedula.domicilio = email
    cedula.notificacion = encolar_notificacion(
        destinatario=representantes[0] if representantes else None,
        email=email,
        plantilla="audiencias/cedula",
        contexto={
            "numero": reclamo.numero,
            "proveedor": proveedor.razon_social,
            "fecha": f"{_local(audiencia):%d/%m/%Y %H:%M}",
            "url": reverse("reclamos:detalle", args=[reclamo.pk]),
        },
        asunto=_("Cédula: audiencia del reclamo %(n)s") % {"n": reclamo.numero},
        sujeto=reclamo,
        adjuntos=[cedula.documento],
    )
    # Decision 3: deemed served the next calendar day after sending.
    cedula.notificada_el = hoy_en(reclamo) + datetime.timedelta(days=1)
    cedula.medio = _("Domicilio electrónico registrado")
    cedula.en_termino = anticipacion.en_termino(
        cedula.notificada_el, _local(audiencia).date(), regimen_codigo=reclamo.regimen_codigo
    )


def emitir_cedulas(audiencia: Audiencia, *, por) -> list[Cedula]:
    """One cédula per provider of the claim, inside the act that fixed the hearing. No hearing
    is summoned while the procedure is suspended for the over-cap review (art. 2): every way of
    fixing one (picking a slot, fixing, rescheduling) issues its cédulas here, so it fails."""
    from audiencias.services.tope import exigir_sin_revision

    reclamo = audiencia.reclamo
    exigir_sin_revision(reclamo)
    textos = textos_vigentes(hoy_en(reclamo))
    cedulas = []
    for proveedor in proveedores_de(reclamo):
        via = anticipacion.via_de_notificacion(proveedor)
        cedula = Cedula(
            audiencia=audiencia,
            proveedor=proveedor,
            documento=documento_de_cedula(audiencia, proveedor, via, textos=textos, por=por),
            via=via,
            domicilio=proveedor.domicilio_legal,
        )
        if via == Cedula.Via.ELECTRONICA:
            servir_electronicamente(cedula)
        cedula.save()
        cedulas.append(cedula)
    notificar_al_consumidor(audiencia, por=por)
    coreclamantes = _avisar_coreclamantes(audiencia)
    # Decision 0015: served, the provider now sees the claim.
    registrar_citacion(c.proveedor_id for c in cedulas)
    expediente._registrar(
        reclamo,
        "audiencia.cedulas_emitidas",
        por=por,
        texto=_("Cédulas emitidas para la audiencia del %(f)s: %(p)s. Consumidor: %(c)s")
        % {
            "f": f"{_local(audiencia):%d/%m/%Y %H:%M}",
            "p": ", ".join(f"{c.proveedor.razon_social} ({c.get_via_display()})" for c in cedulas),
            "c": VIAS_DEL_CONSUMIDOR[audiencia.consumidor_via],
        }
        + (_(". Co-reclamantes: %(n)s") % {"n": ", ".join(coreclamantes)} if coreclamantes else ""),
        datos={
            "audiencia": audiencia.pk,
            "cedulas": [c.pk for c in cedulas],
            "consumidor_via": audiencia.consumidor_via,
            "coreclamantes": coreclamantes,
        },
        fuente="D202-I.10",
    )
    return cedulas


def _avisar_coreclamantes(audiencia: Audiencia) -> list[str]:
    """Each co-claimant (litisconsorcio, decision 0026) is a party: told of the hearing like the
    consumer, at their constituted e-mail (deemed served the next day) or, without one, by the
    same reliable means as the consumer. Returns what the expediente records for each."""
    from reclamos.services.coreclamantes import avisar_a_coreclamantes

    reclamo = audiencia.reclamo
    cuando = _local(audiencia)
    lugar = audiencia.enlace_video or audiencia.lugar
    coreclamantes = avisar_a_coreclamantes(
        reclamo,
        asunto=f"Audiencia del reclamo {reclamo.numero}",
        mensaje=_(
            "Se fijó la audiencia n.º %(o)s para el %(f)s (%(m)s, %(l)s). Tenés que asistir "
            "personalmente o por apoderado (art. 11 de la Ley 26.993)."
        )
        % {
            "o": audiencia.orden,
            "f": f"{cuando:%d/%m/%Y %H:%M}",
            "m": audiencia.get_modalidad_display(),
            "l": lugar,
        },
    )
    return [
        f"{c} ({_('correo constituido') if c.email or c.usuario_id else _('medio fehaciente')})"
        for c in coreclamantes
    ]


VIAS_DEL_CONSUMIDOR = {
    "presente": gettext_lazy("eligió el turno en el portal (notificado en el acto)"),
    "electronica": gettext_lazy("domicilio electrónico constituido (notificado el día siguiente)"),
    "fehaciente": gettext_lazy(
        "medio fehaciente a su domicilio real (falta registrar la notificación)"
    ),
}


def notificar_al_consumidor(audiencia: Audiencia, *, por) -> None:
    """D202-I.10: "en todos los casos" the hearing is notified 3 days ahead, the consumer too.
    The consumer who books the slot is notified in the act; one with a constituted e-mail is
    deemed served the next day (Decision 3); otherwise the notifier serves by reliable means and
    records the date with its proof (registrar_notificacion_al_consumidor). Sets and saves the
    hearing's consumer fields."""
    from reclamos.permisos import es_parte_consumidora

    reclamo = audiencia.reclamo
    hoy = hoy_en(reclamo)
    if por is not None and es_parte_consumidora(por, reclamo):
        via, fecha = "presente", hoy
    elif anticipacion.via_del_consumidor(reclamo) == "electronica":
        via, fecha = "electronica", hoy + datetime.timedelta(days=1)
    else:
        via, fecha = "fehaciente", None
    audiencia.consumidor_via = via
    audiencia.consumidor_notificado_el = fecha
    audiencia.consumidor_en_termino = (
        None
        if fecha is None
        else anticipacion.en_termino(
            fecha, _local(audiencia).date(), regimen_codigo=reclamo.regimen_codigo
        )
    )
    Audiencia.objects.filter(pk=audiencia.pk).update(
        consumidor_via=via,
        consumidor_notificado_el=fecha,
        consumidor_en_termino=audiencia.consumidor_en_termino,
    )


def quien_notifica_al_consumidor(audiencia: Audiencia, usuario) -> bool:
    """The same notifier as the providers' cédulas: the agency in method a, else the
    conciliator (D202-I.10)."""
    reclamo = audiencia.reclamo
    if reclamo.metodo_designacion == MetodoDesignacion.SORTEO:
        return getattr(usuario, "rol", "") in {"admision", "administrador"}
    conciliador = audiencia.conciliador
    return conciliador is not None and conciliador.usuario_id == getattr(usuario, "pk", None)


@transaction.atomic
def registrar_notificacion_al_consumidor(
    audiencia: Audiencia, *, por, notificada_el: datetime.date, medio: str, constancia
) -> Audiencia:
    """Records the consumer's service by reliable means with its proof; the 3-day check runs
    with that date, as for a provider's cédula."""
    from documentos.services import guardar_subida

    audiencia = Audiencia.objects.select_for_update(of=("self",)).get(pk=audiencia.pk)
    reclamo = audiencia.reclamo
    if not quien_notifica_al_consumidor(audiencia, por):
        raise ConflictoDeEstado(_("No te corresponde registrar esta notificación."))
    if audiencia.consumidor_via != "fehaciente" or audiencia.consumidor_notificado_el:
        raise ConflictoDeEstado(_("La notificación al consumidor ya está registrada."))
    if notificada_el > hoy_en(reclamo):
        raise DatosInvalidos(
            _("La fecha de notificación no puede ser futura."),
            campos={"notificada_el": [_("Fecha futura.")]},
        )
    if not medio.strip():
        raise DatosInvalidos(_("Indicá el medio."), campos={"medio": [_("Obligatorio.")]})
    if constancia is None:
        raise DatosInvalidos(
            _("Adjuntá la constancia de notificación (acuse de recibo, carta documento)."),
            campos={"constancia": [_("Obligatoria.")]},
        )
    audiencia.consumidor_constancia = guardar_subida(constancia, por=por, sujeto=reclamo)
    audiencia.consumidor_notificado_el = notificada_el
    audiencia.consumidor_medio = medio.strip()
    audiencia.consumidor_en_termino = anticipacion.en_termino(
        notificada_el, _local(audiencia).date(), regimen_codigo=reclamo.regimen_codigo
    )
    audiencia.save(
        update_fields=[
            "consumidor_constancia",
            "consumidor_notificado_el",
            "consumidor_medio",
            "consumidor_en_termino",
        ]
    )
    texto = _("Consumidor notificado el %(f)s por %(m)s") % {
        "f": f"{notificada_el:%d/%m/%Y}",
        "m": audiencia.consumidor_medio,
    }
    if not audiencia.consumidor_en_termino:
        texto += _(" — fuera del término de 3 días hábiles: hay que reprogramar la audiencia")
    expediente._registrar(
        reclamo,
        "audiencia.consumidor_notificado",
        por=por,
        texto=texto,
        datos={
            "audiencia": audiencia.pk,
            "notificada_el": notificada_el.isoformat(),
            "en_termino": audiencia.consumidor_en_termino,
        },
        fuente="D202-I.10",
    )
    return audiencia


def quien_notifica(cedula: Cedula, usuario) -> bool:
    """Method a: the agency (admission staff) serves by reliable means; b/c: the conciliator."""
    reclamo = cedula.audiencia.reclamo
    if reclamo.metodo_designacion == MetodoDesignacion.SORTEO:
        return getattr(usuario, "rol", "") in {"admision", "administrador"}
    return cedula.audiencia.conciliador.usuario_id == getattr(usuario, "pk", None)


@transaction.atomic
def registrar_notificacion_fehaciente(
    cedula: Cedula, *, por, notificada_el: datetime.date, medio: str, constancia
) -> Cedula:
    """Records the service by reliable means with its proof (Decision 3). The 3-day check runs
    with this actual date (AR-09)."""
    from documentos.services import guardar_subida

    cedula = (
        Cedula.objects.select_for_update(of=("self",))
        .select_related("audiencia__reclamo")
        .get(pk=cedula.pk)
    )
    audiencia = cedula.audiencia
    reclamo = audiencia.reclamo
    if not quien_notifica(cedula, por):
        raise ConflictoDeEstado(_("No te corresponde registrar esta notificación."))
    if cedula.via != Cedula.Via.FEHACIENTE:
        raise ConflictoDeEstado(_("Esta cédula se notificó en el domicilio electrónico."))
    if cedula.notificada_el is not None:
        raise ConflictoDeEstado(_("La notificación de esta cédula ya está registrada."))
    if notificada_el > hoy_en(reclamo):
        raise DatosInvalidos(
            _("La fecha de notificación no puede ser futura."),
            campos={"notificada_el": [_("Fecha futura.")]},
        )
    if not medio.strip():
        raise DatosInvalidos(_("Indicá el medio."), campos={"medio": [_("Obligatorio.")]})
    if constancia is None:
        raise DatosInvalidos(
            _("Adjuntá la constancia de notificación (acuse de recibo, carta documento)."),
            campos={"constancia": [_("Obligatoria.")]},
        )
    cedula.constancia = guardar_subida(constancia, por=por, sujeto=reclamo)
    cedula.notificada_el = notificada_el
    cedula.medio = medio.strip()
    cedula.registrada_por = por
    cedula.registrada_en = timezone.now()
    cedula.en_termino = anticipacion.en_termino(
        notificada_el, _local(audiencia).date(), regimen_codigo=reclamo.regimen_codigo
    )
    cedula.save()
    texto = _("Cédula a %(p)s notificada el %(f)s por %(m)s") % {
        "p": cedula.proveedor.razon_social,
        "f": f"{notificada_el:%d/%m/%Y}",
        "m": cedula.medio,
    }
    if not cedula.en_termino:
        texto += _(" — fuera del término de 3 días hábiles: hay que reprogramar la audiencia")
    expediente._registrar(
        reclamo,
        "audiencia.cedula_notificada",
        por=por,
        texto=texto,
        datos={
            "cedula": cedula.pk,
            "notificada_el": notificada_el.isoformat(),
            "en_termino": cedula.en_termino,
        },
        fuente="D202-I.10",
    )
    return cedula


def _participantes(audiencia: Audiencia) -> list:
    """Consumer, whoever conducts the hearing (conciliator or official) and every active
    representative of each provider, once each."""
    reclamo = audiencia.reclamo
    usuarios = [reclamo.consumidor, audiencia.conducida_por]
    for proveedor in proveedores_de(reclamo):
        if proveedor.representante is not None:
            usuarios.append(proveedor.representante)
        usuarios.extend(_representantes(proveedor.organizacion))
    vistos, unicos = set(), []
    for usuario in usuarios:
        if usuario is not None and usuario.pk not in vistos:
            vistos.add(usuario.pk)
            unicos.append(usuario)
    return unicos


def _contexto_de_audiencia(audiencia: Audiencia) -> dict:
    reclamo = audiencia.reclamo
    return {
        "numero": reclamo.numero,
        "fecha": f"{_local(audiencia):%d/%m/%Y %H:%M}",
        "modalidad": audiencia.get_modalidad_display(),
        "lugar": audiencia.lugar,
        "enlace": audiencia.enlace_video,
        "conciliador": audiencia.nombre_de_quien_conduce,
        "url": reverse("reclamos:detalle", args=[reclamo.pk]),
    }


def _plantilla(audiencia: Audiencia, nombre: str) -> str:
    """The régimen's wording of a hearing notice (Regimen.audiencias.plantillas)."""
    return f"{audiencia.reclamo.regimen.audiencias.plantillas}/{nombre}"


def enviar_invitaciones(audiencia: Audiencia, *, cuarto_intermedio: bool = False) -> None:
    """Calendar invitations (.ics, stable UID, SEQUENCE) to consumer, whoever conducts and the
    provider representatives, worded by the claim's régimen; a cancelled or replaced hearing
    sends the cancellation. The UID comes from the hearing (kept when it is rescheduled) and
    SEQUENCE is the hearing's secuencia_ics, which turnos raises on every change, so calendars
    update the entry instead of adding one."""
    from notificaciones.ics import construir_ics
    from notificaciones.services import encolar_notificaciones

    reclamo = audiencia.reclamo
    cancelada = audiencia.estado != Audiencia.Estado.FIJADA
    lugar = audiencia.enlace_video or audiencia.lugar
    ics = construir_ics(
        clave=str(audiencia.uid_ics),
        secuencia=audiencia.secuencia_ics,
        inicio=_local(audiencia),
        fin=_local(audiencia) + datetime.timedelta(minutes=audiencia.duracion_minutos),
        resumen=_("Audiencia de conciliación — reclamo %(n)s") % {"n": reclamo.numero},
        descripcion=_("%(q)s: %(c)s. %(l)s")
        % {
            "q": reclamo.regimen.texto("conduce"),
            "c": audiencia.nombre_de_quien_conduce,
            "l": lugar,
        },
        lugar=lugar,
        url=f"{settings.SITE_URL}{reverse('reclamos:detalle', args=[reclamo.pk])}",
        cancelado=cancelada,
    )
    contexto = {
        **_contexto_de_audiencia(audiencia),
        "cancelada": cancelada,
        "reprogramada": audiencia.reemplaza_id is not None,
        "cuarto_intermedio": cuarto_intermedio,
        "motivo": audiencia.motivo_cancelacion
        if cancelada
        else (audiencia.reemplaza.motivo_cancelacion if audiencia.reemplaza_id else ""),
    }
    asunto = (
        _("Audiencia cancelada — reclamo %(n)s")
        if cancelada
        else _("Audiencia del reclamo %(n)s: %(f)s")
    ) % {"n": reclamo.numero, "f": contexto["fecha"]}
    # One INSERT for every participant's invitation.
    encolar_notificaciones(
        [
            {
                "destinatario": usuario,
                "plantilla": _plantilla(audiencia, "invitacion"),
                "contexto": contexto,
                "asunto": asunto,
                "sujeto": reclamo,
                "ics": ics,
            }
            for usuario in _participantes(audiencia)
        ]
    )


def enviar_recordatorios(*, ahora: datetime.datetime | None = None) -> int:
    """The day before each fixed hearing (in its régimen's time zone), a reminder to every
    participant. Exactly once per hearing: the flag is taken with a compare-and-swap in the same
    transaction that queues the notices. A rescheduled hearing is a new row, so it is reminded
    again. Returns how many hearings were reminded."""
    from notificaciones.services import encolar_notificacion

    ahora = ahora or timezone.now()
    candidatas = (
        Audiencia.objects.filter(
            estado=Audiencia.Estado.FIJADA,
            recordatorio_enviado=False,
            inicio__gt=ahora,
            inicio__lt=ahora + datetime.timedelta(hours=50),
        )
        .select_related("reclamo", "conciliador__usuario", "funcionario")
        .order_by("inicio")
    )
    recordadas = 0
    for audiencia in candidatas:
        zona = ZoneInfo(audiencia.reclamo.regimen.zona_horaria)
        manana = ahora.astimezone(zona).date() + datetime.timedelta(days=1)
        if audiencia.inicio.astimezone(zona).date() != manana:
            continue
        with transaction.atomic():
            tomada = Audiencia.objects.filter(
                pk=audiencia.pk, estado=Audiencia.Estado.FIJADA, recordatorio_enviado=False
            ).update(recordatorio_enviado=True)
            if tomada != 1:
                continue
            contexto = _contexto_de_audiencia(audiencia)
            asunto = _("Mañana: audiencia del reclamo %(n)s, %(f)s") % {
                "n": audiencia.reclamo.numero,
                "f": contexto["fecha"],
            }
            for usuario in _participantes(audiencia):
                encolar_notificacion(
                    destinatario=usuario,
                    plantilla=_plantilla(audiencia, "recordatorio"),
                    contexto=contexto,
                    asunto=asunto,
                    sujeto=audiencia.reclamo,
                )
        recordadas += 1
    return recordadas


def actualizar_cedulas_electronicas(*, ahora: datetime.datetime | None = None) -> int:
    """Brings each electronic cédula of a pending hearing in line with its outbox row.

    At issue the cédula is dated as if sent that day (deemed served the next day). When the mail
    server accepted it later (a retry, a queue backlog), the deemed date moves to the day after
    the real acceptance and the 3-day check (AR-09) runs again. When sending failed for good,
    the cédula has not been served: it goes to reliable means, so the agency (method a) or the
    conciliator (b/c) serves it and records the proof. Returns how many cédulas changed."""
    from notificaciones.domicilios import fecha_notificacion_ficta
    from notificaciones.models import Notificacion

    ahora = ahora or timezone.now()
    cambiadas = 0
    filas = (
        Cedula.objects.filter(
            via=Cedula.Via.ELECTRONICA,
            audiencia__estado=Audiencia.Estado.FIJADA,
            audiencia__inicio__gt=ahora,
            notificacion__estado__in=[Notificacion.Estado.ENVIADA, Notificacion.Estado.FALLIDA],
        )
        .select_related("notificacion", "audiencia__reclamo", "proveedor")
        .order_by("pk")
    )
    for cedula in filas:
        audiencia, reclamo = cedula.audiencia, cedula.audiencia.reclamo
        notificacion = cedula.notificacion
        with transaction.atomic():
            if notificacion.estado == Notificacion.Estado.FALLIDA:
                from audiencias.services.reemision import reemitir_cedula

                tomada = Cedula.objects.select_for_update().filter(
                    pk=cedula.pk, via=Cedula.Via.ELECTRONICA
                )
                if not tomada.exists():
                    continue
                # The route changed: the cédula is issued again, to be served by reliable means.
                reemitir_cedula(
                    cedula,
                    via=Cedula.Via.FEHACIENTE,
                    por=None,
                    motivo=_("no pudo entregarse en el domicilio electrónico"),
                )
                cambiadas += 1
                expediente._registrar(
                    reclamo,
                    "audiencia.cedula_no_entregada",
                    por=None,
                    texto=_(
                        "La cédula electrónica a %(p)s no pudo entregarse: hay que notificarla "
                        "por medio fehaciente en el domicilio inscripto."
                    )
                    % {"p": cedula.proveedor.razon_social},
                    datos={"cedula": cedula.pk, "error": notificacion.ultimo_error[:200]},
                    fuente="D202-I.10",
                )
                continue
            if notificacion.aceptada_en is None:
                continue
            fecha = fecha_notificacion_ficta(
                notificacion.aceptada_en, regimen_tz=reclamo.regimen.zona_horaria
            )
            if fecha == cedula.notificada_el:
                continue
            valida = anticipacion.en_termino(
                fecha, _local(audiencia).date(), regimen_codigo=reclamo.regimen_codigo
            )
            cambiadas += Cedula.objects.filter(pk=cedula.pk).update(
                notificada_el=fecha, en_termino=valida
            )
            aceptada = notificacion.aceptada_en.astimezone(ZoneInfo(reclamo.regimen.zona_horaria))
            texto = _(
                "Cédula a %(p)s: el servidor la aceptó el %(a)s; se tiene por notificada el %(f)s"
            ) % {
                "p": cedula.proveedor.razon_social,
                "a": f"{aceptada:%d/%m/%Y %H:%M}",
                "f": f"{fecha:%d/%m/%Y}",
            }
            if not valida:
                texto += _(
                    " — fuera del término de 3 días hábiles: hay que reprogramar la audiencia"
                )
            expediente._registrar(
                reclamo,
                "audiencia.cedula_notificada",
                por=None,
                texto=texto,
                datos={
                    "cedula": cedula.pk,
                    "notificada_el": fecha.isoformat(),
                    "en_termino": valida,
                },
                fuente="D202-I.10",
            )
    return cambiadas
