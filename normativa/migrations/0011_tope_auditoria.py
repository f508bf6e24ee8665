"""The Auditoría's cap (15 SMVM, DOMAIN §2.5: per DF, M) as a dated value (decision 0031)."""

import datetime
from decimal import Decimal

from django.db import migrations

CLAVE = {"tipo": "TOPE-AUDITORIA-COPREC", "vigente_desde": datetime.date(2014, 9, 19)}


def cargar(apps, schema_editor):
    ValorReferencia = apps.get_model("normativa", "ValorReferencia")
    ValorReferencia.objects.get_or_create(
        **CLAVE,
        defaults={
            "valor": Decimal(15),
            "fuente": "Ley 26.993 Título II (según DF, sin verificar en el texto)",
            "confianza": "M",
        },
    )


def quitar(apps, schema_editor):
    apps.get_model("normativa", "ValorReferencia").objects.filter(
        **CLAVE, cargado_por=None
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("normativa", "0010_dia_no_habil_correcciones")]

    operations = [migrations.RunPython(cargar, quitar)]
