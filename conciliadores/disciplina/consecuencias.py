"""What happens when an AR-D term expires (run by the plazos sweeper in its transaction; the
consequences are those of DOMAIN §3.1's table)."""

from django.utils.translation import gettext as _

from conciliadores.disciplina import expediente
from conciliadores.models import CasoDisciplinario
from normativa.regimenes import Papel

E = CasoDisciplinario.Estado


def _caso(plazo) -> CasoDisciplinario:
    return (
        CasoDisciplinario.objects.select_for_update()
        .select_related("conciliador")
        .get(pk=plazo.object_id)
    )


def _pasar(caso, desde, hacia) -> bool:
    cambiados = CasoDisciplinario.objects.filter(pk=caso.pk, estado=desde).update(estado=hacia)
    if cambiados:
        caso.estado = hacia
    return bool(cambiados)


def sin_ratificacion(plazo) -> None:
    """AR-D2 (art. 9 c): the Dirección pursues it ex officio if credible, else archives it."""
    caso = _caso(plazo)
    if _pasar(caso, E.RATIFICACION, E.SIN_RATIFICAR):
        expediente.anotar(
            caso,
            "denuncia.no_ratificada",
            _(
                "Venció el plazo de ratificación sin que el denunciante ratificara: el registro "
                "decide si la impulsa de oficio o la archiva"
            ),
            fuente="D202-II.9 c",
            datos={"plazo": plazo.pk},
        )


def sin_descargo(plazo) -> None:
    """AR-D3 (art. 11): the procedure continues without the defence."""
    caso = _caso(plazo)
    if _pasar(caso, E.DESCARGO, E.EVALUACION):
        expediente.anotar(
            caso,
            "descargo.no_presentado",
            _("Venció el plazo sin descargo: el procedimiento sigue (art. 11)"),
            fuente="D202-II.11",
            datos={"plazo": plazo.pk},
        )


def sumario_vencido(plazo) -> None:
    """AR-D4: an ordering term; the registry is alerted through the expediente."""
    expediente.anotar(
        _caso(plazo),
        "sumario.plazo_vencido",
        _("Venció el plazo de 90 días del sumario (plazo ordenatorio)"),
        fuente="D202-II.17",
        datos={"plazo": plazo.pk},
    )


def sin_alegato(plazo) -> None:
    """AR-D5 (art. 20): the lack of alegato is certified and the sumario proceeds to closure."""
    caso = _caso(plazo)
    if _pasar(caso, E.ALEGATO, E.CIERRE):
        expediente.anotar(
            caso,
            "alegato.falta_certificada",
            _("Se certifica la falta de presentación del alegato en término (art. 20)"),
            fuente="D202-II.20",
            datos={"plazo": plazo.pk},
        )


def informe_demorado(plazo) -> None:
    expediente.anotar(
        _caso(plazo),
        "informe.demorado",
        _("Venció el plazo de 5 días para el informe del instructor"),
        fuente="D202-II.20",
        datos={"plazo": plazo.pk},
    )


def fin_de_suspension(plazo) -> None:
    """AR-D7: the suspension's days ran out; the conciliator is eligible again (the Sancion's
    `hasta` is this plazo's due day, so eligibility needs no write)."""
    expediente.anotar(
        _caso(plazo),
        "suspension.cumplida",
        _("Terminó la suspensión: vuelve a estar habilitado/a en el registro"),
        fuente="D202-II.4",
        datos={"plazo": plazo.pk},
    )


def rehabilitacion_posible(plazo) -> None:
    expediente.anotar(
        _caso(plazo),
        "rehabilitacion.posible",
        _("Pasaron tres años de la exclusión: puede resolverse la rehabilitación (única)"),
        fuente="D202-II.6",
        datos={"plazo": plazo.pk},
    )


# By the part each term plays in Anexo II; conciliadores.ganchos registers them under the codes
# of the roll's régimen.
CONSECUENCIAS = {
    Papel.DISCIPLINA_RATIFICACION: sin_ratificacion,
    Papel.DISCIPLINA_DESCARGO: sin_descargo,
    Papel.DISCIPLINA_SUMARIO: sumario_vencido,
    Papel.DISCIPLINA_ALEGATO: sin_alegato,
    Papel.DISCIPLINA_INFORME: informe_demorado,
    Papel.DISCIPLINA_SUSPENSION: fin_de_suspension,
    Papel.DISCIPLINA_REHABILITACION: rehabilitacion_posible,
}
