"""What the Auditoría registers upstream: who else sees a claim (the Auditors see the claims
brought to them), the claim page's section, and the consequences and reminders of its plazos."""

from django.db.models import Exists, OuterRef, Q

from cuentas.roles import Rol
from normativa.regimenes import todos
from plazos import registro
from reclamos.ganchos import _al_vencer as anotar_vencimiento
from reclamos.permisos import registrar_acceso
from reclamos.secciones import registrar_marca, registrar_seccion


def _acceso_del_auditor(usuario):
    if getattr(usuario, "rol", "") != Rol.AUDITOR:
        return None
    from auditoria.models import ReclamoAuditoria

    return Q(Exists(ReclamoAuditoria.objects.filter(reclamo=OuterRef("pk"))))


registrar_acceso(_acceso_del_auditor)


def _auditoria_del_plazo(plazo):
    from auditoria.models import ReclamoAuditoria

    return ReclamoAuditoria.objects.filter(reclamo_id=plazo.object_id).first()


def _al_vencer_contestacion(plazo) -> None:
    from auditoria.services import al_vencer_contestacion

    anotar_vencimiento(plazo)
    aud = _auditoria_del_plazo(plazo)
    if aud is not None:
        al_vencer_contestacion(aud)


def _al_vencer_recurso(plazo) -> None:
    from auditoria.services import declarar_firme

    anotar_vencimiento(plazo)
    aud = _auditoria_del_plazo(plazo)
    if aud is not None:
        declarar_firme(aud, vencimiento=plazo.vence)


# The second tier's terms, as each régimen with an Auditoría names them (ReglasDeAuditoria).
_CON_AUDITORIA = [r.auditoria for r in todos() if r.auditoria is not None]
for _reglas in _CON_AUDITORIA:
    registro.registrar_consecuencia(_reglas.plazo_contestacion, _al_vencer_contestacion)
    registro.registrar_consecuencia(_reglas.plazo_recurso, _al_vencer_recurso)


def _auditores(plazo):
    from auditoria.services import auditores

    return auditores()


for _reglas in _CON_AUDITORIA:
    registro.registrar_responsable(_reglas.plazo_comunicacion, _auditores)


def _contexto(request, reclamo, mirada=None):
    """Closed without agreement: the consumer sees the Auditoría offered, or why it is not
    available; once filed, its parties and the Auditors see its state."""
    from auditoria.models import ReclamoAuditoria
    from auditoria.permisos import rol_en
    from auditoria.services import impedimento
    from reclamos.estados import Estado
    from reclamos.permisos import es_parte_consumidora

    if reclamo.estado != Estado.CERRADO_SIN_ACUERDO or reclamo.regimen.auditoria is None:
        return None
    aud = (
        ReclamoAuditoria.objects.filter(reclamo=reclamo).first()
        if mirada is None or mirada.tiene("auditoria")
        else None
    )
    if aud is not None:
        rol = rol_en(request.user, aud)
        return {"auditoria": aud, "rol": rol} if rol else None
    if not es_parte_consumidora(request.user, reclamo):
        return None
    return {"auditoria": None, "impedimento": impedimento(reclamo)}


registrar_seccion("auditoria/_seccion_reclamo.html", _contexto, orden=17)


def _existe_auditoria(usuario):
    from auditoria.models import ReclamoAuditoria

    return Exists(ReclamoAuditoria.objects.filter(reclamo=OuterRef("pk")))


# Read with the claim (issue 13): the section skips its query when the claim has none.
registrar_marca("auditoria", _existe_auditoria, fija=True)
