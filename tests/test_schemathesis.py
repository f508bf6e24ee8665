"""Schemathesis against the whole API: no 5xx, no response outside the schema, invalid requests
refused.

A bounded, reproducible run (derandomized Hypothesis, a fixed number of examples per operation)
through the WSGI application, in-process, on the test database. Every operation is exercised as
three clients: a provider's API key, a consumer's session and a staff member's session opened
with password and TOTP, with positive (schema-valid) and negative (schema-invalid) data. The
counts are printed so CI's log shows what the run covered.

The database holds the demo (`make demo`: claims in every stage, hearings, fees, fines, Peru
complaint sheets and mediations), and every operation with an id in its path also runs with
real ids: for each client, one of the objects that client may see (the API's own detail
endpoint decides), or, when it may see none, one it may not (a 403/404 must be documented too).
"""

import collections
import hashlib
import io
import re
import secrets

import pytest
import schemathesis
from django.core.management import call_command
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
from cuentas.management.commands.cargar_demo import CONTRASENA_DEMO, REPRESENTANTE_AR
from cuentas.models import Organizacion, Usuario
from tests.conftest import activar_mfa, codigo_totp
from tests.demo.test_demo_completa import CARGADORES as CARGADORES_DEMO

pytestmark = pytest.mark.django_db

# Examples per (operation, client, mode): generated ids mostly name nothing (404), so every
# operation with an id in its path also runs with real ones (_IdsReales).
EJEMPLOS = {GenerationMode.POSITIVE: 3, GenerationMode.NEGATIVE: 3}
EJEMPLOS_CON_ID_REAL = 3
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
        reverse("account_login"), {"login": usuario.email, "password": CONTRASENA_DEMO}
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


CONSUMIDORA_DEMO = "consumidora@demo.conciliacion.ar"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "privado"
    salida = io.StringIO()
    for comando in CARGADORES_DEMO:
        call_command(comando, stdout=salida, stderr=salida)


@pytest.fixture
def clientes(demo):
    """The demo's provider (an API key of its organisation), its consumer (a session) and its
    admission staff (a session with TOTP)."""
    representante = Usuario.objects.get(email=REPRESENTANTE_AR)
    organizacion = representante.membresias.get().organizacion
    _, clave = services.crear_clave_api(organizacion, por=representante, nombre="schemathesis")
    personal = Usuario.objects.get(email="admision@demo.conciliacion.ar")
    secreto = activar_mfa(personal)
    return {
        "clave_proveedor": {"headers": {"Authorization": f"Clave {clave}"}, "cookies": {}},
        "sesion_consumidora": _sesion(Usuario.objects.get(email=CONSUMIDORA_DEMO)),
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


def _no_cerrar_conexiones() -> None:
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)


@pytest.fixture
def sin_cerrar_conexiones():
    """Django's test client does this: the WSGI handler's request signals would close the
    connection that holds the test's transaction."""
    from django.core import signals
    from django.db import close_old_connections

    _no_cerrar_conexiones()
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


class _IdsReales:
    """Real path parameters per operation and client. Each kind of object has its candidates
    (the demo's rows) and a detail URL; an id is visible to a client when that URL answers it
    200. Operations of one kind take different visible objects (claims in different stages)."""

    def __init__(self, clientes):
        from audiencias.models import Audiencia
        from conciliadores.models import Sorteo
        from honorarios.models import Honorario, Multa
        from libro.models import Hoja, Libro
        from reclamos.models import Mediacion, PropuestaMediacion, Reclamo

        def ids(consulta, *campos):
            filas = consulta.order_by("pk").values_list(*campos)[:20]
            return [dict(zip(("id", "sub"), fila, strict=False)) for fila in filas]

        mediaciones = Mediacion.objects.values("reclamo_id")
        # (path prefix, candidates, detail URL); the first prefix that matches decides.
        self.tipos = [
            (
                "/api/v1/reclamos/{id}/mediacion/audiencias/{audiencia_pk}/",
                ids(Audiencia.objects.filter(reclamo__in=mediaciones), "reclamo_id", "pk"),
                "/api/v1/reclamos/{id}/mediacion/audiencias/",
            ),
            (
                "/api/v1/reclamos/{id}/mediacion/propuestas/{propuesta_pk}/",
                ids(PropuestaMediacion.objects.all(), "reclamo_id", "pk"),
                "/api/v1/reclamos/{id}/mediacion/propuestas/",
            ),
            (
                "/api/v1/reclamos/{id}/mediacion/",
                ids(Reclamo.objects.filter(pk__in=mediaciones), "pk"),
                "/api/v1/reclamos/{id}/mediacion/",
            ),
            (
                "/api/v1/reclamos/{id}/",
                ids(Reclamo.objects.exclude(pk__in=mediaciones), "pk"),
                "/api/v1/reclamos/{id}/",
            ),
            ("/api/v1/audiencias/{id}/", ids(Audiencia.objects, "pk"), "/api/v1/audiencias/{id}/"),
            ("/api/v1/honorarios/{id}/", ids(Honorario.objects, "pk"), "/api/v1/honorarios/{id}/"),
            ("/api/v1/multas/{id}/", ids(Multa.objects, "pk"), "/api/v1/multas/{id}/"),
            ("/api/v1/libro/hojas/{id}/", ids(Hoja.objects, "pk"), "/api/v1/libro/hojas/{id}/"),
            ("/api/v1/libro/libros/{id}/", ids(Libro.objects, "pk"), "/api/v1/libro/libros/{id}/"),
            (
                "/api/v1/organizaciones/{id}/",
                ids(Organizacion.objects, "pk"),
                "/api/v1/organizaciones/{id}/",
            ),
            (
                "/api/v1/sorteos/{numero}/",
                ids(Sorteo.objects.filter(ronda=1), "reclamo__numero"),
                "/api/v1/sorteos/{id}/",
            ),
        ]
        self.navegadores = {}
        for nombre, cliente in clientes.items():
            navegador = Client(headers=cliente["headers"])
            for clave, valor in cliente["cookies"].items():
                navegador.cookies[clave] = valor
            self.navegadores[nombre] = navegador
        self._visibles = {}
        self.sin_visibles = collections.Counter()
        self.sin_datos = collections.Counter()

    def _visibles_de(self, prefijo, candidatos, detalle, cliente):
        clave = (prefijo, cliente)
        if clave not in self._visibles:
            navegador = self.navegadores[cliente]
            visibles = self._visibles[clave] = []
            for candidato in candidatos:
                if navegador.get(detalle.format(id=candidato["id"])).status_code == 200:
                    visibles.append(candidato)
                    if len(visibles) == 4:
                        break
            # Django's test client connects again the signals that close the connection
            # holding the test's transaction (see sin_cerrar_conexiones).
            _no_cerrar_conexiones()
        return self._visibles[clave]

    def para(self, operacion, cliente) -> dict | None:
        for prefijo, candidatos, detalle in self.tipos:
            if not operacion.path.startswith(prefijo):
                continue
            if not candidatos:  # the demo has no fees or fines yet: printed, not hidden
                self.sin_datos[prefijo] += 1
                return None
            visibles = self._visibles_de(prefijo, candidatos, detalle, cliente)
            if not visibles:
                self.sin_visibles[prefijo] += 1
            elegido = (visibles or candidatos)[
                _indice(operacion.path) % len(visibles or candidatos)
            ]
            nombres = re.findall(r"{(\w+)}", operacion.path)
            valores = [elegido["id"], elegido.get("sub")]
            return dict(zip(nombres, valores, strict=False))
        assert "{" not in operacion.path, f"ningún tipo de objeto para {operacion.path}"
        return None


def _indice(ruta: str) -> int:
    """A stable spread of the operations of one kind over its visible objects."""
    return int(hashlib.sha256(ruta.encode()).hexdigest()[:8], 16)


def test_la_api_cumple_su_esquema(clientes, sin_cerrar_conexiones, capsys):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    reales = _IdsReales(clientes)
    cuenta = collections.Counter()
    fallas = collections.Counter()
    operaciones = [resultado.ok() for resultado in schema.get_all_operations()]
    for operacion in operaciones:
        for nombre, cliente in clientes.items():
            for modo, ejemplos in EJEMPLOS.items():
                if modo is GenerationMode.NEGATIVE and not _tiene_entradas(operacion):
                    continue
                if modo is GenerationMode.POSITIVE and "{" in operacion.path:
                    ejemplos -= 1  # generated ids name nothing: the real ones below instead
                _correr(operacion, modo, cliente, cuenta, fallas, ejemplos=ejemplos)
            ids = reales.para(operacion, nombre)
            if ids:
                cuenta["casos_con_ids_reales"] += EJEMPLOS_CON_ID_REAL
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
        print(f"\nschemathesis: {len(operaciones)} operaciones, {dict(sorted(cuenta.items()))}")
        print(f"  sin objeto visible (id real ajeno): {dict(reales.sin_visibles)}")
        print(f"  sin datos en la demo (solo ids generados): {dict(reales.sin_datos)}")
        for clave, veces in sorted(fallas.items()):
            print(f"  {veces} x {clave}\n      {ejemplos_de_falla[clave]}")
    assert cuenta["casos"] >= 1500
    assert len(operaciones) >= 80
    assert cuenta["5xx"] == 0
    assert not fallas
