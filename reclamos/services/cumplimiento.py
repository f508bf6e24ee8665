"""Non-compliance with a homologated agreement (D202-I.19; DOMAIN T38–T43, §4.10, AR-18).

After homologation the claim is EN_CUMPLIMIENTO with the agreed obligations and their dates
(written by the homologation act into the expediente). Once an agreed date has passed, the consumer
may report that the provider did not comply. Admission staff then intimate each provider to prove
compliance within AR-18 (5 business days), served as a cédula is (Decision 3): through the outbox
to a registered electronic domicile, deemed served the next calendar day; otherwise by reliable
means, recorded by staff with its date and proof. The claim becomes INTIMADO — and AR-18 starts —
when every provider's intimation has been served. The provider uploads its documents; staff
record that it complied, or, once AR-18 is over, that it did not: the verified breach is referred
for the Ley 24.240 art. 46 procedure with an issued referral document. The consumer can also
confirm that the provider complied. Every step is an act in the expediente.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from normativa.regimenes import Papel
from reclamos import expediente
from reclamos.estados import Estado, tabla
from reclamos.models import Incumplimiento, Intimacion, Reclamo
from reclamos.permisos import es_parte_proveedora
from reclamos.transiciones import hoy_en, transicionar

FUENTE = "D202-I.19"
CATEGORIA_DENUNCIA = "denuncia_incumplimiento"
CATEGORIA_PRUEBA = "prueba_cumplimiento"
CATEGORIA_CONSTANCIA = "constancia_intimacion"
REMISION_POR_DEFECTO = "Autoridad de Aplicación de la Ley 24.240 — procedimiento del art. 46"


# --- reads -------------------------------------------------------------------------------------


def obligaciones_acordadas(reclamo: Reclamo) -> list[dict]:
    """The obligations of the homologated agreement, as the homologation act recorded them."""
    inicio = (
        reclamo.actuaciones.filter(codigo="cumplimiento.iniciado").order_by("-en", "-pk").first()
    )
    return list((inicio.datos or {}).get("obligaciones", [])) if inicio else []


def fecha_de(obligacion: dict) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(obligacion.get("fecha_cumplimiento") or "")
    except ValueError:
        return None


def obligaciones_vencidas(reclamo: Reclamo, *, hoy: datetime.date | None = None) -> list[dict]:
    """The agreed obligations whose compliance date is already past (each with its index)."""
    hoy = hoy or hoy_en(reclamo)
    return [
        {**o, "indice": i}
        for i, o in enumerate(obligaciones_acordadas(reclamo))
        if (fecha := fecha_de(o)) is not None and fecha < hoy
    ]


def primera_fecha_para_denunciar(reclamo: Reclamo) -> datetime.date | None:
    """The day after the earliest agreed date: from then on the consumer may report."""
    fechas = [f for o in obligaciones_acordadas(reclamo) if (f := fecha_de(o)) is not None]
    return min(fechas) + datetime.timedelta(days=1) if fechas else None


def acuerdo_homologado(reclamo: Reclamo):
    from documentos.models import Documento

    return (
        Documento.objects.filter(
            sujeto_tipo=ContentType.objects.get_for_model(Reclamo),
            sujeto_id=reclamo.pk,
            tipo="homologacion",
        )
        .order_by("-emitido_en", "-pk")
        .first()
    )


def en_tramite(reclamo: Reclamo) -> Incumplimiento | None:
    return reclamo.incumplimientos.filter(resultado=Incumplimiento.Resultado.PENDIENTE).first()


def plazo_para_acreditar(reclamo: Reclamo):
    """The claim's latest plazo to prove compliance after the summons, or None."""
    from plazos.models import Plazo

    return (
        Plazo.objects.filter(
            content_type=ContentType.objects.get_for_model(Reclamo),
            object_id=reclamo.pk,
            tipo=reclamo.regimen.codigo_de(Papel.CUMPLIMIENTO_ACUERDO),
        )
        .order_by("-pk")
        .first()
    )


def _plazo_corriendo(plazo) -> bool:
    return plazo is not None and plazo.abierto and plazo.vence_en > timezone.now()


# --- permissions -------------------------------------------------------------------------------


def puede(usuario, reclamo: Reclamo, accion: str) -> bool:
    """Whether the role of `usuario` may perform the table's `accion` on this claim's régimen."""
    fila = tabla(reclamo.regimen_codigo).get(accion)
    return fila is not None and getattr(usuario, "rol", None) in fila.roles


def es_personal_de_cumplimiento(usuario, reclamo: Reclamo) -> bool:
    return puede(usuario, reclamo, "intimar")


def _exigir_personal(usuario, reclamo: Reclamo) -> None:
    if not es_personal_de_cumplimiento(usuario, reclamo):
        raise AccesoDenegado(_("Este acto lo realiza el personal de la autoridad."))


def _bloquear(reclamo: Reclamo) -> Reclamo:
    return Reclamo.objects.select_for_update().get(pk=reclamo.pk)


def representantes_del_proveedor(proveedor) -> list:
    from cuentas.models import Membresia

    if proveedor.organizacion_id is None:
        return [proveedor.representante] if proveedor.representante_id else []
    usuarios = [
        m.usuario
        for m in Membresia.objects.filter(
            organizacion_id=proveedor.organizacion_id, activa=True
        ).select_related("usuario")
    ]
    if proveedor.representante_id and proveedor.representante not in usuarios:
        usuarios.append(proveedor.representante)
    return usuarios


def _avisar(reclamo: Reclamo, usuarios, *, asunto: str, mensaje: str) -> None:
    from notificaciones.services import encolar_notificacion

    vistos = set()
    for usuario in usuarios:
        if usuario is None or usuario.pk in vistos:
            continue
        vistos.add(usuario.pk)
        encolar_notificacion(
            destinatario=usuario,
            plantilla="reclamos/cumplimiento",
            contexto={
                "numero": reclamo.numero,
                "mensaje": mensaje,
                "url": reverse("reclamos:detalle", args=[reclamo.pk]),
            },
            asunto=asunto,
            sujeto=reclamo,
        )


def _partes(reclamo: Reclamo) -> list:
    usuarios = [reclamo.consumidor]
    for proveedor in reclamo.proveedores.select_related("representante"):
        usuarios.extend(representantes_del_proveedor(proveedor))
    return usuarios


# --- acts ---------------------------------------------------------------------------------------


@transaction.atomic
def denunciar_incumplimiento(
    reclamo: Reclamo,
    *,
    por,
    detalle: str,
    obligaciones: list[int] | None = None,
    pruebas=(),
) -> Incumplimiento:
    """T39: the consumer reports that the provider did not comply by the agreed date."""
    from documentos.services import guardar_subida

    reclamo = _bloquear(reclamo)
    if reclamo.consumidor_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("Solo quien presentó el reclamo puede denunciar el incumplimiento."))
    if reclamo.estado != Estado.EN_CUMPLIMIENTO:
        raise ConflictoDeEstado(
            _("El reclamo no está en etapa de cumplimiento de un acuerdo homologado."),
            codigo="invalid_state",
        )
    detalle = (detalle or "").strip()
    if not detalle:
        raise DatosInvalidos(
            _("Contá qué parte del acuerdo no se cumplió."), campos={"detalle": [_("Obligatorio.")]}
        )
    acordadas = obligaciones_acordadas(reclamo)
    vencidas = obligaciones_vencidas(reclamo)
    if acordadas and not vencidas:
        desde = primera_fecha_para_denunciar(reclamo)
        raise ConflictoDeEstado(
            _(
                "Todavía no venció la fecha de cumplimiento acordada. Podés denunciar el "
                "incumplimiento desde el %(f)s."
            )
            % {"f": f"{desde:%d/%m/%Y}"},
            codigo="not_due_yet",
        )
    elegidas = vencidas
    if obligaciones:
        indices = {int(i) for i in obligaciones}
        elegidas = [o for o in vencidas if o["indice"] in indices]
        if len(elegidas) != len(indices):
            raise DatosInvalidos(
                _("Elegí solo obligaciones cuya fecha de cumplimiento ya pasó."),
                campos={"obligaciones": [_("Todavía no vencida.")]},
            )
    incumplimiento = Incumplimiento.objects.create(
        reclamo=reclamo, detalle=detalle, obligaciones=elegidas, denunciado_por=por
    )
    archivos = [
        guardar_subida(archivo, por=por, sujeto=reclamo, categoria=CATEGORIA_DENUNCIA)
        for archivo in pruebas
    ]
    transicionar(
        reclamo,
        "denunciar_incumplimiento",
        por=por,
        datos={
            "incumplimiento": incumplimiento.pk,
            "obligaciones": [o["descripcion"] for o in elegidas],
            "archivos": [a.pk for a in archivos],
        },
    )
    return incumplimiento


def _snapshot_intimacion(reclamo, incumplimiento, proveedor, via, domicilio, homologado) -> dict:
    tipo = reclamo.regimen.plazo_de(Papel.CUMPLIMIENTO_ACUERDO)
    return {
        "reclamo_numero": reclamo.numero,
        "destinatario": {
            "razon_social": proveedor.razon_social,
            "cuit": proveedor.identificador,
            "domicilio": domicilio,
            "domicilio_legal": proveedor.domicilio_legal,
        },
        "via": dict(Intimacion.Via.choices)[via],
        "consumidor": f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip(),
        "acuerdo_homologado": homologado.numero_visible if homologado else "",
        "obligaciones": [
            {
                "descripcion": o.get("descripcion", ""),
                "monto": o.get("monto", ""),
                "fecha_cumplimiento": (
                    f"{f:%d/%m/%Y}" if (f := fecha_de(o)) else o.get("fecha_cumplimiento", "")
                ),
            }
            for o in incumplimiento.obligaciones
        ],
        "denunciado_el": f"{timezone.localtime(incumplimiento.denunciado_en):%d/%m/%Y}",
        "detalle": incumplimiento.detalle,
        "plazo": {
            "dias": tipo.duracion,
            "habiles": tipo.unidad == "habiles",
            "fuente": tipo.fuente,
        },
        "url": reverse("reclamos:detalle", args=[reclamo.pk]),
    }


@transaction.atomic
def intimar_proveedores(reclamo: Reclamo, *, por) -> list[Intimacion]:
    """T40: issues one intimation per provider and serves it as a cédula is served."""
    from documentos.services import emitir_documento
    from notificaciones.domicilios import domicilio_electronico_de
    from notificaciones.services import encolar_notificacion

    reclamo = _bloquear(reclamo)
    _exigir_personal(por, reclamo)
    incumplimiento = en_tramite(reclamo)
    if reclamo.estado != Estado.INCUMPLIMIENTO_DENUNCIADO or incumplimiento is None:
        raise ConflictoDeEstado(
            _("No hay una denuncia de incumplimiento para intimar."), codigo="invalid_state"
        )
    if incumplimiento.intimaciones.exists():
        raise ConflictoDeEstado(_("La intimación ya fue emitida."), codigo="already_done")
    hoy = hoy_en(reclamo)
    homologado = acuerdo_homologado(reclamo)
    intimaciones = []
    for proveedor in reclamo.proveedores.select_related("organizacion", "representante"):
        organizacion = proveedor.organizacion
        electronico = domicilio_electronico_de(organizacion) if organizacion else None
        via = Intimacion.Via.ELECTRONICA if electronico else Intimacion.Via.FEHACIENTE
        domicilio = electronico or proveedor.domicilio_legal
        documento = emitir_documento(
            tipo="intimacion",
            plantilla="reclamos/intimacion",
            snapshot=_snapshot_intimacion(
                reclamo, incumplimiento, proveedor, via, domicilio, homologado
            ),
            por=por,
            sujeto=reclamo,
            regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
            titulo=_("Intimación a acreditar el cumplimiento — %(p)s — reclamo %(n)s")
            % {"p": proveedor.razon_social, "n": reclamo.numero},
        )
        intimacion = Intimacion(
            incumplimiento=incumplimiento,
            proveedor=proveedor,
            documento=documento,
            via=via,
            domicilio=domicilio,
            emitida_por=por,
        )
        if via == Intimacion.Via.ELECTRONICA:
            representantes = representantes_del_proveedor(proveedor)
            intimacion.notificacion = encolar_notificacion(
                destinatario=representantes[0] if representantes else None,
                email=electronico,
                plantilla="reclamos/intimacion",
                contexto={
                    "numero": reclamo.numero,
                    "proveedor": proveedor.razon_social,
                    "url": reverse("reclamos:detalle", args=[reclamo.pk]),
                },
                asunto=_("Intimación a acreditar el cumplimiento del acuerdo — reclamo %(n)s")
                % {"n": reclamo.numero},
                sujeto=reclamo,
                adjuntos=[documento],
            )
            # Decision 3: deemed served the next calendar day after sending.
            intimacion.notificada_el = hoy + datetime.timedelta(days=1)
            intimacion.medio = _("Domicilio electrónico registrado")
            intimacion.registrada_en = timezone.now()
        intimacion.save()
        intimaciones.append(intimacion)
        expediente._registrar(
            reclamo,
            "cumplimiento.intimacion_emitida",
            por=por,
            texto=_("Intimación a %(p)s emitida (%(v)s)")
            % {"p": proveedor.razon_social, "v": intimacion.get_via_display().lower()},
            datos={"intimacion": intimacion.pk, "documento": documento.pk, "via": via},
            fuente=FUENTE,
        )
    _intimar_si_notificadas(reclamo, incumplimiento, por=por)
    return intimaciones


def _intimar_si_notificadas(reclamo: Reclamo, incumplimiento: Incumplimiento, *, por) -> bool:
    """When every provider's intimation is served, the claim is INTIMADO and AR-18 runs from the
    last service date."""
    fechas = list(incumplimiento.intimaciones.values_list("notificada_el", flat=True))
    if not fechas or any(f is None for f in fechas):
        return False
    ultima = max(fechas)
    transicionar(
        reclamo,
        "intimar",
        por=por,
        datos={
            "incumplimiento": incumplimiento.pk,
            "notificada_el": ultima.isoformat(),
            "plazos_desde": ultima,
        },
    )
    return True


@transaction.atomic
def registrar_notificacion_intimacion(
    intimacion: Intimacion, *, por, notificada_el: datetime.date, medio: str, constancia
) -> Intimacion:
    """Staff record the service by reliable means with its proof (as for a cédula)."""
    from documentos.services import guardar_subida

    intimacion = (
        Intimacion.objects.select_for_update(of=("self",))
        .select_related("incumplimiento__reclamo", "proveedor")
        .get(pk=intimacion.pk)
    )
    incumplimiento = intimacion.incumplimiento
    reclamo = _bloquear(incumplimiento.reclamo)
    _exigir_personal(por, reclamo)
    if intimacion.via != Intimacion.Via.FEHACIENTE:
        raise ConflictoDeEstado(_("Esta intimación se notificó en el domicilio electrónico."))
    if intimacion.notificada_el is not None:
        raise ConflictoDeEstado(_("La notificación de esta intimación ya está registrada."))
    if reclamo.estado != Estado.INCUMPLIMIENTO_DENUNCIADO:
        raise ConflictoDeEstado(_("El reclamo ya no espera esta notificación."))
    if notificada_el is None:
        raise DatosInvalidos(
            _("Indicá la fecha de notificación."), campos={"notificada_el": [_("Obligatoria.")]}
        )
    if notificada_el > hoy_en(reclamo):
        raise DatosInvalidos(
            _("La fecha de notificación no puede ser futura."),
            campos={"notificada_el": [_("Fecha futura.")]},
        )
    if notificada_el < timezone.localtime(intimacion.emitida_en).date():
        raise DatosInvalidos(
            _("La fecha de notificación no puede ser anterior a la emisión de la intimación."),
            campos={"notificada_el": [_("Anterior a la emisión.")]},
        )
    if not (medio or "").strip():
        raise DatosInvalidos(_("Indicá el medio."), campos={"medio": [_("Obligatorio.")]})
    if constancia is None:
        raise DatosInvalidos(
            _("Adjuntá la constancia de notificación (acuse de recibo, carta documento)."),
            campos={"constancia": [_("Obligatoria.")]},
        )
    intimacion.constancia = guardar_subida(
        constancia, por=por, sujeto=reclamo, categoria=CATEGORIA_CONSTANCIA
    )
    intimacion.notificada_el = notificada_el
    intimacion.medio = medio.strip()[:200]
    intimacion.registrada_por = por
    intimacion.registrada_en = timezone.now()
    intimacion.save()
    expediente._registrar(
        reclamo,
        "cumplimiento.intimacion_notificada",
        por=por,
        texto=_("Intimación a %(p)s notificada el %(f)s por %(m)s")
        % {
            "p": intimacion.proveedor.razon_social,
            "f": f"{notificada_el:%d/%m/%Y}",
            "m": intimacion.medio,
        },
        datos={"intimacion": intimacion.pk, "notificada_el": notificada_el.isoformat()},
        fuente=FUENTE,
    )
    _intimar_si_notificadas(reclamo, incumplimiento, por=por)
    return intimacion


@transaction.atomic
def presentar_pruebas(reclamo: Reclamo, *, por, archivos, descripcion: str = "") -> list:
    """The provider (or staff, for papers filed at the office) uploads the documents that prove
    compliance. Accepted after AR-18 too, but recorded as late."""
    from documentos.services import guardar_subida

    reclamo = _bloquear(reclamo)
    if not (es_parte_proveedora(por, reclamo) or es_personal_de_cumplimiento(por, reclamo)):
        raise AccesoDenegado(_("Las pruebas de cumplimiento las presenta el proveedor."))
    if reclamo.estado not in {Estado.INCUMPLIMIENTO_DENUNCIADO, Estado.INTIMADO}:
        raise ConflictoDeEstado(
            _("El reclamo no espera pruebas de cumplimiento."), codigo="invalid_state"
        )
    archivos = [a for a in archivos if a]
    if not archivos:
        raise DatosInvalidos(
            _("Adjuntá al menos un documento que acredite el cumplimiento."),
            campos={"archivos": [_("Obligatorio.")]},
        )
    guardados = [
        guardar_subida(a, por=por, sujeto=reclamo, categoria=CATEGORIA_PRUEBA) for a in archivos
    ]
    plazo = plazo_para_acreditar(reclamo)
    tarde = reclamo.estado == Estado.INTIMADO and not _plazo_corriendo(plazo)
    texto = _("Pruebas de cumplimiento presentadas: %(a)s") % {
        "a": ", ".join(g.nombre_original for g in guardados)
    }
    if tarde:
        texto += _(" — fuera del plazo AR-18")
    expediente._registrar(
        reclamo,
        "cumplimiento.pruebas_presentadas",
        por=por,
        texto=texto,
        datos={
            "archivos": [g.pk for g in guardados],
            "descripcion": (descripcion or "").strip()[:500],
            "fuera_de_plazo": tarde,
        },
        fuente=FUENTE,
    )
    return guardados


def _snapshot_remision(reclamo, incumplimiento, fundamentos, remitido_a, plazo) -> dict:
    from documentos.selectors import archivos_de

    homologado = acuerdo_homologado(reclamo)
    return {
        "reclamo_numero": reclamo.numero,
        "remitido_a": remitido_a,
        "consumidor": f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip(),
        "consumidor_dni": reclamo.consumidor_dni,
        "proveedores": [
            {
                "razon_social": p.razon_social,
                "cuit": p.identificador,
                "domicilio": p.domicilio_legal,
            }
            for p in reclamo.proveedores.all()
        ],
        "acuerdo_homologado": homologado.numero_visible if homologado else "",
        "obligaciones": incumplimiento.obligaciones,
        "denuncia": {
            "fecha": f"{timezone.localtime(incumplimiento.denunciado_en):%d/%m/%Y}",
            "detalle": incumplimiento.detalle,
        },
        "intimaciones": [
            {
                "proveedor": i.proveedor.razon_social,
                "documento": i.documento.numero_visible,
                "via": i.get_via_display(),
                "medio": i.medio,
                "notificada_el": f"{i.notificada_el:%d/%m/%Y}" if i.notificada_el else "",
            }
            for i in incumplimiento.intimaciones.select_related("proveedor", "documento")
        ],
        "plazo_vencio": f"{plazo.vence:%d/%m/%Y}" if plazo else "",
        "pruebas": [a.nombre_original for a in archivos_de(reclamo, categoria=CATEGORIA_PRUEBA)],
        "fundamentos": fundamentos,
    }


@transaction.atomic
def resolver_cumplimiento(
    reclamo: Reclamo, *, por, cumplio: bool, fundamentos: str, remitido_a: str = ""
) -> Incumplimiento:
    """T41/T42: staff record that the provider proved compliance, or — once AR-18 is over —
    that it did not: the breach is verified and referred for the Ley 24.240 art. 46 procedure."""
    from documentos.services import emitir_documento

    reclamo = _bloquear(reclamo)
    _exigir_personal(por, reclamo)
    incumplimiento = en_tramite(reclamo)
    if reclamo.estado != Estado.INTIMADO or incumplimiento is None:
        raise ConflictoDeEstado(
            _("El proveedor no está intimado a acreditar el cumplimiento."),
            codigo="invalid_state",
        )
    fundamentos = (fundamentos or "").strip()
    if not fundamentos:
        raise DatosInvalidos(
            _("Escribí los fundamentos (qué documentos se revisaron y qué acreditan)."),
            campos={"fundamentos": [_("Obligatorio.")]},
        )
    ahora = timezone.now()
    plazo = plazo_para_acreditar(reclamo)
    if cumplio:
        transicionar(
            reclamo,
            "registrar_cumplimiento",
            por=por,
            datos={"incumplimiento": incumplimiento.pk, "fundamentos": fundamentos[:500]},
        )
        incumplimiento.resultado = Incumplimiento.Resultado.CUMPLIDO
        asunto = _("Reclamo %(n)s: el proveedor acreditó el cumplimiento") % {"n": reclamo.numero}
    else:
        if _plazo_corriendo(plazo):
            raise ConflictoDeEstado(
                _(
                    "El proveedor tiene plazo hasta el %(f)s para acreditar el cumplimiento "
                    "(AR-18): el incumplimiento se verifica cuando ese plazo terminó."
                )
                % {"f": f"{plazo.vence:%d/%m/%Y}"},
                codigo="term_running",
            )
        remitido_a = (remitido_a or "").strip() or REMISION_POR_DEFECTO
        transicionar(
            reclamo,
            "verificar_incumplimiento",
            por=por,
            datos={"incumplimiento": incumplimiento.pk, "fundamentos": fundamentos[:500]},
        )
        incumplimiento.remision = emitir_documento(
            tipo="generico",
            plantilla="reclamos/remision_art46",
            snapshot=_snapshot_remision(reclamo, incumplimiento, fundamentos, remitido_a, plazo),
            por=por,
            sujeto=reclamo,
            regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
            titulo=_(
                "Remisión por incumplimiento del acuerdo homologado (art. 46 Ley 24.240) — %(n)s"
            )
            % {"n": reclamo.numero},
        )
        incumplimiento.remitido_a = remitido_a[:200]
        incumplimiento.resultado = Incumplimiento.Resultado.INCUMPLIDO
        expediente._registrar(
            reclamo,
            "cumplimiento.remitido_art46",
            por=por,
            texto=_("Incumplimiento remitido a %(d)s (art. 46 Ley 24.240)") % {"d": remitido_a},
            datos={"incumplimiento": incumplimiento.pk, "documento": incumplimiento.remision.pk},
            fuente="Ley 24.240 art. 46; D202-I.19",
        )
        asunto = _("Reclamo %(n)s: incumplimiento verificado y remitido") % {"n": reclamo.numero}
    incumplimiento.fundamentos = fundamentos
    incumplimiento.resuelto_por = por
    incumplimiento.resuelto_en = ahora
    incumplimiento.save()
    _avisar(reclamo, _partes(reclamo), asunto=asunto, mensaje=fundamentos)
    return incumplimiento


@transaction.atomic
def confirmar_cumplimiento(reclamo: Reclamo, *, por) -> Reclamo:
    """T43: the consumer says the provider complied (also after an intimation)."""
    reclamo = _bloquear(reclamo)
    if reclamo.consumidor_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("Solo quien presentó el reclamo confirma el cumplimiento."))
    if reclamo.estado not in {Estado.EN_CUMPLIMIENTO, Estado.INTIMADO}:
        raise ConflictoDeEstado(
            _("El reclamo no está en etapa de cumplimiento."), codigo="invalid_state"
        )
    incumplimiento = en_tramite(reclamo)
    transicionar(
        reclamo,
        "registrar_cumplimiento",
        por=por,
        datos={
            "confirmado_por_consumidor": True,
            "incumplimiento": incumplimiento.pk if incumplimiento else None,
        },
    )
    if incumplimiento is not None:
        incumplimiento.resultado = Incumplimiento.Resultado.CUMPLIDO
        incumplimiento.fundamentos = _("El consumidor confirmó el cumplimiento.")
        incumplimiento.resuelto_por = por
        incumplimiento.resuelto_en = timezone.now()
        incumplimiento.save()
    return reclamo
