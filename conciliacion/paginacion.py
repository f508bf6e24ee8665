"""Keyset pagination for the pages' lists, and counts that never scan a whole table.

A page is `orden` = (sort key, pk) walked from a cursor that names the last row shown, so the
database reads `tamano + 1` rows through the index that serves the order, whatever the page
number: no OFFSET, no COUNT. The API uses DRF's CursorPagination (conciliacion.api) the same way.
An unreadable cursor starts from the first page: a tampered link never becomes a 500.
"""

import base64
import binascii
import json
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

TAMANO = 50
TOPE_CONTEO = 10_000


@dataclass
class Pagina:
    filas: list
    siguiente: str | None = None
    es_primera: bool = True
    orden: tuple[str, str] = field(default=("-pk", "-pk"))

    def __iter__(self):
        return iter(self.filas)

    def __len__(self):
        return len(self.filas)

    def __bool__(self):
        return bool(self.filas)


def _codificar(valores: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(valores, default=str).encode()).decode()


def _decodificar(cursor: str | None) -> list | None:
    if not cursor:
        return None
    try:
        valores = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(valores, list) or len(valores) != 2 or not isinstance(valores[1], int):
        return None
    return valores


def paginar(
    qs: QuerySet, *, orden: tuple[str, str], cursor: str | None = None, tamano: int = TAMANO
) -> Pagina:
    """One page of `qs` ordered by `orden` (a non-null field, then "pk"; both "-" for newest
    first). Rows after `cursor` only; `siguiente` is the cursor of the next page or None."""
    campo, _pk = orden
    descendente = campo.startswith("-")
    nombre = campo.lstrip("-")
    desde = _decodificar(cursor)
    if desde is not None:
        valor, pk = desde
        op = "lt" if descendente else "gt"
        qs = qs.filter(Q(**{f"{nombre}__{op}": valor}) | Q(**{nombre: valor, f"pk__{op}": pk}))
    filas = list(qs.order_by(campo, "-pk" if descendente else "pk")[: tamano + 1])
    siguiente = None
    if len(filas) > tamano:
        filas = filas[:tamano]
        ultima = filas[-1]
        siguiente = _codificar([getattr(ultima, nombre), ultima.pk])
    return Pagina(filas=filas, siguiente=siguiente, es_primera=desde is None, orden=orden)


def contar_acotado(qs: QuerySet, tope: int = TOPE_CONTEO) -> tuple[int, bool]:
    """(n, más) where `más` says there are more than `tope` rows: reads at most tope + 1 ids."""
    n = qs.order_by().values("pk")[: tope + 1].count()
    return min(n, tope), n > tope


def _valor_de_cursor(modelo, nombre: str, valor):
    """`valor` as the field `nombre` takes it, or raises ValidationError (a tampered cursor)."""
    if valor is None:
        return None
    campo = modelo._meta.pk if nombre == "pk" else modelo._meta.get_field(nombre)
    return campo.to_python(valor)


def _leer_cursor(modelo, cursor: str | None, nombres: list[str], anulables: set) -> list | None:
    if not cursor:
        return None
    from django.core.exceptions import ValidationError

    try:
        crudo = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if not isinstance(crudo, list) or len(crudo) != len(nombres):
            return None
        valores = [_valor_de_cursor(modelo, n, v) for n, v in zip(nombres, crudo, strict=True)]
    except (binascii.Error, ValueError, UnicodeDecodeError, TypeError, ValidationError):
        return None
    if any(v is None and n not in anulables for n, v in zip(nombres, valores, strict=True)):
        return None
    return valores


def _despues_de(claves, desde: list, nulos, nulos_primero) -> Q:
    """Rows after the cursor in the lexicographic order of `claves`."""
    despues = Q(pk__in=[])
    iguales = Q()
    for clave, valor in zip(claves, desde, strict=True):
        nombre = clave.lstrip("-")
        nulo = Q(**{f"{nombre}__isnull": True})
        if valor is None:
            if nombre in nulos_primero:  # every value comes after the NULLs
                despues |= iguales & ~nulo
            iguales &= nulo
            continue
        mayor = Q(**{f"{nombre}__{'lt' if clave.startswith('-') else 'gt'}": valor})
        if nombre in nulos:
            mayor |= nulo
        despues |= iguales & mayor
        iguales &= Q(**{nombre: valor})
    return despues


def paginar_por_claves(
    qs: QuerySet,
    *,
    claves: tuple[str, ...],
    nulos: tuple[str, ...] = (),
    nulos_primero: tuple[str, ...] = (),
    cursor: str | None = None,
    tamano: int = TAMANO,
) -> Pagina:
    """Keyset over several keys ending in "pk", each ascending or "-" descending (e.g. a queue
    ordered by suspended, due date, filing). Keys named in `nulos` may be NULL and go after
    every value, those in `nulos_primero` before every value (name them without "-"); give the
    index the same order so a page reads `tamano + 1` index entries. The cursor holds the last
    row's key values; an unreadable one is the first page."""
    from django.db.models import F

    assert claves[-1].lstrip("-") == "pk"
    nombres = [c.lstrip("-") for c in claves]
    desde = _leer_cursor(qs.model, cursor, nombres, set(nulos) | set(nulos_primero))
    if desde is not None:
        qs = qs.filter(_despues_de(claves, desde, nulos, nulos_primero))
    orden = []
    for clave, nombre in zip(claves, nombres, strict=True):
        if nombre in nulos or nombre in nulos_primero:
            expresion = F(nombre).desc if clave.startswith("-") else F(nombre).asc
            orden.append(
                expresion(nulls_last=True) if nombre in nulos else expresion(nulls_first=True)
            )
        else:
            orden.append(clave)
    filas = list(qs.order_by(*orden)[: tamano + 1])
    siguiente = None
    if len(filas) > tamano:
        filas = filas[:tamano]
        siguiente = _codificar([getattr(filas[-1], n) for n in nombres])
    return Pagina(
        filas=filas, siguiente=siguiente, es_primera=desde is None, orden=(claves[0], "pk")
    )


def codificar_cursor(valores: list) -> str:
    """The opaque cursor of a keyset page's last row (for pagers with their own queries)."""
    return _codificar(valores)


def leer_cursor(modelo, cursor: str | None, nombres: list[str], anulables: set) -> list | None:
    """A cursor's key values as the fields `nombres` take them; None when it is unreadable."""
    return _leer_cursor(modelo, cursor, nombres, anulables)
