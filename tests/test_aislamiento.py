"""Tests never touch the running portal's state (issue 18): the broker folders, task results,
private media, mail and the SQLite test database live in a directory of this test process."""

import os

from django.conf import settings
from django.db import connection


def test_el_estado_de_las_pruebas_es_propio_de_este_proceso():
    propio = settings.ESTADO_DIR
    assert propio.parent == settings.VAR_DIR
    assert propio.name.startswith(f"pruebas-{os.getpid()}-")
    assert propio / "privado" == settings.MEDIA_ROOT
    assert propio / "correo" == settings.EMAIL_FILE_PATH
    assert settings.CELERY_RESULT_BACKEND in (
        f"file://{propio / 'resultados'}",
        settings.CELERY_BROKER_URL,
    )
    if settings.CELERY_BROKER_URL == "filesystem://":
        carpetas = settings.CELERY_BROKER_TRANSPORT_OPTIONS
        assert carpetas["data_folder_in"] == str(propio / "cola" / "entrada")
        assert carpetas["control_folder"] == str(propio / "cola" / "control")
    else:
        prefijo = settings.CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"]
        assert prefijo == f"{propio.name}:"
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.VAR_DIR / "privado"))


def test_la_base_de_pruebas_no_es_la_del_portal(db):
    nombre = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        assert str(nombre) == str(settings.ESTADO_DIR / "test.sqlite3")
    else:
        assert nombre.startswith("test_")
