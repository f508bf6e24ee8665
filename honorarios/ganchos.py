"""What honorarios registers upstream: transition hooks on the acts that end a claim (the fee
is owed), the consequences and reminders of its own plazos (AR-15, AR-16, AR-17 on a fee; AR-23
on a fine), and the claim page's section. AR-19 opens with the closure for non-appearance and
counts from AR-11's expiry (TipoPlazo.desde_vencimiento_de in the régimen)."""

from normativa.regimenes import Papel, codigos_de
from plazos import registro
from reclamos.secciones import registrar_seccion
from reclamos.transiciones import registrar_hook


# --- fees owed when a claim ends ----------------------------------------------------------------
def _devengar_al_terminar(accion: str):
    def devengar_al_terminar(reclamo, *, transicion=None, por=None, datos=None):
        from honorarios.services.honorarios import devengar

        devengar(reclamo, accion=accion, datos=datos)

    devengar_al_terminar.__qualname__ = f"devengar_al_{accion}"
    return devengar_al_terminar


def _registrar_finales():
    from honorarios.services.honorarios import FINALES

    for accion in FINALES:
        registrar_hook(accion, _devengar_al_terminar(accion))


_registrar_finales()


# --- plazos whose subject is a fee or a fine -----------------------------------------------------
def _envolver(tipo: str, modelo: str, propia):
    """These kinds may also be registered for claims by reclamos: handle our subjects here and
    leave the rest to the earlier consequence."""
    anterior = registro.consecuencia(tipo)

    def consecuencia(plazo):
        if plazo.content_type.app_label == "honorarios" and plazo.content_type.model == modelo:
            return propia(plazo.sujeto)
        if anterior is not None:
            return anterior(plazo)
        return None

    registro.registrar_consecuencia(tipo, consecuencia)


def _ar15(honorario):
    from honorarios.services.vencimientos import pago_del_fondo_vencido

    pago_del_fondo_vencido(honorario)


def _ar16(honorario):
    from honorarios.services.vencimientos import hacer_ejecutable

    hacer_ejecutable(honorario)


def _ar17(honorario):
    from honorarios.services.vencimientos import reintegro_vencido

    reintegro_vencido(honorario)


def _ar23(multa):
    from honorarios.services.seguimiento_multas import quedar_firme

    quedar_firme(multa)


for _papel, _sujeto, _funcion in (
    (Papel.PAGO_HONORARIO_BASICO, "honorario", _ar15),
    (Papel.EJECUTORIEDAD_HONORARIOS, "honorario", _ar16),
    (Papel.REINTEGRO_HONORARIO, "honorario", _ar17),
    (Papel.RECURSO_MULTA, "multa", _ar23),
):
    for _codigo in codigos_de(_papel):
        _envolver(_codigo, _sujeto, _funcion)


def _nadie(plazo):
    return []


def _conciliador_del_honorario(plazo):
    from honorarios.models import Honorario

    honorario = plazo.sujeto
    return [honorario.conciliador.usuario] if isinstance(honorario, Honorario) else []


def _conciliador_de_la_incomparecencia(plazo):
    """The fine's certification: the conciliator of the missed hearing certifies it."""
    from audiencias.models import Audiencia
    from reclamos.models import Reclamo

    reclamo = plazo.sujeto
    if not isinstance(reclamo, Reclamo):
        return []
    audiencia = (
        Audiencia.objects.filter(
            reclamo=reclamo, resultado=Audiencia.Resultado.INCOMPARECENCIA_PROVEEDOR
        )
        .select_related("conciliador__usuario")
        .order_by("-inicio")
        .first()
    )
    return [audiencia.conciliador.usuario] if audiencia else []


# The Fondo's 15 days and the 45-day enforceability are not the conciliator's acts: the pages
# flag them. The refund (AR-17) is: the conciliator is reminded.
for _papel, _funcion in (
    (Papel.PAGO_HONORARIO_BASICO, _nadie),
    (Papel.EJECUTORIEDAD_HONORARIOS, _nadie),
    (Papel.REINTEGRO_HONORARIO, _conciliador_del_honorario),
    (Papel.CERTIFICACION_MULTA, _conciliador_de_la_incomparecencia),
    (Papel.RECURSO_MULTA, _nadie),
):
    for _codigo in codigos_de(_papel):
        registro.registrar_responsable(_codigo, _funcion)


# --- the claim page's section --------------------------------------------------------------------
def _contexto(request, reclamo, mirada=None):
    from honorarios.selectors import seccion_del_reclamo

    return seccion_del_reclamo(request.user, reclamo, mirada=mirada)


registrar_seccion("honorarios/_seccion_reclamo.html", _contexto, orden=60)


def _registrar_marcas():
    """Whether the claim has a fee or fines, read with the claim on its page (issue 13)."""
    from django.db.models import Exists, OuterRef

    from honorarios.models import Honorario, Multa
    from honorarios.services.multas import CIERRE_POR_INCOMPARECENCIA
    from reclamos.models import Actuacion
    from reclamos.secciones import registrar_marca

    registrar_marca(
        "honorario", lambda u: Exists(Honorario.objects.filter(reclamo=OuterRef("pk"))), fija=True
    )
    registrar_marca(
        "multas", lambda u: Exists(Multa.objects.filter(reclamo=OuterRef("pk"))), fija=True
    )
    # A fine needs a claim closed for the provider's absence (requisitos_de_multa).
    registrar_marca(
        "cerrado_por_incomparecencia",
        lambda u: Exists(
            Actuacion.objects.filter(reclamo=OuterRef("pk"), codigo=CIERRE_POR_INCOMPARECENCIA)
        ),
        fija=True,
    )


_registrar_marcas()
