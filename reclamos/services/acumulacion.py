"""Accumulation (art. 2): claims on the same facts, connected titles and the same object are
joined into one procedure with several consumers; staff may separate them again. Each claim keeps
its own number and cap check."""

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
    fuera = [r.numero for r in reclamos if r.estado not in ACUMULABLES]
    if fuera:
        raise ConflictoDeEstado(f"No se pueden acumular en su estado actual: {', '.join(fuera)}.")
    conjuntos = {frozenset(r.proveedores.values_list("identificador", flat=True)) for r in reclamos}
    if len(conjuntos) > 1:
        raise DatosInvalidos(
            "Los reclamos acumulados deben dirigirse contra los mismos proveedores."
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
        )
    return acumulacion


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
    miembro = MiembroAcumulacion.objects.filter(reclamo=reclamo, hasta__isnull=True).first()
    if miembro is None:
        raise ConflictoDeEstado("El reclamo no está acumulado.")
    restantes = list(
        miembro.acumulacion.miembros.filter(hasta__isnull=True)
        .exclude(pk=miembro.pk)
        .select_related("reclamo")
    )
    ahora = timezone.now()
    cerrar = [miembro] + (restantes if len(restantes) == 1 else [])
    for m in cerrar:
        MiembroAcumulacion.objects.filter(pk=m.pk).update(hasta=ahora)
    otros = [m.reclamo.numero for m in restantes]
    expediente.acumulacion(
        reclamo,
        por=por,
        acumulacion_id=miembro.acumulacion_id,
        otros=otros,
        unido=False,
        fundamento=fundamento.strip(),
    )
    for m in restantes:
        expediente.acumulacion(
            m.reclamo,
            por=por,
            acumulacion_id=miembro.acumulacion_id,
            otros=[reclamo.numero],
            unido=False,
            fundamento=fundamento.strip(),
        )
