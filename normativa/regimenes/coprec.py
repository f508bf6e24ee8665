"""COPREC (Argentina): Ley 26.993 and Decreto 202/2015, DOMAIN.md §3.1.

COPREC "días" are administrative business days (DOMAIN Decision 2, Q3); calendar days only where
the text says "corridos". Values marked confianza="L" are configurable data to verify (Q2).
"""

from decimal import Decimal

from normativa.regimenes import (
    Calendario,
    Multa,
    Papel,
    Regimen,
    ReglasDeAuditoria,
    TipoPlazo,
    TrasFracaso,
    Unidad,
    registrar,
)
from normativa.regimenes.coprec_transiciones import TRANSICIONES
from normativa.roles import Rol

H, C = Unidad.HABILES, Unidad.CORRIDOS
AR = Calendario.AR


def _p(codigo, nombre, duracion, unidad, fuente, inicio, al_vencer, **extra) -> TipoPlazo:
    return TipoPlazo(codigo, nombre, duracion, unidad, AR, fuente, inicio, al_vencer, **extra)


ACERCA = (
    "La Ley 26.993 (Títulos I y II) creó el Servicio de Conciliación Previa en las Relaciones de "
    "Consumo (COPREC) y la Auditoría en las Relaciones de Consumo. El Decreto 202/2015 la "
    "reglamentó: el formulario de reclamo, la admisión, la designación de quien concilia, la "
    "audiencia, el acuerdo y su homologación, los honorarios y las multas, y el régimen "
    "disciplinario de los conciliadores.",
    "El Decreto 55/2025 (Boletín Oficial del 03/02/2025), dictado con las facultades delegadas "
    "por la Ley 27.742, disolvió el COPREC, el Registro Nacional de Conciliadores en las "
    "Relaciones de Consumo y el Fondo de Financiamiento, y derogó los artículos 1 a 40, 74 y 75 "
    "de la Ley 26.993.",
    "Los expedientes que estaban en trámite a esa fecha continúan ante la Secretaría de "
    "Industria y Comercio. Por eso el portal los sigue tramitando con las reglas del Decreto "
    "202/2015.",
    "Cuando la autoridad fija la fecha de fin de vigencia del régimen, el portal deja de admitir "
    "reclamos nuevos bajo el COPREC y lo avisa citando el Decreto 55/2025. Los reclamos nuevos a "
    "nivel nacional ingresan por la Ventanilla Federal Única de Reclamos de Defensa del "
    "Consumidor (Disposición 890/2025), que los deriva a la autoridad local competente.",
)

PLAZOS = [
    _p(
        "AR-01",
        "Acreditación de extremos requerida al consumidor",
        10,
        H,
        "D202-I.6",
        "Notificación del requerimiento",
        "No admisión (confirma el personal)",
        requiere_confirmacion=True,
        solo_consumidor=True,
    ),
    _p(
        "AR-02",
        "Recurso contra la no admisión (reconsideración)",
        20,
        H,
        "Decreto 1759/72 art. 84 (t.o. Decreto 695/2024)",
        "Notificación del rechazo",
        "El rechazo queda firme",
        requiere_confirmacion=True,
        confianza="L",
        solo_consumidor=True,
    ),
    _p(
        "AR-02J",
        "Recurso jerárquico contra la no admisión",
        30,
        H,
        "Decreto 1759/72 art. 89 (t.o. Decreto 695/2024)",
        "Notificación del rechazo",
        "El rechazo queda firme",
        requiere_confirmacion=True,
        confianza="L",
        solo_consumidor=True,
    ),
    _p(
        "AR-03",
        "Informar al conciliador propuesto (designación por acuerdo)",
        5,
        H,
        "D202-I.7",
        "La fecha posterior entre la admisión y el documento autónomo (Q7)",
        "Caduca el reclamo: debe presentarse de nuevo",
        solo_consumidor=True,
    ),
    _p(
        "AR-05",
        "Excusación del conciliador",
        3,
        H,
        "D202-I.7",
        "Designación o propuesta",
        "Vence el deber de excusarse",
    ),
    _p(
        "AR-06a",
        "Respuesta del conciliador recusado",
        3,
        H,
        "D202-I.7",
        "Conocimiento de la recusación",
        "La autoridad decide igual",
    ),
    _p(
        "AR-06b",
        "Decisión de la recusación",
        5,
        H,
        "D202-I.7",
        "Presentación de la recusación",
        "Alerta al personal",
    ),
    _p(
        "AR-07",
        "Celebrar la primera audiencia",
        10,
        H,
        "Ley 26.993 art. 7; D202-I.6, I.7, I.9",
        "Designación del conciliador",
        "Alerta al personal (sin cierre automático, Q8)",
        requiere_confirmacion=True,
        confianza="M",
    ),
    _p(
        "AR-08",
        "Suspensión por asistencia letrada",
        3,
        H,
        "D202-I.9",
        "Aviso del conciliador a las partes",
        "Se reanuda AR-07",
    ),
    _p(
        "AR-09",
        "Anticipación mínima de la notificación de la audiencia",
        3,
        H,
        "D202-I.10",
        "Notificación de la audiencia (3 días hábiles enteros entre ambas fechas, Q5)",
        "La audiencia no puede celebrarse válidamente: reprogramar",
    ),
    _p(
        "AR-10",
        "Duración de la conciliación",
        30,
        H,
        "D202-I.6; Ley 26.993 art. 12",
        "Primera audiencia",
        "Cierre sin acuerdo (confirma el conciliador)",
        requiere_confirmacion=True,
        confianza="L",
    ),
    _p(
        "AR-10P",
        "Prórroga de la conciliación",
        15,
        H,
        "Ley 26.993 art. 12",
        "Vencimiento de AR-10, por acuerdo de partes",
        "Cierre sin acuerdo",
        requiere_confirmacion=True,
        confianza="L",
    ),
    _p(
        "AR-11",
        "Justificación de la incomparecencia del proveedor",
        5,
        H,
        "Ley 26.993 art. 16 (CNACAF)",
        "Día de la audiencia a la que no asistió",
        "Cierre sin acuerdo y trámite de multa",
    ),
    _p(
        "AR-12",
        "Ratificación del acuerdo firmado por representante",
        5,
        H,
        "Ley 26.993 art. 11 párr. 3",
        "Firma del acuerdo",
        "Sin ratificación no hay acuerdo (confirma el personal)",
        requiere_confirmacion=True,
        confianza="L",
    ),
    _p(
        "AR-13",
        "Decisión de homologación",
        3,
        H,
        "Ley 26.993 art. 13",
        "Elevación a homologación",
        "Alerta al personal",
        requiere_confirmacion=True,
        confianza="L",
    ),
    _p(
        "AR-14",
        "Informe de cierre sin acuerdo a la Secretaría",
        2,
        H,
        "D202-I.17",
        "Cierre sin acuerdo",
        "Se señala al conciliador ante el Registro: posible falta (Anexo II art. 4 b)",
        requiere_confirmacion=True,
    ),
    _p(
        "AR-15",
        "Pago del honorario básico por el Fondo",
        15,
        H,
        "D202-I.17",
        "Presentación de la constancia ante el Fondo",
        "Alerta: pago vencido",
        confianza="M",
    ),
    _p(
        "AR-16",
        "Ejecutoriedad de honorarios impagos",
        45,
        C,
        "D202-I.17",
        "Última audiencia",
        "El acta de cierre es título ejecutivo",
        mueve_a_habil=False,
    ),
    _p(
        "AR-17",
        "Reintegro del honorario básico",
        5,
        H,
        "D202-I.17",
        "Cobro del honorario total",
        "Causal de suspensión (Anexo II art. 4 j)",
    ),
    _p(
        "AR-18",
        "Acreditar el cumplimiento tras la intimación",
        5,
        H,
        "D202-I.19",
        "Notificación de la intimación",
        "Verificación del incumplimiento (art. 46 Ley 24.240)",
        requiere_confirmacion=True,
    ),
    _p(
        "AR-19",
        "Certificación de la multa por el conciliador",
        5,
        H,
        "D202-I.16",
        "Vencimiento de AR-11",
        "Demora del trámite de multa",
        desde_vencimiento_de="AR-11",
    ),
    # The Auditoría en las Relaciones de Consumo (Title II; decision 0028). Its procedure's
    # articles of the law (29–35, 38) were not retrieved (DOMAIN Q2): AR-A1 and AR-A2 are
    # L-marked values to verify; AR-21 is the decree's own (D202-I.37).
    _p(
        "AR-A1",
        "Contestación del proveedor ante la Auditoría",
        5,
        H,
        "Ley 26.993 Título II (sin verificar)",
        "Traslado del reclamo al proveedor",
        "El procedimiento sigue sin la contestación",
        confianza="L",
    ),
    _p(
        "AR-A2",
        "Recurso judicial directo contra la resolución del Auditor",
        10,
        H,
        "Ley 26.993 art. 38 (sin verificar); D202-I.38",
        "Notificación de la resolución",
        "La resolución queda firme",
        confianza="L",
    ),
    _p(
        "AR-21",
        "Comunicación de la resolución firme a la autoridad de aplicación de la Ley 24.240",
        10,
        H,
        "D202-I.37",
        "La resolución queda firme",
        "Se señala al personal: comunicación atrasada",
        requiere_confirmacion=True,
    ),
    _p(
        "AR-23",
        "Recurso directo contra la multa",
        10,
        H,
        "Ley 24.240 art. 45",
        "Notificación del certificado definitivo",
        "La multa queda firme",
        confianza="L",
    ),
    _p(
        "AR-24",
        "Correo con los datos del conciliador tras elegir turno",
        72,
        Unidad.HORAS,
        "S000",
        "Elección del turno",
        "Alerta de servicio (no es plazo legal)",
        mueve_a_habil=False,
    ),
    _p(
        "AR-25",
        "Correo de admisión",
        15,
        C,
        "S000",
        "Presentación",
        "Alerta de servicio (no es plazo legal)",
        mueve_a_habil=False,
    ),
    # Anexo II (disciplinary regime): every term in administrative business days (D202-II.7)
    # except the suspension's calendar days (II.4) and the rehabilitation's years (II.6).
    # The subject of these plazos is the disciplinary case (conciliadores.CasoDisciplinario).
    _p(
        "AR-D1",
        "Comunicación de una inhabilidad o incompatibilidad por el conciliador",
        5,
        H,
        "D202-II.1",
        "Conocimiento de que la causal quedó firme",
        "La omisión es en sí misma sancionable (Anexo II art. 4 f)",
    ),
    _p(
        "AR-D2",
        "Ratificación de la denuncia",
        3,
        H,
        "D202-II.9 a, c",
        "Traslado al denunciante",
        "Sin ratificación: se impulsa de oficio si es verosímil; si no, se archiva",
    ),
    _p(
        "AR-D3",
        "Descargo del conciliador",
        5,
        H,
        "D202-II.9 b; II.11",
        "Notificación del traslado",
        "El procedimiento sigue sin descargo (art. 11)",
    ),
    _p(
        "AR-D4",
        "Sustanciación del sumario",
        90,
        H,
        "D202-II.17",
        "Resolución que ordena el sumario",
        "Alerta al registro: plazo ordenatorio vencido",
    ),
    _p(
        "AR-D5",
        "Alegato sobre el mérito de la prueba",
        3,
        H,
        "D202-II.19–20",
        "Vista al investigado",
        "Se certifica la falta de alegato y el sumario sigue (art. 20)",
    ),
    _p(
        "AR-D6",
        "Informe del instructor a la Secretaría de Justicia",
        5,
        H,
        "D202-II.20",
        "Resolución que cierra el sumario",
        "Alerta al registro: informe demorado",
    ),
    _p(
        "AR-D7",
        "Suspensión en el Registro (5 días corridos a 1 año; la resolución fija los días)",
        5,
        C,
        "D202-II.4",
        "Notificación fehaciente de la sanción",
        "Termina la suspensión: vuelve a estar habilitado",
        mueve_a_habil=False,
        recordatorio_dias=0,
    ),
    _p(
        "AR-D8",
        "Espera para la rehabilitación del excluido (3 años, por única vez)",
        1096,
        C,
        "D202-II.6",
        "Aplicación efectiva de la exclusión",
        "Puede pedirse la rehabilitación (por única vez)",
        mueve_a_habil=False,
        recordatorio_dias=0,
    ),
    _p(
        "AR-D9",
        "Ventanas de cómputo de causales (rechazos, reclamos desatendidos, suspensiones)",
        None,
        H,
        "D202-II.4 g; II.5 a, c",
        "Cada hecho que cuenta",
        "Alerta al registro: causal de suspensión o exclusión configurada",
    ),
]

# The part each term plays in the procedure (decision 0030): services ask for the papel.
PAPELES = {
    Papel.ACREDITACION: "AR-01",
    Papel.RECONSIDERACION: "AR-02",
    Papel.RECURSO_JERARQUICO: "AR-02J",
    Papel.INFORMAR_CONCILIADOR: "AR-03",
    Papel.EXCUSACION: "AR-05",
    Papel.RESPUESTA_RECUSACION: "AR-06a",
    Papel.DECISION_RECUSACION: "AR-06b",
    Papel.PRIMERA_AUDIENCIA: "AR-07",
    Papel.ASISTENCIA_LETRADA: "AR-08",
    Papel.AVISO_AUDIENCIA: "AR-09",
    Papel.CONCILIACION: "AR-10",
    Papel.PRORROGA: "AR-10P",
    Papel.JUSTIFICACION_PROVEEDOR: "AR-11",
    Papel.RATIFICACION: "AR-12",
    Papel.HOMOLOGACION: "AR-13",
    Papel.INFORME_CIERRE: "AR-14",
    Papel.PAGO_HONORARIO_BASICO: "AR-15",
    Papel.EJECUTORIEDAD_HONORARIOS: "AR-16",
    Papel.REINTEGRO_HONORARIO: "AR-17",
    Papel.CUMPLIMIENTO_ACUERDO: "AR-18",
    Papel.CERTIFICACION_MULTA: "AR-19",
    Papel.CONTESTACION_AUDITORIA: "AR-A1",
    Papel.RECURSO_AUDITORIA: "AR-A2",
    Papel.COMUNICACION_AUDITORIA: "AR-21",
    Papel.RECURSO_MULTA: "AR-23",
    Papel.CORREO_CONCILIADOR: "AR-24",
    Papel.CORREO_ADMISION: "AR-25",
    Papel.DISCIPLINA_COMUNICACION: "AR-D1",
    Papel.DISCIPLINA_RATIFICACION: "AR-D2",
    Papel.DISCIPLINA_DESCARGO: "AR-D3",
    Papel.DISCIPLINA_SUMARIO: "AR-D4",
    Papel.DISCIPLINA_ALEGATO: "AR-D5",
    Papel.DISCIPLINA_INFORME: "AR-D6",
    Papel.DISCIPLINA_SUSPENSION: "AR-D7",
    Papel.DISCIPLINA_REHABILITACION: "AR-D8",
    Papel.DISCIPLINA_VENTANAS: "AR-D9",
}

# Spanish as written in Argentina (seeds 000, 002): voseo, CUIT, DNI, pesos.
TEXTOS = {
    "agencia": "COPREC",
    # Wording shared pages and notices read instead of citing COPREC's law (decision 0038).
    "norma_litisconsorcio": "Decreto 202/2015, Anexo I, art. 2",
    "acerca_titulo": "Argentina: el COPREC y su cierre",
    "plataforma": "Conciliación en Consumo",
    "funcionario": "personal de admisión",
    "conduce": "Conciliador/a",
    "hora_oficial": "hora oficial argentina",
    "id_proveedor": "CUIT",
    "documento_consumidor": "DNI",
    "trato": "vos",
    "pedido": "Qué reclamás",
    "presentar_titulo": "Presentar un reclamo",
    "ayuda_mensaje": "Escribí tu mensaje: quedará en el expediente.",
}

COPREC = registrar(
    Regimen(
        codigo="COPREC",
        version="2015",
        nombre="Servicio de Conciliación Previa en las Relaciones de Consumo (COPREC)",
        pais="AR",
        zona_horaria="America/Argentina/Buenos_Aires",
        moneda="ARS",
        prefijo_numero="COPREC",
        base_legal=(
            "Ley 26.993 (Títulos I y II) y Decreto 202/2015. Disuelto por el Decreto 55/2025: "
            "los expedientes en trámite continúan ante la Secretaría de Industria y Comercio."
        ),
        tope_unidades=55,  # Ley 26.993 art. 2: 55 Salarios Mínimos, Vitales y Móviles
        unidad_tope="SMVM",
        plazos={p.codigo: p for p in PLAZOS},
        calendario_por_defecto=Calendario.AR,
        textos=TEXTOS,
        acerca=ACERCA,
        auditoria=ReglasDeAuditoria(tope_unidades=15, unidad_tope="SMVM"),
        transiciones=TRANSICIONES,
        roles=frozenset({Rol.ADMISION, Rol.HOMOLOGACION, Rol.ADMINISTRADOR}),
        papeles=PAPELES,
        # Every COPREC term is reported on the claim when its subject is one (the disciplinary
        # AR-D* have a CasoDisciplinario as subject: reclamos.ganchos skips them).
        plazos_con_consecuencia=tuple(p.codigo for p in PLAZOS),
        acciones_al_vencer={
            Papel.INFORMAR_CONCILIADOR: "caducar",  # T13c: the consumer must file again
            Papel.JUSTIFICACION_PROVEEDOR: "cerrar_por_incomparecencia",  # T25: fine path
        },
        requiere_homologacion=True,  # Ley 26.993 art. 13
        tras_fracaso=TrasFracaso.AUDITORIA,
        honorarios=True,  # D202-I.17
        multa_incomparecencia=Multa(
            unidad="SMVM",
            multiplo=Decimal(1),
            fuente="Ley 26.993 art. 16 (valor vigente a la fecha de la audiencia, Q11)",
        ),
        identificadores=("CUIT",),
    )
)
