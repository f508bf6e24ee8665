"""Schemathesis against the whole API: no 5xx, no response outside the schema, invalid requests
refused.

A bounded, reproducible run (derandomized Hypothesis, a fixed number of examples per operation)
through the WSGI application, in-process, on the test database. Every operation is exercised as
three clients: a provider's API key, a consumer's session and a staff member's session opened
with password and TOTP, with positive (schema-valid) and negative (schema-invalid) data. The
counts are printed so CI's log shows what the run covered.
"""

import collections
import secrets

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from cuentas import services
from reclamos.estados import Estado
from tests.conftest import CONTRASENA, activar_mfa, codigo_totp, crear_usuario
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db

# Examples per (operation, client, mode): generated ids mostly name nothing (404), so the
# operations on a claim or an organisation also run with the id of one the clients can see.
EJEMPLOS = {GenerationMode.POSITIVE: 3, GenerationMode.NEGATIVE: 3}
EJEMPLOS_CON_ID_REAL = 2
CHEQUEOS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def _sesion(usuario, *, secreto: str | None = None) -> dict[str, dict[str, str]]:
    """Logs in through the real login (and TOTP) pages; returns the cookies and CSRF header."""
    navegador = Client()
    respuesta = navegador.post(
        reverse("account_login"), {"login": usuario.email, "password": CONTRASENA}
    )
    if secreto is not None:
        assert respuesta["Location"] == reverse("mfa_authenticate")
        respuesta = navegador.post(reverse("mfa_authenticate"), {"code": codigo_totp(secreto)})
    assert navegador.session["_auth_user_id"] == str(usuario.pk)
    csrf = secrets.token_hex(16)  # 32 characters: the unmasked secret Django keeps in the cookie
    return {
        "headers": {"X-CSRFToken": csrf},
        "cookies": {"sessionid": navegador.cookies["sessionid"].value, "csrftoken": csrf},
    }


@pytest.fixture
def clientes(proveedor, proveedor_activo, consumidora):
    _, clave = services.crear_clave_api(proveedor_activo, por=proveedor, nombre="schemathesis")
    personal = crear_usuario("ops@autoridad.example", "admision")
    secreto = activar_mfa(personal)
    return {
        "clave_proveedor": {"headers": {"Authorization": f"Clave {clave}"}, "cookies": {}},
        "sesion_consumidora": _sesion(consumidora),
        "sesion_personal_mfa": _sesion(personal, secreto=secreto),
    }


ejemplos_de_falla: dict[str, str] = {}


def _correr(operacion, modo, cliente, cuenta, fallas, *, ejemplos, ids=None):
    estrategia = operacion.as_strategy(generation_mode=modo, path_parameters=ids)

    @given(caso=estrategia)
    @settings(
        max_examples=ejemplos,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def probar(caso):
        cuenta["casos"] += 1
        respuesta = caso.call(headers=cliente["headers"], cookies=cliente["cookies"])
        cuenta[f"HTTP {respuesta.status_code}"] += 1
        if respuesta.status_code >= 500:
            cuenta["5xx"] += 1
        try:
            caso.validate_response(respuesta, checks=CHEQUEOS, headers=cliente["headers"])
        except FailureGroup as grupo:
            for falla in grupo.exceptions:
                clave = f"{operacion.label} [{type(falla).__name__}] {falla.title}"
                if not fallas[clave]:
                    ejemplos_de_falla[clave] = f"{falla.message[:300]} <- {caso.as_curl_command()}"
                fallas[clave] += 1
                cuenta[type(falla).__name__] += 1

    try:
        probar()
    except Unsatisfiable:
        # Nothing in this operation can be made invalid (no parameters, no body).
        cuenta["sin_datos_invalidos"] += 1


def _tiene_entradas(operacion) -> bool:
    crudo = operacion.definition.raw
    return bool(crudo.get("parameters") or crudo.get("requestBody") or "{" in operacion.path)


@pytest.fixture
def sin_cerrar_conexiones():
    """Django's test client does this: the WSGI handler's request signals would close the
    connection that holds the test's transaction."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _ids_reales(operacion, reclamo, organizacion) -> dict | None:
    if operacion.path.startswith("/api/v1/reclamos/{id}/"):
        return {"id": reclamo.pk}
    if operacion.path.startswith("/api/v1/organizaciones/{id}/"):
        return {"id": organizacion.pk}
    return None


def test_la_api_cumple_su_esquema(
    clientes, consumidora, proveedor_activo, sin_cerrar_conexiones, capsys
):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    cuenta = collections.Counter()
    fallas = collections.Counter()
    operaciones = [resultado.ok() for resultado in schema.get_all_operations()]
    for operacion in operaciones:
        ids = _ids_reales(operacion, reclamo, proveedor_activo)
        for cliente in clientes.values():
            for modo, ejemplos in EJEMPLOS.items():
                if modo is GenerationMode.NEGATIVE and not _tiene_entradas(operacion):
                    continue
                _correr(operacion, modo, cliente, cuenta, fallas, ejemplos=ejemplos)
            if ids:
                _correr(
                    operacion,
                    GenerationMode.POSITIVE,
                    cliente,
                    cuenta,
                    fallas,
                    ejemplos=EJEMPLOS_CON_ID_REAL,
                    ids=ids,
                )
    with capsys.disabled():
        print(f"\nschemathesis: {len(operaciones)} operaciones, {dict(cuenta)}")
        for clave, veces in sorted(fallas.items()):
            print(f"  {veces} x {clave}\n      {ejemplos_de_falla[clave]}")
    assert cuenta["casos"] >= 1500
    assert len(operaciones) >= 80
    assert cuenta["5xx"] == 0
    assert not fallas
