"""What reclamos registers with upstream apps: the consequence of each expired plazo whose
subject is a claim, the recalculation hook (a decreed day moved a due date), and document
access for the parties."""

from django.utils.translation import gettext as _

from documentos.permisos import registrar_acceso as registrar_acceso_archivos
from normativa.regimenes import obtener, todos
from plazos import registro
from reclamos import eventos_webhook, expediente  # noqa: F401  (registers the webhooks')
from reclamos.models import Reclamo
from reclamos.secciones import registrar_seccion

# Consequences applied by the portal itself (not L-marked: DOMAIN Q18).
ACCIONES_AL_VENCER = {
    "AR-03": "caducar",  # T13c: the consumer must file again
    "AR-11": "cerrar_por_incomparecencia",  # T25: no justification → closed, fine path
}


def _al_vencer(plazo) -> None:
    reclamo = plazo.sujeto
    if not isinstance(reclamo, Reclamo):
        return
    tipo = obtener(plazo.regimen).plazo(plazo.tipo)
    if tipo.requiere_confirmacion:
        consecuencia = _("Queda a confirmación del personal: %(c)s.") % {"c": tipo.al_vencer}
    else:
        consecuencia = tipo.al_vencer
    expediente.plazo_vencido(reclamo, tipo=plazo.tipo, consecuencia=consecuencia)
    accion = ACCIONES_AL_VENCER.get(plazo.tipo)
    if accion and not tipo.requiere_confirmacion:
        from reclamos.transiciones import transicionar

        transicionar(reclamo, accion, por=None, datos={"plazo": plazo.tipo})


def _al_recalcular(plazo, vence_anterior, dia) -> None:
    reclamo = plazo.sujeto
    if isinstance(reclamo, Reclamo):
        expediente.plazo_recalculado(
            reclamo,
            tipo=plazo.tipo,
            vence_anterior=f"{vence_anterior:%d/%m/%Y}",
            vence_nuevo=f"{plazo.vence:%d/%m/%Y}",
            motivo=_("Se registró un día no hábil: %(d)s.") % {"d": dia},
        )


# Kinds whose subject is a claim (PE-01/PE-02 belong to the provider's complaints book).
TIPOS_DEL_RECLAMO = [
    *obtener("COPREC").plazos,
    "PE-SAC-1",
    "PE-SAC-2",
    # ... and those each further régimen definition names (CABA's denuncia terms).
    *(c for r in todos() for c in r.plazos_con_consecuencia),
]
for _codigo in TIPOS_DEL_RECLAMO:
    registro.registrar_consecuencia(_codigo, _al_vencer)
registro.registrar_recalculo(Reclamo, _al_recalcular)


def _ve_archivos_del_reclamo(usuario, reclamo) -> bool:
    """Whoever may see the claim reads its documents and files: the parties, the régimen's
    staff and whoever a downstream app adds (the designated conciliator)."""
    from reclamos.permisos import reclamos_visibles

    return reclamos_visibles(usuario).filter(pk=reclamo.pk).exists()


registrar_acceso_archivos(Reclamo, _ve_archivos_del_reclamo)


def _consumidor_del_reclamo(plazo):
    """The consumer must act on the claim's own terms (proof, appeals, the autonomous form)."""
    reclamo = plazo.sujeto
    return [reclamo.consumidor] if isinstance(reclamo, Reclamo) else []


# Terms whose act falls on the consumer (AR-01 proof, AR-02/02J appeals, AR-03 the form).
for _codigo in ("AR-01", "AR-02", "AR-02J", "AR-03"):
    registro.registrar_responsable(_codigo, _consumidor_del_reclamo)


def _seccion_cumplimiento(request, reclamo, mirada=None):
    from reclamos.views.cumplimiento import contexto_seccion

    return contexto_seccion(request, reclamo, mirada=mirada)


def _proveedores_intimados(plazo):
    """AR-18: the representatives of the intimated providers must prove compliance."""
    from reclamos.services.cumplimiento import representantes_del_proveedor

    reclamo = plazo.sujeto
    if not isinstance(reclamo, Reclamo):
        return []
    usuarios = []
    for proveedor in reclamo.proveedores.select_related("representante"):
        usuarios.extend(representantes_del_proveedor(proveedor))
    return usuarios


registrar_seccion("reclamos/cumplimiento/_seccion.html", _seccion_cumplimiento, orden=60)
registro.registrar_responsable("AR-18", _proveedores_intimados)


def _registrar_marcas():
    from reclamos import marcas

    marcas.registrar()


_registrar_marcas()
