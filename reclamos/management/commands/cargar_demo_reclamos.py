"""Demo data for claims: an SMVM value (clearly labelled as a demo value) and two claims of the
demo consumer, one filed and one in admission. Idempotent."""

import datetime
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from cuentas.models import Usuario
from normativa.models import ValorReferencia
from reclamos.models import Reclamo
from reclamos.services import presentacion

PROVEEDOR = {
    "identificador": "30712345671",
    "razon_social": "Telefonía Ejemplo S.A.",
    "domicilio_legal": "Av. Corrientes 1234, CABA",
}


class Command(BaseCommand):
    help = "Carga reclamos de demostración (idempotente)."

    @transaction.atomic
    def handle(self, *args, **options):
        ValorReferencia.objects.get_or_create(
            tipo="SMVM",
            vigente_desde=datetime.date(2026, 1, 1),
            defaults={
                "valor": Decimal("330000.00"),
                "fuente": "Valor de demostración: cargar el vigente por resolución",
            },
        )
        consumidora = Usuario.objects.filter(email="consumidora@demo.conciliacion.ar").first()
        if consumidora is None:
            self.stderr.write("Primero corré cargar_demo.")
            return
        if Reclamo.objects.filter(consumidor=consumidora).exists():
            self.stdout.write("Los reclamos de demostración ya estaban cargados.")
            return
        for hechos, monto in [
            ("El servicio de internet está cortado desde hace tres semanas.", Decimal("85000")),
            ("Me cobraron un cargo que no contraté en la factura de octubre.", Decimal("23500.50")),
        ]:
            reclamo = presentacion.iniciar_borrador(consumidor=consumidora, por=consumidora)
            presentacion.guardar_borrador(
                reclamo,
                por=consumidora,
                paso="revision",
                datos={
                    "consumidor_domicilio": "Av. Rivadavia 5000, CABA",
                    "hechos": hechos,
                    "objeto": "Que se restituya el servicio y se reintegre lo cobrado.",
                    "monto": monto,
                    "lugar": "Mi domicilio — CABA",
                    "metodo_designacion": "a",
                },
            )
            presentacion.guardar_proveedores(reclamo, por=consumidora, proveedores=[PROVEEDOR])
            presentacion.presentar_reclamo(reclamo, por=consumidora)
        self.stdout.write(self.style.SUCCESS("Reclamos de demostración cargados."))
