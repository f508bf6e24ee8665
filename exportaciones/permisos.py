"""Who may export what (docs/decisions/0025). Each export reuses the rule that already says who
sees those rows one by one: claims and hearings, the staff who work claims of each régimen
(reclamos.permisos.PERSONAL_POR_REGIMEN); fees, the staff of fees (honorarios.selectors.PERSONAL);
fines, the staff of fines (honorarios.selectors.PERSONAL_MULTAS). The authority's export and the
quarterly report carry fines and fees too, so they need the fines' staff (the funcionario of
Peru may ask for the report of his régimen). Everyone else gets a 403; staff without MFA never
get here (cuentas.middleware.MfaObligatorioMiddleware)."""

from django.core.exceptions import PermissionDenied

from cuentas.alcance import regimenes_a_cargo
from cuentas.permisos import autenticado
from cuentas.roles import Rol
from honorarios.selectors import PERSONAL as PERSONAL_HONORARIOS
from honorarios.selectors import PERSONAL_MULTAS
from normativa.regimenes import con
from reclamos.permisos import PERSONAL_POR_REGIMEN

# The régimenes with conciliators' fees and with a fixed non-appearance fine certified on the
# claim (honorarios.Multa), as their definitions say; the authority's export carries both.
CON_HONORARIOS = frozenset(r.codigo for r in con(lambda r: r.honorarios))
CON_MULTAS = frozenset(
    r.codigo for r in con(lambda r: r.multa_incomparecencia and r.multa_incomparecencia.fija)
)

# kind → (roles, régimenes the kind exists in; None: every régimen)
_REGLAS: dict[str, tuple[frozenset, frozenset | None]] = {
    "reclamos": (frozenset(PERSONAL_POR_REGIMEN), None),
    "audiencias": (frozenset(PERSONAL_POR_REGIMEN), None),
    "honorarios": (frozenset(PERSONAL_HONORARIOS), CON_HONORARIOS),
    "multas": (frozenset(PERSONAL_MULTAS), CON_MULTAS),
    "autoridad": (frozenset(PERSONAL_MULTAS), CON_HONORARIOS | CON_MULTAS),
    "informe": (frozenset(PERSONAL_MULTAS) | {Rol.FUNCIONARIO}, None),
}


def regimenes_para(usuario, tipo: str) -> list[str]:
    """The régimenes whose rows of kind `tipo` the user may export (empty: none)."""
    if not autenticado(usuario) or tipo not in _REGLAS:
        return []
    roles, regimenes = _REGLAS[tipo]
    if usuario.rol not in roles:
        return []
    propios = set(regimenes_a_cargo(usuario))  # the user's own scope (decision 0038)
    if regimenes is not None:
        propios = propios & regimenes
    return sorted(propios)


def puede(usuario, tipo: str) -> bool:
    return bool(regimenes_para(usuario, tipo))


def tipos_para(usuario) -> list[str]:
    return [tipo for tipo in _REGLAS if puede(usuario, tipo)]


def exigir_alguno(usuario) -> list[str]:
    """The kinds the user may export; 403 when none (consumers, providers, conciliators, the
    registry of conciliators)."""
    tipos = tipos_para(usuario)
    if not tipos:
        raise PermissionDenied
    return tipos


def exigir(usuario, tipo: str) -> list[str]:
    regimenes = regimenes_para(usuario, tipo)
    if not regimenes:
        raise PermissionDenied
    return regimenes
