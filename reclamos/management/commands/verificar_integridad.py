"""Recomputes the integrity data the portal keeps and reports every mismatch, one line each.

- Issued documents (documentos.Documento): the render task stores the PDF once and its SHA-256
  in `sha256`; the stored file is hashed again and compared.
- Uploaded files (documentos.ArchivoSubido): `sha256` is the hash of the stored (sanitised)
  file; same check.
- Expedientes (reclamos.Actuacion): entries are append-only but not hash-chained. What they do
  chain is the claim's states: every transition entry records `estado_desde` → `estado_hacia`,
  so in insertion order each entry must start where the previous one ended, and the last one
  must end at the claim's current state. A deleted, inserted or edited transition breaks it.

Streams everything: rows through iterator() in id order, files in 1 MiB reads; at most
--maximo-lineas mismatch lines are printed (the summary always counts all of them). Exit code 1
when any mismatch exists, so a restore drill or a cron job can act on it.

Run it right after a restore (scripts/restaurar.sh does) and periodically in production.
"""

import hashlib
import sys

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from documentos.models import ArchivoSubido, Documento, TipoDocumento
from reclamos.models import Actuacion

BLOQUE = 1024 * 1024
FILAS_POR_LOTE = 500


def sha256_de(nombre: str) -> str | None:
    """The file's SHA-256 read in blocks, or None when the storage does not have it."""
    if not nombre or not default_storage.exists(nombre):
        return None
    huella = hashlib.sha256()
    with default_storage.open(nombre, "rb") as archivo:
        while bloque := archivo.read(BLOQUE):
            huella.update(bloque)
    return huella.hexdigest()


class Command(BaseCommand):
    help = (
        "Recalcula el SHA-256 de cada documento emitido y de cada archivo subido, verifica la "
        "cadena de estados de cada expediente e informa las diferencias (código de salida 1 si "
        "hay alguna)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--maximo-lineas",
            type=int,
            default=200,
            help="Cuántas diferencias mostrar como máximo (el resumen las cuenta todas).",
        )

    def handle(self, *args, maximo_lineas: int, **options):
        self.maximo = max(0, maximo_lineas)
        self.faltantes = self.alterados = self.cadenas_rotas = 0
        self.mostradas = 0
        documentos, pendientes = self._documentos()
        subidos = self._subidos()
        expedientes = self._expedientes()
        total = self.faltantes + self.alterados + self.cadenas_rotas
        if total > self.mostradas:
            self.stdout.write(f"… y {total - self.mostradas} diferencias más sin mostrar.")
        self.stdout.write(
            f"Verificados: {documentos} documentos emitidos ({pendientes} con el PDF aún sin "
            f"generar), {subidos} archivos subidos, {expedientes} expedientes."
        )
        resumen = (
            f"Diferencias: {total} (archivos faltantes: {self.faltantes}, archivos alterados: "
            f"{self.alterados}, cadenas de expediente rotas: {self.cadenas_rotas})."
        )
        if total:
            self.stdout.write(self.style.ERROR(resumen))
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS(resumen))

    def _informar(self, linea: str) -> None:
        if self.mostradas < self.maximo:
            self.stdout.write(linea)
            self.mostradas += 1

    def _comparar(self, descripcion: str, nombre: str, esperado: str) -> None:
        calculado = sha256_de(nombre)
        if calculado is None:
            self.faltantes += 1
            self._informar(f"FALTA: {descripcion}: no está el archivo «{nombre or '(vacío)'}».")
        elif calculado != esperado:
            self.alterados += 1
            self._informar(
                f"ALTERADO: {descripcion}: el archivo «{nombre}» tiene SHA-256 {calculado}, "
                f"se registró {esperado}."
            )

    def _documentos(self) -> tuple[int, int]:
        nombres = dict(TipoDocumento.choices)
        verificados = pendientes = 0
        filas = (
            Documento.objects.order_by("pk")
            .values_list("pk", "tipo", "numero", "anio", "archivo", "sha256")
            .iterator(chunk_size=FILAS_POR_LOTE)
        )
        for pk, tipo, numero, anio, archivo, sha256 in filas:
            if not sha256:
                pendientes += 1
                continue
            verificados += 1
            descripcion = f"{nombres.get(tipo, tipo)} N.º {numero}/{anio} (documento {pk})"
            self._comparar(descripcion, archivo, sha256)
        return verificados, pendientes

    def _subidos(self) -> int:
        verificados = 0
        filas = (
            ArchivoSubido.objects.order_by("pk")
            .values_list("pk", "nombre_original", "archivo", "sha256")
            .iterator(chunk_size=FILAS_POR_LOTE)
        )
        for pk, nombre_original, archivo, sha256 in filas:
            verificados += 1
            self._comparar(f"archivo subido {pk} «{nombre_original}»", archivo, sha256)
        return verificados

    def _expedientes(self) -> int:
        """One pass over the transition entries in (claim, insertion) order."""
        verificados = 0
        actual = None  # (reclamo_id, numero, estado actual, último estado_hacia)
        filas = (
            Actuacion.objects.exclude(estado_hacia="")
            .order_by("reclamo_id", "pk")
            .values_list(
                "reclamo_id",
                "reclamo__numero",
                "reclamo__estado",
                "pk",
                "estado_desde",
                "estado_hacia",
            )
            .iterator(chunk_size=FILAS_POR_LOTE)
        )
        for reclamo_id, numero, estado, pk, desde, hacia in filas:
            if actual is None or actual[0] != reclamo_id:
                if actual is not None:
                    self._cerrar_expediente(*actual)
                verificados += 1
            elif desde != actual[3]:
                self.cadenas_rotas += 1
                self._informar(
                    f"CADENA ROTA: expediente {numero or reclamo_id}: la actuación {pk} parte de "
                    f"«{desde}» pero la anterior terminó en «{actual[3]}»."
                )
            actual = (reclamo_id, numero, estado, hacia)
        if actual is not None:
            self._cerrar_expediente(*actual)
        return verificados

    def _cerrar_expediente(self, reclamo_id, numero, estado, ultimo) -> None:
        if estado != ultimo:
            self.cadenas_rotas += 1
            self._informar(
                f"CADENA ROTA: expediente {numero or reclamo_id}: la última transición termina en "
                f"«{ultimo}» pero el reclamo está en «{estado}»."
            )
