"""Stored files whose act rolled back are removed after a day; live ones never."""

import os
import time
from datetime import timedelta

import pytest
from django.db import transaction

from documentos.limpieza import borrar_archivos_huerfanos
from documentos.services import guardar_subida
from tests.documentos.muestras import pdf_en_blanco, subido


def _envejecer(ruta, dias=2):
    antes = time.time() - dias * 86400
    os.utime(ruta, (antes, antes))


def test_borra_solo_los_archivos_huerfanos_y_viejos(consumidora, media_privada):
    vivo = guardar_subida(subido("vivo.pdf", pdf_en_blanco()), por=consumidora)
    with pytest.raises(RuntimeError), transaction.atomic():
        huerfano = guardar_subida(subido("huerfano.pdf", pdf_en_blanco()), por=consumidora)
        raise RuntimeError("el acto falló")
    reciente = guardar_subida(subido("reciente.pdf", pdf_en_blanco()), por=consumidora)
    with pytest.raises(RuntimeError), transaction.atomic():
        huerfano_reciente = guardar_subida(subido("x.pdf", pdf_en_blanco()), por=consumidora)
        raise RuntimeError("el acto falló")
    for archivo in (vivo, huerfano):
        _envejecer(media_privada / archivo.archivo.name)

    assert borrar_archivos_huerfanos(antiguedad=timedelta(days=1)) == 1
    assert (media_privada / vivo.archivo.name).is_file()
    assert (media_privada / reciente.archivo.name).is_file()
    assert (media_privada / huerfano_reciente.archivo.name).is_file()
    assert not (media_privada / huerfano.archivo.name).exists()
