"""The conciliator's report of a closure without agreement to the Secretaría (D202-I.17, AR-14).

D202-I.17 para. 2: when a conciliation ends without agreement the conciliator reports, within 2
days of the closure, a) the parties, b) the reason of the claim, c) its amount, d) the result of
the conciliation and e) any other information the Secretaría requires. The portal prefills a)–d)
from the record (the parties and the amount are the record's, never retyped); the conciliator
confirms the reason and the result and adds e).

- Filing meets AR-14. A report filed after AR-14's due day is still accepted: it is recorded as
  late (on the report, its PDF and the expediente) and AR-14 stays expired, so the registry sees
  it; nothing is sanctioned by the portal (DOMAIN Q18: AR-14's consequence, a possible fault of
  Anexo II art. 4 b, is flagged for staff, never applied).
- One report per claim: AR-14 opens once, with the closure (no reopening, D202-I.6).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from audiencias import expediente
from audiencias.models import InformeDeCierre
from audiencias.permisos import es_conciliador_de
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from normativa.regimenes import Papel
from reclamos.models import Reclamo
from reclamos.transiciones import hoy_en


def plazo_del_informe(reclamo: Reclamo):
    """The claim's closure-report term (None if the claim never closed without agreement or
    its régimen has no such report)."""
    from plazos.selectors import plazos_de, plazos_leidos

    tipo = reclamo.regimen.codigo_o_vacio(Papel.INFORME_CIERRE)
    if not tipo:
        return None
    leidos = plazos_leidos(reclamo)  # the claim page's (issue 13)
    if leidos is not None:
        return next((p for p in leidos if p.tipo == tipo), None)
    return plazos_de(reclamo).filter(tipo=tipo).first()


def puede_informar(usuario, reclamo: Reclamo) -> bool:
    """Whether the page offers the act: the designated conciliator, AR-14 opened, no report."""
    return (
        plazo_del_informe(reclamo) is not None
        and not InformeDeCierre.objects.filter(reclamo=reclamo).exists()
        and es_conciliador_de(usuario, reclamo)
    )


def partes_del_conflicto(reclamo: Reclamo) -> list[dict]:
    consumidor = f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip()
    partes = [
        {
            "parte": "consumidor",
            "nombre": consumidor or reclamo.consumidor.get_full_name(),
            "identificador": f"DNI {reclamo.consumidor_dni}" if reclamo.consumidor_dni else "",
        }
    ]
    for proveedor in reclamo.proveedores.all():
        partes.append(
            {
                "parte": "proveedor",
                "nombre": proveedor.razon_social,
                "identificador": f"CUIT {proveedor.identificador}",
            }
        )
    return partes


def resultado_del_cierre(reclamo: Reclamo) -> str:
    """The closure's cause as the acta de cierre states it."""
    from documentos.models import Documento

    acta = (
        Documento.objects.filter(
            sujeto_tipo__app_label="reclamos",
            sujeto_tipo__model="reclamo",
            sujeto_id=reclamo.pk,
            tipo="acta_cierre",
        )
        .order_by("-pk")
        .only("snapshot")
        .first()
    )
    causa = (acta.snapshot.get("causa") if acta else "") or _(
        "Las partes no llegaron a un acuerdo."
    )
    return _("Conciliación concluida sin acuerdo: %(c)s") % {"c": causa}


def datos_propuestos(reclamo: Reclamo) -> dict:
    """What the form starts with: a)–d) from the record."""
    return {
        "partes": partes_del_conflicto(reclamo),
        "motivo": reclamo.objeto or reclamo.hechos,
        "monto": reclamo.monto,
        "resultado": resultado_del_cierre(reclamo),
    }


@transaction.atomic
def presentar_informe(
    reclamo: Reclamo, *, por, motivo: str, resultado: str, otros: str = ""
) -> InformeDeCierre:
    from documentos.services import emitir_documento
    from plazos.models import Plazo
    from plazos.services import cumplir_plazo

    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    if not es_conciliador_de(por, reclamo):
        raise AccesoDenegado(_("El informe de cierre lo presenta el conciliador designado."))
    plazo = plazo_del_informe(reclamo)
    if plazo is None:
        raise ConflictoDeEstado(
            _("El reclamo no se cerró sin acuerdo: no corresponde informe de cierre.")
        )
    if InformeDeCierre.objects.filter(reclamo=reclamo).exists():
        raise ConflictoDeEstado(_("El informe de cierre ya fue presentado."))
    motivo, resultado, otros = motivo.strip(), resultado.strip(), otros.strip()
    errores = {}
    if not motivo:
        errores["motivo"] = [_("Escribí el motivo del reclamo.")]
    if not resultado:
        errores["resultado"] = [_("Escribí el resultado de la conciliación.")]
    if errores:
        raise DatosInvalidos(_("Revisá los datos del informe."), campos=errores)

    hoy = hoy_en(reclamo)
    fuera_de_plazo = plazo.estado == Plazo.Estado.VENCIDO or hoy > plazo.vence
    designacion = reclamo.designaciones.select_related("conciliador").get(activa=True)
    conciliador = designacion.conciliador
    partes = partes_del_conflicto(reclamo)
    documento = emitir_documento(
        tipo="informe_cierre",
        plantilla="audiencias/informe_cierre",
        snapshot={
            "reclamo_numero": reclamo.numero,
            "partes": partes,
            "motivo": motivo,
            "monto": f"{reclamo.monto:.2f}" if reclamo.monto is not None else "",
            "resultado": resultado,
            "otros": otros,
            "conciliador": {"nombre": conciliador.nombre, "matricula": conciliador.matricula},
            "presentado": f"{hoy:%d/%m/%Y}",
            "vence": f"{plazo.vence:%d/%m/%Y}",
            "fuera_de_plazo": fuera_de_plazo,
        },
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=_("Informe de cierre sin acuerdo — reclamo %(n)s") % {"n": reclamo.numero},
    )
    informe = InformeDeCierre.objects.create(
        reclamo=reclamo,
        conciliador=conciliador,
        partes=partes,
        motivo=motivo,
        monto=reclamo.monto,
        resultado=resultado,
        otros=otros,
        fuera_de_plazo=fuera_de_plazo,
        documento=documento,
        presentado_por=por,
    )
    if not fuera_de_plazo:
        cumplir_plazo(plazo, por=por)
    expediente.informe_de_cierre_presentado(
        reclamo, por=por, informe=informe, vence=f"{plazo.vence:%d/%m/%Y}"
    )
    return informe
