"""The claim's states and the shape of a transition table. Each régimen's table is part of its
definition (Regimen.transiciones, normativa/regimenes/*_transiciones.py, decision 0030), row for
row as DOMAIN.md §2.1 (COPREC) and §2.7 (Peru), so a lawyer can check it against the law.

Pauses from which the claim returns where it was (domicile search, legal assistance, recusación,
over-cap review, ratification impediment) are suspension records, not states (Decision 9).
Accumulation (T11) is a relation between claims (reclamos.models.Acumulacion), not a state: each
claim keeps its own number, cap check and flow (docs/decisions/0003-expediente-y-estados.md).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SISTEMA = "sistema"  # acts of the portal itself (the sweeper, an automatic step)


class Estado(models.TextChoices):
    BORRADOR = "BORRADOR", _("Borrador")
    PRESENTADO = "PRESENTADO", _("Presentado")
    EN_ADMISION = "EN_ADMISION", _("En admisión")
    REQUERIMIENTO = "REQUERIMIENTO", _("Requerimiento de acreditación")
    INADMITIDO = "INADMITIDO", _("No admitido")
    RECURSO_EN_TRAMITE = "RECURSO_EN_TRAMITE", _("Recurso en trámite")
    INADMITIDO_FIRME = "INADMITIDO_FIRME", _("No admitido (firme)")
    ADMITIDO = "ADMITIDO", _("Admitido")
    ESPERA_TURNO = "ESPERA_TURNO", _("En espera de selección de turno")
    ESPERA_DOC_AUTONOMO = "ESPERA_DOC_AUTONOMO", _("En espera del documento de designación")
    CADUCADO = "CADUCADO", _("Caducado")
    CONCILIADOR_DESIGNADO = "CONCILIADOR_DESIGNADO", _("Conciliador designado")
    REDESIGNACION = "REDESIGNACION", _("Nueva designación de conciliador")
    AUDIENCIA_FIJADA = "AUDIENCIA_FIJADA", _("Audiencia fijada")
    EN_CONCILIACION = "EN_CONCILIACION", _("En conciliación")
    INCOMPARECENCIA_PROVEEDOR = "INCOMPARECENCIA_PROVEEDOR", _("Incomparecencia del proveedor")
    ACUERDO_FIRMADO = "ACUERDO_FIRMADO", _("Acuerdo firmado")
    EN_HOMOLOGACION = "EN_HOMOLOGACION", _("En homologación")
    OBSERVADO = "OBSERVADO", _("Acuerdo observado")
    HOMOLOGADO = "HOMOLOGADO", _("Acuerdo homologado")
    HOMOLOGACION_DENEGADA = "HOMOLOGACION_DENEGADA", _("Homologación denegada")
    CERRADO_SIN_ACUERDO = "CERRADO_SIN_ACUERDO", _("Cerrado sin acuerdo")
    CERRADO_EXCEDE_TOPE = "CERRADO_EXCEDE_TOPE", _("Cerrado: excede el tope")
    EN_CUMPLIMIENTO = "EN_CUMPLIMIENTO", _("En cumplimiento")
    INCUMPLIMIENTO_DENUNCIADO = "INCUMPLIMIENTO_DENUNCIADO", _("Incumplimiento denunciado")
    INTIMADO = "INTIMADO", _("Proveedor intimado")
    CUMPLIDO = "CUMPLIDO", _("Cumplido")
    INCUMPLIMIENTO_VERIFICADO = "INCUMPLIMIENTO_VERIFICADO", _("Incumplimiento verificado")
    ARCHIVADO = "ARCHIVADO", _("Archivado")
    DESISTIDO = "DESISTIDO", _("Desistido")
    # Peru, Reclama Virtual (DOMAIN §2.7)
    SOLICITADO = "SOLICITADO", _("Solicitado")
    REGISTRADO = "REGISTRADO", _("Registrado")
    EN_MEDIACION = "EN_MEDIACION", _("En mediación")
    PROPUESTA_PROVEEDOR = "PROPUESTA_PROVEEDOR", _("Propuesta del proveedor")
    CONCLUIDO_CON_ACUERDO = "CONCLUIDO_CON_ACUERDO", _("Concluido con acuerdo")
    CUMPLIMIENTO_COMUNICADO = "CUMPLIMIENTO_COMUNICADO", _("Cumplimiento comunicado")
    AUDIENCIA_CONVOCADA = "AUDIENCIA_CONVOCADA", _("Audiencia de conciliación convocada")
    SIN_ACUERDO = "SIN_ACUERDO", _("Sin acuerdo")
    CONCLUIDO = "CONCLUIDO", _("Concluido")
    # CABA (Ley 757): the file turned into a sanction case (sumarios app).
    EN_SUMARIO = "EN_SUMARIO", _("En sumario")


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


@dataclass(frozen=True)
class Transicion:
    desde: frozenset[str]
    hacia: str
    roles: frozenset[str]
    fuente: str
    actuacion: str  # dotted expediente code
    texto: str  # short human text in Spanish for the expediente
    abre: tuple[str, ...] = ()  # kinds of plazo opened (DOMAIN §3)
    cierra: tuple[str, ...] = ()  # kinds of plazo met
    cancela_todos: bool = False  # every running plazo of the claim is cancelled
    datos_obligatorios: tuple[str, ...] = field(default=())


def T(desde, hacia, roles, fuente, actuacion, texto, **extra) -> Transicion:
    return Transicion(frozenset(desde), hacia, frozenset(roles), fuente, actuacion, texto, **extra)


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
