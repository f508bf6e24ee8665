"""The claim's states and the shape of a transition table. Each régimen's table is part of its
definition (Regimen.transiciones, normativa/regimenes/*_transiciones.py, decision 0030), row for
row as DOMAIN.md §2.1 (COPREC) and §2.7 (Peru), so a lawyer can check it against the law.

Pauses from which the claim returns where it was (domicile search, legal assistance, recusación,
over-cap review, ratification impediment) are suspension records, not states (Decision 9).
Accumulation (T11) is a relation between claims (reclamos.models.Acumulacion), not a state: each
claim keeps its own number, cap check and flow (docs/decisions/0003-expediente-y-estados.md).
"""

from django.conf import settings
from django.utils.translation import get_language

from normativa.estados import SISTEMA, Estado, T, Transicion  # noqa: F401  (the vocabulary)

# One table of labels per language, built on first use: a list of claims looks its labels up
# instead of resolving a lazy translation per row (Django's get_FOO_display hashes every lazy
# label on each call).
_ETIQUETAS: dict[str, dict[str, str]] = {}


def etiqueta_estado(valor: str) -> str:
    idioma = get_language() or settings.LANGUAGE_CODE
    tabla = _ETIQUETAS.get(idioma)
    if tabla is None:
        tabla = _ETIQUETAS[idioma] = {v: str(etiqueta) for v, etiqueta in Estado.choices}
    return tabla.get(valor, valor)


E = Estado


def tabla(regimen_codigo: str) -> dict[str, Transicion]:
    """The régimen's transition table (Regimen.transiciones, decision 0030)."""
    from normativa.regimenes import obtener

    return obtener(regimen_codigo).transiciones


def roles_de_la_accion(accion: str) -> frozenset[str]:
    """Who may take `accion` in any régimen whose table has it (queues across régimenes)."""
    return frozenset(
        rol for filas in tablas().values() if accion in filas for rol in filas[accion].roles
    )


def tablas() -> dict[str, dict[str, Transicion]]:
    """Every registered régimen's transition table, by régimen code."""
    from normativa.regimenes import todos

    return {regimen.codigo: regimen.transiciones for regimen in todos()}


# States where the conciliation is over: the claim page shows the interruption of limitation
# periods has ended (T37) and no party act but the after-closure ones is possible.
# States in which no provider has been served yet (decision 0015: a provider sees the claim from
# its service on — a hearing's cédula in COPREC, the forwarding in Peru).
ANTES_DE_LA_CITACION = frozenset(
    {
        E.BORRADOR,
        E.PRESENTADO,
        E.EN_ADMISION,
        E.REQUERIMIENTO,
        E.INADMITIDO,
        E.RECURSO_EN_TRAMITE,
        E.INADMITIDO_FIRME,
        E.ADMITIDO,
        E.ESPERA_TURNO,
        E.ESPERA_DOC_AUTONOMO,
        E.CADUCADO,
        E.CONCILIADOR_DESIGNADO,
        E.REDESIGNACION,
        E.SOLICITADO,
        E.REGISTRADO,
    }
)

CERRADOS = frozenset(
    {
        E.INADMITIDO_FIRME,
        E.CADUCADO,
        E.CERRADO_SIN_ACUERDO,
        E.CERRADO_EXCEDE_TOPE,
        E.HOMOLOGADO,
        E.EN_CUMPLIMIENTO,
        E.INCUMPLIMIENTO_DENUNCIADO,
        E.INTIMADO,
        E.CUMPLIDO,
        E.INCUMPLIMIENTO_VERIFICADO,
        E.ARCHIVADO,
        E.DESISTIDO,
        E.CONCLUIDO,
        E.SIN_ACUERDO,
        E.CONCLUIDO_CON_ACUERDO,
        E.CUMPLIMIENTO_COMUNICADO,
        E.EN_SUMARIO,
    }
)
