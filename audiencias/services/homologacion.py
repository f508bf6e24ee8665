"""Homologation of the agreement (D202-I.12, I.14, I.15; DOMAIN §4.6, T32–T36).

The conciliator submits the signed agreement (after the ratification when a party acted through
an attorney and was absent); the homologation unit reviews it against the art. 12 checklist,
helped by what the portal knows — (b) the procedure: cédulas served in time, no plazo expired,
powers checked, ratification done; (d) the agreed sum against the claimed one, flagged when it is
substantially lower (settings.HOMOLOGACION_UMBRAL_SUMA, docs/decisions/0005-homologacion.md) —
and homologates (the homologated agreement is issued; consumer and conciliator download their
free copy, art. 15), observes (art. 14: the conciliator submits an amended version; every round
is kept) or denies (for fees, that counts as no agreement, art. 17).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from audiencias.models import Acuerdo, Asistencia, Cedula, RevisionHomologacion
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from normativa.regimenes import Papel
from reclamos import expediente
from reclamos.estados import Estado
from reclamos.models import Reclamo
from reclamos.transiciones import hoy_en, transicionar

ITEMS_ART_12 = {
    "a": _(
        "Respeta las normas constitucionales, legales y reglamentarias de defensa del consumidor"
    ),
    "b": _("Se cumplió debidamente el procedimiento del Título I"),
    "c": _("No implica renuncia de derechos del consumidor"),
    "d": _("La suma no es sustancialmente inferior a la reclamada (salvo reclamo excesivo)"),
    "e": _("Se aceptaron las observaciones anteriores y se incorporaron al texto"),
}


def umbral_suma(fecha=None) -> Decimal:
    """The dated UMBRAL-HOMOLOGACION value in force on `fecha` (today by default); the setting
    HOMOLOGACION_UMBRAL_SUMA only when no row is loaded (decision 0031)."""
    from django.utils import timezone

    from normativa.valores import UMBRAL_HOMOLOGACION, valor

    respaldo = Decimal(str(getattr(settings, "HOMOLOGACION_UMBRAL_SUMA", "0.5")))
    return valor(UMBRAL_HOMOLOGACION.codigo, fecha or timezone.localdate(), respaldo)


def acuerdo_vigente(reclamo: Reclamo) -> Acuerdo | None:
    return reclamo.acuerdos.order_by("-version").select_related("documento", "audiencia").first()


def verificaciones(reclamo: Reclamo, acuerdo: Acuerdo, *, revisiones=None) -> dict:
    """What the portal can check for items (b) and (d). `revisiones`: the claim's reviews when
    the page already read them (the earlier observations are counted from them)."""
    from plazos.models import Plazo

    cedulas = Cedula.objects.filter(audiencia__reclamo=reclamo, audiencia__estado="celebrada")
    cedulas_ok = not cedulas.exclude(en_termino=True).exists()
    vencidos = list(
        Plazo.objects.filter(
            content_type=ContentType.objects.get_for_model(Reclamo),
            object_id=reclamo.pk,
            estado=Plazo.Estado.VENCIDO,
        )
        # Service levels are not legal terms: their expiry says nothing of the procedure.
        .exclude(tipo__in=reclamo.regimen.codigos(Papel.CORREO_CONCILIADOR, Papel.CORREO_ADMISION))
        .values_list("tipo", flat=True)
    )
    apoderados = Asistencia.objects.filter(
        audiencia__reclamo=reclamo, comparecio=True, caracter=Asistencia.Caracter.APODERADO
    )
    poderes_ok = not apoderados.filter(poder_copia__isnull=True).exists()
    ratificado = (
        not acuerdo.requiere_ratificacion
        or reclamo.actuaciones.filter(codigo="acta.ratificado", datos__acuerdo=acuerdo.pk).exists()
    )
    razon = None
    umbral = umbral_suma()
    if acuerdo.monto_total is not None and reclamo.monto:
        razon = (acuerdo.monto_total / reclamo.monto).quantize(Decimal("0.01"))
    return {
        "cedulas_en_termino": cedulas_ok,
        "plazos_vencidos": vencidos,
        "poderes_verificados": poderes_ok,
        "ratificacion": ratificado,
        "procedimiento_ok": cedulas_ok and not vencidos and poderes_ok and ratificado,
        "razon_suma": str(razon) if razon is not None else None,
        "suma_sustancialmente_inferior": razon is not None and razon < umbral,
        # The threshold used, stored with the review that records these checks.
        "umbral_suma": str(umbral),
        "observaciones_previas": RevisionHomologacion.objects.filter(
            acuerdo__reclamo=reclamo, decision=RevisionHomologacion.Decision.OBSERVADO
        ).count()
        if revisiones is None
        else sum(r.decision == RevisionHomologacion.Decision.OBSERVADO for r in revisiones),
    }


@transaction.atomic
def ratificar_acuerdo(reclamo: Reclamo, *, por, detalle: str) -> None:
    """The represented party ratified the agreement before the conciliator (art. 11): AR-12 met."""
    from plazos.services import cumplir_plazos

    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    acuerdo = acuerdo_vigente(reclamo)
    if (
        reclamo.estado != Estado.ACUERDO_FIRMADO
        or acuerdo is None
        or not acuerdo.requiere_ratificacion
    ):
        raise ConflictoDeEstado(_("Este acuerdo no espera ratificación."))
    if acuerdo.audiencia.conciliador.usuario_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("La ratificación la registra el conciliador."))
    cumplir_plazos(sujeto=reclamo, tipos=[reclamo.regimen.codigo_de(Papel.RATIFICACION)], por=por)
    expediente._registrar(
        reclamo,
        "acta.ratificado",
        por=por,
        texto=_("Acuerdo ratificado: %(d)s") % {"d": detalle.strip() or "—"},
        datos={"acuerdo": acuerdo.pk},
        fuente="Ley 26.993 art. 11",
    )


@transaction.atomic
def elevar(reclamo: Reclamo, *, por) -> Reclamo:
    """The conciliator submits the signed (and, when needed, ratified) agreement (T32)."""
    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    acuerdo = acuerdo_vigente(reclamo)
    if acuerdo is None:
        raise ConflictoDeEstado(_("No hay acuerdo para elevar."))
    if reclamo.estado == Estado.OBSERVADO:
        # Art. 12 e: after observations only an amended version goes back (corregir_acuerdo).
        raise ConflictoDeEstado(
            _("El acuerdo fue observado: elevá el acuerdo corregido con las observaciones.")
        )
    if acuerdo.audiencia.conciliador.usuario_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("Eleva el acuerdo el conciliador que lo firmó."))
    if not verificaciones(reclamo, acuerdo)["ratificacion"]:
        raise ConflictoDeEstado(_("Falta la ratificación de la parte representada (art. 11)."))
    transicionar(
        reclamo,
        "elevar_a_homologacion",
        por=por,
        datos={"acuerdo": acuerdo.pk, "version": acuerdo.version, "plazos_desde": hoy_en(reclamo)},
    )
    return reclamo


def _validar_lista(lista: dict, decision: str, fundamentos: str) -> None:
    if decision not in RevisionHomologacion.Decision.values:
        raise DatosInvalidos(_("Elegí la decisión."), campos={"decision": [_("Inválida.")]})
    faltan = [k for k in ITEMS_ART_12 if k not in lista]
    if faltan:
        raise DatosInvalidos(
            _("Respondé cada punto del art. 12."), campos={"lista": [", ".join(faltan)]}
        )
    if decision == RevisionHomologacion.Decision.HOMOLOGADO and not all(lista.values()):
        raise DatosInvalidos(
            _(
                "Para homologar, cada punto del art. 12 tiene que estar cumplido; "
                "si no, observá o denegá."
            ),
            campos={"decision": [_("No corresponde homologar.")]},
        )
    if decision != RevisionHomologacion.Decision.HOMOLOGADO and not fundamentos.strip():
        raise DatosInvalidos(
            _("Escribí las observaciones o los fundamentos."),
            campos={"fundamentos": [_("Obligatorio.")]},
        )


@transaction.atomic
def decidir(
    reclamo: Reclamo, *, por, decision: str, lista: dict, fundamentos: str = ""
) -> RevisionHomologacion:
    """The homologation unit's decision on the agreement under review."""
    from documentos.services import emitir_documento

    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    if reclamo.estado != Estado.EN_HOMOLOGACION:
        raise ConflictoDeEstado(_("El acuerdo no está en homologación."))
    acuerdo = acuerdo_vigente(reclamo)
    lista = {k: bool(v) for k, v in lista.items() if k in ITEMS_ART_12}
    _validar_lista(lista, decision, fundamentos)
    revision = RevisionHomologacion.objects.create(
        acuerdo=acuerdo,
        decision=decision,
        lista=lista,
        verificaciones=verificaciones(reclamo, acuerdo),
        fundamentos=fundamentos.strip(),
        decidido_por=por,
    )
    datos = {"revision": revision.pk, "fundamentos": revision.fundamentos}
    D = RevisionHomologacion.Decision
    if decision == D.HOMOLOGADO:
        transicionar(reclamo, "homologar", por=por, datos=datos)
        revision.documento = emitir_documento(
            tipo="homologacion",
            plantilla="audiencias/homologacion",
            snapshot={
                "reclamo_numero": reclamo.numero,
                "consumidor": f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip(),
                "proveedores": [
                    {"razon_social": p.razon_social, "cuit": p.identificador}
                    for p in reclamo.proveedores.all()
                ],
                "conciliador": acuerdo.audiencia.conciliador.nombre,
                "matricula": acuerdo.audiencia.conciliador.matricula,
                "terminos": acuerdo.terminos,
                "monto_total": f"{acuerdo.monto_total:.2f}" if acuerdo.monto_total else "",
                "obligaciones": acuerdo.obligaciones,
                "acta": acuerdo.documento.numero_visible if acuerdo.documento else "",
                "lista": {ITEMS_ART_12[k]: v for k, v in lista.items()},
                "fundamentos": revision.fundamentos,
            },
            por=por,
            sujeto=reclamo,
            regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
            titulo=_("Acuerdo homologado — reclamo %(n)s") % {"n": reclamo.numero},
        )
        revision.save(update_fields=["documento"])
        # The agreed obligations and dates go into the act: reclamos (upstream) reads them for
        # the non-compliance report (art. 19) without importing audiencias.
        transicionar(
            reclamo,
            "iniciar_cumplimiento",
            por=None,
            datos={
                "acuerdo": acuerdo.pk,
                "homologado": revision.documento.pk,
                "obligaciones": acuerdo.obligaciones,
            },
        )
    elif decision == D.OBSERVADO:
        transicionar(reclamo, "observar_acuerdo", por=por, datos=datos)
    else:
        transicionar(reclamo, "denegar_homologacion", por=por, datos=datos)
        transicionar(reclamo, "cerrar_por_denegacion", por=None, datos=datos)
    _avisar_decision(reclamo, acuerdo, revision)
    return revision


def _avisar_decision(reclamo: Reclamo, acuerdo: Acuerdo, revision: RevisionHomologacion) -> None:
    """The decision goes to the conciliator and the parties (art. 14 for observations; art. 15:
    the homologated agreement is on the claim page, a free copy for consumer and conciliator)."""
    from cuentas.models import Membresia
    from notificaciones.services import encolar_notificacion

    usuarios = [acuerdo.audiencia.conciliador.usuario, reclamo.consumidor]
    for proveedor in reclamo.proveedores.select_related("representante"):
        if proveedor.representante_id:
            usuarios.append(proveedor.representante)
        if proveedor.organizacion_id:
            usuarios.extend(
                m.usuario
                for m in Membresia.objects.filter(
                    organizacion_id=proveedor.organizacion_id, activa=True
                ).select_related("usuario")
            )
    asunto = {
        RevisionHomologacion.Decision.HOMOLOGADO: _("Reclamo %(n)s: acuerdo homologado"),
        RevisionHomologacion.Decision.OBSERVADO: _("Reclamo %(n)s: el acuerdo tiene observaciones"),
        RevisionHomologacion.Decision.DENEGADO: _("Reclamo %(n)s: homologación denegada"),
    }[revision.decision] % {"n": reclamo.numero}
    vistos = set()
    for usuario in usuarios:
        if usuario is None or usuario.pk in vistos:
            continue
        vistos.add(usuario.pk)
        encolar_notificacion(
            destinatario=usuario,
            plantilla="audiencias/homologacion",
            contexto={
                "numero": reclamo.numero,
                "decision": revision.decision,
                "fundamentos": revision.fundamentos,
                "version": acuerdo.version,
                "es_conciliador": usuario.pk == acuerdo.audiencia.conciliador.usuario_id,
                "url": reverse("reclamos:detalle", args=[reclamo.pk]),
            },
            asunto=asunto,
            sujeto=reclamo,
        )


@transaction.atomic
def corregir_acuerdo(
    reclamo: Reclamo, *, por, terminos: str, obligaciones: list[dict], monto_total=None
) -> Acuerdo:
    """After observations (art. 14) the conciliator records the amended text the parties agreed
    on; it goes back to homologation as a new version (the previous one stays)."""
    from audiencias.services.audiencia import _emitir, _snapshot_base, _validar_obligaciones

    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    anterior = acuerdo_vigente(reclamo)
    if reclamo.estado != Estado.OBSERVADO or anterior is None:
        raise ConflictoDeEstado(_("El acuerdo no tiene observaciones pendientes."))
    if anterior.audiencia.conciliador.usuario_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("Corrige el acuerdo el conciliador que lo firmó."))
    if not terminos.strip():
        raise DatosInvalidos(
            _("Escribí los términos corregidos."), campos={"terminos": [_("Obligatorio.")]}
        )
    obligaciones = _validar_obligaciones(obligaciones)
    nuevo = Acuerdo.objects.create(
        audiencia=anterior.audiencia,
        reclamo=reclamo,
        terminos=terminos.strip(),
        monto_total=monto_total,
        obligaciones=obligaciones,
        honorarios_a_cargo=anterior.honorarios_a_cargo,
        requiere_ratificacion=False,
        version=anterior.version + 1,
        reemplaza=anterior,
        creado_por=por,
    )
    nuevo.documento = _emitir(
        anterior.audiencia,
        tipo="acta_acuerdo",
        titulo=_("Acta de acuerdo corregida (v%(v)s) — reclamo %(n)s")
        % {"v": nuevo.version, "n": reclamo.numero},
        snapshot={
            **_snapshot_base(anterior.audiencia),
            "terminos": nuevo.terminos,
            "monto_total": f"{monto_total:.2f}" if monto_total is not None else "",
            "obligaciones": obligaciones,
            "honorarios_a_cargo": nuevo.honorarios_a_cargo,
            "requiere_ratificacion": False,
            "version": nuevo.version,
        },
        por=por,
    )
    nuevo.save(update_fields=["documento"])
    transicionar(
        reclamo,
        "reelevar_acuerdo",
        por=por,
        datos={"acuerdo": nuevo.pk, "version": nuevo.version, "plazos_desde": hoy_en(reclamo)},
    )
    return nuevo


def emitir_acta_de_cierre_por_denegacion(
    reclamo: Reclamo, *, transicion=None, por=None, datos=None
) -> None:
    """Transition hook on "cerrar_por_denegacion" (T36): a denied homologation ends the
    conciliation without agreement (D202-I.17), so it gets the acta de cierre like any other
    closure without agreement; it is the title of an unpaid fee (AR-16) and what the Fondo's
    constancia cites. The cause names the denial and its reasons."""
    from audiencias.services.audiencia import emitir_acta_de_cierre

    datos = dict(datos or {})
    fundamentos = (datos.get("fundamentos") or "").strip()
    datos["causa"] = (
        _("Homologación denegada (art. 12): %(f)s") % {"f": fundamentos}
        if fundamentos
        else _("Homologación denegada (art. 12).")
    )
    emitir_acta_de_cierre(reclamo, transicion=transicion, por=por, datos=datos)
