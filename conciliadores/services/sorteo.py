"""The verifiable draw of method a (D202-I.7; docs/decisions/0004-sorteo.md).

1. When the claim is admitted (hook on "admitir"), a secret seed is generated and only its SHA-256
   (the commitment) is published.
2. When the consumer picks a slot, the audiencias app calls sortear_conciliador() with those free
   at that slot; the eligible list is frozen as the padrón, the winner is computed from the seed,
   the claim number, the padrón and the round (conciliadores.verificacion), and the seed is
   published. The next round's commitment is made at once, in case of a redraw.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import ConflictoDeEstado
from conciliadores import expediente, verificacion
from conciliadores.elegibilidad import apartados_de, cargas, elegibles
from conciliadores.models import Conciliador, Designacion, Sorteo
from conciliadores.services.designacion import designar
from reclamos.estados import Estado
from reclamos.models import MetodoDesignacion, Reclamo
from reclamos.transiciones import hoy_en


class SinConciliadoresDisponibles(ConflictoDeEstado):
    codigo = "no_eligible_conciliator"


def sorteo_pendiente(reclamo: Reclamo) -> Sorteo | None:
    return reclamo.sorteos.filter(realizado_en__isnull=True).order_by("ronda").first()


@transaction.atomic
def comprometer_sorteo(reclamo: Reclamo) -> Sorteo:
    """The commitment of the claim's next round (idempotent: an undrawn round is reused)."""
    pendiente = sorteo_pendiente(reclamo)
    if pendiente is not None:
        return pendiente
    ultima = reclamo.sorteos.order_by("-ronda").values_list("ronda", flat=True).first() or 0
    return _comprometer(reclamo, ronda=ultima + 1)


def _comprometer(reclamo: Reclamo, *, ronda: int) -> Sorteo:
    """Commits round `ronda`, known to be the next one (the unique (claim, round) constraint
    backs it), in the caller's atomic block."""
    semilla = verificacion.nueva_semilla()
    sorteo = Sorteo.objects.create(
        reclamo=reclamo,
        ronda=ronda,
        semilla=semilla,
        compromiso=verificacion.compromiso(semilla),
    )
    expediente.sorteo_comprometido(reclamo, ronda=sorteo.ronda, compromiso=sorteo.compromiso)
    return sorteo


def comprometer_al_admitir(reclamo: Reclamo, *, transicion=None, por=None, datos=None) -> None:
    """Transition hook on "admitir" (and "admitir_recurso"): method a claims commit to a seed
    before anyone knows the slot, the available conciliators or the loads."""
    if reclamo.metodo_designacion == MetodoDesignacion.SORTEO:
        comprometer_sorteo(reclamo)


def _fecha_local(reclamo: Reclamo, momento: datetime.datetime | datetime.date | None):
    if momento is None:
        return None
    if isinstance(momento, datetime.datetime):
        return momento.astimezone(ZoneInfo(reclamo.regimen.zona_horaria)).date()
    return momento


def padron_de(elegidos: list[Conciliador], *, hoy: datetime.date) -> list[dict]:
    carga = cargas(elegidos, hasta=hoy)
    return verificacion.ordenar_padron(
        [{"matricula": c.matricula, "nombre": c.nombre, "carga": carga[c.pk]} for c in elegidos]
    )


def _validar_reclamo(reclamo: Reclamo) -> None:
    # A joined claim that follows its lead is refused by designar() (D202-I.2), in this same
    # transaction: nothing of the draw survives.
    if reclamo.metodo_designacion != MetodoDesignacion.SORTEO:
        raise ConflictoDeEstado(_("Este reclamo no usa el sorteo (art. 7)."))
    if reclamo.estado not in {Estado.ESPERA_TURNO, Estado.REDESIGNACION}:
        raise ConflictoDeEstado(
            _("No se puede sortear con el reclamo en estado «%(e)s».")
            % {"e": reclamo.get_estado_display()}
        )
    if reclamo.designaciones.filter(activa=True).exists():
        raise ConflictoDeEstado(_("El reclamo ya tiene un conciliador designado."))


def _realizar(
    sorteo: Sorteo, reclamo: Reclamo, padron: list[dict], elegidos: list[Conciliador], **extra
) -> Conciliador:
    """Draws the round and records it (padrón, proof, winner) in one UPDATE."""
    resultado = verificacion.calcular(sorteo.semilla, reclamo.numero, padron, sorteo.ronda)
    matricula = resultado.elegido["matricula"]
    conciliador = next(c for c in elegidos if c.matricula == matricula)
    campos = {
        "padron": padron,
        "padron_sha256": verificacion.huella_padron(padron),
        "hmac": resultado.hmac,
        "indice": resultado.indice,
        "resultado_matricula": resultado.elegido["matricula"],
        "realizado_en": timezone.now(),
        "resultado": conciliador,
        **extra,
    }
    if Sorteo.objects.filter(pk=sorteo.pk, realizado_en__isnull=True).update(**campos) != 1:
        raise ConflictoDeEstado(_("Esta ronda del sorteo ya se realizó."))
    for campo, valor in campos.items():
        setattr(sorteo, campo, valor)
    return conciliador


def sortear_conciliador(
    reclamo: Reclamo,
    *,
    candidatos: Iterable[Conciliador] | None,
    por,
    momento: datetime.datetime | datetime.date | None = None,
    bloqueado: bool = False,
    apartados: set[int] | None = None,
) -> Designacion:
    """Draws the conciliator of a method-a claim and designates them (T12b).

    `candidatos`: those the caller knows to be free at the chosen slot (None: no restriction).
    `momento`: the hearing slot; a licence or sanction on that day also excludes.
    `bloqueado`: the caller read `reclamo` with its row lock in this transaction (it is not
    read again; the caller's instance follows the designation's state change).
    Raises SinConciliadoresDisponibles (409) when nobody is eligible; nothing is written then.
    With `bloqueado` the caller also abandons its whole transaction on any error, so neither the
    draw nor the designation's transition takes a savepoint of its own.
    `apartados`: with `bloqueado`, apartados_de(reclamo) as the caller read it under the claim's
    lock in this transaction (who stepped aside changes only in acts that lock the claim).
    """
    with transaction.atomic(savepoint=not bloqueado):
        return _sortear(
            reclamo,
            candidatos=candidatos,
            por=por,
            momento=momento,
            bloqueado=bloqueado,
            apartados=apartados if bloqueado else None,
        )


def _sortear(reclamo, *, candidatos, por, momento, bloqueado, apartados=None) -> Designacion:
    if not bloqueado:
        reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    _validar_reclamo(reclamo)
    hoy = hoy_en(reclamo)
    fechas = {hoy} | ({_fecha_local(reclamo, momento)} if momento is not None else set())
    candidatos = list(candidatos) if candidatos is not None else None
    # Eligibility is computed here, under the claim's lock (and the candidates' locks when the
    # caller holds them): this is the guarantee. Who stepped aside is read once for both the
    # eligible list and the padrón's record of the excluded.
    if apartados is None:
        apartados = apartados_de(reclamo)
    elegidos = elegibles(reclamo, fechas=fechas, candidatos=candidatos, apartados=apartados)
    if not elegidos:
        raise SinConciliadoresDisponibles(
            _("No hay conciliadores habilitados para este reclamo en esa fecha.")
        )
    sorteo = (
        reclamo.sorteos.select_for_update()
        .filter(realizado_en__isnull=True)
        .order_by("ronda")
        .first()
    )
    if sorteo is None:
        sorteo = Sorteo.objects.select_for_update().get(pk=comprometer_sorteo(reclamo).pk)
    excluidos = (
        sorted(Conciliador.objects.filter(pk__in=apartados).values_list("matricula", flat=True))
        if apartados
        else []
    )
    conciliador = _realizar(
        sorteo,
        reclamo,
        padron_de(elegidos, hoy=hoy),
        elegidos,
        fecha_elegibilidad=max(fechas),
        con_candidatos=candidatos is not None,
        excluidos=excluidos,
    )
    expediente.sorteo_realizado(reclamo, sorteo=sorteo)
    # The next round's commitment, in case of a redraw: this round was the only undrawn one.
    _comprometer(reclamo, ronda=sorteo.ronda + 1)
    return designar(
        reclamo,
        conciliador=conciliador,
        por=por,
        sorteo=sorteo,
        punto_de_guardado=not bloqueado,
    )


@transaction.atomic
def redesignar_por_sorteo(
    reclamo: Reclamo,
    *,
    candidatos: Iterable[Conciliador] | None,
    por,
    momento: datetime.datetime | datetime.date | None = None,
) -> Designacion:
    """A new draw after an excusación or an upheld recusación (T15, T21): those who stepped
    aside are out of the padrón. The draw is the agency's act: when `por` is the excusing
    conciliator, it is recorded as the portal's."""
    from reclamos.estados import tabla

    if reclamo.estado != Estado.REDESIGNACION:
        raise ConflictoDeEstado(_("El reclamo no espera una nueva designación."))
    roles = tabla(reclamo.regimen_codigo)["designar_por_sorteo"].roles
    actor = por if por is not None and por.rol in roles else None
    return sortear_conciliador(reclamo, candidatos=candidatos, por=actor, momento=momento)
