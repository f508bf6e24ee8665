"""Fills the configured database with N claims in a realistic mix (issue 13)."""

import time

from django.core.management.base import BaseCommand, CommandError

from escala.sembrado import PERSONAS, BaseConDatos, clasificar_proveedores, sembrar
from estadisticas.refresco import refrescar


class Command(BaseCommand):
    help = (
        "Siembra la base configurada con N reclamos de escala (COPY en PostgreSQL) y las cuentas "
        "con las que entra el benchmark. Se niega si la base tiene datos que no sembró."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reclamos", type=int, required=True)
        parser.add_argument("--semilla", type=int, default=1)
        parser.add_argument(
            "--procesos",
            type=int,
            default=2,
            help="Procesos que generan los reclamos en PostgreSQL (2: los núcleos de la máquina).",
        )
        parser.add_argument(
            "--sin-cifras",
            action="store_true",
            help="No calcula las cifras de datos abiertos y tablero (refrescar_cifras aparte).",
        )

    def handle(self, *args, reclamos, semilla, sin_cifras, procesos, **options):
        if reclamos < 1:
            raise CommandError("--reclamos tiene que ser al menos 1.")
        try:
            totales = sembrar(
                reclamos, semilla, salida=self.stdout.write, procesos=max(1, procesos)
            )
        except BaseConDatos as error:
            raise CommandError(str(error)) from None
        segundos = totales.pop("segundos")
        for tabla, filas in sorted(totales.items()):
            self.stdout.write(f"  {tabla}: {filas} filas")
        self.stdout.write(f"Listo: {reclamos} reclamos en {segundos} s.")
        # The open data and the dashboard read maintained figures: classify the seeded
        # providers by the trade in their name and compute the figures once (issue 14).
        inicio = time.perf_counter()
        clasificados = clasificar_proveedores()
        if sin_cifras:
            self.stdout.write(f"{clasificados} proveedores clasificados; cifras sin calcular.")
            self._cuentas()
            return
        meses = refrescar(completo=True)
        self.stdout.write(
            f"Cifras: {clasificados} proveedores clasificados, {meses} meses calculados en "
            f"{time.perf_counter() - inicio:.1f} s."
        )
        self._cuentas()

    def _cuentas(self):
        self.stdout.write("Cuentas (contraseña clave-de-escala-123):")
        for clave, (email, rol) in PERSONAS.items():
            self.stdout.write(f"  {clave}: {email} ({rol})")
