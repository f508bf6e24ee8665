"""Removal of stored files no row names.

A file is written before its row commits (an upload inside an act that then rolls back, a render
that lost the race and died before deleting its copy); those files are private but useless.
Only files older than a day are touched, so a row about to commit never loses its file.
"""

import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings

from documentos.models import ArchivoSubido, Documento

CARPETAS = ("subidas", "documentos")


def borrar_archivos_huerfanos(*, antiguedad: timedelta = timedelta(days=1)) -> int:
    raiz = Path(settings.MEDIA_ROOT)
    conocidos = set(ArchivoSubido.objects.values_list("archivo", flat=True))
    conocidos |= set(Documento.objects.exclude(archivo="").values_list("archivo", flat=True))
    limite = time.time() - antiguedad.total_seconds()
    borrados = 0
    for carpeta in CARPETAS:
        for ruta in (raiz / carpeta).rglob("*"):
            nombre = ruta.relative_to(raiz).as_posix()
            if ruta.is_file() and nombre not in conocidos and ruta.stat().st_mtime < limite:
                ruta.unlink()
                borrados += 1
    return borrados
