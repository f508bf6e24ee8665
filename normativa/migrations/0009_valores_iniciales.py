"""The dated legal values known when decision 0031 shipped, each with its source and confidence
(DOMAIN.md §5, DOMAIN-CABA.md §3, §5). Peso values of the UF and the CBT were not retrieved: staff
load them (the page says they are missing). Term lengths no source fixes are L: the staff page
shows "verificar" until someone confirms them citing a norm."""

import datetime
from decimal import Decimal

from django.db import migrations

SIN_NORMA = "Configuración: la fecha no es la de una norma; sin fuente primaria hallada."

VALORES = [
    # (tipo, vigente_desde, valor, fuente, confianza, nota)
    ("TOPE-COPREC", "2014-09-19", "55", "Ley 26.993 art. 2", "H", ""),
    (
        "MULTA-INCOMPARECENCIA-COPREC",
        "2014-09-19",
        "1",
        "Ley 26.993 art. 16 (según CNACAF)",
        "H",
        "",
    ),
    (
        "UMBRAL-HOMOLOGACION",
        "2014-09-19",
        "0.50",
        "Decisión 0005 del portal: la ley dice «sustancialmente inferior» sin cifra",
        "L",
        "Antes era la variable HOMOLOGACION_UMBRAL_SUMA.",
    ),
    (
        "MULTA-INCOMPARECENCIA-CABA-MIN",
        "2016-11-29",
        "300",
        "Ley 757 art. 9 d (Ley 5.675)",
        "H",
        "",
    ),
    (
        "MULTA-INCOMPARECENCIA-CABA-MAX",
        "2016-11-29",
        "20000",
        "Ley 757 art. 9 d (Ley 5.675)",
        "H",
        "",
    ),
    ("MULTA-LDC-MIN", "2022-12-01", "0.50", "Ley 24.240 art. 47 (según DIARIO5)", "M", ""),
    ("MULTA-LDC-MAX", "2022-12-01", "2100", "Ley 24.240 art. 47 (según DIARIO5)", "M", ""),
    (
        "PLAZO-CABA-06",
        "2000-01-01",
        "3",
        "Sin norma hallada: como COPREC (DOMAIN-CABA CABA-06)",
        "L",
        SIN_NORMA,
    ),
    (
        "PLAZO-CABA-07",
        "2000-01-01",
        "5",
        "Sin norma hallada: de memoria (DOMAIN-CABA CABA-07, Q7)",
        "L",
        SIN_NORMA,
    ),
    (
        "PLAZO-CABA-09",
        "2000-01-01",
        "10",
        "Ley 24.240 art. 45 por analogía, de memoria (DOMAIN-CABA CABA-09, Q14)",
        "L",
        SIN_NORMA,
    ),
]


def cargar(apps, schema_editor):
    ValorReferencia = apps.get_model("normativa", "ValorReferencia")
    for tipo, desde, valor, fuente, confianza, nota in VALORES:
        ValorReferencia.objects.get_or_create(
            tipo=tipo,
            vigente_desde=datetime.date.fromisoformat(desde),
            defaults={
                "valor": Decimal(valor),
                "fuente": fuente,
                "confianza": confianza,
                "nota": nota,
            },
        )


def quitar(apps, schema_editor):
    ValorReferencia = apps.get_model("normativa", "ValorReferencia")
    for tipo, desde, *_ in VALORES:
        ValorReferencia.objects.filter(
            tipo=tipo, vigente_desde=datetime.date.fromisoformat(desde), cargado_por=None
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("normativa", "0008_valores_fechados")]

    operations = [migrations.RunPython(cargar, quitar)]
