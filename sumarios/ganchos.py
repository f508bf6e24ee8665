"""What sumarios registers upstream: who reads a sumario's documents and files, and the
consequence of its terms (CABA-07, 08, 09, 11, and CABA-13 on a preventive measure: every one is
L or requires staff confirmation, so the deadline engine only flags them for the legal area;
DOMAIN Q18)."""

from documentos.permisos import registrar_acceso
from normativa.regimenes import Papel
from plazos import registro
from sumarios.models import Sumario


def _ve_el_sumario(usuario, sumario) -> bool:
    from sumarios.services.sumario import es_personal, es_sumariado

    return es_personal(usuario) or es_sumariado(usuario, sumario)


registrar_acceso(Sumario, _ve_el_sumario)


def _al_vencer(plazo) -> None:
    """Nothing automatic: the engine marks the plazo for staff attention."""


def _registrar():
    from sumarios.services.denuncia import regimen

    for papel in (
        Papel.DESCARGO,
        Papel.PRUEBA,
        Papel.RECURSO_DIRECTO,
        Papel.PUBLICACION,
        Papel.APELACION_MEDIDA,
    ):
        registro.registrar_consecuencia(regimen().codigo_de(papel), _al_vencer)


_registrar()


def _citar_al_proveedor(reclamo, *, transicion, por, datos):
    """C6: fixing the hearing serves the cédula on the provider: from then on it sees the
    denuncia (decision 0015: a provider sees a claim from its service on)."""
    from django.utils import timezone

    from sumarios.services.denuncia import es_caba

    if es_caba(reclamo):
        reclamo.proveedores.filter(citado_en__isnull=True).update(citado_en=timezone.now())


def _registrar_hooks():
    from reclamos.transiciones import registrar_hook

    registrar_hook("convocar_audiencia", _citar_al_proveedor)


_registrar_hooks()
