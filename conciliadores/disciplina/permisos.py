"""Who sees a disciplinary case: registry staff every case; the investigated conciliator their
own (D202-II.14: the file may be consulted by the investigated); anyone else gets a 404."""

from django.http import Http404

from conciliadores.models import CasoDisciplinario
from conciliadores.permisos import es_personal_registro


def puede_ver_caso(usuario, caso: CasoDisciplinario) -> bool:
    if es_personal_registro(usuario):
        return True
    return caso.conciliador.usuario_id == getattr(usuario, "pk", None)


def acceder_caso(usuario, pk, *, escribir=False, bloquear=False) -> CasoDisciplinario:
    qs = CasoDisciplinario.objects.select_related("conciliador__usuario", "reclamo", "sancion")
    if bloquear:
        qs = qs.select_for_update(of=("self",))
    caso = qs.filter(pk=pk).first()
    if caso is None or not puede_ver_caso(usuario, caso):
        raise Http404
    return caso
