"""pytest plugin: run tests with the clock at a chosen moment, to prove the suite passes at any
hour (issue 18). The clock keeps ticking from there, in every thread of the process (the live
server of the browser tests included):

    PYTHONPATH=. .venv/bin/pytest -p tests.reloj --reloj=2026-12-06T23:30-03:00 \
        tests/navegador/test_multas.py
"""

import datetime as dt

import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--reloj",
        default=None,
        help="ISO moment (with offset) the clock starts at, e.g. 2026-12-06T23:30-03:00",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    valor = config.getoption("--reloj")
    if not valor:
        return
    import time_machine

    momento = dt.datetime.fromisoformat(valor)
    if momento.tzinfo is None:
        raise pytest.UsageError("--reloj necesita la diferencia horaria, p. ej. -03:00")
    viaje = time_machine.travel(momento, tick=True)
    viaje.start()
    config._reloj_viaje = viaje
    config._reloj_momento = momento


def pytest_report_header(config):
    momento = getattr(config, "_reloj_momento", None)
    if momento is not None:
        return f"reloj: {momento.isoformat()} (UTC {momento.astimezone(dt.UTC):%Y-%m-%d %H:%M})"
    return None


def pytest_unconfigure(config):
    viaje = getattr(config, "_reloj_viaje", None)
    if viaje is not None:
        viaje.stop()
