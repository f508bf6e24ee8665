"""Who may see and act on a fee or a fine: 404 when the object is not visible to the user (its
existence is not disclosed). The services check who may perform each act."""

from django.http import Http404

from honorarios.models import Honorario, Multa
from honorarios.selectors import honorarios_visibles, multas_visibles


def acceder_honorario(usuario, pk, *, escribir=False, bloquear=False, clave=None) -> Honorario:
    qs = honorarios_visibles(usuario, clave).select_related("reclamo", "conciliador__usuario")
    if bloquear:
        qs = qs.select_for_update(of=("self",))
    honorario = qs.filter(pk=pk).first()
    if honorario is None:
        raise Http404
    return honorario


def acceder_multa(usuario, pk, *, escribir=False, bloquear=False, clave=None) -> Multa:
    qs = multas_visibles(usuario, clave).select_related(
        "reclamo", "proveedor", "audiencia__conciliador__usuario", "cedula"
    )
    if bloquear:
        qs = qs.select_for_update(of=("self",))
    multa = qs.filter(pk=pk).first()
    if multa is None:
        raise Http404
    return multa
