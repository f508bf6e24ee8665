"""Copies the private files between the configured object store (S3, decision 0029) and a local
directory, for scripts/respaldo.sh and scripts/restaurar.sh:

    manage.py copiar_almacen --exportar DIR   # every object of the store → DIR/<name>
    manage.py copiar_almacen --importar DIR   # every file under DIR → the store (same names)

Names are the ones stored in the database (FileField), so a restored copy finds its files. It
copies object by object in 1 MB parts and refuses to import over an object that exists."""

from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError


def _bucket():
    bucket = getattr(default_storage, "bucket", None)
    if bucket is None:
        raise CommandError(
            "El almacenamiento configurado no es un almacén S3 (ALMACEN_S3_BUCKET vacío): "
            "los archivos están en MEDIA_ROOT; respaldalos con tar."
        )
    return bucket


def _nombres_del_almacen():
    """Every object name of the store, relative to its location prefix."""
    prefijo = default_storage.location.strip("/")
    prefijo = f"{prefijo}/" if prefijo else ""
    for objeto in _bucket().objects.filter(Prefix=prefijo):
        yield objeto.key[len(prefijo) :]


class Command(BaseCommand):
    help = "Copia los archivos privados entre el almacén S3 y un directorio local."

    def add_arguments(self, parser):
        grupo = parser.add_mutually_exclusive_group(required=True)
        grupo.add_argument("--exportar", metavar="DIR")
        grupo.add_argument("--importar", metavar="DIR")

    def handle(self, *args, exportar=None, importar=None, **opciones):
        copiados = 0
        if exportar:
            destino = Path(exportar)
            for nombre in _nombres_del_almacen():
                ruta = destino / nombre
                ruta.parent.mkdir(parents=True, exist_ok=True)
                with default_storage.open(nombre, "rb") as origen, ruta.open("wb") as copia:
                    for parte in iter(lambda: origen.read(1024 * 1024), b""):
                        copia.write(parte)
                copiados += 1
        else:
            _bucket()
            origen = Path(importar)
            for ruta in sorted(p for p in origen.rglob("*") if p.is_file()):
                nombre = ruta.relative_to(origen).as_posix()
                if default_storage.exists(nombre):
                    raise CommandError(f"Ya existe en el almacén: {nombre} (usá un bucket vacío).")
                with ruta.open("rb") as archivo:
                    guardado = default_storage.save(nombre, File(archivo))
                if guardado != nombre:
                    raise CommandError(f"El almacén guardó {nombre} como {guardado}.")
                copiados += 1
        self.stdout.write(f"{copiados} archivos copiados.")
