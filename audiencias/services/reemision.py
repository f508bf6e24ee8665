"""A cédula's life after it is issued (D202-I.10; DOMAIN Decisions 3, 4, 11).

- Annulled with its hearing: when a hearing is cancelled, rescheduled or passes to another
  conciliator, each of its cédulas is marked annulled (its document stays, never edited) and
  the provider is told at its registered electronic domicile or through its representatives in
  the portal. A cédula that had been served by reliable means to a provider the portal cannot
  reach is flagged in the expediente: the annulment has to be served the same way.
- Issued again when its route or domicile changes: the electronic delivery failed for good (the
  cédula goes by reliable means at the registered domicile) or the provider's domicile was traced
  while its cédula was still unserved. A new document is issued with the current route and
  domicile (the old one stays in the expediente) and, for the electronic route, sent again.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audiencias.models import Audiencia, Cedula
from audiencias.services.cedulas import (
    _local,
    _representantes,
    documento_de_cedula,
    servir_electronicamente,
    textos_vigentes,
)
from reclamos import expediente
from reclamos.transiciones import hoy_en


def _avisar_anulacion(cedula: Cedula, motivo: str) -> bool:
    """Tells the provider its cédula is void. False when the portal has no way to reach it."""
    from notificaciones.services import encolar_notificacion

    audiencia, proveedor = cedula.audiencia, cedula.proveedor
    reclamo = audiencia.reclamo
    organizacion = proveedor.organizacion
    email = organizacion.domicilio_electronico if organizacion else ""
    representantes = _representantes(organizacion)
    if not representantes and proveedor.representante is not None:
        representantes = [proveedor.representante]
    contexto = {
        "numero": reclamo.numero,
        "proveedor": proveedor.razon_social,
        "fecha": f"{_local(audiencia):%d/%m/%Y %H:%M}",
        "cedula": cedula.documento.numero_visible if cedula.documento else "",
        "motivo": motivo,
        "url": reverse("reclamos:detalle", args=[reclamo.pk]),
    }
    asunto = _("Cédula anulada: audiencia del reclamo %(n)s") % {"n": reclamo.numero}
    destinos = [(representantes[0] if representantes else None, email)] if email else []
    destinos = destinos or [(r, None) for r in representantes]
    for destinatario, direccion in destinos:
        encolar_notificacion(
            destinatario=destinatario,
            email=direccion,
            plantilla="audiencias/cedula_anulada",
            contexto=contexto,
            asunto=asunto,
            sujeto=reclamo,
        )
    return bool(destinos)


def anular_cedulas(audiencia: Audiencia, *, por=None) -> list[Cedula]:
    """The cédulas of a hearing that will not take place as notified (cancelled, rescheduled,
    passed to another conciliator): annulled, with the hearing's reason, and each provider told.
    Runs inside the act that cancelled the hearing; a second call does nothing."""
    reclamo = audiencia.reclamo
    motivo = (audiencia.motivo_cancelacion or _("La audiencia quedó sin efecto."))[:300]
    cedulas = list(
        audiencia.cedulas.filter(anulada_en__isnull=True).select_related(
            "proveedor__organizacion", "proveedor__representante", "documento"
        )
    )
    ahora = timezone.now()
    anuladas = [
        c
        for c in cedulas
        if Cedula.objects.filter(pk=c.pk, anulada_en__isnull=True).update(
            anulada_en=ahora, motivo_anulacion=motivo
        )
    ]
    if not anuladas:
        return []
    sin_aviso = []
    for cedula in anuladas:
        cedula.anulada_en, cedula.motivo_anulacion = ahora, motivo
        if not _avisar_anulacion(cedula, motivo) and cedula.notificada_el is not None:
            sin_aviso.append(cedula.proveedor.razon_social)
    texto = _("Cédulas anuladas de la audiencia del %(f)s (%(p)s): %(m)s") % {
        "f": f"{_local(audiencia):%d/%m/%Y %H:%M}",
        "p": ", ".join(c.proveedor.razon_social for c in anuladas),
        "m": motivo,
    }
    if sin_aviso:
        texto += _(
            " — %(p)s no tiene domicilio electrónico ni representantes en el portal: hay que "
            "comunicarle la anulación por medio fehaciente."
        ) % {"p": ", ".join(sin_aviso)}
    expediente._registrar(
        reclamo,
        "audiencia.cedulas_anuladas",
        por=por or audiencia.cancelada_por,
        texto=texto,
        datos={
            "audiencia": audiencia.pk,
            "cedulas": [c.pk for c in anuladas],
            "sin_aviso": sin_aviso,
        },
        fuente="D202-I.10",
    )
    return anuladas


def reemitir_cedula(cedula: Cedula, *, via: str, por, motivo: str) -> Cedula:
    """Issues the cédula of a pending hearing again, served by `via` at the provider's current
    domicile: a new document (the old one stays), the service data start over and, for the
    electronic route, it is sent now (deemed served tomorrow, Decision 3)."""
    cedula = (
        Cedula.objects.select_for_update(of=("self",))
        .select_related("audiencia__reclamo", "audiencia__conciliador", "proveedor__organizacion")
        .get(pk=cedula.pk)
    )
    audiencia, proveedor = cedula.audiencia, cedula.proveedor
    reclamo = audiencia.reclamo
    anterior = cedula.documento
    cedula.via = via
    cedula.domicilio = proveedor.domicilio_legal
    cedula.documento = documento_de_cedula(
        audiencia, proveedor, via, textos=textos_vigentes(hoy_en(reclamo)), por=por
    )
    cedula.notificacion = None
    cedula.notificada_el = cedula.en_termino = cedula.constancia = None
    cedula.registrada_por = cedula.registrada_en = None
    cedula.medio = ""
    if via == Cedula.Via.ELECTRONICA:
        servir_electronicamente(cedula)
    cedula.save()
    expediente._registrar(
        reclamo,
        "audiencia.cedula_reemitida",
        por=por,
        texto=_("Cédula a %(p)s emitida de nuevo (%(m)s): %(v)s, %(d)s. Reemplaza a la %(a)s.")
        % {
            "p": proveedor.razon_social,
            "m": motivo,
            "v": cedula.get_via_display(),
            "d": cedula.domicilio,
            "a": anterior.numero_visible if anterior else "—",
        },
        datos={
            "cedula": cedula.pk,
            "documento": cedula.documento_id,
            "reemplaza": anterior.pk if anterior else None,
            "via": via,
        },
        fuente="D202-I.10",
    )
    return cedula


def reemitir_pendientes_de(proveedor, *, por, motivo: str) -> list[Cedula]:
    """The provider's unserved cédulas of pending hearings, issued again with its current route
    and domicile (e.g. once its domicile was traced, T17)."""
    from audiencias import anticipacion

    pendientes = Cedula.objects.filter(
        proveedor=proveedor,
        notificada_el__isnull=True,
        anulada_en__isnull=True,
        audiencia__estado=Audiencia.Estado.FIJADA,
    ).order_by("pk")
    via = anticipacion.via_de_notificacion(proveedor)
    return [reemitir_cedula(c, via=via, por=por, motivo=motivo) for c in pendientes]
