"""The decreed days known when the portal shipped (DOMAIN §8.2), each with its source.

Later days are loaded by staff through plazos.services.registrar_dia_no_habil.
"""

import datetime

from django.db import migrations

SECTOR_PUBLICO_PE = "Día no laborable compensable del sector público"

DIAS = [
    # (fecha, jurisdicción, tipo, calendarios, fuente, descripción)
    (
        "2025-10-10",
        "AR",
        "feriado_trasladado",
        ["AR"],
        "Decreto 614/2025 y Res. JGM 139/2025",
        "Día del Respeto a la Diversidad Cultural, trasladado del domingo 12/10/2025",
    ),
    (
        "2025-12-24",
        "AR",
        "asueto",
        ["AR"],
        "Decreto 883/2025",
        "Administración Pública Nacional (B.O. 15/12/2025)",
    ),
    (
        "2025-12-31",
        "AR",
        "asueto",
        ["AR"],
        "Decreto 883/2025",
        "Administración Pública Nacional (B.O. 15/12/2025)",
    ),
    *[
        (fecha, "PE", "no_laborable", ["PE-entidad"], "DS 042-2025-PCM", SECTOR_PUBLICO_PE)
        for fecha in ("2025-05-02", "2025-12-26", "2026-01-02")
    ],
    *[
        (fecha, "PE", "no_laborable", ["PE-entidad"], "DS 011-2024-PCM", SECTOR_PUBLICO_PE)
        for fecha in (
            "2024-07-26",
            "2024-10-07",
            "2024-12-06",
            "2024-12-23",
            "2024-12-24",
            "2024-12-30",
            "2024-12-31",
        )
    ],
]


def cargar(apps, schema_editor):
    DiaNoHabil = apps.get_model("normativa", "DiaNoHabil")
    for fecha, jurisdiccion, tipo, calendarios, fuente, descripcion in DIAS:
        DiaNoHabil.objects.get_or_create(
            fecha=datetime.date.fromisoformat(fecha),
            jurisdiccion=jurisdiccion,
            defaults={
                "tipo": tipo,
                "calendarios": calendarios,
                "fuente": fuente,
                "descripcion": descripcion,
            },
        )


def quitar(apps, schema_editor):
    DiaNoHabil = apps.get_model("normativa", "DiaNoHabil")
    for fecha, jurisdiccion, *_ in DIAS:
        DiaNoHabil.objects.filter(
            fecha=datetime.date.fromisoformat(fecha), jurisdiccion=jurisdiccion, cargado_por=None
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("normativa", "0002_dia_no_habil")]

    operations = [migrations.RunPython(cargar, quitar)]
