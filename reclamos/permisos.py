"""Who may see and act on a claim: acceder_reclamo() for one, reclamos_visibles() for lists.
Pages and API use the same functions."""

from collections.abc import Callable

from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.http import Http404

from cuentas.alcance import regimenes_a_cargo
from cuentas.permisos import autenticado, organizaciones_representadas
from cuentas.roles import Rol
from normativa.regimenes import todos
from reclamos.estados import Estado
from reclamos.models import AccesoPersonal, CoReclamante, Reclamo, ReclamoProveedor


def _personal_por_regimen() -> dict[str, set[str]]:
    por_rol: dict[str, set[str]] = {}
    for regimen in todos():
        for rol in regimen.roles:
            por_rol.setdefault(rol, set()).add(regimen.codigo)
    return por_rol


# Staff who work claims, per régimen: role → codes of the régimenes whose definition names it
# (Regimen.roles). The registry of conciliators does not see claims.
PERSONAL_POR_REGIMEN = _personal_por_regimen()

# Downstream apps add who else sees a claim (e.g. the designated conciliator): a function
# usuario -> Q over Reclamo, or None.
_ACCESOS_EXTRA: list[Callable] = []


def registrar_acceso(funcion: Callable) -> Callable:
    if funcion not in _ACCESOS_EXTRA:
        _ACCESOS_EXTRA.append(funcion)
    return funcion


def _citada(organizaciones) -> Exists:
    """A provider row of the claim, of one of `organizaciones`, already served (citado_en).

    Decision 0015: a provider learns of a claim when it is served on it (the hearing's cédula,
    D202-I.10; in mediation, the agency's forwarding, S001), never before: a claim not admitted
    or still in admission is none of its business. EXISTS, so no join multiplies the rows."""
    return Exists(
        ReclamoProveedor.objects.filter(
            reclamo=OuterRef("pk"), organizacion__in=organizaciones, citado_en__isnull=False
        )
    )


def filtro_visibles(usuario, clave=None) -> Q:
    """What `usuario` may see, as one filter over Reclamo with no join (EXISTS / IN subqueries):
    every list calls it and none needs DISTINCT."""
    if not autenticado(usuario):
        return Q(pk__in=[])
    if usuario.rol == Rol.CONSUMIDOR:
        # A co-claimant (litisconsorcio, decision 0026) sees the claim too: an IN subquery on
        # the co-claimants' (usuario, reclamo) index, no join.
        return Q(consumidor=usuario) | Q(
            pk__in=CoReclamante.objects.filter(usuario=usuario).values("reclamo")
        )
    if usuario.rol == Rol.REPRESENTANTE:
        return Q(_citada(organizaciones_representadas(usuario, clave))) & ~Q(estado=Estado.BORRADOR)
    filtro = Q(pk__in=[])
    # Staff: the régimenes their role serves, narrowed to their own scope (decision 0038).
    regimenes = regimenes_a_cargo(usuario)
    if regimenes:
        filtro = Q(regimen_codigo__in=sorted(regimenes)) & (
            ~Q(estado=Estado.BORRADOR) | Q(cargado_por=usuario)
        )
    for funcion in _ACCESOS_EXTRA:
        extra = funcion(usuario)
        if extra is not None:
            filtro |= extra
    return filtro


def reclamos_visibles(usuario, clave=None) -> QuerySet[Reclamo]:
    """The claims `usuario` may see, for lists. A representative's organisations are read
    first (one small query) and written into the filter as literal ids: the planner then
    knows from the column's statistics that one provider holds a quarter of all claims and
    walks the newest-first index checking each claim, instead of collecting all that
    provider's claims and sorting them (decision 0033; the subquery form is estimated as an
    average provider)."""
    if autenticado(usuario) and usuario.rol == Rol.CONSUMIDOR:
        # The same for a consumer's co-claimed claims (usually none): with the IN subquery
        # OR-ed to the consumer, PostgreSQL walked the newest-first index over every claim.
        otros = list(CoReclamante.objects.filter(usuario=usuario).values_list("reclamo", flat=True))
        filtro = Q(consumidor=usuario) | Q(pk__in=otros) if otros else Q(consumidor=usuario)
        return Reclamo.objects.filter(filtro)
    if autenticado(usuario) and usuario.rol == Rol.REPRESENTANTE:
        ids = list(organizaciones_representadas(usuario, clave).values_list("pk", flat=True))
        return Reclamo.objects.filter(Q(_citada(ids)) & ~Q(estado=Estado.BORRADOR))
    return Reclamo.objects.filter(filtro_visibles(usuario, clave))


def es_parte_consumidora(usuario, reclamo: Reclamo) -> bool:
    """The claim's consumer or one of its co-claimants (decision 0026)."""
    if not autenticado(usuario):
        return False
    if reclamo.consumidor_id == usuario.pk:
        return True
    return usuario.rol == Rol.CONSUMIDOR and reclamo.coreclamantes.filter(usuario=usuario).exists()


def citado_desde(usuario, reclamo: Reclamo, clave=None):
    """When the claim was first served on a provider `usuario` represents, or None: what such
    a provider sees of the claim starts there (Decision 0015). One query."""
    return reclamo.proveedores.filter(
        organizacion__in=organizaciones_representadas(usuario, clave), citado_en__isnull=False
    ).aggregate(desde=Min("citado_en"))["desde"]


def es_parte_proveedora(usuario, reclamo: Reclamo, clave=None) -> bool:
    """A provider of the claim that was already served (Decision 0015)."""
    return citado_desde(usuario, reclamo, clave) is not None


def es_personal_del_reclamo(usuario, reclamo: Reclamo) -> bool:
    """Staff whose role and scope reach the claim's régimen (decision 0038)."""
    return reclamo.regimen_codigo in regimenes_a_cargo(usuario)


def acceder_reclamo(
    usuario,
    pk,
    *,
    escribir=False,
    bloquear=False,
    clave=None,
    vista: str = "",
    anotaciones: dict | None = None,
    relacionados: tuple[str, ...] = (),
) -> Reclamo:
    """The claim if `usuario` may see it, else 404 (a claim's existence is not disclosed).
    A staff view of the claim's personal data is logged (`vista` names the page).
    `anotaciones`: expressions read in the same query (the claim page's marks, issue 13);
    `relacionados`: one-to-one rows joined to it (select_related)."""
    qs = Reclamo.objects.filter(filtro_visibles(usuario, clave))
    if bloquear:
        qs = Reclamo.objects.select_for_update().filter(pk__in=qs.values("pk"))
    if anotaciones:
        qs = qs.annotate(**anotaciones)
    if relacionados:
        qs = qs.select_related(*relacionados)
    reclamo = qs.filter(pk=pk).first()
    if reclamo is None:
        raise Http404
    if vista and es_personal_del_reclamo(usuario, reclamo):
        AccesoPersonal.objects.create(reclamo=reclamo, usuario=usuario, vista=vista)
    return reclamo


def acceder_mediacion(
    usuario,
    pk,
    *,
    clave=None,
    vista: str = "",
    anotaciones: dict | None = None,
    relacionados: tuple[str, ...] = (),
) -> Reclamo:
    """A claim of the mediation procedure (Regimen.procedimiento) that `usuario` may see, else
    404: the official sees every claim of the régimen, a provider only its own once forwarded,
    a consumer only hers. Pages and API use it."""
    reclamo = acceder_reclamo(
        usuario, pk, clave=clave, vista=vista, anotaciones=anotaciones, relacionados=relacionados
    )
    if reclamo.regimen.procedimiento != "mediacion":
        raise Http404
    return reclamo
