"""Who sees the Auditoría of a claim: its consumer, its provider once notified (the traslado),
and the Auditors. Everyone else gets a 404, as for the claim itself (reclamos.permisos)."""

from django.http import Http404

from auditoria.models import ReclamoAuditoria
from auditoria.services import es_auditor
from reclamos.permisos import acceder_reclamo, es_parte_consumidora, es_parte_proveedora


def rol_en(usuario, aud: ReclamoAuditoria, clave=None) -> str:
    """ "consumidor", "proveedor", "auditor" or "" (may not see it)."""
    reclamo = aud.reclamo
    if es_auditor(usuario):
        return "auditor"
    if es_parte_consumidora(usuario, reclamo):
        return "consumidor"
    if aud.traslado_en is not None and es_parte_proveedora(usuario, reclamo, clave):
        return "proveedor"
    return ""


def acceder_auditoria(usuario, pk, clave=None) -> tuple[ReclamoAuditoria, str]:
    """The Auditoría of claim `pk` and the reader's role in it, else 404 (an API key: only its
    organisation's claims)."""
    reclamo = acceder_reclamo(usuario, pk, clave=clave)
    aud = (
        ReclamoAuditoria.objects.select_related("reclamo", "resolucion", "comunicacion")
        .filter(reclamo=reclamo)
        .first()
    )
    if aud is None:
        raise Http404
    rol = rol_en(usuario, aud, clave)
    if not rol:
        raise Http404
    return aud, rol
