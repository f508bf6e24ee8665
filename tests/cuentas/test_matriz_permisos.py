"""Role × page/endpoint matrix. Later issues add their rows to RUTAS."""

import pytest
from django.urls import reverse

from cuentas.roles import ROLES_CON_MFA, Rol
from tests.conftest import crear_usuario

pytestmark = pytest.mark.django_db

TODOS = set(Rol.values)
REVISORES = {Rol.ADMISION, Rol.FUNCIONARIO, Rol.ADMINISTRADOR}

# (url name, roles allowed). Anyone else gets 403 (or 302 to login when anonymous).
RUTAS = [
    ("portal:inicio", TODOS),
    ("cuentas:revision_organizaciones", REVISORES),
    ("api-yo", TODOS),
    ("admin:index", {Rol.ADMINISTRADOR}),
]


def _usuario(rol):
    return crear_usuario(
        f"{rol}@matriz.example",
        rol,
        mfa=rol in ROLES_CON_MFA,
        is_staff=rol == Rol.ADMINISTRADOR,
        is_superuser=rol == Rol.ADMINISTRADOR,
    )


@pytest.mark.parametrize("nombre,permitidos", RUTAS)
@pytest.mark.parametrize("rol", sorted(TODOS))
def test_matriz_de_permisos(client, rol, nombre, permitidos):
    client.force_login(_usuario(rol))
    respuesta = client.get(reverse(nombre))
    if rol in permitidos:
        assert respuesta.status_code == 200, (rol, nombre, respuesta.status_code)
    else:
        # The Django admin answers a non-staff user with its own login page (302).
        assert respuesta.status_code in {403, 302}, (rol, nombre)
        if respuesta.status_code == 302:
            assert "login" in respuesta["Location"]


@pytest.mark.parametrize("nombre", ["cuentas:revision_organizaciones", "admin:index"])
def test_anonimo_va_al_login(client, nombre):
    respuesta = client.get(reverse(nombre))
    assert respuesta.status_code == 302
    assert "login" in respuesta["Location"]
