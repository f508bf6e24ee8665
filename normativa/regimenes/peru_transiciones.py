"""Peru's transition table (Reclama Virtual, S001), row for row as DOMAIN.md §2.7. The states are
reclamos.estados.Estado; the table is the definition's (Regimen.transiciones, decision 0030)."""

from normativa.estados import SISTEMA, Estado, T, Transicion
from normativa.roles import Rol

E = Estado
PE_PERSONAL = {Rol.FUNCIONARIO, Rol.ADMINISTRADOR}
PE_ABIERTOS = {
    E.SOLICITADO,
    E.REGISTRADO,
    E.EN_MEDIACION,
    E.PROPUESTA_PROVEEDOR,
    E.AUDIENCIA_CONVOCADA,
}

TRANSICIONES: dict[str, Transicion] = {
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
