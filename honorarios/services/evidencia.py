"""The evidence of a fine as the certificates and staff's review show it: the acta de
incomparecencia, the notice proof and the justification window's outcome (DOMAIN §4.8)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from normativa.regimenes import Papel
from reclamos.models import Reclamo


def acta_de_incomparecencia(reclamo: Reclamo):
    from documentos.models import Documento

    return (
        Documento.objects.filter(
            sujeto_tipo__model="reclamo", sujeto_id=reclamo.pk, tipo="acta_incomparecencia"
        )
        .order_by("-pk")
        .first()
    )


def prueba_de_notificacion(cedula) -> str:
    """The notice proof in words, as the certificates show it."""
    partes = [
        _("Cédula N.º %(n)s, %(v)s, en %(d)s, notificada el %(f)s")
        % {
            "n": cedula.documento.numero_visible if cedula.documento else "—",
            "v": cedula.get_via_display().lower(),
            "d": cedula.domicilio,
            "f": f"{cedula.notificada_el:%d/%m/%Y}",
        }
    ]
    if cedula.notificacion_id:
        aceptada = cedula.notificacion.aceptada_en
        partes.append(
            _("correo %(id)s aceptado por el servidor el %(a)s")
            % {
                "id": cedula.notificacion.message_id,
                "a": f"{timezone.localtime(aceptada):%d/%m/%Y %H:%M}" if aceptada else "—",
            }
        )
    if cedula.constancia_id:
        partes.append(
            _("constancia %(m)s (SHA-256 %(h)s)")
            % {
                "m": cedula.medio or cedula.constancia.nombre_original,
                "h": cedula.constancia.sha256,
            }
        )
    elif cedula.medio:
        partes.append(cedula.medio)
    return "; ".join(partes)


def resultado_de_la_justificacion(reclamo: Reclamo, audiencia) -> str:
    """The justification window's outcome, from the expediente (DOMAIN §4.8)."""
    cierre = (
        reclamo.actuaciones.filter(codigo="reclamo.cerrado_incomparecencia").order_by("-pk").first()
    )
    presentadas = reclamo.actuaciones.filter(
        codigo="audiencia.justificacion_presentada", en__gte=audiencia.inicio
    ).count()
    # Closed by the expiry of the justification term (its code is in the act's data), or by the
    # conciliator's rejection of a justification.
    por_vencimiento = reclamo.regimen.codigo_o_vacio(Papel.JUSTIFICACION_PROVEEDOR)
    if cierre is not None and (cierre.datos or {}).get("plazo") != por_vencimiento:
        return _("Justificación rechazada por el conciliador: %(c)s") % {
            "c": (cierre.datos or {}).get("causa") or cierre.texto
        }
    if presentadas:
        return _("Se presentó una justificación que no fue aceptada dentro del plazo.")
    return _("No se presentó justificación dentro del plazo.")
