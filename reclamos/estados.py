"""The claim's states and one transition table per régimen, row for row as DOMAIN.md §2.1 (COPREC)
and §2.7 (Peru), so a lawyer can check this file against the law.

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

from cuentas.roles import Rol

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
PERSONAL_AR = {Rol.ADMISION, Rol.ADMINISTRADOR}
# T12d: withdrawal is possible from any state before the conciliation closes.
ANTES_DEL_CIERRE = {
    E.PRESENTADO,
    E.EN_ADMISION,
    E.REQUERIMIENTO,
    E.INADMITIDO,
    E.RECURSO_EN_TRAMITE,
    E.ADMITIDO,
    E.ESPERA_TURNO,
    E.ESPERA_DOC_AUTONOMO,
    E.CONCILIADOR_DESIGNADO,
    E.REDESIGNACION,
    E.AUDIENCIA_FIJADA,
    E.EN_CONCILIACION,
    E.INCOMPARECENCIA_PROVEEDOR,
}

TRANSICIONES_COPREC: dict[str, Transicion] = {
    # T2, T3: filing puts the claim in the admission queue at once (the system step T3).
    "presentar": T(
        {E.BORRADOR},
        E.EN_ADMISION,
        {Rol.CONSUMIDOR, Rol.ADMISION, SISTEMA},
        "D202-I.2, I.5, I.6, I.7",
        "reclamo.presentado",
        "Reclamo presentado",
    ),
    "requerir": T(
        {E.EN_ADMISION},
        E.REQUERIMIENTO,
        PERSONAL_AR,
        "D202-I.6",
        "reclamo.requerimiento",
        "Se requirió acreditar extremos",
        abre=("AR-01",),
        datos_obligatorios=("requerimiento",),
    ),
    "responder_requerimiento": T(
        {E.REQUERIMIENTO},
        E.EN_ADMISION,
        {Rol.CONSUMIDOR},
        "D202-I.6",
        "reclamo.requerimiento_respondido",
        "El consumidor respondió el requerimiento",
        cierra=("AR-01",),
    ),
    # T6: AR-01 expired unanswered; staff confirm (Q18), never automatic.
    "inadmitir_por_silencio": T(
        {E.REQUERIMIENTO},
        E.INADMITIDO,
        PERSONAL_AR,
        "D202-I.6",
        "reclamo.inadmitido",
        "No admitido: no se acreditaron extremos",
        cierra=("AR-01",),
        abre=("AR-02", "AR-02J"),
    ),
    "inadmitir": T(
        {E.EN_ADMISION},
        E.INADMITIDO,
        PERSONAL_AR,
        "D202-I.6",
        "reclamo.inadmitido",
        "Reclamo no admitido",
        abre=("AR-02", "AR-02J"),
        datos_obligatorios=("motivos",),
    ),
    "recurrir": T(
        {E.INADMITIDO},
        E.RECURSO_EN_TRAMITE,
        {Rol.CONSUMIDOR},
        "D202-I.6",
        "reclamo.recurso_interpuesto",
        "El consumidor recurrió la no admisión",
        cierra=("AR-02", "AR-02J"),
    ),
    "admitir_recurso": T(
        {E.RECURSO_EN_TRAMITE},
        E.ADMITIDO,
        PERSONAL_AR,
        "Decreto 1759/72",
        "reclamo.recurso_admitido",
        "Recurso admitido: reclamo admitido",
    ),
    "rechazar_recurso": T(
        {E.RECURSO_EN_TRAMITE},
        E.INADMITIDO_FIRME,
        PERSONAL_AR,
        "Decreto 1759/72",
        "reclamo.recurso_rechazado",
        "Recurso rechazado: no admisión firme",
    ),
    "firmar_inadmision": T(
        {E.INADMITIDO},
        E.INADMITIDO_FIRME,
        PERSONAL_AR | {SISTEMA},
        "Decreto 1759/72",
        "reclamo.inadmision_firme",
        "No admisión firme: vencieron los recursos",
        cierra=("AR-02", "AR-02J"),
    ),
    "admitir": T(
        {E.EN_ADMISION}, E.ADMITIDO, PERSONAL_AR, "D202-I.6", "reclamo.admitido", "Reclamo admitido"
    ),
    # T12a: method a waits for the consumer to pick a slot (Decision 10).
    "esperar_turno": T(
        {E.ADMITIDO},
        E.ESPERA_TURNO,
        PERSONAL_AR | {SISTEMA},
        "S000",
        "reclamo.espera_turno",
        "En espera de selección de turno",
    ),
    # T12b: the consumer picks a slot; the draw and the hearing happen in the same transaction.
    "designar_por_sorteo": T(
        {E.ESPERA_TURNO, E.REDESIGNACION},
        E.CONCILIADOR_DESIGNADO,
        {Rol.CONSUMIDOR, Rol.ADMISION, Rol.ADMINISTRADOR, SISTEMA},
        "D202-I.7; S000",
        "conciliador.sorteado",
        "Conciliador designado por sorteo",
        abre=("AR-05", "AR-07", "AR-24"),
    ),
    # T13a–c: method b, designation by agreement of the parties.
    "esperar_documento_autonomo": T(
        {E.ADMITIDO},
        E.ESPERA_DOC_AUTONOMO,
        PERSONAL_AR | {SISTEMA},
        "D202-I.7",
        "reclamo.espera_documento_autonomo",
        "En espera del documento autónomo de designación",
        abre=("AR-03",),
    ),
    "designar_por_acuerdo": T(
        {E.ESPERA_DOC_AUTONOMO, E.REDESIGNACION},
        E.CONCILIADOR_DESIGNADO,
        {Rol.CONCILIADOR, Rol.ADMISION, Rol.ADMINISTRADOR},
        "D202-I.7",
        "conciliador.designado_por_acuerdo",
        "Conciliador designado por acuerdo de partes",
        cierra=("AR-03",),
        abre=("AR-05", "AR-07"),
    ),
    "caducar": T(
        {E.ESPERA_DOC_AUTONOMO},
        E.CADUCADO,
        PERSONAL_AR | {SISTEMA},
        "D202-I.7",
        "reclamo.caducado",
        "Caducó: no se informó al conciliador en término",
        cierra=("AR-03",),
    ),
    # T14: method c, the consumer's choice (accepted by the chosen conciliator).
    "designar_por_eleccion": T(
        {E.ADMITIDO, E.REDESIGNACION},
        E.CONCILIADOR_DESIGNADO,
        {Rol.CONCILIADOR, Rol.ADMISION, Rol.ADMINISTRADOR},
        "D202-I.7",
        "conciliador.designado_por_eleccion",
        "Conciliador designado por elección del consumidor",
        abre=("AR-05", "AR-07"),
    ),
    # D202-I.2 (decision 0026): a joined claim takes the conciliator designated on the set's
    # lead, with no draw nor choice of its own.
    "designar_por_acumulacion": T(
        {E.ADMITIDO, E.ESPERA_TURNO, E.ESPERA_DOC_AUTONOMO, E.REDESIGNACION},
        E.CONCILIADOR_DESIGNADO,
        {Rol.CONSUMIDOR, Rol.CONCILIADOR, Rol.ADMISION, Rol.ADMINISTRADOR, SISTEMA},
        "D202-I.2, I.7",
        "conciliador.designado_por_acumulacion",
        "Conciliador designado en el reclamo principal de la acumulación",
        cierra=("AR-03",),
        abre=("AR-05", "AR-07"),
    ),
    # T15, T21: excusación or upheld recusación.
    # The portal itself ("sistema") when a suspension or exclusion ends the designation
    # (Anexo II arts. 4–5; decision 0027).
    "redesignar": T(
        {E.CONCILIADOR_DESIGNADO, E.AUDIENCIA_FIJADA},
        E.REDESIGNACION,
        {Rol.CONCILIADOR, Rol.ADMISION, Rol.ADMINISTRADOR, SISTEMA},
        "D202-I.7",
        "conciliador.apartado",
        "El conciliador se apartó: nueva designación",
        cierra=("AR-05", "AR-07"),
    ),
    # T15, T21 in method a when nobody eligible is free at the booked slot: the hearing is called
    # off (audiencias hook) and the consumer picks another slot, where the next round is drawn.
    "volver_a_elegir_turno": T(
        {E.REDESIGNACION},
        E.ESPERA_TURNO,
        PERSONAL_AR | {SISTEMA},
        "D202-I.7; Regla del portal",
        "reclamo.vuelve_a_elegir_turno",
        "Nadie habilitado está libre en el turno: el consumidor elige otro",
    ),
    # T16
    "fijar_audiencia": T(
        {E.CONCILIADOR_DESIGNADO},
        E.AUDIENCIA_FIJADA,
        {Rol.CONCILIADOR, Rol.CONSUMIDOR, Rol.ADMISION, Rol.ADMINISTRADOR, SISTEMA},
        "D202-I.10, I.11",
        "audiencia.fijada",
        "Audiencia fijada",
    ),
    # T16b
    "cancelar_audiencia_a": T(
        {E.AUDIENCIA_FIJADA},
        E.ESPERA_TURNO,
        {Rol.CONCILIADOR, Rol.CONSUMIDOR, Rol.ADMISION, Rol.ADMINISTRADOR},
        "Regla del portal",
        "audiencia.cancelada",
        "Audiencia cancelada: vuelve a elegir turno",
        cierra=("AR-05", "AR-07"),
    ),
    "cancelar_audiencia": T(
        {E.AUDIENCIA_FIJADA},
        E.CONCILIADOR_DESIGNADO,
        {Rol.CONCILIADOR, Rol.CONSUMIDOR, Rol.ADMISION, Rol.ADMINISTRADOR},
        "Regla del portal",
        "audiencia.cancelada",
        "Audiencia cancelada",
    ),
    # T22
    "celebrar_primera_audiencia": T(
        {E.AUDIENCIA_FIJADA},
        E.EN_CONCILIACION,
        {Rol.CONCILIADOR},
        "D202-I.6, I.11",
        "audiencia.celebrada",
        "Primera audiencia celebrada",
        cierra=("AR-07",),
        abre=("AR-10",),
    ),
    # T23–T25
    "registrar_incomparecencia_proveedor": T(
        {E.AUDIENCIA_FIJADA, E.EN_CONCILIACION},
        E.INCOMPARECENCIA_PROVEEDOR,
        {Rol.CONCILIADOR},
        "Ley 26.993 art. 16",
        "audiencia.incomparecencia",
        "El proveedor no compareció",
        abre=("AR-11",),
    ),
    "aceptar_justificacion": T(
        {E.INCOMPARECENCIA_PROVEEDOR},
        E.AUDIENCIA_FIJADA,
        {Rol.CONCILIADOR},
        "Ley 26.993 art. 16",
        "audiencia.justificacion_aceptada",
        "Justificación aceptada: nueva audiencia",
        cierra=("AR-11",),
    ),
    "cerrar_por_incomparecencia": T(
        {E.INCOMPARECENCIA_PROVEEDOR},
        E.CERRADO_SIN_ACUERDO,
        {Rol.CONCILIADOR, SISTEMA},
        "Ley 26.993 art. 16",
        "reclamo.cerrado_incomparecencia",
        "Cerrado sin acuerdo por incomparecencia del proveedor",
        cierra=("AR-11", "AR-10", "AR-10P"),
        abre=("AR-14", "AR-19"),
    ),
    # T26: an absent consumer ends the procedure; never a fine (Decision 11).
    "registrar_incomparecencia_consumidor": T(
        {E.AUDIENCIA_FIJADA, E.EN_CONCILIACION},
        E.DESISTIDO,
        {Rol.CONCILIADOR},
        "DF; Decision 11",
        "audiencia.incomparecencia_consumidor",
        "El consumidor no compareció: desistido",
        cancela_todos=True,
    ),
    # T28–T29 are suspension records; closing because the cap is exceeded is a state.
    "cerrar_por_tope": T(
        {
            E.EN_CONCILIACION,
            E.AUDIENCIA_FIJADA,
            E.ADMITIDO,
            E.ESPERA_TURNO,
            E.CONCILIADOR_DESIGNADO,
        },
        E.CERRADO_EXCEDE_TOPE,
        PERSONAL_AR,
        "D202-I.2",
        "reclamo.cerrado_excede_tope",
        "Cerrado: el reclamo excede el tope",
        cancela_todos=True,
    ),
    # T30
    "firmar_acuerdo": T(
        {E.EN_CONCILIACION},
        E.ACUERDO_FIRMADO,
        {Rol.CONCILIADOR},
        "Ley 26.993 art. 11; Decision 12",
        "acta.acuerdo_firmado",
        "Acuerdo firmado",
        cierra=("AR-10", "AR-10P"),
    ),
    # T32–T36
    "elevar_a_homologacion": T(
        {E.ACUERDO_FIRMADO},
        E.EN_HOMOLOGACION,
        {Rol.CONCILIADOR, SISTEMA},
        "D202-I.12",
        "homologacion.elevado",
        "Acuerdo elevado a homologación",
        cierra=("AR-12",),
        abre=("AR-13",),
    ),
    "observar_acuerdo": T(
        {E.EN_HOMOLOGACION},
        E.OBSERVADO,
        {Rol.HOMOLOGACION},
        "D202-I.14",
        "homologacion.observado",
        "Acuerdo observado",
        cierra=("AR-13",),
    ),
    "reelevar_acuerdo": T(
        {E.OBSERVADO},
        E.EN_HOMOLOGACION,
        {Rol.CONCILIADOR},
        "D202-I.12 e",
        "homologacion.reelevado",
        "Acuerdo corregido y elevado de nuevo",
        abre=("AR-13",),
    ),
    "homologar": T(
        {E.EN_HOMOLOGACION},
        E.HOMOLOGADO,
        {Rol.HOMOLOGACION},
        "D202-I.12, I.15",
        "homologacion.homologado",
        "Acuerdo homologado",
        cierra=("AR-13",),
    ),
    "denegar_homologacion": T(
        {E.EN_HOMOLOGACION},
        E.HOMOLOGACION_DENEGADA,
        {Rol.HOMOLOGACION},
        "D202-I.12, I.17",
        "homologacion.denegada",
        "Homologación denegada",
        cierra=("AR-13",),
    ),
    "cerrar_por_denegacion": T(
        {E.HOMOLOGACION_DENEGADA},
        E.CERRADO_SIN_ACUERDO,
        {Rol.HOMOLOGACION, SISTEMA},
        "D202-I.17",
        "reclamo.cerrado_sin_acuerdo",
        "Cerrado sin acuerdo (homologación denegada)",
    ),
    # T37
    "cerrar_sin_acuerdo": T(
        {E.EN_CONCILIACION},
        E.CERRADO_SIN_ACUERDO,
        {Rol.CONCILIADOR},
        "D202-I.6, I.17",
        "reclamo.cerrado_sin_acuerdo",
        "Cerrado sin acuerdo",
        cierra=("AR-10", "AR-10P"),
        abre=("AR-14",),
    ),
    # T38–T43
    "iniciar_cumplimiento": T(
        {E.HOMOLOGADO},
        E.EN_CUMPLIMIENTO,
        PERSONAL_AR | {Rol.HOMOLOGACION, SISTEMA},
        "Ley 26.993 art. 15",
        "cumplimiento.iniciado",
        "Acuerdo en etapa de cumplimiento",
    ),
    "denunciar_incumplimiento": T(
        {E.EN_CUMPLIMIENTO},
        E.INCUMPLIMIENTO_DENUNCIADO,
        {Rol.CONSUMIDOR},
        "D202-I.19",
        "cumplimiento.incumplimiento_denunciado",
        "El consumidor denunció incumplimiento",
    ),
    "intimar": T(
        {E.INCUMPLIMIENTO_DENUNCIADO},
        E.INTIMADO,
        PERSONAL_AR,
        "D202-I.19",
        "cumplimiento.intimado",
        "Proveedor intimado a acreditar cumplimiento",
        abre=("AR-18",),
    ),
    "registrar_cumplimiento": T(
        {E.INTIMADO, E.EN_CUMPLIMIENTO},
        E.CUMPLIDO,
        PERSONAL_AR | {Rol.CONSUMIDOR},
        "D202-I.19",
        "cumplimiento.cumplido",
        "Acuerdo cumplido",
        cierra=("AR-18",),
    ),
    "verificar_incumplimiento": T(
        {E.INTIMADO},
        E.INCUMPLIMIENTO_VERIFICADO,
        PERSONAL_AR,
        "D202-I.19; Ley 24.240 art. 46",
        "cumplimiento.incumplimiento_verificado",
        "Incumplimiento verificado",
        cierra=("AR-18",),
    ),
    "archivar": T(
        {
            E.CUMPLIDO,
            E.CERRADO_SIN_ACUERDO,
            E.INCUMPLIMIENTO_VERIFICADO,
            E.INADMITIDO_FIRME,
            E.CADUCADO,
            E.DESISTIDO,
            E.CERRADO_EXCEDE_TOPE,
        },
        E.ARCHIVADO,
        PERSONAL_AR | {SISTEMA},
        "Regla del portal",
        "reclamo.archivado",
        "Expediente archivado",
    ),
    # T12c, T12d
    "desistir": T(
        ANTES_DEL_CIERRE,
        E.DESISTIDO,
        {Rol.CONSUMIDOR, Rol.ADMISION, Rol.ADMINISTRADOR},
        "S000; regla del portal",
        "reclamo.desistido",
        "El consumidor desistió",
        cancela_todos=True,
    ),
}

PE_PERSONAL = {Rol.FUNCIONARIO, Rol.ADMINISTRADOR}
PE_ABIERTOS = {
    E.SOLICITADO,
    E.REGISTRADO,
    E.EN_MEDIACION,
    E.PROPUESTA_PROVEEDOR,
    E.AUDIENCIA_CONVOCADA,
}

TRANSICIONES_PERU: dict[str, Transicion] = {
    "presentar": T(
        {E.BORRADOR},
        E.SOLICITADO,
        {Rol.CONSUMIDOR, SISTEMA},
        "S001",
        "reclamo.presentado",
        "Reclamo solicitado",
        abre=("PE-SAC-1",),
    ),
    "registrar": T(
        {E.SOLICITADO},
        E.REGISTRADO,
        PE_PERSONAL | {SISTEMA},
        "S001",
        "reclamo.registrado",
        "Reclamo registrado y funcionario asignado",
        cierra=("PE-SAC-1",),
    ),
    "iniciar_mediacion": T(
        {E.REGISTRADO},
        E.EN_MEDIACION,
        PE_PERSONAL,
        "S001",
        "mediacion.iniciada",
        "Mediación iniciada",
        abre=("PE-SAC-2",),
    ),
    "proponer": T(
        {E.EN_MEDIACION},
        E.PROPUESTA_PROVEEDOR,
        {Rol.REPRESENTANTE},
        "S001",
        "mediacion.propuesta",
        "El proveedor envió una propuesta",
        cierra=("PE-SAC-2",),
        datos_obligatorios=("propuesta",),
    ),
    "dar_conformidad": T(
        {E.PROPUESTA_PROVEEDOR},
        E.CONCLUIDO_CON_ACUERDO,
        {Rol.CONSUMIDOR},
        "S001",
        "mediacion.conformidad",
        "El consumidor dio su conformidad a la propuesta",
        # The conformidad binds to the proposal document's SHA-256 (S001 "conformidad en línea").
        datos_obligatorios=("propuesta", "sha256"),
    ),
    "rechazar_propuesta": T(
        {E.PROPUESTA_PROVEEDOR},
        E.EN_MEDIACION,
        {Rol.CONSUMIDOR},
        "S001",
        "mediacion.propuesta_rechazada",
        "El consumidor rechazó la propuesta",
        abre=("PE-SAC-2",),
    ),
    "convocar_audiencia": T(
        {E.EN_MEDIACION, E.REGISTRADO},
        E.AUDIENCIA_CONVOCADA,
        PE_PERSONAL,
        "S001",
        "audiencia.convocada",
        "Audiencia de conciliación convocada",
        cierra=("PE-SAC-2",),
        datos_obligatorios=("inicio", "enlace_video"),
    ),
    # Portal rule (S001 is silent): the official calls a convened hearing off with a reason;
    # the mediation goes on, so the provider's answer is awaited again.
    "cancelar_audiencia_convocada": T(
        {E.AUDIENCIA_CONVOCADA},
        E.EN_MEDIACION,
        PE_PERSONAL,
        "Regla del portal",
        "audiencia.cancelada",
        "Audiencia de conciliación cancelada",
        abre=("PE-SAC-2",),
        datos_obligatorios=("motivo",),
    ),
    "conciliar": T(
        {E.AUDIENCIA_CONVOCADA},
        E.CONCLUIDO_CON_ACUERDO,
        PE_PERSONAL,
        "S001",
        "acta.conciliacion",
        "Acta de conciliación con acuerdo",
        datos_obligatorios=("acta",),
    ),
    "concluir_sin_acuerdo": T(
        {E.AUDIENCIA_CONVOCADA, E.EN_MEDIACION},
        E.SIN_ACUERDO,
        PE_PERSONAL,
        "S001",
        "reclamo.sin_acuerdo",
        "Concluido sin acuerdo",
        cierra=("PE-SAC-2",),
    ),
    "comunicar_cumplimiento": T(
        {E.CONCLUIDO_CON_ACUERDO},
        E.CUMPLIMIENTO_COMUNICADO,
        {Rol.CONSUMIDOR},
        "S001",
        "cumplimiento.comunicado",
        "El consumidor comunicó el cumplimiento",
        datos_obligatorios=("cumplio",),
    ),
    "concluir": T(
        {E.SIN_ACUERDO, E.CUMPLIMIENTO_COMUNICADO, E.CONCLUIDO_CON_ACUERDO},
        E.CONCLUIDO,
        PE_PERSONAL | {SISTEMA},
        "S001",
        "reclamo.concluido",
        "Reclamo concluido",
    ),
    "archivar": T(
        {E.CONCLUIDO},
        E.ARCHIVADO,
        PE_PERSONAL | {SISTEMA},
        "S001",
        "reclamo.archivado",
        "Expediente archivado",
    ),
    "desistir": T(
        PE_ABIERTOS,
        E.DESISTIDO,
        {Rol.CONSUMIDOR, Rol.FUNCIONARIO},
        "Regla del portal",
        "reclamo.desistido",
        "El consumidor desistió",
        cancela_todos=True,
    ),
}

TABLAS = {"COPREC": TRANSICIONES_COPREC, "PE-INDECOPI": TRANSICIONES_PERU}


def tabla(regimen_codigo: str) -> dict[str, Transicion]:
    """The régimen's table: its definition's own (normativa.regimenes) or the one kept here."""
    if regimen_codigo in TABLAS:
        return TABLAS[regimen_codigo]
    from normativa.regimenes import obtener

    return obtener(regimen_codigo).transiciones


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
