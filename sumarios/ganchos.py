"""What sumarios registers upstream: who reads a sumario's documents and files, and the
consequence of its terms (CABA-07, 08, 09, 11: every one is L or requires staff confirmation, so
the deadline engine only flags them for the legal area; DOMAIN Q18)."""

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

    for papel in (Papel.DESCARGO, Papel.PRUEBA, Papel.RECURSO_DIRECTO, Papel.PUBLICACION):
        registro.registrar_consecuencia(regimen().codigo_de(papel), _al_vencer)


_registrar()
