"""What honorarios registers upstream: transition hooks on the acts that end a claim (the fee
is owed), the consequences of its own plazos (AR-15, AR-16, AR-17) whose subject is a fee, and
the claim page's section."""

from django.utils.translation import gettext as _

from conciliacion.errores import ConflictoDeEstado
from honorarios.models import Honorario
from plazos import registro
from reclamos.secciones import registrar_seccion
from reclamos.transiciones import registrar_hook

FINALES = {
    "homologar": (True, _("Acuerdo homologado")),
    "cerrar_sin_acuerdo": (False, _("Cierre sin acuerdo")),
    "cerrar_por_incomparecencia": (False, _("Cierre por incomparecencia del proveedor")),
    "cerrar_por_denegacion": (False, _("Homologación denegada")),
    "registrar_incomparecencia_consumidor": (False, _("Incomparecencia del consumidor")),
    "desistir": (False, _("Desistimiento del consumidor")),
    "cerrar_por_tope": (False, _("Cierre por exceder el tope")),
}


def _gancho(accion):
    homologado, motivo = FINALES[accion]

    def devengar_al_terminar(reclamo, *, transicion=None, por=None, datos=None):
        from honorarios.services import devengar

        devengar(reclamo, homologado=homologado, motivo=str(motivo))

    return devengar_al_terminar


for _accion in FINALES:
    registrar_hook(_accion, _gancho(_accion))


def _envolver(tipo, propia):
    """Kinds whose subject may be a fee: handle fees here, leave claims to reclamos."""
    anterior = registro.consecuencia(tipo)

    def consecuencia(plazo):
        if isinstance(plazo.sujeto, Honorario):
            return propia(plazo)
        if anterior is not None:
            return anterior(plazo)
        return None

    registro.registrar_consecuencia(tipo, consecuencia)


def _ar16(plazo):
    from honorarios.services import hacer_ejecutable

    hacer_ejecutable(plazo.sujeto)


def _sin_accion(plazo):
    """AR-15 and AR-17 overdue: the engine flags them for staff (the fee page shows it)."""
    return None


_envolver("AR-16", _ar16)
_envolver("AR-15", _sin_accion)
_envolver("AR-17", _sin_accion)


def _responsables_del_honorario(plazo):
    honorario = plazo.sujeto
    return [honorario.conciliador.usuario] if isinstance(honorario, Honorario) else []


registro.registrar_responsable(Honorario, _responsables_del_honorario)


def _contexto_honorarios(request, reclamo):
    from audiencias.permisos import es_conciliador_de
    from honorarios.models import Multa
    from reclamos.permisos import es_personal_del_reclamo

    honorario = getattr(reclamo, "honorario", None)
    multas = list(Multa.objects.filter(reclamo=reclamo).select_related("proveedor"))
    es_conciliador = es_conciliador_de(request.user, reclamo) or (
        honorario is not None and honorario.conciliador.usuario_id == request.user.pk
    )
    es_personal = es_personal_del_reclamo(request.user, reclamo)
    puede_certificar = False
    if (
        es_conciliador
        and reclamo.actuaciones.filter(codigo="reclamo.cerrado_incomparecencia").exists()
    ):
        from honorarios.services import _requisitos_de_multa

        try:
            _requisitos_de_multa(reclamo)
        except ConflictoDeEstado:  # not (yet) finable: no button
            puede_certificar = False
        else:
            puede_certificar = not any(m.estado != Multa.Estado.ANULADA for m in multas)
    if honorario is None and not multas and not puede_certificar:
        return None
    return {
        "honorario": honorario,
        "multas": multas,
        "es_conciliador": es_conciliador,
        "es_personal": es_personal,
        "puede_certificar": puede_certificar,
    }


registrar_seccion("honorarios/_seccion_reclamo.html", _contexto_honorarios, orden=60)
