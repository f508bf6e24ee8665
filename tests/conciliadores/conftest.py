"""Fixtures of conciliadores: conciliators in the registry and claims ready for each method."""

import itertools

import pytest

from conciliadores.models import Conciliador
from cuentas.roles import Rol
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.conftest import crear_usuario
from tests.reclamos.factories import reclamo_en

_numeros = itertools.count(1)


def crear_conciliador(
    matricula: str | None = None,
    *,
    usuario=None,
    jurisdicciones=("CABA",),
    modalidades=("presencial", "video"),
    **extra,
) -> Conciliador:
    n = next(_numeros)
    matricula = matricula or f"M-{n:04d}"
    if usuario is None:
        usuario = crear_usuario(
            f"conciliador{n}@conciliadores.example",
            Rol.CONCILIADOR,
            mfa=True,
            nombre=f"Nombre{n}",
            apellido=f"Apellido{n}",
        )
    datos = {
        "tipo": Conciliador.Tipo.REGISTRO_MEDIACION,
        "domicilio_profesional": f"Lavalle {n}00, CABA",
        "telefono": "11 4000-0000",
    }
    datos.update(extra)
    return Conciliador.objects.create(
        usuario=usuario,
        matricula=matricula,
        jurisdicciones=list(jurisdicciones),
        modalidades=list(modalidades),
        **datos,
    )


@pytest.fixture(autouse=True)
def media_privada(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "privado"
    return settings.MEDIA_ROOT


@pytest.fixture
def perfil_ana(conciliador) -> Conciliador:
    """The persona `conciliador` (Ana Pereyra) with her registry profile."""
    return crear_conciliador("A-0001", usuario=conciliador)


@pytest.fixture
def cinco_conciliadores(db) -> list[Conciliador]:
    return [crear_conciliador(f"B-{i:04d}") for i in range(1, 6)]


def admitido(consumidora, proveedor_activo, agente_admision, *, metodo="a", **extra) -> Reclamo:
    """A claim in admission, admitted through the real service (its hooks and plazos run)."""
    from reclamos.services.admision import admitir_reclamo

    lugar = extra.pop("lugar", None)
    reclamo = reclamo_en(
        Estado.EN_ADMISION,
        consumidor=consumidora,
        organizacion=proveedor_activo,
        metodo_designacion=metodo,
        **extra,
    )
    if lugar is not None:
        Reclamo.objects.filter(pk=reclamo.pk).update(lugar=lugar)
        reclamo.lugar = lugar
    admitir_reclamo(reclamo, por=agente_admision)
    reclamo.refresh_from_db()
    return reclamo


@pytest.fixture
def reclamo_a(consumidora, proveedor_activo, agente_admision) -> Reclamo:
    return admitido(consumidora, proveedor_activo, agente_admision, metodo="a")


@pytest.fixture
def reclamo_b(consumidora, proveedor_activo, agente_admision) -> Reclamo:
    return admitido(consumidora, proveedor_activo, agente_admision, metodo="b")


@pytest.fixture
def reclamo_c(consumidora, proveedor_activo, agente_admision) -> Reclamo:
    return admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
