"""Ciudad Autónoma de Buenos Aires: Ley 757 (texto consolidado por las Leyes 6017 y 6347) and
Decreto 714/2010, run by the Dirección General de Defensa y Protección al Consumidor (DGDyPC).
/work/shared/DOMAIN-CABA.md §0–§8; docs/decisions/0032-caba.md.

Every CABA term is counted in administrative business days (DHA) of the CABA calendar (Q4).
Lengths no source confirmed (confianza="L") are deployment configuration
(settings.PLAZOS_CABA, code → business days), shown to staff with a "verificar" badge and never
applied automatically (requiere_confirmacion): they are not law until someone checks the text.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings

from normativa.regimenes import (
    Calendario,
    Multa,
    Papel,
    Regimen,
    ReglasDeAudiencia,
    TipoPlazo,
    TrasFracaso,
    Unidad,
    registrar,
)
from normativa.regimenes.caba_transiciones import TRANSICIONES
from normativa.roles import Rol

CODIGO = "AR-CABA-757"
H = Unidad.HABILES
# The CABA administrative calendar (DOMAIN-CABA §7): national holidays + the Ciudad's decreed days.
CALENDARIO = Calendario.AR_CABA

# Version of the consolidated text each article reference follows (Q1).
LEY_757 = "Ley 757 (t.c. Ley 6017/6347)"


def configurable(codigo: str, defecto: int) -> int:
    """A length no source gave (confianza L): the deployment's value, else the default the
    domain reference recommends. Both are configuration to verify, never law."""
    return int(getattr(settings, "PLAZOS_CABA", {}).get(codigo, defecto))


def _p(codigo, nombre, duracion, fuente, inicio, al_vencer, **extra) -> TipoPlazo:
    return TipoPlazo(codigo, nombre, duracion, H, CALENDARIO, fuente, inicio, al_vencer, **extra)


SIN_FUENTE = "Plazo no encontrado en las fuentes: configuración del despliegue (verificar)"

PLAZOS = [
    _p(
        "CABA-01",
        "Justificación de la incomparecencia del denunciado",
        3,
        f"{LEY_757} art. 9 d (Leyes 5.592 y 5.675)",
        # Q6: "dentro de los tres días hábiles de fijada la audiencia", read as the hearing's
        # date (the only reading that lets one justify an absence).
        "Fecha de la audiencia a la que no compareció (Q6)",
        "Se tiene por fracasada la instancia conciliatoria; multa de 300 a 20.000 UF "
        "(confirma el personal)",
        requiere_confirmacion=True,
        confianza="M",
    ),
    _p(
        "CABA-02",
        "Nueva audiencia tras aceptar la justificación",
        5,
        f"{LEY_757} art. 9 d (Ley 5.675)",
        "Aceptación de la justificación",
        "Alerta al personal: la nueva audiencia debía fijarse",
        requiere_confirmacion=True,
    ),
    _p(
        "CABA-03",
        "Justificación de la incomparecencia del denunciante (reactivación)",
        3,
        "GCBA, Defensa al Consumidor, preguntas frecuentes",
        "Fecha de la audiencia",
        "La denuncia queda archivada como desistida",
        confianza="M",
        solo_consumidor=True,
    ),
    _p(
        "CABA-04",
        "Constitución del domicilio electrónico del proveedor (SNEDC)",
        10,
        "Disposición 4366/DGDYPC/2020 art. 3",
        "Notificación de la cédula con el aviso del SNEDC",
        "Se tiene por concluida la instancia conciliatoria sin acuerdo (confirma el personal)",
        requiere_confirmacion=True,
    ),
    # CABA-05: the 30-minute tolerance is a rule of the hearing (ReglasDeAudiencia below), not a
    # term the deadline engine counts.
    _p(
        "CABA-05",
        "Tolerancia de la audiencia (30 minutos)",
        None,
        "GCBA, Defensa al Consumidor, preguntas frecuentes",
        "Hora fijada para la audiencia",
        "Se registra la incomparecencia",
        confianza="M",
    ),
    _p(
        "CABA-06",
        "Anticipación mínima de la citación a la audiencia",
        configurable("CABA-06", 3),
        SIN_FUENTE,
        "Notificación de la cédula",
        "Alerta al personal: la citación podría no llegar a tiempo",
        requiere_confirmacion=True,
        confianza="L",
    ),
    _p(
        "CABA-07",
        "Descargo del sumariado tras la imputación",
        configurable("CABA-07", 5),
        SIN_FUENTE,
        "Notificación de la imputación",
        "El sumario sigue sin descargo (confirma el personal)",
        requiere_confirmacion=True,
        confianza="L",
    ),
    _p(
        "CABA-08",
        "Período de prueba",
        configurable("CABA-08", 10),
        f"{LEY_757} art. 12 (existencia, J03F); duración no encontrada (verificar)",
        "Apertura de la prueba",
        "Pase a resolver (confirma el personal)",
        requiere_confirmacion=True,
        confianza="L",
    ),
    _p(
        "CABA-09",
        "Recurso directo ante la Cámara CAyTyRC",
        configurable("CABA-09", 10),
        f"{LEY_757} (recurso directo, J02A); duración no encontrada (verificar, Q14)",
        "Notificación de la disposición",
        "La disposición queda firme (confirma el personal)",
        requiere_confirmacion=True,
        confianza="L",
    ),
    _p(
        "CABA-10",
        "Cumplimiento del acuerdo",
        configurable("CABA-10", 20),
        "Plazo fijado en el acta de acuerdo (J03D: 20 días hábiles en un caso)",
        "Firma del acta de acuerdo",
        "Alerta: el consumidor puede denunciar el incumplimiento (LDC art. 46)",
        requiere_confirmacion=True,
        confianza="M",
    ),
    _p(
        "CABA-11",
        "Acreditación de la publicación de la sanción",
        30,
        "Decreto 714/2010 (vía abogados.com.ar)",
        "Notificación de la disposición sancionatoria",
        "Incumplimiento de la publicación (consecuencia no encontrada: confirma el personal)",
        requiere_confirmacion=True,
        confianza="M",
    ),
    _p(
        "CABA-12",
        "Impugnación del rechazo de la denuncia",
        configurable("CABA-12", 10),
        "DNU 1510/97 (LPA CABA), artículo no leído (verificar)",
        "Notificación del rechazo",
        "El rechazo queda firme (confirma el personal)",
        requiere_confirmacion=True,
        confianza="L",
        solo_consumidor=True,
    ),
    _p(
        "CABA-13",
        "Apelación de una medida preventiva",
        configurable("CABA-13", 5),
        f"{LEY_757} art. 13 (Ley 6407 art. 2), texto cortado (verificar)",
        "Notificación de la medida",
        "La medida queda firme (confirma el personal)",
        requiere_confirmacion=True,
        confianza="L",
    ),
    _p(
        "CABA-14",
        "Documentación faltante requerida al denunciante",
        configurable("CABA-14", 10),
        "Práctica de la DGDyPC (correo del personal); plazo no encontrado (verificar)",
        "Correo del personal con el requerimiento",
        "Rechazo o archivo (confirma el personal)",
        requiere_confirmacion=True,
        confianza="L",
        solo_consumidor=True,
    ),
    # Years: not counted by the engine; the sumario shows it from the infringement's date.
    _p(
        "CABA-15",
        "Prescripción de las sanciones de la LDC (3 años, verificar)",
        None,
        "LDC art. 50 según la Cámara CAyT (interrupción M; duración L)",
        "La infracción",
        "La sanción prescribe",
        confianza="L",
    ),
]


# Ley 757 art. 9 d: "multa de 300 a 20.000 unidades fijas, o conforme lo determine anualmente la
# Ley Tarifaria" (L5675, H). The UF's peso value by year was not retrieved: a dated row.
MULTA_INCOMPARECENCIA = Multa(
    "UF", minimo=Decimal("300"), maximo=Decimal("20000"), fuente=f"{LEY_757} art. 9 d (Ley 5.675)"
)
# LDC art. 47 b: 0,5 to 2.100 Canastas Básicas Totales para el Hogar 3 (INDEC) (DIARIO5, M).
MULTA_LDC = Multa(
    "CBT",
    minimo=Decimal("0.5"),
    maximo=Decimal("2100"),
    fuente="Ley 24.240 art. 47 b",
    confianza="M",
)

# LDC art. 47 sanctions (DIARIO5, M).
SANCIONES_LDC = {
    "apercibimiento": "Apercibimiento",
    "multa": "Multa",
    "decomiso": "Decomiso de las mercaderías y productos objeto de la infracción",
    "clausura": "Clausura del establecimiento o suspensión del servicio (hasta 30 días)",
    "suspension_proveedores": "Suspensión de hasta 5 años en los registros de proveedores del "
    "Estado",
    "perdida_beneficios": "Pérdida de concesiones, privilegios, regímenes impositivos o "
    "crediticios especiales",
}
# LDC art. 49: what the disposición must weigh, in writing (J03C5).
CRITERIOS_ART_49 = {
    "perjuicio": "Perjuicio resultante de la infracción para el consumidor o usuario",
    "posicion_mercado": "Posición en el mercado del infractor",
    "beneficio": "Cuantía del beneficio obtenido",
    "intencionalidad": "Grado de intencionalidad",
    "riesgo": "Gravedad de los riesgos o de los perjuicios sociales derivados de la infracción "
    "y su generalización",
    "reincidencia": "Reincidencia y demás circunstancias relevantes del hecho",
}

# Terms whose subject is the denuncia (reclamos.ganchos reports their expiry); the sanction
# case's (CABA-07, 08, 09, 11) are the sumario's (sumarios.ganchos).
DE_LA_DENUNCIA = ("CABA-01", "CABA-02", "CABA-03", "CABA-04", "CABA-10", "CABA-12", "CABA-14")

PAPELES = {
    Papel.JUSTIFICACION_PROVEEDOR: "CABA-01",
    Papel.NUEVA_AUDIENCIA: "CABA-02",
    Papel.JUSTIFICACION_CONSUMIDOR: "CABA-03",
    Papel.DOMICILIO_ELECTRONICO: "CABA-04",
    Papel.AVISO_AUDIENCIA: "CABA-06",
    Papel.DESCARGO: "CABA-07",
    Papel.PRUEBA: "CABA-08",
    Papel.RECURSO_DIRECTO: "CABA-09",
    Papel.CUMPLIMIENTO_ACUERDO: "CABA-10",
    Papel.PUBLICACION: "CABA-11",
    Papel.RECONSIDERACION: "CABA-12",
    Papel.ACREDITACION: "CABA-14",
    Papel.APELACION_MEDIDA: "CABA-13",
}

# Voseo (es-AR), the DGDyPC's own words (FAQ, TRAM, MIBEL2).
ACERCA = (
    "La Ley 24.240 (art. 41) hace de la Ciudad la autoridad local de aplicación. La Ley 757 de "
    "la Ciudad (texto consolidado por las Leyes 6017 y 6347) regula el procedimiento: denuncia, "
    "audiencia de conciliación, sumario, sanciones y daño directo; la Dirección General de "
    "Defensa y Protección al Consumidor (DGDyPC) la aplica.",
    "El Decreto 714/GCABA/2010 la reglamenta: el daño directo se reclama al denunciar y quien es "
    "sancionado tiene 30 días hábiles para acreditar la publicación de la sanción.",
    "La Disposición 4366/DGDYPC/2020 creó el Sistema de Notificación Electrónica en Defensa del "
    "Consumidor (SNEDC): la empresa denunciada constituye un domicilio electrónico o, intimada, "
    "la conciliación se da por concluida sin acuerdo.",
    "Por la Disposición 423/DGDYPC/2025 la Ciudad adhirió a la Ventanilla Única Federal: los "
    "reclamos presentados allí que le corresponden se derivan a la DGDyPC.",
)

TEXTOS = {
    "agencia": "Dirección General de Defensa y Protección al Consumidor (GCBA)",
    "acerca_titulo": "Ciudad de Buenos Aires: Ley 757",
    "plataforma": "Defensa al Consumidor — Ciudad de Buenos Aires",
    "funcionario": "audiencista de la DGDyPC",
    "conduce": "Audiencista",
    "hora_oficial": "hora oficial argentina",
    "resultado.incomparecencia_proveedor": "Incomparecencia del denunciado",
    "resultado.incomparecencia_consumidor": "Incomparecencia del denunciante",
    "resultado.nueva_audiencia": "Cuarto intermedio (continúa en otra fecha)",
    "id_proveedor": "CUIT",
    "documento_consumidor": "DNI",
    "trato": "vos",
    "pedido": "Qué le pedís a la empresa",
    "presentar_titulo": "Hacer una denuncia ante Defensa al Consumidor",
    "presentar_ayuda": (
        "Contanos qué pasó y qué le pedís a la empresa. Si la empresa dañó un bien tuyo, podés "
        "reclamar ahora el daño directo: solo se puede pedir al hacer la denuncia."
    ),
    "ayuda_mensaje": "Escribí tu mensaje: quedará en el expediente.",
    "ayuda_cumplimiento": (
        "Contanos si la empresa cumplió lo acordado. Si no cumplió, el incumplimiento es una "
        "infracción (LDC art. 46) y la Dirección abre un sumario."
    ),
    "tolerancia": "Hay 30 minutos de tolerancia: pasado ese tiempo se registra la ausencia.",
}

# DOMAIN-CABA §1: a DGDyPC official (audiencista) conducts; no roll, no draw, no fees. In person at
# a Comuna or the central office, remote, or hybrid (consumer at the Comuna, company by video).
AUDIENCIAS = ReglasDeAudiencia(
    conduce="funcionario",
    plantillas="caba",
    resultados={
        "acuerdo": "conciliar",
        "sin_acuerdo": "concluir_sin_acuerdo",
        "incomparecencia_proveedor": "registrar_incomparecencia_denunciado",
        "incomparecencia_consumidor": "registrar_incomparecencia_denunciante",
        # The audiencista suspends the hearing and fixes its continuation on the spot (§4.3).
        "nueva_audiencia": "pasar_a_cuarto_intermedio",
    },
    acta="caba/acta_audiencia",
    # CABA-06 (not found, L): the deployment's notice in DHA; hours of the DGDyPC (L).
    anticipacion_minima_habiles=configurable("CABA-06", 3),
    horario_desde=datetime.time(9, 0),
    horario_hasta=datetime.time(15, 0),
    tolerancia_minutos=30,  # CABA-05 (FAQ, M)
)
TOLERANCIA_MINUTOS = AUDIENCIAS.tolerancia_minutos
MODALIDADES = {
    "presencial": "Presencial (Sede Comunal u oficina central)",
    "remota": "Remota (videollamada)",
    "hibrida": "Híbrida (denunciante en la Comuna, empresa por videollamada)",
}

CABA = registrar(
    Regimen(
        codigo=CODIGO,
        version="6347",
        nombre="Defensa al Consumidor de la Ciudad de Buenos Aires (Ley 757)",
        pais="AR",
        zona_horaria="America/Argentina/Buenos_Aires",
        moneda="ARS",
        prefijo_numero="CABA",
        base_legal=(
            "Ley 24.240 art. 41; Ley 757 de la Ciudad (texto consolidado por las Leyes 6017 y "
            "6347); Decreto 714/GCABA/2010; Disposición 4366/DGDYPC/2020."
        ),
        tope_unidades=None,  # no cap found (Q12)
        unidad_tope="",
        plazos={p.codigo: p for p in PLAZOS},
        # Q8: the next-day rule stays off until Disp. 4366's text is read.
        notificacion_electronica_dia_siguiente=False,
        calendario_por_defecto=CALENDARIO,
        procedimiento="denuncia",
        pagina="sumarios:denuncia",
        textos=TEXTOS,
        acerca=ACERCA,
        audiencias=AUDIENCIAS,
        transiciones=TRANSICIONES,
        roles=frozenset({Rol.FUNCIONARIO, Rol.ADMINISTRADOR}),
        papeles=PAPELES,
        plazos_con_consecuencia=(
            "CABA-01",
            "CABA-02",
            "CABA-03",
            "CABA-04",
            "CABA-10",
            "CABA-12",
            "CABA-14",
        ),
        requiere_homologacion=False,
        tras_fracaso=TrasFracaso.SUMARIO,
        honorarios=False,
        multa_incomparecencia=MULTA_INCOMPARECENCIA,
        identificadores=("CUIT",),
    )
)
