"""Fines for non-appearance (Ley 26.993 art. 16; D202-I.16; DOMAIN §2.3, §4.8, Decision 11).

Only a provider, only after AR-11 ran out without an accepted justification, only with a cédula
validly served for the missed hearing. The conciliator certifies (AR-19); staff check the papers
and the notice, record the legal opinion and issue the numbered definitive certificate (1 SMVM in
force on the missed hearing's date, Q11) and the intimation to pay at the notice's domicile.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.roles import Rol
from honorarios import expediente
from honorarios.models import Multa
from honorarios.services.evidencia import (
    acta_de_incomparecencia,
    prueba_de_notificacion,
    resultado_de_la_justificacion,
)
from normativa.models import TextoNormativo, ValorReferencia
from normativa.regimenes import Papel, obtener
from normativa.valores import MULTA_INCOMPARECENCIA_COPREC, valor
from reclamos.estados import Estado
from reclamos.models import Reclamo
from reclamos.transiciones import hoy_en

E = Multa.Estado
PERSONAL = (Rol.ADMISION, Rol.ADMINISTRADOR)
# Payment terms are set by the Secretaría (D202-I.16, not in the seeds): a text staff load.
CLAVE_PAGO = "multa_instrucciones_pago"
TRIBUNAL = "Cámara Nacional de Apelaciones en lo Contencioso Administrativo Federal"
# What staff check before the legal opinion (D202-I.16).
VERIFICACIONES = {
    "papeles": gettext_lazy(
        "La certificación, el acta de incomparecencia y la constancia de notificación están "
        "completas y son coherentes."
    ),
    "notificacion_fehaciente": gettext_lazy(
        "La cédula se notificó de modo fehaciente e indubitable, con 3 días hábiles de "
        "anticipación (art. 10)."
    ),
    "sin_justificacion": gettext_lazy(
        "El proveedor no justificó su inasistencia dentro de los 5 días hábiles, o la "
        "justificación fue rechazada con fundamento."
    ),
}


# The act that closes a claim for the provider's absence (COPREC's table): a fine needs it.
CIERRE_POR_INCOMPARECENCIA = "reclamo.cerrado_incomparecencia"


@dataclass(frozen=True)
class Requisitos:
    audiencia: object
    ar11: object
    cedulas: list


def _zona(reclamo: Reclamo) -> ZoneInfo:
    return ZoneInfo(reclamo.regimen.zona_horaria)


def requisitos_de_multa(reclamo: Reclamo) -> Requisitos:
    """The missed hearing, the expired AR-11 and the validly served cédulas of the absent
    providers; ConflictoDeEstado saying why not otherwise (Decision 11)."""
    from audiencias.models import Asistencia, Audiencia, Cedula
    from plazos.models import Plazo

    cerrado_por_incomparecencia = (
        reclamo.estado in {Estado.CERRADO_SIN_ACUERDO, Estado.ARCHIVADO}
        and reclamo.actuaciones.filter(codigo=CIERRE_POR_INCOMPARECENCIA).exists()
    )
    if not cerrado_por_incomparecencia:
        raise ConflictoDeEstado(
            _(
                "Solo hay multa cuando el reclamo se cerró por incomparecencia del proveedor; "
                "la ausencia del consumidor nunca se multa."
            ),
            codigo="not_finable",
        )
    audiencia = (
        Audiencia.objects.filter(
            reclamo=reclamo, resultado=Audiencia.Resultado.INCOMPARECENCIA_PROVEEDOR
        )
        .select_related("conciliador__usuario")
        .order_by("-inicio")
        .first()
    )
    ar11 = (
        Plazo.objects.filter(
            content_type__app_label="reclamos",
            content_type__model="reclamo",
            object_id=reclamo.pk,
            tipo__in=reclamo.regimen.codigos(Papel.JUSTIFICACION_PROVEEDOR),
        )
        .order_by("-pk")
        .first()
    )
    if audiencia is None or ar11 is None or timezone.now() <= ar11.vence_en:
        raise ConflictoDeEstado(
            _("Todavía corre el plazo de 5 días hábiles para justificar la inasistencia (AR-11)."),
            codigo="ar11_running",
        )
    ausentes = Asistencia.objects.filter(
        audiencia=audiencia, parte=Asistencia.Parte.PROVEEDOR, comparecio=False
    ).values_list("proveedor_id", flat=True)
    cedulas = list(
        Cedula.objects.filter(
            audiencia=audiencia,
            proveedor_id__in=list(ausentes),
            en_termino=True,
            notificada_el__isnull=False,
        ).select_related("proveedor", "documento", "notificacion", "constancia")
    )
    if not cedulas:
        raise ConflictoDeEstado(
            _("Sin cédula notificada válidamente y en término no hay multa (art. 10)."),
            codigo="notice_invalid",
        )
    return Requisitos(audiencia=audiencia, ar11=ar11, cedulas=cedulas)


def se_puede_certificar(reclamo: Reclamo) -> bool:
    try:
        requisitos = requisitos_de_multa(reclamo)
    except ConflictoDeEstado:
        return False
    return any(
        not Multa.objects.filter(audiencia=requisitos.audiencia, proveedor=c.proveedor).exists()
        for c in requisitos.cedulas
    )


@transaction.atomic
def certificar_multa(reclamo: Reclamo, *, por) -> list[Multa]:
    """The conciliator's certification of the fine (AR-19), one per absent provider validly
    summoned, with the acta de incomparecencia and the notice proof attached (D202-I.16)."""
    from documentos.services import emitir_documento
    from plazos.models import Plazo
    from plazos.services import cumplir_plazos

    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    req = requisitos_de_multa(reclamo)
    audiencia = req.audiencia
    if audiencia.conciliador.usuario_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("La certificación la emite el conciliador de la audiencia."))
    acta = acta_de_incomparecencia(reclamo)
    if acta is None:
        raise ConflictoDeEstado(_("Falta el acta de incomparecencia de la audiencia."))
    zona = _zona(reclamo)
    justificacion = resultado_de_la_justificacion(reclamo, audiencia)
    ar11_desde = audiencia.inicio.astimezone(zona).date()
    multas = []
    for cedula in req.cedulas:
        # An annulled fine is not certified again for the same hearing and provider.
        if Multa.objects.filter(audiencia=audiencia, proveedor=cedula.proveedor).exists():
            continue
        certificacion = emitir_documento(
            tipo="certificacion_multa",
            plantilla="honorarios/certificacion_multa",
            snapshot={
                "reclamo_numero": reclamo.numero,
                "proveedor": cedula.proveedor.razon_social,
                "cuit": cedula.proveedor.identificador,
                "audiencia": f"{audiencia.inicio.astimezone(zona):%d/%m/%Y %H:%M}",
                "notificacion": prueba_de_notificacion(cedula),
                "cedula_codigo": cedula.documento.codigo if cedula.documento else "",
                "ar11_desde": f"{ar11_desde:%d/%m/%Y}",
                "ar11_vencio": f"{req.ar11.vence:%d/%m/%Y}",
                "justificacion": justificacion,
                "acta": acta.numero_visible,
                "acta_codigo": acta.codigo,
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
                acta=acta,
                ar11_vencio=req.ar11.vence,
                certificacion=certificacion,
                certificada_por=por,
            )
        )
    if not multas:
        raise ConflictoDeEstado(_("La multa ya fue certificada."))
    fuera_de_plazo = Plazo.objects.filter(
        content_type__model="reclamo",
        object_id=reclamo.pk,
        tipo__in=reclamo.regimen.codigos(Papel.CERTIFICACION_MULTA),
        estado=Plazo.Estado.VENCIDO,
    ).exists()
    cumplir_plazos(
        sujeto=reclamo, tipos=reclamo.regimen.codigos(Papel.CERTIFICACION_MULTA), por=por
    )
    expediente.multa_certificada(reclamo, multas=multas, por=por, fuera_de_plazo=fuera_de_plazo)
    return multas


def _bloquear(multa: Multa) -> Multa:
    return (
        Multa.objects.select_for_update(of=("self",))
        .select_related(
            "reclamo", "proveedor__organizacion", "audiencia", "cedula__documento", "acta"
        )
        .get(pk=multa.pk)
    )


def _exigir_personal(usuario) -> None:
    if getattr(usuario, "rol", "") not in PERSONAL:
        raise AccesoDenegado(_("Solo el personal de la autoridad puede hacer esto."))


def informacion_del_recurso(reclamo: Reclamo) -> str:
    """How to appeal and its term (AR-23, Ley 24.240 art. 45; L-marked: to be verified)."""
    tipo = obtener(reclamo.regimen_codigo).plazo_de(Papel.RECURSO_MULTA)
    texto = _(
        "Podrá interponerse recurso directo ante la %(t)s dentro de los %(d)s días hábiles de "
        "notificada esta intimación (%(f)s)."
    ) % {"t": TRIBUNAL, "d": tipo.duracion, "f": tipo.fuente}
    if tipo.confianza == "L":
        texto += " " + _("Plazo según el texto legal a verificar por la autoridad.")
    return texto


def instrucciones_de_pago(fecha: datetime.date) -> TextoNormativo | None:
    return TextoNormativo.vigente(CLAVE_PAGO, fecha)


@transaction.atomic
def emitir_certificado_multa(multa: Multa, *, por, verificaciones: dict, dictamen: str) -> Multa:
    """Staff checked the papers and the notice and recorded the legal opinion: the definitive,
    numbered fine certificate and the intimation to pay, served at the notice's domicile
    (D202-I.16; fields of DOMAIN §4.8)."""
    from documentos.services import emitir_documento

    _exigir_personal(por)
    multa = _bloquear(multa)
    if multa.estado != E.CERTIFICADA:
        raise ConflictoDeEstado(_("Esta multa no espera el certificado definitivo."))
    marcadas = {clave: bool(verificaciones.get(clave)) for clave in VERIFICACIONES}
    if not all(marcadas.values()):
        raise DatosInvalidos(
            _("Para emitir el certificado verificá todo; si algo falla, anulá la multa."),
            campos={k: [_("Sin verificar.")] for k, v in marcadas.items() if not v},
        )
    if not dictamen.strip():
        raise DatosInvalidos(
            _("Registrá el dictamen jurídico."), campos={"dictamen": [_("Obligatorio.")]}
        )
    cedula = multa.cedula
    if not (cedula.en_termino and cedula.notificada_el):  # Decision 4, checked again
        raise ConflictoDeEstado(_("La cédula no quedó notificada en término: no hay multa."))
    reclamo = multa.reclamo
    fecha = multa.audiencia.inicio.astimezone(_zona(reclamo)).date()
    # The régimen's fine (COPREC: 1 SMVM, Ley 26.993 art. 16), in the value in force on the
    # missed hearing's date (Q11). A graded range is the deciding authority's, not this act's.
    regla = reclamo.regimen.multa_incomparecencia
    if regla is None or not regla.fija:
        raise ConflictoDeEstado(_("Este régimen no fija una multa por incomparecencia."))
    smvm = ValorReferencia.valor_en(regla.unidad, fecha)
    if smvm is None:
        raise ConflictoDeEstado(
            _("Falta cargar el %(u)s vigente al %(f)s (Valores de honorarios y multas).")
            % {"u": regla.unidad, "f": f"{fecha:%d/%m/%Y}"}
        )
    pago = instrucciones_de_pago(hoy_en(reclamo))
    if pago is None:
        raise ConflictoDeEstado(
            _("Faltan las instrucciones de pago de las multas (Valores de honorarios y multas).")
        )
    multa.verificaciones = marcadas
    multa.dictamen = dictamen.strip()
    multa.smvm = smvm
    # Ley 26.993 art. 16: 1 SMVM, a dated multiple staff maintain (decision 0031); Q11: the SMVM
    # in force on the missed hearing's date. The fine stores both the SMVM and the amount.
    multiplo = valor(MULTA_INCOMPARECENCIA_COPREC.codigo, fecha, regla.multiplo or Decimal(1))
    multa.monto = (smvm * multiplo).quantize(Decimal("0.01"))
    comun = {
        "reclamo_numero": reclamo.numero,
        "proveedor": multa.proveedor.razon_social,
        "cuit": multa.proveedor.identificador,
        "domicilio": cedula.domicilio,
        "audiencia": f"{fecha:%d/%m/%Y}",
        "notificacion": prueba_de_notificacion(cedula),
        "ar11_desde": f"{fecha:%d/%m/%Y}",
        "ar11_vencio": f"{multa.ar11_vencio:%d/%m/%Y}",
        "justificacion": resultado_de_la_justificacion(reclamo, multa.audiencia),
        "certificacion": multa.certificacion.numero_visible,
        "acta": multa.acta.numero_visible if multa.acta else "",
        "smvm": f"{smvm:.2f}",
        "smvm_fecha": f"{fecha:%d/%m/%Y}",
        "monto": f"{multa.monto:.2f}",
        "pago": pago.texto,
        "recurso": informacion_del_recurso(reclamo),
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
        snapshot={**comun, "certificado": multa.certificado.numero_visible},
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=_("Intimación de pago de multa — %(p)s") % {"p": multa.proveedor.razon_social},
    )
    multa.estado = E.DEFINITIVA
    multa.emitida_por = por
    multa.emitida_en = timezone.now()
    _enviar_intimacion(multa)
    multa.save()
    expediente.multa_definitiva(reclamo, multa=multa, por=por)
    return multa


def _enviar_intimacion(multa: Multa) -> None:
    """D202-I.16: the intimation goes to the domicile in the notification instrument: the
    electronic address the cédula went to, or the registered domicile by reliable means (staff
    serve it and record the proof with registrar_notificacion_intimacion)."""
    from audiencias.models import Cedula
    from notificaciones.services import encolar_notificacion

    cedula = multa.cedula
    multa.intimacion_domicilio = cedula.domicilio
    if cedula.via != Cedula.Via.ELECTRONICA:
        multa.intimacion_via = Multa.Via.FEHACIENTE
        return
    multa.intimacion_via = Multa.Via.ELECTRONICA
    representantes = (
        multa.proveedor.organizacion.membresias.filter(activa=True).select_related("usuario")
        if multa.proveedor.organizacion_id
        else []
    )
    primero = next((m.usuario for m in representantes), None)
    multa.intimacion_notificacion = encolar_notificacion(
        destinatario=primero,
        email=cedula.domicilio,
        plantilla="honorarios/intimacion_multa",
        contexto={
            "numero": multa.reclamo.numero,
            "proveedor": multa.proveedor.razon_social,
            "monto": f"{multa.monto:.2f}",
        },
        asunto=_("Intimación de pago de multa — reclamo %(n)s") % {"n": multa.reclamo.numero},
        sujeto=multa.reclamo,
        adjuntos=[multa.certificado, multa.intimacion],
    )
