"""Fixtures of documentos: a private MEDIA_ROOT per test."""

import pytest


@pytest.fixture(autouse=True)
def media_privada(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "privado"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def numeracion_desde_la_tabla(request):
    """PostgreSQL's numbering sequences outlive the flush of transactional tests: each test here
    numbers from its own tables again (with a plain test the drop is rolled back with it)."""
    marca = request.node.get_closest_marker("django_db")
    if marca is None and "db" not in request.fixturenames:
        return
    transaccional = marca is not None and marca.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transaccional else "db")
    from documentos.numeracion import borrar_secuencias

    borrar_secuencias()
