"""What owning apps plug into the deadline engine (ARCHITECTURE.md "Deadlines").

plazos is upstream of reclamos, audiencias, honorarios…: it never imports them. Instead each owner
registers, usually from its AppConfig.ready():
- the consequence of an expired plazo of a kind (`registrar_consecuencia(codigo, caducar)`), run
  by the sweeper inside its transaction with the expired Plazo;
- the recalculation hook of its subjects (`registrar_recalculo(Reclamo, anotar)`), called as
  `funcion(plazo, vence_anterior, dia)` when a decreed day moves a running plazo's due date, so the
  owner can record the change in its expediente;
- who must be reminded before a plazo falls due (`registrar_responsable(codigo, usuarios)` or
  `registrar_responsable(Reclamo, usuarios)`), a function `plazo -> iterable of users`.

Registering twice (a module re-imported by the autoreloader or a test) replaces the earlier entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plazos.models import Plazo

Consecuencia = Callable[["Plazo"], Any]
Recalculo = Callable[["Plazo", Any, Any], Any]
Responsables = Callable[["Plazo"], Iterable[Any]]

_CONSECUENCIAS: dict[str, Consecuencia] = {}
_RECALCULOS: dict[str, dict[str, Recalculo]] = {}
_RESPONSABLES: dict[str, Responsables] = {}


def _clave_de_sujeto(modelo_o_etiqueta) -> str:
    """A model class → "app_label.model"; a string (app label or model label) stays as given."""
    if isinstance(modelo_o_etiqueta, str):
        return modelo_o_etiqueta.lower()
    return modelo_o_etiqueta._meta.label_lower


def _identidad(funcion: Callable) -> str:
    return f"{getattr(funcion, '__module__', '')}.{getattr(funcion, '__qualname__', repr(funcion))}"


def _claves_del_plazo(plazo: Plazo) -> list[str]:
    tipo_contenido = plazo.content_type
    return [f"{tipo_contenido.app_label}.{tipo_contenido.model}", tipo_contenido.app_label]


def registrar_consecuencia(tipo: str, funcion: Consecuencia) -> None:
    """The function the sweeper runs, in a savepoint of its transaction, when a plazo of `tipo`
    expires. It must not act on its own for kinds marked requiere_confirmacion (DOMAIN Q18): the
    engine flags those plazos for staff (`requiere_atencion`) whatever the consequence does."""
    _CONSECUENCIAS[tipo] = funcion


def consecuencia(tipo: str) -> Consecuencia | None:
    return _CONSECUENCIAS.get(tipo)


def registrar_recalculo(modelo_o_app_label, funcion: Recalculo) -> None:
    """`funcion(plazo, vence_anterior, dia)` runs inside registrar_dia_no_habil's transaction for
    every running plazo of that subject model (or of any model of that app) whose due date moved.
    `dia` is the DiaNoHabil row that caused it."""
    _RECALCULOS.setdefault(_clave_de_sujeto(modelo_o_app_label), {})[_identidad(funcion)] = funcion


def recalculos_de(plazo: Plazo) -> list[Recalculo]:
    funciones: list[Recalculo] = []
    for clave in _claves_del_plazo(plazo):
        funciones.extend(_RECALCULOS.get(clave, {}).values())
    return funciones


def registrar_responsable(tipo_o_modelo, funcion: Responsables) -> None:
    """Who is reminded before a plazo falls due: keyed by kind code (AR-01), by subject model or
    by app label. The most specific key wins (kind, then model, then app)."""
    if isinstance(tipo_o_modelo, str) and tipo_o_modelo in _es_tipo_conocido():
        _RESPONSABLES[tipo_o_modelo] = funcion
    else:
        _RESPONSABLES[_clave_de_sujeto(tipo_o_modelo)] = funcion


def responsables(plazo: Plazo) -> list:
    for clave in [plazo.tipo, *_claves_del_plazo(plazo)]:
        funcion = _RESPONSABLES.get(clave)
        if funcion is not None:
            return [usuario for usuario in funcion(plazo) if usuario is not None]
    return []


def _es_tipo_conocido() -> set[str]:
    from normativa.regimenes import todos

    return {codigo for regimen in todos() for codigo in regimen.plazos}
