"""CABA's transition table (DOMAIN-CABA §2, rows C1–C19), mapped onto the claim's existing states
where they mean the same; the sanction case (C20–C28) lives in the `sumarios` app.

Mapping (DOMAIN-CABA name → Estado): BORRADOR → BORRADOR; PRESENTADA/EN_ANALISIS → EN_ADMISION;
OBSERVADA → REQUERIMIENTO; RECHAZADA → INADMITIDO (→ INADMITIDO_FIRME); admitted, hearing to be
fixed → ADMITIDO; AUDIENCIA_FIJADA → AUDIENCIA_FIJADA (the SNEDC intimation is a flag on it: the
running CABA-04 term); INCOMPARECENCIA_DENUNCIADO → INCOMPARECENCIA_PROVEEDOR;
INCOMPARECENCIA_DENUNCIANTE → DESISTIDA → DESISTIDO; ACUERDO_FIRMADO / EN_CUMPLIMIENTO →
ACUERDO_FIRMADO (no homologation, Q2); CUMPLIDO, ARCHIVADO, INCUMPLIMIENTO_DENUNCIADO,
SIN_ACUERDO as named; EN_SUMARIO is the one new state (the consumer stops being a party).

Act names are CABA's own where another régimen's act of the same name has hooks that do not apply
here (COPREC's "admitir" commits a draw seed): CABA admits with "admitir_denuncia".
"""

from normativa.estados import SISTEMA, Estado, T, Transicion
from normativa.roles import Rol

E = Estado
PERSONAL = {Rol.FUNCIONARIO, Rol.ADMINISTRADOR}
L757 = "Ley 757 art. 9 d"
FAQ = "GCBA FAQ"
ABIERTOS = {E.EN_ADMISION, E.REQUERIMIENTO, E.ADMITIDO, E.AUDIENCIA_FIJADA}

TRANSICIONES: dict[str, Transicion] = {
    # C1, C2, C3: the online denuncia is filed and goes straight to analysis.
    "presentar": T(
        {E.BORRADOR},
        E.EN_ADMISION,
        {Rol.CONSUMIDOR, Rol.FUNCIONARIO, SISTEMA},
        "Decreto 714/2010; LDC art. 50 (interrupción)",
        "reclamo.presentado",
        "Denuncia presentada",
    ),
    # C4: missing documents asked for by e-mail (CABA-14, L).
    "requerir": T(
        {E.EN_ADMISION},
        E.REQUERIMIENTO,
        PERSONAL,
        "Práctica DGDyPC",
        "reclamo.requerimiento",
        "Se pidió documentación faltante",
        abre=("CABA-14",),
        datos_obligatorios=("requerimiento",),
    ),
    "responder_requerimiento": T(
        {E.REQUERIMIENTO},
        E.EN_ADMISION,
        {Rol.CONSUMIDOR},
        "Práctica DGDyPC",
        "reclamo.requerimiento_respondido",
        "El denunciante acompañó la documentación",
        cierra=("CABA-14",),
    ),
    # C5: not admissible (not a final consumer, outside the CABA, not the holder, no proof).
    "inadmitir": T(
        {E.EN_ADMISION, E.REQUERIMIENTO},
        E.INADMITIDO,
        PERSONAL,
        "GCBA, cómo denunciar",
        "reclamo.inadmitido",
        "Denuncia rechazada",
        cierra=("CABA-14",),
        abre=("CABA-12",),
        datos_obligatorios=("motivos",),
    ),
    "firmar_inadmision": T(
        {E.INADMITIDO},
        E.INADMITIDO_FIRME,
        PERSONAL | {SISTEMA},
        "DNU 1510/97",
        "reclamo.inadmision_firme",
        "Rechazo firme",
        cierra=("CABA-12",),
    ),
    # C6 (first half): admission.
    "admitir_denuncia": T(
        {E.EN_ADMISION},
        E.ADMITIDO,
        PERSONAL,
        "GCBA, cómo denunciar",
        "reclamo.admitido",
        "Denuncia admitida",
    ),
    # C6: the hearing is fixed with a staff audiencista (audiencias.services.mediacion makes the
    # Audiencia on this act). From INCOMPARECENCIA_PROVEEDOR's accepted excuse (C14, CABA-02) and
    # from a reactivated denuncia (C12) the claim is ADMITIDO again.
    "convocar_audiencia": T(
        {E.EN_ADMISION, E.ADMITIDO},
        E.AUDIENCIA_FIJADA,
        PERSONAL,
        FAQ,
        "audiencia.convocada",
        "Audiencia de conciliación fijada",
        cierra=("CABA-02",),
        datos_obligatorios=("inicio",),
    ),
    # C6b: a provider with no electronic domicile gets the SNEDC cédula (CABA-04, 10 DHA).
    "intimar_domicilio_electronico": T(
        {E.ADMITIDO, E.AUDIENCIA_FIJADA},
        E.AUDIENCIA_FIJADA,
        PERSONAL,
        "Disposición 4366/DGDYPC/2020 art. 3",
        "snedc.intimado",
        "Se intimó al proveedor a constituir domicilio electrónico (SNEDC)",
        abre=("CABA-04",),
    ),
    "constituir_domicilio_electronico": T(
        {E.AUDIENCIA_FIJADA},
        E.AUDIENCIA_FIJADA,
        PERSONAL | {Rol.REPRESENTANTE},
        "Disposición 4366/DGDYPC/2020",
        "snedc.constituido",
        "El proveedor constituyó domicilio electrónico",
        cierra=("CABA-04",),
    ),
    # C6c: CABA-04 expired: conciliation closed without agreement (staff confirm).
    "concluir_sin_domicilio_electronico": T(
        {E.AUDIENCIA_FIJADA},
        E.SIN_ACUERDO,
        PERSONAL | {SISTEMA},
        "Disposición 4366/DGDYPC/2020 art. 3",
        "snedc.concluida",
        "Concluyó la instancia conciliatoria sin acuerdo: no se constituyó domicilio electrónico",
        cierra=("CABA-04",),
        cancela_todos=True,
    ),
    # C9: agreement acta, no homologation (Q2); CABA-10 runs for compliance.
    "conciliar": T(
        {E.AUDIENCIA_FIJADA},
        E.ACUERDO_FIRMADO,
        PERSONAL,
        FAQ,
        "acta.acuerdo",
        "Acta de acuerdo firmada",
        abre=("CABA-10",),
        cierra=("CABA-04",),
        datos_obligatorios=("acta",),
    ),
    # §4.3: cuarto intermedio: the hearing is suspended and continues at a new date fixed on the
    # spot by the same audiencista (audiencias.services.mediacion makes the continuation).
    "pasar_a_cuarto_intermedio": T(
        {E.AUDIENCIA_FIJADA},
        E.AUDIENCIA_FIJADA,
        PERSONAL,
        FAQ,
        "audiencia.cuarto_intermedio",
        "Cuarto intermedio: la audiencia continúa en una nueva fecha",
        datos_obligatorios=("continuacion",),
    ),
    # C10
    "concluir_sin_acuerdo": T(
        {E.AUDIENCIA_FIJADA},
        E.SIN_ACUERDO,
        PERSONAL,
        FAQ,
        "reclamo.sin_acuerdo",
        "Instancia conciliatoria concluida sin acuerdo",
        cierra=("CABA-04",),
    ),
    # C11: the consumer did not come within the 30 minutes: archived as withdrawn; CABA-03.
    "registrar_incomparecencia_denunciante": T(
        {E.AUDIENCIA_FIJADA},
        E.DESISTIDO,
        PERSONAL,
        FAQ,
        "audiencia.incomparecencia_denunciante",
        "Incomparecencia del denunciante: denuncia archivada como desistida",
        abre=("CABA-03",),
        cierra=("CABA-04",),
    ),
    # C12: the excuse proved within CABA-03: reactivated, a new hearing is fixed.
    "reactivar": T(
        {E.DESISTIDO},
        E.ADMITIDO,
        PERSONAL,
        FAQ,
        "reclamo.reactivado",
        "Denuncia reactivada: el denunciante justificó su ausencia",
        cierra=("CABA-03",),
        datos_obligatorios=("justificacion",),
    ),
    # C13: the provider did not come: CABA-01 (3 DHA from the hearing's date, Q6).
    "registrar_incomparecencia_denunciado": T(
        {E.AUDIENCIA_FIJADA},
        E.INCOMPARECENCIA_PROVEEDOR,
        PERSONAL,
        L757,
        "audiencia.incomparecencia_denunciado",
        "Incomparecencia del denunciado",
        abre=("CABA-01",),
        cierra=("CABA-04",),
    ),
    # C14: excuse accepted: a new hearing within CABA-02.
    "aceptar_justificacion": T(
        {E.INCOMPARECENCIA_PROVEEDOR},
        E.ADMITIDO,
        PERSONAL,
        L757,
        "incomparecencia.justificada",
        "Se aceptó la justificación del denunciado: se fijará nueva audiencia",
        cierra=("CABA-01",),
        abre=("CABA-02",),
        datos_obligatorios=("justificacion",),
    ),
    # C15: no valid excuse: conciliation failed and the fine of 300–20,000 UF (the act records it:
    # sumarios.services.multa_por_incomparecencia).
    "sancionar_incomparecencia": T(
        {E.INCOMPARECENCIA_PROVEEDOR},
        E.SIN_ACUERDO,
        PERSONAL,
        L757,
        "incomparecencia.multa",
        "Instancia conciliatoria fracasada: multa por incomparecencia",
        cierra=("CABA-01",),
        datos_obligatorios=("multa",),
    ),
    # C18: the consumer confirms compliance; then archived.
    "confirmar_cumplimiento": T(
        {E.ACUERDO_FIRMADO},
        E.CUMPLIDO,
        {Rol.CONSUMIDOR} | PERSONAL,
        "(inferido)",
        "cumplimiento.confirmado",
        "El denunciante confirmó el cumplimiento del acuerdo",
        cierra=("CABA-10",),
    ),
    "archivar": T(
        {E.CUMPLIDO},
        E.ARCHIVADO,
        PERSONAL | {SISTEMA},
        "(inferido)",
        "reclamo.archivado",
        "Expediente archivado",
    ),
    # C19: breach reported: an infringement in itself (LDC art. 46; J03D).
    "denunciar_incumplimiento": T(
        {E.ACUERDO_FIRMADO},
        E.INCUMPLIMIENTO_DENUNCIADO,
        {Rol.CONSUMIDOR} | PERSONAL,
        "LDC art. 46; Ley 757 art. 17 (J03D)",
        "cumplimiento.incumplimiento",
        "El denunciante informó que el acuerdo no se cumplió",
        cierra=("CABA-10",),
        datos_obligatorios=("detalle",),
    ),
    # C16, C19: the file goes to the legal area as a sumario; the consumer stops being a party.
    "pasar_a_sumario": T(
        {E.SIN_ACUERDO, E.INCUMPLIMIENTO_DENUNCIADO},
        E.EN_SUMARIO,
        PERSONAL | {SISTEMA},
        "GCBA FAQ; LDC art. 46",
        "sumario.abierto",
        "El expediente pasó al área jurídica: sumario",
        cancela_todos=True,
    ),
    "desistir": T(
        ABIERTOS,
        E.DESISTIDO,
        {Rol.CONSUMIDOR, Rol.FUNCIONARIO},
        "Regla del portal",
        "reclamo.desistido",
        "El denunciante desistió",
        cancela_todos=True,
    ),
}
