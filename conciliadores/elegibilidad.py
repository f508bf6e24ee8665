"""Who may be designated for a claim on given dates, and why not (D202-I.7, D202-II).

A conciliator is eligible when active in the registry, with an active account, not on an
approved licence, not under a sanction that bars designation (suspension, exclusion, preventive
suspension), serving the claim's jurisdiction, and not stepped aside from this claim (excused,
recused, or declined it). The caller may narrow the list further (`candidatos`: those free at
the slot the consumer picked, DOMAIN Decision 10).
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliadores.jurisdicciones import atiende, jurisdiccion_de
from conciliadores.models import (
    Conciliador,
    Designacion,
    Excusacion,
    Licencia,
    Rechazo,
    Recusacion,
    Sancion,
)
from reclamos.models import MetodoDesignacion, Reclamo


def hoy_local(regimen_codigo: str = "") -> datetime.date:
    """Today in the régimen's time zone (by default the roll's: registro_de_conciliadores)."""
    from normativa.regimenes import obtener, registro_de_conciliadores

    regimen = obtener(regimen_codigo) if regimen_codigo else registro_de_conciliadores()
    zona = ZoneInfo(regimen.zona_horaria)
    return timezone.now().astimezone(zona).date()


def _licencias_en(fechas: Iterable[datetime.date]) -> QuerySet[Licencia]:
    filtro = Q(pk__in=[])
    for fecha in fechas:
        filtro |= Q(desde__lte=fecha, hasta__gte=fecha)
    return Licencia.objects.filter(filtro, estado=Licencia.Estado.APROBADA)


def _sanciones_en(fechas: Iterable[datetime.date]) -> QuerySet[Sancion]:
    """Sanctions that bar designation on any of `fechas` (Sancion.objects.vigentes_en, one
    statement for every date; used as a subquery of habilitados)."""
    filtro = Q(pk__in=[])
    for fecha in fechas:
        filtro |= (
            Q(desde__lte=fecha)
            & (Q(hasta__isnull=True) | Q(hasta__gte=fecha))
            & (Q(levantada_el__isnull=True) | Q(levantada_el__gt=fecha))
        )
    return Sancion.objects.filter(filtro)


def habilitados(fechas: Iterable[datetime.date]) -> QuerySet[Conciliador]:
    """Active in the registry and not blocked by licence or sanction on any of `fechas`."""
    fechas = list(fechas)
    return (
        Conciliador.objects.filter(activo=True, usuario__is_active=True)
        .exclude(pk__in=_licencias_en(fechas).values("conciliador"))
        .exclude(pk__in=_sanciones_en(fechas).values("conciliador"))
        .select_related("usuario")
    )


def apartados_de(reclamo: Reclamo) -> set[int]:
    """Conciliators who stepped aside from this claim: excused, recused (upheld) or declined, or
    suspended or excluded while designated (Anexo II arts. 4–5: the claim does not go back to
    them). One statement: a UNION of the four sources."""
    fuentes = [
        Excusacion.objects.filter(reclamo=reclamo),
        Recusacion.objects.filter(reclamo=reclamo, estado=Recusacion.Estado.ADMITIDA),
        Rechazo.objects.filter(reclamo=reclamo),
        Designacion.objects.filter(reclamo=reclamo, fin=Designacion.Fin.SANCION),
    ]
    # The models' default orderings are not allowed inside a compound statement.
    ids = [qs.order_by().values_list("conciliador_id") for qs in fuentes]
    return {fila[0] for fila in ids[0].union(*ids[1:])}


def elegibles(
    reclamo: Reclamo,
    *,
    fechas: Iterable[datetime.date],
    candidatos: Iterable[Conciliador] | None = None,
    apartados: set[int] | None = None,
) -> list[Conciliador]:
    """The eligible conciliators for the claim on every one of `fechas`, by matrícula.
    `apartados`: apartados_de(reclamo) when the caller already read it in this act."""
    if apartados is None:
        apartados = apartados_de(reclamo)
    qs = habilitados(fechas).exclude(pk__in=apartados)
    if candidatos is not None:
        qs = qs.filter(pk__in=[c.pk for c in candidatos])
    jurisdiccion = jurisdiccion_de(reclamo)
    return [c for c in qs.order_by("matricula") if atiende(c, jurisdiccion)]


def _bloqueos_registro(conciliador: Conciliador, fechas: list[datetime.date]) -> list[str]:
    motivos = []
    if not conciliador.activo or not conciliador.usuario.is_active:
        motivos.append(_("No está activo en el registro."))
    for licencia in _licencias_en(fechas).filter(conciliador=conciliador):
        motivos.append(
            _("Está de licencia del %(desde)s al %(hasta)s.")
            % {"desde": f"{licencia.desde:%d/%m/%Y}", "hasta": f"{licencia.hasta:%d/%m/%Y}"}
        )
    for fecha in fechas:
        for sancion in Sancion.objects.vigentes_en(fecha).filter(conciliador=conciliador):
            motivos.append(
                _("Tiene una sanción vigente: %(tipo)s.") % {"tipo": sancion.get_tipo_display()}
            )
    return list(dict.fromkeys(motivos))


def bloqueos(
    conciliador: Conciliador,
    *,
    fechas: Iterable[datetime.date],
    reclamo: Reclamo | None = None,
) -> list[str]:
    """Why `conciliador` cannot be designated (empty list: they can), in Spanish."""
    motivos = _bloqueos_registro(conciliador, list(fechas))
    if reclamo is not None:
        jurisdiccion = jurisdiccion_de(reclamo)
        if not atiende(conciliador, jurisdiccion):
            motivos.append(
                _("No actúa en la jurisdicción del reclamo (%(j)s).")
                % {"j": jurisdiccion or _("sin dato")}
            )
        if conciliador.pk in apartados_de(reclamo):
            motivos.append(_("Ya se apartó de este reclamo o lo rechazó."))
    return motivos


def inicio_del_periodo(fecha: datetime.date) -> datetime.date:
    """The load-balancing period: the calendar month (docs/decisions/0004-sorteo.md)."""
    return fecha.replace(day=1)


def cargas(conciliadores: Iterable[Conciliador], *, hasta: datetime.date) -> dict[int, int]:
    """Draw designations (method a) of each conciliator from the start of the period of `hasta`
    up to that day, ended ones included (an excused draw still took a turn)."""
    ids = [c.pk for c in conciliadores]
    filas = (
        Designacion.objects.filter(
            conciliador_id__in=ids,
            metodo=MetodoDesignacion.SORTEO,
            fecha__date__gte=inicio_del_periodo(hasta),
            fecha__date__lte=hasta,
        )
        .values("conciliador_id")
        .annotate(n=Count("pk"))
    )
    conteo = {f["conciliador_id"]: f["n"] for f in filas}
    return {pk: conteo.get(pk, 0) for pk in ids}
