"""Preventive measures (DOMAIN-CABA §2 C29) and the referral of an unpaid fine to ejecución
fiscal (C28). docs/decisions/0039-medidas-preventivas-y-ejecucion-fiscal.md.

- ordenar_medida: the régimen's staff order a measure on a denuncia or a sumario by a disposición
  (PDF); the provider is notified at its representatives' domicile and CABA-13 (appeal, L) runs.
- apelar_medida: the provider's appeal, recorded; not suspensive; a late one is received and
  marked (the term is L: staff decide, never the portal).
- levantar_medida: staff lift it, with reasons.
- remitir_a_ejecucion_fiscal: a firm, unpaid fine (the disposición's in CBT or the art. 9 d one
  in UF) goes to court collection with the amount and the unit value its act stored.

Every act on a file that has a denuncia writes its expediente entry.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.models import Usuario
from cuentas.permisos import organizaciones_representadas
from cuentas.roles import Rol
from cuentas.templatetags.formato import moneda, numero
from normativa.regimenes import Papel
from normativa.regimenes.caba import CODIGO, LEY_757
from normativa.valores import valor, vigente
from plazos import services as plazos
from reclamos.expediente import _registrar
from reclamos.models import Reclamo
from sumarios.models import (
    Disposicion,
    EjecucionFiscal,
    MedidaPreventiva,
    MultaIncomparecencia,
    Sumario,
)
from sumarios.services.denuncia import es_caba, regimen
from sumarios.services.sumario import es_personal

FUENTE_MEDIDA = f"{LEY_757} art. 13 (Ley 6407 art. 2)"
FUENTE_EJECUCION = "CCAyT art. 450 (J03C2)"
M = MedidaPreventiva.Estado


def _exigir_personal(usuario) -> None:
    if not es_personal(usuario):
        raise AccesoDenegado(_("Solo el personal de la Dirección actúa en las medidas."))


def _expediente(medida_o_reclamo) -> Reclamo | None:
    if isinstance(medida_o_reclamo, Reclamo):
        return medida_o_reclamo
    if medida_o_reclamo.reclamo_id:
        return medida_o_reclamo.reclamo
    sumario = medida_o_reclamo.sumario
    return sumario.reclamo if sumario is not None and sumario.reclamo_id else None


def _anotar(medida, codigo: str, *, por, texto: str, datos=None, fuente=FUENTE_MEDIDA, **kw):
    reclamo = _expediente(medida)
    if reclamo is not None:
        _registrar(reclamo, codigo, por=por, texto=texto, datos=datos, fuente=fuente, **kw)


def es_afectado(usuario, medida: MedidaPreventiva) -> bool:
    """A representative of the provider the measure is addressed to."""
    if getattr(usuario, "rol", None) != Rol.REPRESENTANTE or medida.organizacion_id is None:
        return False
    return organizaciones_representadas(usuario).filter(pk=medida.organizacion_id).exists()


def _texto(valor_, campo: str, mensaje: str) -> str:
    limpio = str(valor_ or "").strip()
    if not limpio:
        raise DatosInvalidos(mensaje, campos={campo: [_("Obligatorio.")]})
    return limpio


def _plazo_apelacion():
    return regimen().plazo_de(Papel.APELACION_MEDIDA)


def dias_de_apelacion(fecha: datetime.date) -> int:
    """CABA-13's length on `fecha`: the dated value staff keep (PLAZO-CABA-13, confidence L,
    decision 0031) wins over the definition's default (settings.PLAZOS_CABA)."""
    dias = valor(f"PLAZO-{_plazo_apelacion().codigo}", fecha)
    return int(dias) if dias else _plazo_apelacion().duracion


def apelacion_a_verificar(fecha: datetime.date) -> bool:
    """Whether CABA-13 still shows "verificar": until an administrator confirms the dated value
    citing a norm (or, with no row, while the definition's default is L)."""
    fila = vigente(f"PLAZO-{_plazo_apelacion().codigo}", fecha)
    return fila.a_verificar if fila is not None else _plazo_apelacion().confianza == "L"


def _representantes(organizacion) -> list[Usuario]:
    if organizacion is None:
        return []
    return list(
        Usuario.objects.filter(
            membresias__organizacion=organizacion, membresias__activa=True
        ).distinct()
    )


def _notificar(medida: MedidaPreventiva, *, expediente: str) -> int:
    """The notice of the measure (with its disposición attached) to each active representative
    of the provider, at its constituted electronic domicile. A provider not registered in the
    portal is served outside it (cédula on paper): the page says so."""
    from notificaciones.services import encolar_notificacion

    enviados = 0
    for usuario in _representantes(medida.organizacion):
        encolar_notificacion(
            destinatario=usuario,
            plantilla="caba/medida_preventiva",
            contexto={
                "expediente": expediente,
                "medida": medida.get_tipo_display(),
                "ordena": medida.ordena,
                "fecha": f"{medida.fecha:%d/%m/%Y}",
                "plazo": dias_de_apelacion(medida.fecha),
                "documento": medida.documento.numero_visible,
            },
            asunto=_("Medida preventiva — %(n)s") % {"n": expediente},
            sujeto=medida.reclamo or medida.sumario,
            adjuntos=[medida.documento],
        )
        enviados += 1
    return enviados


@transaction.atomic
def ordenar_medida(
    *,
    por,
    tipo: str,
    ordena: str,
    fundamentos: str,
    reclamo: Reclamo | None = None,
    sumario: Sumario | None = None,
    riesgo_salud_seguridad: bool = False,
) -> MedidaPreventiva:
    """C29: the disposición ordering the measure (PDF), its notice to the provider and CABA-13."""
    from documentos.services import emitir_documento

    _exigir_personal(por)
    if (reclamo is None) == (sumario is None):
        raise ValueError("una medida va en una denuncia o en un sumario")
    if reclamo is not None and not es_caba(reclamo):
        raise ConflictoDeEstado(_("Este expediente no tramita ante la Ciudad."))
    if tipo not in MedidaPreventiva.Tipo.values:
        raise DatosInvalidos(_("Elegí qué medida se ordena."), campos={"tipo": [_("Inválida.")]})
    ordena = _texto(ordena, "ordena", _("Escribí qué ordena la medida."))
    fundamentos = _texto(
        fundamentos,
        "fundamentos",
        _("Fundá la verosimilitud del derecho y el peligro en la demora."),
    )
    if tipo == MedidaPreventiva.Tipo.CLAUSURA and not riesgo_salud_seguridad:
        raise DatosInvalidos(
            _(
                "La clausura preventiva procede solo ante un peligro actual o inminente para la "
                "salud o la seguridad: indicalo y fundalo."
            ),
            campos={"riesgo_salud_seguridad": [_("Obligatorio para la clausura.")]},
        )
    if reclamo is not None:
        reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
        proveedor = reclamo.proveedores.order_by("pk").first()
        organizacion, razon_social, cuit = (
            proveedor.organizacion,
            proveedor.razon_social,
            proveedor.identificador,
        )
        expediente = reclamo.numero
    else:
        sumario = Sumario.objects.select_for_update().get(pk=sumario.pk)
        organizacion, razon_social, cuit = sumario.organizacion, sumario.razon_social, sumario.cuit
        expediente = sumario.numero
    hoy = timezone.localdate()
    plazo = _plazo_apelacion()
    medida = MedidaPreventiva(
        reclamo=reclamo,
        sumario=sumario,
        organizacion=organizacion,
        razon_social=razon_social,
        cuit=cuit,
        tipo=tipo,
        ordena=ordena,
        fundamentos=fundamentos,
        riesgo_salud_seguridad=bool(riesgo_salud_seguridad),
        fecha=hoy,
        ordenada_por=por,
    )
    medida.documento = emitir_documento(
        tipo="disposicion",
        plantilla="caba/medida_preventiva",
        snapshot={
            "expediente": expediente,
            "es_sumario": sumario is not None,
            "agencia": regimen().texto("agencia"),
            "proveedor": f"{razon_social} (CUIT {cuit})",
            "tipo": medida.get_tipo_display(),
            "ordena": ordena,
            "fundamentos": fundamentos,
            "riesgo": medida.riesgo_salud_seguridad,
            "fecha": f"{hoy:%d/%m/%Y}",
            "firmante": por.nombre_completo or por.email,
            "fuente": FUENTE_MEDIDA,
            "plazo_apelacion": f"{dias_de_apelacion(hoy)} días hábiles administrativos",
            "plazo_verificar": apelacion_a_verificar(hoy),
            "sin_domicilio": organizacion is None,
        },
        por=por,
        sujeto=sumario or reclamo,
        regimen=(CODIGO, regimen().version),
        titulo=f"Medida preventiva — {expediente}",
    )
    medida.save()
    if reclamo is not None:
        # Serving the measure serves the provider: its representatives see the denuncia from
        # now on (decision 0015), where they may appeal.
        reclamo.proveedores.filter(citado_en__isnull=True).update(citado_en=timezone.now())
    _notificar(medida, expediente=expediente)
    plazos.abrir_plazo(
        sujeto=medida,
        tipo=plazo.codigo,
        desde=hoy,
        regimen=CODIGO,
        por=por,
        cantidad=dias_de_apelacion(hoy),
    )
    _anotar(
        medida,
        "medida_preventiva.ordenada",
        por=por,
        texto=f"Medida preventiva ordenada: {medida.get_tipo_display()} — {ordena}",
        datos={"medida": medida.pk, "documento": medida.documento.pk, "tipo": tipo},
    )
    return medida


def vence_apelacion(medida: MedidaPreventiva) -> datetime.date | None:
    from plazos.models import Plazo

    return (
        Plazo.objects.filter(
            content_type__app_label="sumarios",
            content_type__model="medidapreventiva",
            object_id=medida.pk,
        )
        .order_by("-pk")
        .values_list("vence", flat=True)
        .first()
    )


def _bloquear(medida: MedidaPreventiva) -> MedidaPreventiva:
    return MedidaPreventiva.objects.select_for_update().get(pk=medida.pk)


@transaction.atomic
def apelar_medida(
    medida: MedidaPreventiva, *, por, fundamentos: str, presentada_en: datetime.date | None = None
) -> MedidaPreventiva:
    """The recurso de apelación, filed and argued in writing before the authority: recorded by
    the provider (or by staff, for one filed on paper). It does not suspend the measure; one
    after CABA-13 is received and marked late."""
    if not (es_afectado(por, medida) or es_personal(por)):
        raise AccesoDenegado(_("Solo la empresa alcanzada por la medida puede apelarla."))
    medida = _bloquear(medida)
    if medida.estado != M.VIGENTE:
        raise ConflictoDeEstado(_("La medida ya fue levantada."))
    if medida.apelada_en is not None:
        raise ConflictoDeEstado(_("La medida ya fue apelada."))
    fundamentos = _texto(fundamentos, "apelacion", _("Escribí los fundamentos de la apelación."))
    hoy = timezone.localdate()
    presentada_en = presentada_en or hoy
    if presentada_en > hoy or presentada_en < medida.fecha:
        raise DatosInvalidos(
            _("La fecha de la apelación va entre la medida y hoy."),
            campos={"presentada_en": [_("Fecha inválida.")]},
        )
    vence = vence_apelacion(medida)
    medida.apelada_en = presentada_en
    medida.apelacion = fundamentos
    medida.apelacion_fuera_de_termino = vence is not None and presentada_en > vence
    medida.apelacion_registrada_por = por
    medida.save(
        update_fields=[
            "apelada_en",
            "apelacion",
            "apelacion_fuera_de_termino",
            "apelacion_registrada_por",
        ]
    )
    plazos.cumplir_plazos(sujeto=medida, tipos=(_plazo_apelacion().codigo,), por=por)
    _anotar(
        medida,
        "medida_preventiva.apelada",
        por=por,
        texto=f"Apelación de la medida preventiva del {medida.fecha:%d/%m/%Y}"
        + (" (fuera de término)" if medida.apelacion_fuera_de_termino else "")
        + ". No suspende la medida.",
        datos={"medida": medida.pk, "fuera_de_termino": medida.apelacion_fuera_de_termino},
    )
    return medida


@transaction.atomic
def levantar_medida(medida: MedidaPreventiva, *, por, motivo: str) -> MedidaPreventiva:
    """The measure is lifted or ends (its purpose met, the appeal upheld, the file resolved)."""
    _exigir_personal(por)
    medida = _bloquear(medida)
    if medida.estado != M.VIGENTE:
        raise ConflictoDeEstado(_("La medida ya fue levantada."))
    motivo = _texto(motivo, "motivo", _("Indicá por qué se levanta la medida."))
    medida.estado = M.LEVANTADA
    medida.levantada_en = timezone.localdate()
    medida.motivo_levantamiento = motivo
    medida.levantada_por = por
    medida.save(update_fields=["estado", "levantada_en", "motivo_levantamiento", "levantada_por"])
    plazos.cancelar_plazos(sujeto=medida, por=por)
    _anotar(
        medida,
        "medida_preventiva.levantada",
        por=por,
        texto=f"Se levantó la medida preventiva del {medida.fecha:%d/%m/%Y}: {motivo}",
        datos={"medida": medida.pk},
    )
    return medida


# --- ejecución fiscal (C28) ------------------------------------------------------------------


def _fecha(valor_) -> datetime.date:
    if isinstance(valor_, datetime.date):
        return valor_
    try:
        return datetime.date.fromisoformat(str(valor_ or ""))
    except ValueError:
        raise DatosInvalidos(
            _("Indicá la fecha de la remisión."), campos={"fecha": [_("Fecha inválida.")]}
        ) from None


@transaction.atomic
def remitir_a_ejecucion_fiscal(
    *,
    por,
    referencia: str,
    fecha,
    firme_e_impaga: bool,
    disposicion: Disposicion | None = None,
    multa: MultaIncomparecencia | None = None,
    observaciones: str = "",
) -> EjecucionFiscal:
    """C28: records the referral with the amount and the unit value the fine's act used. The
    disposición's fine must be firm in the portal; the art. 9 d fine has no appeal recorded
    here, so staff declare it firm and unpaid (as for both). Nothing else waits on it."""
    _exigir_personal(por)
    if (disposicion is None) == (multa is None):
        raise ValueError("una remisión es de una multa")
    if not firme_e_impaga:
        raise DatosInvalidos(
            _("Solo se remite una multa firme e impaga: confirmalo."),
            campos={"firme_e_impaga": [_("Obligatorio.")]},
        )
    referencia = _texto(
        referencia, "referencia", _("Indicá la referencia (expediente o boleta de deuda).")
    )[:120]
    fecha = _fecha(fecha)
    if fecha > timezone.localdate():
        raise DatosInvalidos(
            _("La remisión no puede tener fecha futura."), campos={"fecha": [_("Futura.")]}
        )
    if disposicion is not None:
        disposicion = Disposicion.objects.select_for_update().get(pk=disposicion.pk)
        if disposicion.monto_multa is None:
            raise ConflictoDeEstado(_("La disposición no impuso una multa."))
        if disposicion.sumario.estado != Sumario.Estado.FIRME:
            raise ConflictoDeEstado(_("La multa todavía no está firme."))
        datos = {
            "unidades": disposicion.multa_cbt,
            "unidad": "CBT",
            "valor_unidad": disposicion.valor_cbt,
            "fuente_valor": disposicion.fuente_cbt,
            "monto": disposicion.monto_multa,
        }
        reclamo = disposicion.sumario.reclamo
    else:
        multa = MultaIncomparecencia.objects.select_for_update().get(pk=multa.pk)
        datos = {
            "unidades": multa.unidades,
            "unidad": regimen().multa_incomparecencia.unidad,
            "valor_unidad": multa.valor_unidad,
            "fuente_valor": multa.fuente_valor,
            "monto": multa.monto,
        }
        reclamo = multa.reclamo
    ya = EjecucionFiscal.objects.filter(disposicion=disposicion, multa_incomparecencia=multa)
    if ya.exists():
        raise ConflictoDeEstado(_("Esta multa ya fue remitida a ejecución fiscal."))
    remision = EjecucionFiscal.objects.create(
        disposicion=disposicion,
        multa_incomparecencia=multa,
        fecha=fecha,
        referencia=referencia,
        observaciones=str(observaciones or "").strip(),
        registrada_por=por,
        **datos,
    )
    if reclamo is not None:
        _registrar(
            reclamo,
            "ejecucion_fiscal.remitida",
            por=por,
            texto=(
                f"Multa de {numero(remision.unidades)} {remision.unidad} "
                f"({moneda(remision.monto)}) remitida a ejecución fiscal ({referencia})"
            ),
            datos={"ejecucion_fiscal": remision.pk, "monto": str(remision.monto)},
            fuente=FUENTE_EJECUCION,
            visible_para_partes=False,
        )
    return remision
