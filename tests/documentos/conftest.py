"""Fixtures of documentos: a private MEDIA_ROOT per test."""

import pytest


@pytest.fixture(autouse=True)
def media_privada(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "privado"
    return settings.MEDIA_ROOT
