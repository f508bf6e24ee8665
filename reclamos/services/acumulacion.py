"""Accumulation (D202-I.2; docs/decisions/0026-acumulacion.md): claims founded on the same facts,
with connected titles and the same object are joined into one conciliation procedure; staff may
separate them again. Each claim keeps its own number, its own cap check and its own outcome.

What joining means here:
- The set's lead (`Acumulacion.principal`) is the first filed claim still in it. The conciliator
  is designated on the lead only (draw, agreement or choice) and the other claims follow that
  designation (conciliadores.services.designacion.designar); their own designation paths are
  closed while they are joined (exigir_no_seguidor).
- The lead's hearing is the set's hearing: booking, fixing, rescheduling or cancelling it does the
  same for every joined claim (audiencias.services.turnos), each claim with its own cédulas and
  consumer notice; one acta per hearing lists every claim with its own result.
- The rule for joining (decision 0026): at least one provider in common with the lead (títulos
  conexos against the same counterpart), the same régimen, and the stated ground (mismos
  hechos, títulos conexos, mismo objeto) which staff assess.
- Separating restores each claim's independent path from then on; what happened stays in each
  expediente. Upstream apps hook into separation (registrar_al_separar) to release pending
  joint acts (a pending joint hearing)."""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.roles import Rol
from reclamos import expediente
from reclamos.estados import CERRADOS, Estado
from reclamos.models import Acumulacion, MiembroAcumulacion, Reclamo

ACUMULABLES = {
    Estado.EN_ADMISION,
    Estado.ADMITIDO,
    Estado.ESPERA_TURNO,
    Estado.ESPERA_DOC_AUTONOMO,
    Estado.CONCILIADOR_DESIGNADO,
}
# A claim that joins behind a lead must not have a conciliator of its own: the set has one
# designation (the lead's). Only the lead may already be designated.
ACUMULABLES_COMO_SEGUIDOR = ACUMULABLES - {Estado.CONCILIADOR_DESIGNADO}
FUENTE = "D202-I.2"

# Called as fn(reclamo, *, principal, por) when `reclamo` leaves a set whose lead is `principal`
# (or, when the lead itself leaves, once per claim that stays behind it).
_AL_SEPARAR: list[Callable] = []


def registrar_al_separar(funcion: Callable) -> Callable:
    if funcion not in _AL_SEPARAR:
        _AL_SEPARAR.append(funcion)
    return funcion


_SIN_LEER = object()


def _miembro(reclamo: Reclamo) -> MiembroAcumulacion | None:
    """The claim's membership in force (one query, remembered on the instance for the rest of
    the act: joining and separating are other acts, which lock the claims)."""
    miembro = getattr(reclamo, "_miembro_acumulacion", _SIN_LEER)
    if miembro is _SIN_LEER:
        miembro = (
            MiembroAcumulacion.objects.filter(reclamo=reclamo, hasta__isnull=True)
            .select_related("acumulacion")
            .first()
        )
        reclamo._miembro_acumulacion = miembro
    return miembro


def recordar_membresia(desde: Reclamo, hacia: Reclamo) -> None:
    """Another instance of the same claim, read in the same act, knows the membership too."""
    miembro = getattr(desde, "_miembro_acumulacion", _SIN_LEER)
    if miembro is not _SIN_LEER and desde.pk == hacia.pk:
        hacia._miembro_acumulacion = miembro


def sin_membresia(reclamo: Reclamo) -> None:
    """The claim page read the claim with its marks and it belongs to no set in force: the
    sections asking for its lead query nothing (issue 13)."""
    reclamo._miembro_acumulacion = None


def principal_de(reclamo: Reclamo) -> Reclamo | None:
    """The lead claim this one follows, or None (not joined, or the lead itself)."""
    miembro = _miembro(reclamo)
    if miembro is None or miembro.acumulacion.principal_id == reclamo.pk:
        return None
    return miembro.acumulacion.principal


def seguidores_de(reclamo: Reclamo) -> list[Reclamo]:
    """The claims that follow this one (empty unless it leads a set in force), first filed first."""
    miembro = _miembro(reclamo)
    if miembro is None or miembro.acumulacion.principal_id != reclamo.pk:
        return []
    return list(
        Reclamo.objects.filter(
            membresias_acum__acumulacion=miembro.acumulacion_id,
            membresias_acum__hasta__isnull=True,
        )
        .exclude(pk=reclamo.pk)
        .order_by("presentado_en", "pk")
    )


def exigir_no_seguidor(reclamo: Reclamo) -> None:
    """The joined claims follow the lead's designation and hearings (D202-I.2)."""
    principal = principal_de(reclamo)
    if principal is not None:
        raise ConflictoDeEstado(
            f"El reclamo está acumulado al {principal.numero}: la designación del conciliador y "
            "las audiencias se tramitan en ese reclamo para todos los acumulados "
            "(art. 2 del Anexo I del Decreto 202/2015)."
        )


def _identificadores(reclamo: Reclamo) -> set[str]:
    return set(reclamo.proveedores.values_list("identificador", flat=True))


def _validar(reclamos: list[Reclamo], por, fundamento: str) -> None:
    if por.rol not in {Rol.ADMISION, Rol.ADMINISTRADOR}:
        raise AccesoDenegado("Solo el personal de admisión acumula reclamos.")
    if len(reclamos) < 2:
        raise DatosInvalidos("Elegí al menos dos reclamos.")
    if not fundamento.strip():
        raise DatosInvalidos(
            "Indicá por qué se acumulan (mismos hechos, títulos conexos, mismo objeto).",
            campos={"fundamento": ["Obligatorio."]},
        )
    if len({r.regimen_codigo for r in reclamos}) > 1:
        raise DatosInvalidos("Solo se acumulan reclamos del mismo régimen.")
    principal, seguidores = reclamos[0], reclamos[1:]
    fuera = [r.numero for r in reclamos if r.estado not in ACUMULABLES]
    fuera += [
        r.numero
        for r in seguidores
        if r.estado in ACUMULABLES and r.estado not in ACUMULABLES_COMO_SEGUIDOR
    ]
    if fuera:
        raise ConflictoDeEstado(
            f"No se pueden acumular en su estado actual: {', '.join(fuera)}. Solo el reclamo "
            "presentado primero puede tener ya conciliador designado."
        )
    proveedores_principal = _identificadores(principal)
    sin_comun = [r.numero for r in seguidores if not (_identificadores(r) & proveedores_principal)]
    if sin_comun:
        raise DatosInvalidos(
            f"No se puede acumular {', '.join(sin_comun)}: no comparte ningún proveedor con el "
            f"{principal.numero}. La acumulación exige los mismos hechos, títulos conexos y el "
            "mismo objeto (art. 2 del Anexo I del Decreto 202/2015), y la audiencia conjunta se "
            "celebra con el mismo proveedor."
        )


@transaction.atomic
def acumular_reclamos(reclamos: list[Reclamo], *, por, fundamento: str) -> Acumulacion:
    reclamos = list(
        Reclamo.objects.select_for_update()
        .filter(pk__in=[r.pk for r in reclamos])
        .order_by("presentado_en", "pk")
    )
    _validar(reclamos, por, fundamento)
    if MiembroAcumulacion.objects.filter(reclamo__in=reclamos, hasta__isnull=True).exists():
        raise ConflictoDeEstado("Alguno de los reclamos ya está acumulado.")
    acumulacion = Acumulacion.objects.create(
        principal=reclamos[0], fundamento=fundamento, creada_por=por
    )
    for reclamo in reclamos:
        MiembroAcumulacion.objects.create(acumulacion=acumulacion, reclamo=reclamo)
    for reclamo in reclamos:
        otros = [r.numero for r in reclamos if r.pk != reclamo.pk]
        expediente.acumulacion(
            reclamo,
            por=por,
            acumulacion_id=acumulacion.pk,
            otros=otros,
            unido=True,
            fundamento=fundamento.strip(),
            principal=reclamos[0].numero,
        )
    for funcion in _AL_ACUMULAR:
        funcion(reclamos[0], seguidores=reclamos[1:], por=por)
    return acumulacion


# Called as fn(principal, *, seguidores, por) once a set is joined (the lead may already have a
# conciliator: the followers take it at once).
_AL_ACUMULAR: list[Callable] = []


def registrar_al_acumular(funcion: Callable) -> Callable:
    if funcion not in _AL_ACUMULAR:
        _AL_ACUMULAR.append(funcion)
    return funcion


@transaction.atomic
def separar_reclamo(reclamo: Reclamo, *, por, fundamento: str) -> None:
    if por.rol not in {Rol.ADMISION, Rol.ADMINISTRADOR}:
        raise AccesoDenegado("Solo el personal de admisión separa reclamos.")
    if reclamo.estado in CERRADOS:
        raise ConflictoDeEstado("El reclamo ya está cerrado.")
    if not fundamento.strip():
        raise DatosInvalidos(
            "Indicá por qué se separa el reclamo.", campos={"fundamento": ["Obligatorio."]}
        )
    miembro = (
        MiembroAcumulacion.objects.select_for_update()
        .filter(reclamo=reclamo, hasta__isnull=True)
        .first()
    )
    if miembro is None:
        raise ConflictoDeEstado("El reclamo no está acumulado.")
    acumulacion = Acumulacion.objects.select_for_update().get(pk=miembro.acumulacion_id)
    principal = acumulacion.principal
    restantes = list(
        acumulacion.miembros.filter(hasta__isnull=True)
        .exclude(pk=miembro.pk)
        .select_related("reclamo")
        .order_by("reclamo__presentado_en", "reclamo__pk")
    )
    ahora = timezone.now()
    cerrar = [miembro] + (restantes if len(restantes) == 1 else [])
    for m in cerrar:
        MiembroAcumulacion.objects.filter(pk=m.pk).update(hasta=ahora)
    # The lead left a set that goes on: the first filed of the rest leads it from now on.
    nuevo_principal = None
    if reclamo.pk == principal.pk and len(restantes) > 1:
        nuevo_principal = restantes[0].reclamo
        Acumulacion.objects.filter(pk=acumulacion.pk).update(principal=nuevo_principal)
    otros = [m.reclamo.numero for m in restantes]
    fundamento = fundamento.strip()
    expediente.acumulacion(
        reclamo,
        por=por,
        acumulacion_id=acumulacion.pk,
        otros=otros,
        unido=False,
        fundamento=fundamento,
    )
    for m in restantes:
        expediente.acumulacion(
            m.reclamo,
            por=por,
            acumulacion_id=acumulacion.pk,
            otros=[reclamo.numero],
            unido=False,
            fundamento=fundamento,
            principal=(nuevo_principal or principal).numero if len(restantes) > 1 else "",
        )
    # Whoever no longer follows the old lead gets its own path back from now on.
    liberados = [reclamo] if reclamo.pk != principal.pk else [m.reclamo for m in restantes]
    for liberado in liberados:
        for funcion in _AL_SEPARAR:
            funcion(liberado, principal=principal, por=por)
