"""`python manage.py plazo --pais AR --desde 2026-01-05 --dias 10 --unidad habiles`
(`--calendario AR-CABA` is the same option under the name the régimen definitions use)

Computes a term to perform an act, as the public calculator does, and prints why it falls due
on that day (or, with --json, one JSON object)."""

import json

from django.core.management.base import BaseCommand, CommandError

from conciliacion.errores import DatosInvalidos
from plazos.calculadora import calcular, interpretar, resultado_json


class Command(BaseCommand):
    help = "Calcula el vencimiento de un plazo y explica el cómputo día por día."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pais",
            "--calendario",
            dest="pais",
            required=True,
            help="AR (Argentina), AR-CABA (Ciudad de Buenos Aires) o PE (Perú, proveedor)",
        )
        parser.add_argument("--desde", required=True, help="Fecha de inicio AAAA-MM-DD")
        parser.add_argument("--dias", required=True, help="Cantidad de días (entero > 0)")
        parser.add_argument("--unidad", default="habiles", help="habiles (por defecto) o corridos")
        parser.add_argument(
            "--suspension",
            action="append",
            default=[],
            metavar="AAAA-MM-DD:AAAA-MM-DD",
            help="Suspensión, ambos extremos incluidos (repetible)",
        )
        parser.add_argument("--json", action="store_true", help="Imprime un objeto JSON")

    def handle(self, *args, **opciones):
        try:
            consulta = interpretar(
                pais=opciones["pais"],
                desde=opciones["desde"],
                dias=opciones["dias"],
                unidad=opciones["unidad"],
                suspensiones=opciones["suspension"],
            )
        except DatosInvalidos as error:
            lineas = [m for mensajes in error.campos.values() for m in mensajes]
            raise CommandError("\n".join(lineas) or error.mensaje) from None
        computo = calcular(consulta)
        if opciones["json"]:
            self.stdout.write(json.dumps(resultado_json(consulta, computo), ensure_ascii=False))
            return
        self.stdout.write(f"Vence: {computo.vence:%d/%m/%Y}")
        for linea in computo.explicacion:
            self.stdout.write(f"  {linea}")
