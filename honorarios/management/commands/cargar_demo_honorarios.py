"""Demo values for fees and fines (idempotent), clearly marked as demo data: the unidad de
referencia, a fee schedule, the SMVM and the fines' payment instructions. The migrations ship
these tables empty (DOMAIN Q10): in a real deployment the administration loads the values in
force ("Valores de honorarios y multas")."""

import datetime
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from honorarios.services.multas import CLAVE_PAGO
from normativa.models import ArancelHonorarios, TextoNormativo, ValorReferencia

DESDE = datetime.date(2026, 1, 1)
FUENTE = "Valor de demostración: reemplazar por el de la norma vigente"


class Command(BaseCommand):
    help = "Carga valores de demostración de honorarios y multas (idempotente)."

    @transaction.atomic
    def handle(self, *args, **options):
        for tipo, valor in (("UR", Decimal("25000.00")), ("SMVM", Decimal("330000.00"))):
            ValorReferencia.objects.get_or_create(
                tipo=tipo, vigente_desde=DESDE, defaults={"valor": valor, "fuente": FUENTE}
            )
        ArancelHonorarios.objects.get_or_create(
            vigente_desde=DESDE,
            defaults={
                "unidades_basico": Decimal("3.00"),
                "bandas_total": [
                    {"hasta": "500000.00", "unidades": "6.00"},
                    {"hasta": "2000000.00", "unidades": "10.00"},
                    {"hasta": None, "unidades": "15.00"},
                ],
                "fuente": FUENTE,
            },
        )
        TextoNormativo.objects.get_or_create(
            clave=CLAVE_PAGO,
            vigente_desde=DESDE,
            defaults={
                "titulo": "Instrucciones de pago de las multas por incomparecencia",
                "texto": (
                    "[Texto de demostración: la autoridad debe reemplazarlo por el que fije la "
                    "Secretaría.] Depositar el importe dentro de los 10 días hábiles de notificada "
                    "esta intimación en la cuenta que indique la autoridad de aplicación, y "
                    "acreditar el pago en el expediente."
                ),
                "fuente": FUENTE,
            },
        )
        self.stdout.write("Valores de demostración de honorarios y multas cargados.")
