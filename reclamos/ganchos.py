"""What reclamos registers with upstream apps: the consequence of each expired plazo whose
subject is a claim, the recalculation hook (a decreed day moved a due date), and document
access for the parties."""

from django.utils.translation import gettext as _

from documentos.permisos import registrar_acceso as registrar_acceso_archivos
from normativa.regimenes import Papel, obtener, todos
from plazos import registro
from reclamos import eventos_webhook, expediente  # noqa: F401  (registers the webhooks')
from reclamos.models import Reclamo
from reclamos.secciones import registrar_seccion


def accion_al_vencer(regimen, codigo: str) -> str:
    """The transition the portal takes itself when a term of `regimen` expires, or "" (the
    definition's acciones_al_vencer, by papel; L-marked terms never act: DOMAIN Q18)."""
    papel = regimen.papel_de(codigo)
    return regimen.acciones_al_vencer.get(papel, "") if papel else ""


def _al_vencer(plazo) -> None:
    reclamo = plazo.sujeto
    if not isinstance(reclamo, Reclamo):
        return
    regimen = obtener(plazo.regimen)
    tipo = regimen.plazo(plazo.tipo)
    if tipo.requiere_confirmacion:
        consecuencia = _("Queda a confirmación del personal: %(c)s.") % {"c": tipo.al_vencer}
    else:
        consecuencia = tipo.al_vencer
    expediente.plazo_vencido(reclamo, tipo=plazo.tipo, consecuencia=consecuencia)
    accion = accion_al_vencer(regimen, plazo.tipo)
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


# Kinds whose subject is a claim, as each régimen declares them (a complaints-book sheet's terms
# are registered by libro).
TIPOS_DEL_RECLAMO = [c for regimen in todos() for c in regimen.plazos_con_consecuencia]
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


# Terms whose act falls on the consumer (COPREC: the proof, the appeals, the autonomous form).
for _codigo in [c for r in todos() for c, tipo in r.plazos.items() if tipo.solo_consumidor]:
    registro.registrar_responsable(_codigo, _consumidor_del_reclamo)


def _seccion_cumplimiento(request, reclamo, mirada=None):
    from reclamos.views.cumplimiento import contexto_seccion

    return contexto_seccion(request, reclamo, mirada=mirada)


def _proveedores_intimados(plazo):
    """Agreement compliance after the summons: the representatives of the intimated providers
    must prove it."""
    from reclamos.services.cumplimiento import representantes_del_proveedor

    reclamo = plazo.sujeto
    if not isinstance(reclamo, Reclamo):
        return []
    usuarios = []
    for proveedor in reclamo.proveedores.select_related("representante"):
        usuarios.extend(representantes_del_proveedor(proveedor))
    return usuarios


registrar_seccion("reclamos/cumplimiento/_seccion.html", _seccion_cumplimiento, orden=60)
for _regimen in todos():
    if _regimen.tiene(Papel.CUMPLIMIENTO_ACUERDO):
        registro.registrar_responsable(
            _regimen.codigo_de(Papel.CUMPLIMIENTO_ACUERDO), _proveedores_intimados
        )


def _registrar_marcas():
    from reclamos import marcas

    marcas.registrar()


_registrar_marcas()
