"""schemathesis on the open-data operations only, without any credentials (they are public):
no 5xx, every status documented, every answer inside the schema, invalid queries refused. The
whole API runs in tests/test_schemathesis.py with the three personas."""

import collections

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from schemathesis.generation.modes import GenerationMode

from estadisticas.refresco import refrescar
from tests.estadisticas import sembrado as s
from tests.test_schemathesis import (  # noqa: F401 (a fixture)
    _correr,
    _tiene_entradas,
    ejemplos_de_falla,
    sin_cerrar_conexiones,
)

pytestmark = pytest.mark.django_db

ANONIMO = {"headers": {}, "cookies": {}}


@pytest.mark.usefixtures("sin_cerrar_conexiones")
def test_la_api_de_datos_abiertos_cumple_su_esquema_sin_credenciales(
    consumidora, time_machine, settings, capsys
):
    settings.DATOS_ABIERTOS_K = 1
    s.reclamo([s.organizacion("30711111112", "Telco A")], consumidor=consumidora,
              time_machine=time_machine)  # fmt: skip
    refrescar()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    operaciones = [
        r.ok() for r in schema.get_all_operations() if r.ok().path.startswith("/api/v1/datos/")
    ]
    assert len(operaciones) == 4
    cuenta, fallas = collections.Counter(), collections.Counter()
    for operacion in operaciones:
        for modo in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if modo is GenerationMode.NEGATIVE and not _tiene_entradas(operacion):
                continue
            _correr(operacion, modo, ANONIMO, cuenta, fallas, ejemplos=12)
    with capsys.disabled():
        print(f"\nschemathesis datos: {dict(cuenta)}")
        for clave, veces in sorted(fallas.items()):
            print(f"  {veces} x {clave}\n      {ejemplos_de_falla[clave]}")
    assert cuenta["casos"] >= 50
    assert cuenta["HTTP 200"] > 0 and cuenta["HTTP 400"] > 0
    assert cuenta["5xx"] == 0
    assert not fallas
