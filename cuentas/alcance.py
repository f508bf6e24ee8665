"""Staff's per-régimen scope (decision 0038).

A staff role may serve several régimenes (Peru and CABA both name `funcionario`; every régimen
names `administrador`). Each staff account carries the codes of the régimenes it works
(`Usuario.regimenes`): it sees and acts on a régimen's claims only when the régimen's definition
names its role (Regimen.roles) AND the code is in its scope. The scope is read with the user's
row, so list filters stay one `regimen_codigo IN (…)` on the claim's index, no join, no DISTINCT.
"""

from __future__ import annotations

from normativa import regimenes as definiciones


def _roles_por_regimen() -> dict[str, frozenset[str]]:
    por_rol: dict[str, set[str]] = {}
    for regimen in definiciones.todos():
        for rol in regimen.roles:
            por_rol.setdefault(rol, set()).add(regimen.codigo)
    return {rol: frozenset(codigos) for rol, codigos in por_rol.items()}


# role → codes of the régimenes whose definition names it (every deployment, before the scope).
REGIMENES_DEL_ROL = _roles_por_regimen()


def regimenes_por_defecto(rol: str) -> list[str]:
    """The scope a new staff account (or an existing one, at migration 0004) starts with: the
    offered régimenes (REGIMENES_OFRECIDOS; empty = all) whose definition names the role; when
    none is offered, every régimen that names it (today's reach)."""
    propios = REGIMENES_DEL_ROL.get(rol, frozenset())
    ofrecidos = [r.codigo for r in definiciones.ofrecidos() if r.codigo in propios]
    return ofrecidos or sorted(propios)


def regimenes_a_cargo(usuario) -> frozenset[str]:
    """The codes of the régimenes whose claims `usuario` works as staff (empty: none)."""
    if not (usuario and getattr(usuario, "is_authenticated", False) and usuario.is_active):
        return frozenset()
    propios = REGIMENES_DEL_ROL.get(getattr(usuario, "rol", ""), frozenset())
    if not propios:
        return frozenset()
    return propios & frozenset(getattr(usuario, "regimenes", None) or ())


def actua_en(usuario, codigo: str) -> bool:
    """Whether staff `usuario` works claims of the régimen `codigo`."""
    return codigo in regimenes_a_cargo(usuario)


def opciones_de_regimen() -> list[tuple[str, str]]:
    """Choices for the scope field in the admin: every régimen that names a staff role."""
    return [(r.codigo, r.nombre) for r in definiciones.todos() if r.roles]


def solo_a_cargo(usuarios, codigo: str) -> list:
    """Those of `usuarios` (staff of a role, a handful of rows) whose scope holds `codigo`: for
    notices and reminders. Filtered here, not in SQL: the scope is a JSON list, and SQLite has no
    containment lookup on it."""
    return [usuario for usuario in usuarios if actua_en(usuario, codigo)]
