"""CABA-13 (appeal against a preventive measure, Ley 757 art. 13 as worded by Ley 6407: the text
is cut off) as a dated value staff maintain (decision 0039): 5 DHA, confidence L, "verificar"
until an administrator confirms it citing a norm."""

import datetime
from decimal import Decimal

from django.db import migrations

CLAVE = {"tipo": "PLAZO-CABA-13", "vigente_desde": datetime.date(2000, 1, 1)}


def cargar(apps, schema_editor):
    ValorReferencia = apps.get_model("normativa", "ValorReferencia")
    ValorReferencia.objects.get_or_create(
        **CLAVE,
        defaults={
            "valor": Decimal(5),
            "fuente": "Sin norma hallada: Ley 757 art. 13 (Ley 6407) con el texto cortado "
            "(DOMAIN-CABA CABA-13)",
            "confianza": "L",
            "nota": "Configuración: la fecha no es la de una norma; sin fuente primaria hallada.",
        },
    )


def quitar(apps, schema_editor):
    apps.get_model("normativa", "ValorReferencia").objects.filter(
        **CLAVE, cargado_por=None
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sumarios", "0002_medidas_y_ejecucion_fiscal"),
        ("normativa", "0011_tope_auditoria"),
    ]

    operations = [migrations.RunPython(cargar, quitar)]
