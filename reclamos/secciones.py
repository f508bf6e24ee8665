"""Sections downstream apps add to the claim page (ARCHITECTURE.md: upstream apps never import
downstream ones). An app registers, from its ganchos module:

    registrar_seccion("audiencias/_seccion_reclamo.html", contexto_de_audiencias, orden=20)

where `contexto(request, reclamo, mirada) -> dict | None` returns the section's context (None
hides it; a two-argument hook is still accepted). The claim page renders each section in
`orden`, in the main column, below the claim's data.

A section belongs to the procedures (Regimen.procedimiento) it names: COPREC's claim page
("conciliacion", the default) and the mediation page ("mediacion") each show only their own.

Issue 13 — the claim page costs a fixed, small number of queries whatever the claim's history:

- `Mirada`: who is looking (staff, consumer, served provider, designated conciliator), computed
  once per request and handed to every hook, instead of each hook asking again.
- `registrar_marca(nombre, fabrica)`: an app declares an EXISTS over one of its tables
  (`fabrica(usuario) -> Expression` correlated to the claim by `OuterRef("pk")`). The page reads
  the claim with all the marks in its single query, and a section skips the queries of the tables
  the marks say are empty (`mirada.tiene("audiencias")`).
  A mark registered with `fija=True` does not depend on who looks: its SQL is compiled once per
  process and database (`RawSQL`), instead of building and compiling its queryset on every
  request (most of the marks; decision 0035).
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Seccion:
    plantilla: str
    contexto: Callable
    orden: int
    procedimientos: tuple[str, ...] = ("conciliacion",)
    con_mirada: bool = False


_SECCIONES: list[Seccion] = []
_MARCAS: dict[str, Callable] = {}
_FIJAS: set[str] = set()
# mark -> what its fixed SQL also depends on (e.g. the claim's content type id), read per use.
_VARIANTES: dict[str, Callable] = {}
# mark -> the procedures (Regimen.procedimiento) whose claim page reads it.
_PROCEDIMIENTOS_DE_MARCA: dict[str, tuple[str, ...]] = {}
# (database alias, mark, variant) -> (sql, params) of the marks that do not depend on the user.
_SQL_DE_MARCAS: dict[tuple, tuple[str, tuple]] = {}
PREFIJO = "marca_"


def registrar_seccion(
    plantilla: str,
    contexto: Callable,
    *,
    orden: int = 50,
    procedimientos: tuple[str, ...] = ("conciliacion",),
) -> None:
    if any(s.plantilla == plantilla for s in _SECCIONES):
        return
    con_mirada = "mirada" in inspect.signature(contexto).parameters
    _SECCIONES.append(Seccion(plantilla, contexto, orden, tuple(procedimientos), con_mirada))
    _SECCIONES.sort(key=lambda s: s.orden)


def registrar_marca(
    nombre: str,
    fabrica: Callable,
    *,
    fija: bool = False,
    variante: Callable | None = None,
    procedimientos: tuple[str, ...] = ("conciliacion",),
) -> None:
    """`fabrica(usuario)` returns an expression (usually Exists) evaluated on the claim's row.
    `fija`: the expression is the same for every user and every request (no user, no value read
    from the database when it is built), so its SQL can be compiled once.
    `variante()`: for a fixed mark whose SQL holds a value that differs between databases (the
    claim's content type id), that value, read on each use from an in-process cache: the SQL is
    compiled once per value.
    `procedimientos`: the claim pages that read it, as for the sections (COPREC's claim page,
    "conciliacion"; the mediation file, "mediacion")."""
    _MARCAS.setdefault(nombre, fabrica)
    _PROCEDIMIENTOS_DE_MARCA.setdefault(nombre, tuple(procedimientos))
    if fija:
        _FIJAS.add(nombre)
        if variante is not None:
            _VARIANTES[nombre] = variante


def _compilada(nombre: str, fabrica: Callable, using: str):
    """A fixed mark as RawSQL, compiled on its first use against this database (issue 13: the
    page built and compiled some twenty EXISTS querysets on every request)."""
    from django.db.models import BooleanField
    from django.db.models.expressions import RawSQL

    from reclamos.models import Reclamo

    variante = _VARIANTES.get(nombre)
    clave = (using, nombre, variante() if variante is not None else None)
    hecho = _SQL_DE_MARCAS.get(clave)
    if hecho is None:
        consulta = Reclamo.objects.all().query
        expresion = fabrica(None).resolve_expression(consulta, allow_joins=True, reuse=None)
        sql, params = consulta.get_compiler(using).compile(expresion)
        # Correlated to the claim through its table's own name, the alias of the page's query.
        hecho = _SQL_DE_MARCAS[clave] = (sql, tuple(params))
    # SQL compiled by Django from our own queryset, values as parameters.
    return RawSQL(hecho[0], hecho[1], output_field=BooleanField())  # noqa: S611 (SQL compiled by Django from our own querysets)


def anotaciones(usuario, using: str = "default", *, procedimiento: str = "conciliacion") -> dict:
    """The marks of the procedure's claim page as annotations for the query that reads the
    claim."""
    return {
        PREFIJO + nombre: _compilada(nombre, fabrica, using)
        if nombre in _FIJAS
        else fabrica(usuario)
        for nombre, fabrica in _MARCAS.items()
        if procedimiento in _PROCEDIMIENTOS_DE_MARCA[nombre]
    }


@dataclass
class Mirada:
    """Who looks at the claim, decided once per request (issue 13)."""

    usuario: object
    es_personal: bool = False
    es_consumidor: bool = False
    citado: object = None  # when the provider(s) the user represents were first served
    marcas: dict[str, bool] = field(default_factory=dict)

    @property
    def es_proveedor(self) -> bool:
        return self.citado is not None

    def marca(self, nombre: str, defecto=None):
        return self.marcas.get(nombre, defecto)

    def tiene(self, nombre: str) -> bool:
        """False only when the claim was read with that mark and it was empty: without the mark
        (a claim read elsewhere) the section queries as before."""
        return bool(self.marcas.get(nombre, True))


def marcas_de(reclamo) -> dict:
    """The marks read with the claim (empty if it was read without them)."""
    return {
        clave[len(PREFIJO) :]: valor
        for clave, valor in reclamo.__dict__.items()
        if clave.startswith(PREFIJO)
    }


def mirada_de(request, reclamo) -> Mirada:
    """The request's Mirada for the claim, computed once and kept on the claim instance."""
    memo = reclamo.__dict__.get("_mirada")
    if memo is not None and memo.usuario is request.user:
        return memo
    from reclamos.permisos import citado_desde, es_parte_consumidora, es_personal_del_reclamo

    usuario = request.user
    marcas = marcas_de(reclamo)
    es_personal = es_personal_del_reclamo(usuario, reclamo)
    es_consumidor = es_parte_consumidora(usuario, reclamo)
    if es_personal or es_consumidor:
        citado = None
    elif "citado" in marcas:
        citado = marcas["citado"]
    else:
        citado = citado_desde(usuario, reclamo)
    mirada = Mirada(usuario, es_personal, es_consumidor, citado, marcas)
    reclamo.__dict__["_mirada"] = mirada
    return mirada


def secciones_de(request, reclamo, mirada: Mirada | None = None) -> list[dict]:
    """[{plantilla, contexto}] of the sections visible to this request."""
    mirada = mirada or mirada_de(request, reclamo)
    visibles = []
    procedimiento = reclamo.regimen.procedimiento
    for seccion in _SECCIONES:
        if procedimiento not in seccion.procedimientos:
            continue
        if seccion.con_mirada:
            contexto = seccion.contexto(request, reclamo, mirada=mirada)
        else:
            contexto = seccion.contexto(request, reclamo)
        if contexto is not None:
            visibles.append(
                {"plantilla": seccion.plantilla, "contexto": {**contexto, "reclamo": reclamo}}
            )
    return visibles


def vacio(instancia, relacion: str) -> None:
    """Marks a reverse relation as prefetched and empty (its mark said so): `.all()` and
    filters on it then cost no query."""
    # For a reverse foreign key the prefetch cache is keyed by its accessor name.
    cache = instancia.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[relacion] = getattr(instancia, relacion).none()
