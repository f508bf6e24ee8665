"""What audiencias registers upstream for the acts of the conciliation outside the hearing's own
record: the over-cap review (art. 2), the conciliation's duration and extension (AR-10, AR-10P)
and the claim page's "La conciliación" section."""

from normativa.regimenes import Papel, todos
from plazos import registro
from reclamos.secciones import registrar_seccion
from reclamos.transiciones import registrar_hook


def _registrar_tope():
    from audiencias.services import tope

    registrar_hook("suspender_por_tope", tope.al_suspender)
    registrar_hook("resolver_tope", tope.al_resolver)
    registrar_hook("cerrar_por_tope", tope.cancelar_pendientes)


_registrar_tope()


def _conciliador_designado(plazo):
    """The conciliation's term and its extension: the designated conciliator is reminded before
    it ends (to agree an extension with the parties or to close)."""
    from audiencias.avisos import conciliador_designado
    from reclamos.models import Reclamo

    reclamo = Reclamo.objects.filter(pk=plazo.object_id).first()
    usuario = conciliador_designado(reclamo) if reclamo else None
    return [usuario] if usuario else []


for _codigo in [c for r in todos() for c in r.codigos(Papel.CONCILIACION, Papel.PRORROGA)]:
    registro.registrar_responsable(_codigo, _conciliador_designado)


def _contexto_conciliacion(request, reclamo):
    from audiencias.permisos import es_conciliador_de
    from audiencias.services.duracion import situacion
    from reclamos.estados import Estado

    if not es_conciliador_de(request.user, reclamo):
        return None
    if reclamo.estado == Estado.CERRADO_SIN_ACUERDO:
        return _informe_de_cierre(reclamo)
    estado = situacion(reclamo)
    if estado is None or not (estado["puede_prorrogar"] or estado["vencido"]):
        return None
    return {"duracion": estado}


def _informe_de_cierre(reclamo):
    """After a closure without agreement the section offers the report (AR-14) or shows it."""
    from audiencias.models import InformeDeCierre
    from audiencias.services.informe_cierre import plazo_del_informe

    plazo = plazo_del_informe(reclamo)
    if plazo is None:
        return None
    informe = InformeDeCierre.objects.filter(reclamo=reclamo).select_related("documento").first()
    return {"informe_de_cierre": {"plazo": plazo, "informe": informe}}


registrar_seccion("audiencias/_seccion_conciliacion.html", _contexto_conciliacion, orden=16)
