"""The CABA calendar's decreed days (DOMAIN-CABA §7) and the national asuetos of December 2022.

- 24 and 31 Dec 2020: días inhábiles administrativos decreed by the Jefe de Gobierno of the
  Ciudad (PERFIL2020). Rows of jurisdiction AR-C for AR-CABA only.
- 23 and 30 Dec 2022: national asuetos for the Administración Pública Nacional (Decreto PEN
  820/2022). The Ciudad did not adhere (15COM, DPOP): rows for AR only, so AR-CABA counts them.
- 10 Oct 2025: the national feriado trasladado (Decreto 614/2025) is a national holiday, so it
  reaches AR-CABA too.
"""

import datetime

from django.db import migrations

PERFIL2020 = (
    "Decreto del Jefe de Gobierno de la Ciudad de Buenos Aires (diciembre de 2020), según "
    "https://www.perfil.com/noticias/sociedad/el-gobierno-porteno-tambien-otorga-asueto-el-24-y-31-de-diciembre.phtml"
)

DIAS = [
    # (fecha, jurisdicción, tipo, calendarios, fuente, descripción)
    *[
        (
            fecha,
            "AR-C",
            "inhabil",
            ["AR-CABA"],
            PERFIL2020,
            "Día inhábil administrativo de la Ciudad Autónoma de Buenos Aires",
        )
        for fecha in ("2020-12-24", "2020-12-31")
    ],
    *[
        (
            fecha,
            "AR",
            "asueto",
            ["AR"],
            "Decreto 820/2022",
            "Administración Pública Nacional; la Ciudad de Buenos Aires no adhirió",
        )
        for fecha in ("2022-12-23", "2022-12-30")
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
    trasladado = DiaNoHabil.objects.filter(
        fecha=datetime.date(2025, 10, 10), jurisdiccion="AR", tipo="feriado_trasladado"
    ).first()
    if trasladado and "AR-CABA" not in trasladado.calendarios:
        trasladado.calendarios = [*trasladado.calendarios, "AR-CABA"]
        trasladado.save(update_fields=["calendarios"])


def quitar(apps, schema_editor):
    DiaNoHabil = apps.get_model("normativa", "DiaNoHabil")
    for fecha, jurisdiccion, *_ in DIAS:
        DiaNoHabil.objects.filter(
            fecha=datetime.date.fromisoformat(fecha), jurisdiccion=jurisdiccion, cargado_por=None
        ).delete()
    for dia in DiaNoHabil.objects.filter(jurisdiccion="AR"):
        if "AR-CABA" in dia.calendarios:
            dia.calendarios = [c for c in dia.calendarios if c != "AR-CABA"] or ["AR"]
            dia.save(update_fields=["calendarios"])


class Migration(migrations.Migration):
    dependencies = [("normativa", "0006_calendario_caba")]

    operations = [migrations.RunPython(cargar, quitar)]
