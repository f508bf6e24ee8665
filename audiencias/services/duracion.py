"""The conciliation's duration (AR-10) and its extension (AR-10P) (D202-I.6; Ley 26.993 art. 12;
DOMAIN §3.1, T22, T27, T37, Q18).

- AR-10 opens when the first hearing is held (T22, from the hearing's date). Its length and the
  extension's are L-marked values of the régimen's catalogue (normativa.regimenes.coprec: 30 and
  15 business days), so an agency changes them there, never here.
- The extension needs the parties' agreement (DOMAIN AR-10: "extendable by 15 on agreement"):
  the conciliator records that both agreed and why. It is granted once, before AR-10 expires
  (Ley 19.549: an extension is asked for before the term ends), and not while the procedure is
  suspended. AR-10 is then met and AR-10P opens from AR-10's due day, so the count goes on
  without a gap and the claim page shows the new due date with its explanation.
- When AR-10 (or AR-10P) expires, the sweeper records it and flags it for confirmation (Q18: no
  automatic closure); the conciliator confirms the closure without agreement (T37, "term over"),
  which issues the acta de cierre and opens AR-14 like any closure without agreement.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from audiencias import avisos
from audiencias.models import Audiencia
from audiencias.permisos import es_conciliador_de
from audiencias.services.tope import exigir_sin_revision, local
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from normativa.regimenes import Papel
from reclamos import expediente
from reclamos.estados import Estado
from reclamos.models import Reclamo
from reclamos.transiciones import hoy_en, transicionar


def plazos_de_la_conciliacion(reclamo: Reclamo):
    """The conciliation's term and its extension (their codes are the régimen's)."""
    from plazos.selectors import plazos_de

    codigos = reclamo.regimen.codigos(Papel.CONCILIACION, Papel.PRORROGA)
    return plazos_de(reclamo).filter(tipo__in=codigos)


def situacion(reclamo: Reclamo) -> dict | None:
    """What the pages show: the term in force (the extension once granted), whether it can
    still be extended and whether it is over. None before the conciliation starts."""
    from plazos.models import Plazo
    from plazos.selectors import plazos_leidos

    leidos = plazos_leidos(reclamo)  # the claim page's (issue 13)
    if leidos is not None:
        codigos = set(reclamo.regimen.codigos(Papel.CONCILIACION, Papel.PRORROGA))
        filas = [p for p in leidos if p.tipo in codigos]
    else:
        filas = list(plazos_de_la_conciliacion(reclamo))
    if not filas:
        return None
    regimen = reclamo.regimen
    codigo_prorroga = regimen.codigo_o_vacio(Papel.PRORROGA)
    prorroga = next((p for p in filas if p.tipo == codigo_prorroga), None)
    vigente = prorroga or next(p for p in filas if p.tipo == regimen.codigo_de(Papel.CONCILIACION))
    en_curso = reclamo.estado == Estado.EN_CONCILIACION
    tipo_prorroga = regimen.plazo_de(Papel.PRORROGA) if codigo_prorroga else None
    return {
        "plazo": vigente,
        "prorrogado": prorroga is not None,
        "prorroga_dias": tipo_prorroga.duracion if tipo_prorroga else None,
        "puede_prorrogar": en_curso
        and prorroga is None
        and tipo_prorroga is not None
        and vigente.estado == Plazo.Estado.CORRIENDO,
        "vencido": en_curso and vigente.estado == Plazo.Estado.VENCIDO,
    }


def _abrir(reclamo: Reclamo, por) -> Reclamo:
    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    if not es_conciliador_de(por, reclamo):
        raise AccesoDenegado(_("Solo el conciliador designado puede hacerlo."))
    if reclamo.estado != Estado.EN_CONCILIACION:
        raise ConflictoDeEstado(_("La conciliación no está en curso."))
    return reclamo


@transaction.atomic
def prorrogar_conciliacion(
    reclamo: Reclamo, *, por, acuerdo_de_partes: bool, fundamento: str
) -> object:
    """T27: the parties agree to extend the conciliation; AR-10P opens where AR-10 ends."""
    from plazos.services import abrir_plazo, cumplir_plazo

    reclamo = _abrir(reclamo, por)
    exigir_sin_revision(reclamo)
    if not acuerdo_de_partes:
        raise DatosInvalidos(
            _("La prórroga requiere el acuerdo de ambas partes: dejá constancia de que lo dieron."),
            campos={"acuerdo_de_partes": [_("Obligatorio.")]},
        )
    if not (fundamento or "").strip():
        raise DatosInvalidos(
            _("Contá cómo y cuándo acordaron la prórroga."),
            campos={"fundamento": [_("Obligatorio.")]},
        )
    estado = situacion(reclamo)
    if estado is None:
        raise ConflictoDeEstado(_("La conciliación todavía no empezó a correr."))
    if estado["prorrogado"]:
        raise ConflictoDeEstado(_("La conciliación ya se prorrogó una vez."))
    if estado["prorroga_dias"] is None:
        raise ConflictoDeEstado(_("Este régimen no prevé la prórroga de la conciliación."))
    if not estado["puede_prorrogar"]:
        raise ConflictoDeEstado(
            _(
                "El plazo de la conciliación no está corriendo (venció o está suspendido): la "
                "prórroga se acuerda antes del vencimiento."
            )
        )
    duracion = cumplir_plazo(estado["plazo"], por=por)
    prorroga = abrir_plazo(
        sujeto=reclamo,
        tipo=reclamo.regimen.codigo_de(Papel.PRORROGA),
        desde=duracion.vence,
        regimen=reclamo.regimen_codigo,
        por=por,
    )
    texto = _("Las partes acordaron prorrogar la conciliación %(d)s días hasta el %(f)s: %(m)s") % {
        "d": estado["prorroga_dias"],
        "f": f"{prorroga.vence:%d/%m/%Y}",
        "m": fundamento.strip(),
    }
    expediente._registrar(
        reclamo,
        "conciliacion.prorrogada",
        por=por,
        texto=texto,
        datos={
            "plazo": prorroga.pk,
            "hasta": prorroga.vence.isoformat(),
            "antes": duracion.vence.isoformat(),
            "fundamento": fundamento.strip(),
        },
        fuente=reclamo.regimen.plazo_de(Papel.PRORROGA).fuente,
    )
    avisos.avisar(
        avisos.partes(reclamo),
        reclamo=reclamo,
        plantilla="audiencias/prorroga",
        asunto=_("Reclamo %(n)s: se prorrogó la conciliación") % {"n": reclamo.numero},
        contexto={
            "dias": estado["prorroga_dias"],
            "hasta": f"{prorroga.vence:%d/%m/%Y}",
            "antes": f"{duracion.vence:%d/%m/%Y}",
        },
    )
    return prorroga


@transaction.atomic
def cerrar_por_vencimiento(reclamo: Reclamo, *, por) -> Reclamo:
    """T37 "term over": the conciliator confirms the closure without agreement once the
    conciliation's term (with its extension, if any) expired."""
    from audiencias.services.audiencia import proximas_instancias, ultima_audiencia_celebrada
    from documentos.selectors import documentos_de

    reclamo = _abrir(reclamo, por)
    estado = situacion(reclamo)
    if estado is None or not estado["vencido"]:
        raise ConflictoDeEstado(_("El plazo de la conciliación no venció."))
    if reclamo.audiencias.filter(estado=Audiencia.Estado.FIJADA).exists():
        raise ConflictoDeEstado(
            _("Hay una audiencia fijada: celebrala o cancelala antes de cerrar.")
        )
    ultima = ultima_audiencia_celebrada(reclamo)
    tipo = estado["plazo"].tipo
    causa = _("Venció el plazo de la conciliación (%(t)s, %(f)s) sin acuerdo.") % {
        "t": tipo,
        "f": f"{estado['plazo'].vence:%d/%m/%Y}",
    }
    transicionar(
        reclamo,
        "cerrar_sin_acuerdo",
        por=por,
        datos={
            "causa": causa,
            "ultima_audiencia": local(ultima).date().isoformat() if ultima else "",
            "plazos_desde": hoy_en(reclamo),
        },
    )
    acta = documentos_de(reclamo).filter(tipo="acta_cierre").order_by("-pk").first()
    avisos.avisar(
        avisos.partes(reclamo),
        reclamo=reclamo,
        plantilla="audiencias/cierre_por_vencimiento",
        asunto=_("Reclamo %(n)s: la conciliación terminó sin acuerdo") % {"n": reclamo.numero},
        contexto={"causa": causa, "proximas_instancias": proximas_instancias(reclamo)},
        adjuntos=[acta] if acta else (),
    )
    return reclamo
