"""Recomputes a claim's draw and reports whether it matches what was published.

    manage.py verificar_sorteo COPREC-2026-000123
    manage.py verificar_sorteo COPREC-2026-000123 --ronda 2
    manage.py verificar_sorteo COPREC-2026-000123 --semilla <hex> --lista padron.json

--semilla and --lista replace the stored seed or padrón (e.g. the copies a party kept): anything
different from what was drawn does not match. Exit status 1 when it does not match.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conciliadores import verificacion
from conciliadores.models import Sorteo


class Command(BaseCommand):
    help = "Recalcula el sorteo de un reclamo y dice si coincide con lo publicado."

    def add_arguments(self, parser):
        parser.add_argument("numero", help="Número del reclamo")
        parser.add_argument("--ronda", type=int, help="Ronda (por defecto, la última sorteada)")
        parser.add_argument("--semilla", help="Semilla a usar en lugar de la publicada")
        parser.add_argument("--lista", help="Archivo JSON con el padrón a usar")

    def _sorteo(self, numero: str, ronda: int | None) -> Sorteo:
        qs = Sorteo.objects.filter(reclamo__numero=numero).select_related("reclamo")
        if ronda is not None:
            sorteo = qs.filter(ronda=ronda).first()
        else:
            sorteo = qs.filter(realizado_en__isnull=False).order_by("-ronda").first()
            sorteo = sorteo or qs.order_by("ronda").first()
        if sorteo is None:
            raise CommandError(f"No hay sorteo para el reclamo {numero}.")
        if not sorteo.realizado:
            raise CommandError(
                f"La ronda {sorteo.ronda} del reclamo {numero} todavía no se sorteó: solo está "
                f"publicado el compromiso {sorteo.compromiso}."
            )
        return sorteo

    def _padron(self, ruta: str | None, sorteo: Sorteo) -> list[dict]:
        if not ruta:
            return sorteo.padron
        try:
            padron = json.loads(Path(ruta).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"No se pudo leer el padrón de {ruta}: {error}") from None
        if not isinstance(padron, list):
            raise CommandError("El padrón debe ser una lista JSON.")
        return padron

    def handle(self, *args, **opciones):
        sorteo = self._sorteo(opciones["numero"], opciones["ronda"])
        semilla = opciones["semilla"] or sorteo.semilla
        padron = self._padron(opciones["lista"], sorteo)
        resultado = verificacion.verificar(
            semilla=semilla,
            numero=sorteo.reclamo.numero,
            padron=padron,
            ronda=sorteo.ronda,
            compromiso_publicado=sorteo.compromiso,
            hmac_publicado=sorteo.hmac,
            matricula_publicada=sorteo.resultado_matricula,
        )
        self._informar(sorteo, semilla, padron, resultado)
        if not resultado.coincide:
            raise CommandError("NO COINCIDE con lo publicado.")
        self.stdout.write(self.style.SUCCESS("COINCIDE con lo publicado."))

    def _informar(self, sorteo, semilla, padron, resultado) -> None:
        ok = {True: "sí", False: "NO"}
        self.stdout.write(f"Reclamo {sorteo.reclamo.numero}, ronda {sorteo.ronda}")
        self.stdout.write(f"  compromiso publicado: {sorteo.compromiso}")
        self.stdout.write(f"  SHA-256 de la semilla coincide: {ok[resultado.compromiso_ok]}")
        self.stdout.write(f"  padrón: {len(padron)} habilitados")
        if resultado.calculado is None:
            self.stdout.write(f"  no se pudo calcular: {resultado.error}")
            return
        calculado = resultado.calculado
        self.stdout.write(f"  HMAC calculado: {calculado.hmac}")
        self.stdout.write(f"  HMAC publicado: {sorteo.hmac} (coincide: {ok[resultado.hmac_ok]})")
        empatados = ", ".join(f["matricula"] for f in calculado.empatados)
        self.stdout.write(f"  empatados con menor carga: {empatados}")
        self.stdout.write(
            f"  elegido: índice {calculado.indice} → {calculado.elegido['matricula']} "
            f"(publicado: {sorteo.resultado_matricula})"
        )
