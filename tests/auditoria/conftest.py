"""Fixtures of the Auditoría: a COPREC claim closed without agreement, the SMVM in force, an
Auditor with MFA, and the dated switch turned on for a deployment that enables it."""

import datetime as dt
from decimal import Decimal

import pytest

from cuentas.roles import Rol
from normativa.models import HabilitacionAuditoria, ValorReferencia
from reclamos.estados import Estado
from tests.audiencias.conftest import (  # noqa: F401  (fixtures)
    ahora,
    conciliadores_con_horario,
    en_la_audiencia,
    espera_turno,
    fijada,
    media_privada,
    textos_art_10,
)
from tests.conftest import crear_usuario
from tests.reclamos.factories import reclamo_en

SMVM = Decimal("322000.00")  # test value: the cap is 15 × 322.000 = 4.830.000


@pytest.fixture(autouse=True)
def smvm(db):
    return ValorReferencia.objects.create(
        tipo="SMVM", vigente_desde=dt.date(2025, 1, 1), valor=SMVM, fuente="Resolución de prueba"
    )


@pytest.fixture
def habilitada(db):
    """A deployment that brings the Auditoría back from 2026-01-01 (a later dated row)."""
    return HabilitacionAuditoria.objects.create(
        regimen="COPREC",
        vigente_desde=dt.date(2026, 1, 1),
        habilitada=True,
        fuente="Ley provincial de prueba",
    )


@pytest.fixture
def auditor(db):
    return crear_usuario("auditora@consumo.example", Rol.AUDITOR, mfa=True)


@pytest.fixture
def cerrado(db, consumidora, proveedor_activo, proveedor):
    return reclamo_en(
        Estado.CERRADO_SIN_ACUERDO, consumidor=consumidora, organizacion=proveedor_activo
    )


def datos_del_reclamo(**extra) -> dict:
    return {
        "consumidor_nombre": "Ana",
        "consumidor_apellido": "García",
        "consumidor_dni": "30123456",
        "consumidor_domicilio": "Av. Siempreviva 742, CABA",
        "email_notificaciones": "ana@correo.example",
        "hechos": "El equipo no funciona desde la compra.",
        "pretension": "La devolución del precio.",
        "monto": Decimal("150000.00"),
        "prueba_ofrecida": "Factura de compra.",
        **extra,
    }
