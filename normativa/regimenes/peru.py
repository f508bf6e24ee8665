"""Peru: Libro de Reclamaciones (Ley 29571 art. 24, DS 011-2011-PCM as amended by DS
101-2022-PCM) and Indecopi's Reclama Virtual. DOMAIN.md §3.2 and Q14, Q16."""

from normativa.regimenes import Calendario, Regimen, TipoPlazo, Unidad, registrar

H = Unidad.HABILES

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
        3,
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
        7,
        H,
        Calendario.PE_ENTIDAD,
        "Plazo de servicio (Q16)",
        "Traslado al proveedor",
        "Alerta al funcionario",
        confianza="L",
    ),
]

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
    )
)
