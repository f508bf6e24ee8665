"""Peru: Libro de Reclamaciones (Ley 29571 art. 24, DS 011-2011-PCM as amended by DS
101-2022-PCM) and Indecopi's Reclama Virtual. DOMAIN.md §3.2 and Q14, Q16."""

import datetime

from django.conf import settings

from normativa.regimenes import (
    Calendario,
    Papel,
    Regimen,
    ReglasDeAudiencia,
    TipoPlazo,
    TrasFracaso,
    Unidad,
    registrar,
)
from normativa.regimenes.peru_transiciones import TRANSICIONES
from normativa.roles import Rol

H = Unidad.HABILES


def _servicio(codigo: str, defecto: int) -> int:
    """Q16: Indecopi's own timers are service levels, not law: the deployment sets them
    (settings.PLAZOS_DE_SERVICIO, business days on the PE-entidad calendar)."""
    return int(getattr(settings, "PLAZOS_DE_SERVICIO", {}).get(codigo, defecto))


PLAZOS = [
    TipoPlazo(
        "PE-01",
        "Respuesta del proveedor a la hoja de reclamación",
        15,
        H,
        Calendario.PE_PROVEEDOR,
        "Ley 29571 art. 24; DS 101-2022-PCM",
        "Registro de la hoja",
        "Infracción sancionable; la hoja queda vencida",
    ),
    TipoPlazo(
        "PE-02",
        "Propuesta de solución pendiente de aceptación",
        5,
        H,
        Calendario.PE_PROVEEDOR,
        "DS 101-2022-PCM",
        "Envío de la propuesta",
        "Se tiene por rechazada; se reanuda PE-01",
    ),
    # Q16: no legal term was found for Indecopi's own steps; these are configurable SLA timers.
    TipoPlazo(
        "PE-SAC-1",
        "Registro del reclamo por Indecopi",
        _servicio("PE-SAC-1", 3),
        H,
        Calendario.PE_ENTIDAD,
        "Plazo de servicio (Q16)",
        "Solicitud del reclamo",
        "Alerta al funcionario",
        confianza="L",
    ),
    TipoPlazo(
        "PE-SAC-2",
        "Respuesta del proveedor en la mediación",
        _servicio("PE-SAC-2", 7),
        H,
        Calendario.PE_ENTIDAD,
        "Plazo de servicio (Q16)",
        "Traslado al proveedor",
        "Alerta al funcionario",
        confianza="L",
    ),
]

# Spanish as written in Peru (S001, S003): "usted", RUC, DNI or CE, soles.
ACERCA = (
    "Ley 29571, Código de Protección y Defensa del Consumidor, artículo 24 (modificado por la "
    "Ley 31435): el proveedor responde los reclamos en un plazo no mayor de 15 días hábiles.",
    "Reglamento del Libro de Reclamaciones: Decreto Supremo 011-2011-PCM, modificado por los "
    "Decretos Supremos 006-2014-PCM y 101-2022-PCM.",
    "Reclama Virtual-Audiencias del Indecopi: mediación (diálogo sin audiencia) y conciliación "
    "(con audiencia virtual).",
)

TEXTOS = {
    "agencia": "Indecopi",
    "acerca_titulo": "Perú: Libro de Reclamaciones y Reclama Virtual",
    "plataforma": "Reclama Virtual",
    "funcionario": "funcionario/a del Indecopi",
    "conduce": "Funcionario/a del Indecopi",
    "hora_oficial": "hora de Lima",
    "resultado.incomparecencia_proveedor": "Inasistencia del proveedor",
    "resultado.incomparecencia_consumidor": "Inasistencia del consumidor",
    "id_proveedor": "RUC",
    "documento_consumidor": "DNI o CE",
    "trato": "usted",
    "pedido": "Pedido",
    "presentar_titulo": "Nuevo reclamo ante el Indecopi",
    "presentar_ayuda": (
        "Complete sus datos y los del proveedor. Un funcionario del Indecopi registrará su "
        "reclamo, le asignará un número y buscará una solución con el proveedor mediante la "
        "mediación en línea."
    ),
    "adhesion_pendiente": (
        "Su cuenta estará activa cuando hayamos validado su identidad: lo contactaremos y le "
        "enviaremos un correo cuando pueda usar la plataforma."
    ),
    "adhesion_requerida": (
        "Para presentar reclamos y enviar mensajes, primero regístrese en Reclama Virtual y "
        "espere la validación de su identidad."
    ),
    "ayuda_mensaje": (
        "Escriba su mensaje. El proveedor y el funcionario del Indecopi lo verán, y quedará en "
        "el expediente."
    ),
    "ayuda_conformidad": (
        "Al dar su conformidad, usted acepta la propuesta tal como figura en el documento cuya "
        "huella digital (SHA-256) se muestra. El reclamo concluirá con acuerdo."
    ),
    "ayuda_rechazo": "Indique por qué no acepta la propuesta. La mediación continuará.",
    "ayuda_cumplimiento": (
        "Cuéntenos si el proveedor cumplió lo acordado. Si no cumplió, puede presentar una "
        "denuncia ante el Indecopi: el incumplimiento de un acuerdo conciliatorio es motivo de "
        "denuncia en el procedimiento sumarísimo."
    ),
}

# S001 "audiencias virtuales convocadas por el Indecopi": the official conducts; whatever the
# outcome, the acta closes the conciliation (DOMAIN §2.7: ACTA_CONCILIACION / SIN_ACUERDO). No
# legal consequence of an absence was found (Q16): it is recorded and the claim ends without
# agreement, leaving the consumer the denuncia.
AUDIENCIAS = ReglasDeAudiencia(
    conduce="funcionario",
    plantillas="audiencias/mediacion",
    resultados={
        "acuerdo": "conciliar",
        "sin_acuerdo": "concluir_sin_acuerdo",
        "incomparecencia_proveedor": "concluir_sin_acuerdo",
        "incomparecencia_consumidor": "concluir_sin_acuerdo",
    },
    acta="audiencias/mediacion/acta",
    # L: S001 and S003 are silent on the notice and the hours of a Reclama Virtual hearing; these
    # are the agency's configuration (docs/decisions/0020): two Indecopi business days, and a start
    # within the agency's attention hours.
    anticipacion_minima_habiles=2,
    horario_desde=datetime.time(8, 30),
    horario_hasta=datetime.time(16, 30),
)

PERU = registrar(
    Regimen(
        codigo="PE-INDECOPI",
        version="2022",
        nombre="Libro de Reclamaciones y Reclama Virtual (Indecopi)",
        pais="PE",
        zona_horaria="America/Lima",
        moneda="PEN",
        prefijo_numero="INDECOPI",
        base_legal=(
            "Ley 29571 (Código de Protección y Defensa del Consumidor) art. 24, modificado por "
            "la Ley 31435; DS 011-2011-PCM modificado por los DS 006-2014-PCM y 101-2022-PCM."
        ),
        tope_unidades=None,
        unidad_tope="UIT",
        plazos={p.codigo: p for p in PLAZOS},
        calendario_por_defecto=Calendario.PE_PROVEEDOR,
        procedimiento="mediacion",
        pagina="reclamos:mediacion",
        textos=TEXTOS,
        acerca=ACERCA,
        audiencias=AUDIENCIAS,
        transiciones=TRANSICIONES,
        roles=frozenset({Rol.FUNCIONARIO, Rol.ADMINISTRADOR}),
        papeles={
            Papel.RESPUESTA_HOJA: "PE-01",
            Papel.PROPUESTA_HOJA: "PE-02",
            Papel.REGISTRO: "PE-SAC-1",
            Papel.RESPUESTA_MEDIACION: "PE-SAC-2",
        },
        # PE-01/PE-02 belong to the provider's complaints book (libro.ganchos registers them).
        plazos_con_consecuencia=("PE-SAC-1", "PE-SAC-2"),
        # No homologation, fees or absence fine in Reclama Virtual (S001); without agreement the
        # consumer may file a denuncia (procedimiento sumarísimo).
        tras_fracaso=TrasFracaso.DENUNCIA,
        identificadores=("RUC",),
    )
)
