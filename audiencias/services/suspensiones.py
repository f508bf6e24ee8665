"""The two pauses of the term to hold the first hearing (AR-07) that belong to the notice of the
hearing (DOMAIN T17, T18; Decision 9: suspension records with their own acts, not states).

- Domicile search (D202-I.7 last ¶, Ley 26.993 art. 10 ¶2): the provider's domicile has to be
  traced before the cédula can be served. The conciliator or staff record that act; AR-07 is
  suspended from that day until the day the data arrive (both included, Decision 8).
- Legal assistance (D202-I.9): the designated conciliator finds a lawyer necessary and tells the
  parties; AR-07 is suspended for 3 business days (AR-08). The suspension covers the days AR-08
  counts (from the day after the notice to its due date); when AR-08 expires the sweeper runs
  `fin_de_asistencia_letrada`, which closes the pause and resumes AR-07.

The recusación's pause (T19) is opened and closed by conciliadores; here is only its effect on
hearings: none is fixed, held or has its outcome recorded while it is open (`exigir_sin_recusacion`,
also a transition hook on the hearing acts).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audiencias.permisos import es_conciliador_de
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.roles import Rol
from normativa.regimenes import Papel
from reclamos import expediente
from reclamos.estados import Estado
from reclamos.models import Pausa, Reclamo, ReclamoProveedor
from reclamos.transiciones import hoy_en

UN_DIA = datetime.timedelta(days=1)
PERSONAL = {Rol.ADMISION, Rol.ADMINISTRADOR}
# While AR-07 (the term to hold the first hearing) can be running.
ANTES_DE_LA_PRIMERA_AUDIENCIA = {Estado.CONCILIADOR_DESIGNADO, Estado.AUDIENCIA_FIJADA}
# Art. 9: the conciliator may find legal assistance necessary at any point of the conciliation.
CON_CONCILIADOR = ANTES_DE_LA_PRIMERA_AUDIENCIA | {Estado.EN_CONCILIACION}


def _primera_audiencia(reclamo) -> list[str]:
    """The term to hold the first hearing, which these pauses stop and resume."""
    return [reclamo.regimen.codigo_de(Papel.PRIMERA_AUDIENCIA)]


def _pausa_abierta(reclamo: Reclamo, tipo: str) -> Pausa | None:
    return reclamo.pausas.filter(tipo=tipo, hasta__isnull=True).first()


class RecusacionEnTramite(ConflictoDeEstado):
    codigo = "recusal_pending"


def recusacion_en_tramite(reclamo: Reclamo) -> bool:
    if "pausas" in getattr(reclamo, "_prefetched_objects_cache", {}):
        # The claim page read the pauses once for all its sections (issue 13).
        return any(
            p.tipo == Pausa.Tipo.RECUSACION and p.hasta is None for p in reclamo.pausas.all()
        )
    return reclamo.pausas.filter(tipo=Pausa.Tipo.RECUSACION, hasta__isnull=True).exists()


def exigir_sin_recusacion(reclamo: Reclamo) -> None:
    """D202-I.7 (T19): a recusación suspends the whole procedure until the agency decides it, so
    no hearing is fixed, held or has its outcome recorded while its pause is open."""
    if recusacion_en_tramite(reclamo):
        raise RecusacionEnTramite(
            _(
                "Hay una recusación en trámite: el procedimiento está suspendido hasta que la "
                "autoridad la resuelva (art. 7). Mientras tanto no se puede fijar, celebrar ni "
                "registrar el resultado de una audiencia."
            )
        )


def guardia_de_recusacion(reclamo: Reclamo, *, transicion=None, por=None, datos=None) -> None:
    """Transition hook on the hearing acts (audiencias.ganchos): whatever path reaches them,
    the act is refused while a recusación is pending."""
    exigir_sin_recusacion(reclamo)


def puede_buscar_domicilio(usuario, reclamo: Reclamo) -> bool:
    """The designated conciliator or the agency's staff (T17)."""
    return getattr(usuario, "rol", "") in PERSONAL or es_conciliador_de(usuario, reclamo)


@transaction.atomic
def iniciar_busqueda_de_domicilio(
    reclamo: Reclamo, *, por, proveedor: ReclamoProveedor, motivo: str
) -> Pausa:
    """T17: the provider's domicile must be traced; AR-07 is suspended until the data arrive."""
    from plazos.services import suspender_plazos

    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    if not puede_buscar_domicilio(por, reclamo):
        raise AccesoDenegado(
            _("La búsqueda del domicilio la registra el conciliador designado o el personal.")
        )
    if reclamo.estado not in ANTES_DE_LA_PRIMERA_AUDIENCIA:
        raise ConflictoDeEstado(
            _("La búsqueda del domicilio suspende el plazo para la primera audiencia: ya no corre.")
        )
    if proveedor.reclamo_id != reclamo.pk:
        raise DatosInvalidos(_("Elegí un proveedor del reclamo."), campos={"proveedor": ["?"]})
    if not motivo.strip():
        raise DatosInvalidos(
            _("Contá qué dato falta y qué se pidió."), campos={"motivo": [_("Obligatorio.")]}
        )
    if _pausa_abierta(reclamo, Pausa.Tipo.BUSQUEDA_DOMICILIO):
        raise ConflictoDeEstado(_("Ya hay una búsqueda de domicilio en curso."))
    texto = _("Búsqueda del domicilio de %(p)s: %(m)s") % {
        "p": proveedor.razon_social,
        "m": motivo.strip(),
    }
    pausa = Pausa.objects.create(
        reclamo=reclamo, tipo=Pausa.Tipo.BUSQUEDA_DOMICILIO, motivo=texto, abierta_por=por
    )
    suspender_plazos(
        sujeto=reclamo,
        tipos=_primera_audiencia(reclamo),
        desde=hoy_en(reclamo),
        motivo=texto,
        por=por,
    )
    expediente.pausa_abierta(reclamo, por=por, tipo=pausa.tipo, motivo=texto)
    return pausa


@transaction.atomic
def registrar_domicilio_hallado(
    reclamo: Reclamo, *, por, proveedor: ReclamoProveedor, domicilio: str
) -> Pausa:
    """The data arrived: the provider's registered domicile is updated (the next cédula goes
    there), the pause ends and AR-07 resumes, counting the arrival day as suspended."""
    from plazos.services import reanudar_plazos

    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    if not puede_buscar_domicilio(por, reclamo):
        raise AccesoDenegado(
            _("La búsqueda del domicilio la registra el conciliador designado o el personal.")
        )
    pausa = _pausa_abierta(reclamo, Pausa.Tipo.BUSQUEDA_DOMICILIO)
    if pausa is None:
        raise ConflictoDeEstado(_("No hay una búsqueda de domicilio en curso."))
    if proveedor.reclamo_id != reclamo.pk:
        raise DatosInvalidos(_("Elegí un proveedor del reclamo."), campos={"proveedor": ["?"]})
    domicilio = domicilio.strip()
    if len(domicilio) < 8:
        raise DatosInvalidos(
            _("Escribí el domicilio completo (calle, número, localidad)."),
            campos={"domicilio": [_("Incompleto.")]},
        )
    anterior = proveedor.domicilio_legal
    proveedor.domicilio_legal = domicilio
    proveedor.save(update_fields=["domicilio_legal"])
    resolucion = _("domicilio de %(p)s hallado: %(d)s (antes: %(a)s)") % {
        "p": proveedor.razon_social,
        "d": domicilio,
        "a": anterior or "—",
    }
    pausa.hasta, pausa.cerrada_por, pausa.resolucion = timezone.now(), por, resolucion
    pausa.save(update_fields=["hasta", "cerrada_por", "resolucion"])
    reanudar_plazos(
        sujeto=reclamo,
        tipos=_primera_audiencia(reclamo),
        hasta=hoy_en(reclamo),
        por=por,
    )
    expediente.pausa_cerrada(reclamo, por=por, tipo=pausa.tipo, resolucion=resolucion)
    # A cédula still unserved goes to the domicile just found: it is issued again.
    from audiencias.services.reemision import reemitir_pendientes_de

    reemitir_pendientes_de(proveedor, por=por, motivo=_("se halló el domicilio del proveedor"))
    return pausa


@transaction.atomic
def notificar_asistencia_letrada(reclamo: Reclamo, *, por, motivo: str) -> Pausa:
    """T18 / AR-08: the conciliator tells the parties legal assistance is necessary (art. 9).
    The parties are notified at their electronic addresses; AR-07 stops for 3 business days."""
    from notificaciones.services import encolar_notificacion
    from plazos.services import abrir_plazo, suspender_plazos

    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    if not es_conciliador_de(por, reclamo):
        raise AccesoDenegado(_("Solo el conciliador designado puede pedir asistencia letrada."))
    if reclamo.estado not in CON_CONCILIADOR:
        raise ConflictoDeEstado(_("En este estado del reclamo no corresponde."))
    if not motivo.strip():
        raise DatosInvalidos(
            _("Explicá por qué hace falta asistencia letrada."),
            campos={"motivo": [_("Obligatorio.")]},
        )
    if _pausa_abierta(reclamo, Pausa.Tipo.ASISTENCIA_LETRADA):
        raise ConflictoDeEstado(_("Ya se avisó a las partes y la suspensión está corriendo."))
    hoy = hoy_en(reclamo)
    texto = _("Asistencia letrada necesaria (art. 9): %(m)s") % {"m": motivo.strip()}
    pausa = Pausa.objects.create(
        reclamo=reclamo, tipo=Pausa.Tipo.ASISTENCIA_LETRADA, motivo=texto, abierta_por=por
    )
    ar08 = abrir_plazo(
        sujeto=reclamo,
        tipo=reclamo.regimen.codigo_de(Papel.ASISTENCIA_LETRADA),
        desde=hoy,
        regimen=reclamo.regimen_codigo,
        por=por,
    )
    # AR-07 stops on the days AR-08 counts: from the day after the notice to AR-08's due day.
    suspender_plazos(
        sujeto=reclamo,
        tipos=_primera_audiencia(reclamo),
        desde=hoy + UN_DIA,
        motivo=texto,
        por=por,
    )
    expediente.pausa_abierta(reclamo, por=por, tipo=pausa.tipo, motivo=texto)
    contexto = {
        "numero": reclamo.numero,
        "motivo": motivo.strip(),
        "hasta": f"{ar08.vence:%d/%m/%Y}",
        "url": reverse("reclamos:detalle", args=[reclamo.pk]),
    }
    asunto = _("Reclamo %(n)s: el conciliador indica que necesitás asistencia letrada") % {
        "n": reclamo.numero
    }
    destinos = [(reclamo.consumidor, None)]
    for proveedor in reclamo.proveedores.select_related("organizacion", "representante"):
        email = proveedor.organizacion.domicilio_electronico if proveedor.organizacion else ""
        if proveedor.representante is not None or email:
            destinos.append((proveedor.representante, email or None))
    for destinatario, email in destinos:
        encolar_notificacion(
            destinatario=destinatario,
            email=email,
            plantilla="audiencias/asistencia_letrada",
            contexto=contexto,
            asunto=asunto,
            sujeto=reclamo,
        )
    return pausa


def fin_de_asistencia_letrada(plazo) -> None:
    """Consequence of AR-08's expiry (run by the sweeper): the pause ends, AR-07 resumes with
    the suspended days up to AR-08's due day."""
    from plazos.services import reanudar_plazos

    reclamo = Reclamo.objects.filter(pk=plazo.object_id).first()
    if reclamo is None:
        return
    pausa = _pausa_abierta(reclamo, Pausa.Tipo.ASISTENCIA_LETRADA)
    resolucion = _("vencieron los 3 días de la suspensión por asistencia letrada (AR-08)")
    if pausa is not None:
        Pausa.objects.filter(pk=pausa.pk, hasta__isnull=True).update(
            hasta=timezone.now(), resolucion=resolucion
        )
    reanudar_plazos(
        sujeto=reclamo,
        tipos=_primera_audiencia(reclamo),
        hasta=plazo.vence,
    )
    expediente.pausa_cerrada(
        reclamo, por=None, tipo=Pausa.Tipo.ASISTENCIA_LETRADA, resolucion=resolucion
    )
