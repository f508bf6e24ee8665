"""Who may see and act on a hearing: whoever may see its claim sees it (reclamos' rule, which
already includes the designated conciliator); acts are limited by role in the services."""

from django.db.models import Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from audiencias.models import Audiencia
from conciliacion.errores import AccesoDenegado
from reclamos.permisos import reclamos_visibles


def acceder_audiencia(
    usuario, pk, *, escribir=False, bloquear=False, clave=None, anotaciones: dict | None = None
) -> Audiencia:
    """The hearing if `usuario` may see its claim (with an API key, only the key's
    organisation's claims), else 404. `anotaciones`: expressions read in the same query (the
    hearing page's marks, issue 13).

    The visible claims are narrowed to this hearing's claim by a scalar subquery (issue 13):
    PostgreSQL then probes that one claim (e.g. its designations, by index), where a bare
    `reclamo IN (visible claims)` walked every active designation of a conciliator (11,424
    rows, ~25 ms at 1M claims) before keeping the one that matched."""
    qs = Audiencia.objects.select_related(
        "reclamo", "conciliador__usuario", "funcionario", "oficina"
    )
    if bloquear:
        qs = qs.select_for_update(of=("self",))
    if anotaciones:
        qs = qs.annotate(**anotaciones)
    su_reclamo = Audiencia.objects.filter(pk=pk).values("reclamo_id")
    visibles = reclamos_visibles(usuario, clave).filter(pk=Subquery(su_reclamo))
    audiencia = qs.filter(pk=pk, reclamo__in=visibles).first()
    if audiencia is None:
        raise Http404
    return audiencia


def es_conciliador_de(usuario, audiencia_o_reclamo) -> bool:
    """The designated conciliator of a claim (or the conciliator of a hearing; a hearing an
    official conducts has none)."""
    if isinstance(audiencia_o_reclamo, Audiencia):
        conciliador = audiencia_o_reclamo.conciliador
        return conciliador is not None and conciliador.usuario_id == getattr(usuario, "pk", None)
    # Computed once per claim instance and user: the claim page's sections all ask (issue 13).
    memo = audiencia_o_reclamo.__dict__.setdefault("_es_conciliador_de", {})
    clave = getattr(usuario, "pk", None)
    mirada = audiencia_o_reclamo.__dict__.get("_mirada")
    if clave not in memo and mirada is not None and getattr(mirada.usuario, "pk", None) == clave:
        # Read with the claim on its page (reclamos.secciones.Mirada).
        marca = mirada.marca("es_conciliador")
        if marca is not None:
            memo[clave] = bool(marca)
    if clave not in memo:
        memo[clave] = audiencia_o_reclamo.designaciones.filter(
            activa=True, conciliador__usuario_id=clave
        ).exists()
    return memo[clave]


def audiencia_del_conciliador(usuario, pk, *, clave=None) -> Audiencia:
    """The hearing for an act only its conciliator records: 404 if `usuario` may not see it,
    403 if they see it but are not its conciliator."""
    audiencia = acceder_audiencia(usuario, pk, clave=clave)
    if not es_conciliador_de(usuario, audiencia):
        raise AccesoDenegado(_("Solo el conciliador de la audiencia registra lo ocurrido."))
    return audiencia


def parte_firmante(usuario, reclamo, *, clave=None) -> tuple[str, object] | None:
    """Which party `usuario` signs the agreement for online: ("consumidor", None), or
    ("proveedor", the claim's provider of an organisation they represent — with an API key, the
    key's); None if they are neither."""
    from audiencias.models import Firma
    from cuentas.permisos import organizaciones_representadas
    from reclamos.permisos import es_parte_consumidora

    if es_parte_consumidora(usuario, reclamo):
        return Firma.Parte.CONSUMIDOR, None
    proveedor = reclamo.proveedores.filter(
        organizacion__in=organizaciones_representadas(usuario, clave)
    ).first()
    return (Firma.Parte.PROVEEDOR, proveedor) if proveedor is not None else None
