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
    ("normativa:valores", {Rol.ADMINISTRADOR}),
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


# Who sees a claim, by the claim's stage (Decision 0015): the provider only once served.
ANTES_DE_CITAR, CITADO = "EN_ADMISION", "AUDIENCIA_FIJADA"
VEN_EL_RECLAMO = {
    ANTES_DE_CITAR: {"duena", Rol.ADMISION, Rol.HOMOLOGACION, Rol.ADMINISTRADOR},
    "INADMITIDO_FIRME": {"duena", Rol.ADMISION, Rol.HOMOLOGACION, Rol.ADMINISTRADOR},
    CITADO: {"duena", Rol.REPRESENTANTE, Rol.ADMISION, Rol.HOMOLOGACION, Rol.ADMINISTRADOR},
}


@pytest.mark.parametrize("estado", sorted(VEN_EL_RECLAMO))
@pytest.mark.parametrize("quien", ["duena", *sorted(TODOS)])
def test_matriz_de_quien_ve_el_reclamo(client, proveedor_activo, quien, estado):
    from cuentas.models import Membresia
    from tests.reclamos.factories import reclamo_en

    duena = _usuario(Rol.CONSUMIDOR) if quien != Rol.CONSUMIDOR else None
    usuario = duena if quien == "duena" else _usuario(quien)
    if quien == Rol.REPRESENTANTE:
        Membresia.objects.create(usuario=usuario, organizacion=proveedor_activo)
    duena = duena or crear_usuario("duena@matriz.example", Rol.CONSUMIDOR)
    reclamo = reclamo_en(estado, consumidor=duena, organizacion=proveedor_activo)
    client.force_login(usuario)
    respuesta = client.get(reverse("reclamos:detalle", args=[reclamo.pk]))
    esperado = 200 if quien in VEN_EL_RECLAMO[estado] else 404
    assert respuesta.status_code == esperado, (quien, estado, respuesta.status_code)
    lista = client.get("/api/v1/reclamos/").json().get("results", [])
    assert (reclamo.numero in [r["numero"] for r in lista]) == (esperado == 200), (quien, estado)
