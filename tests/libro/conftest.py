"""Fixtures of the Libro de Reclamaciones: two Peruvian providers with a book each, their
representatives, a valid sheet's data and a clock fixed on Lima dates (time-machine)."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cuentas.models import Membresia, Organizacion
from cuentas.roles import Rol
from libro import services
from libro.models import Libro
from tests.conftest import crear_usuario

LIMA = ZoneInfo("America/Lima")


def en_lima(anio, mes, dia, hora=10, minuto=0) -> dt.datetime:
    return dt.datetime(anio, mes, dia, hora, minuto, tzinfo=LIMA)


def viajar(anio, mes, dia, hora=10, minuto=0):
    """Fixes the clock at that moment in Lima (timezone.now, Lima's 'today', the sweeper)."""
    return time_machine.travel(en_lima(anio, mes, dia, hora, minuto), tick=False)


def datos_hoja(**cambios) -> dict:
    datos = {
        "tipo": "reclamo",
        "nombres": "Carmen",
        "apellidos": "Huamán Torres",
        "tipo_documento": "DNI",
        "numero_documento": "45678912",
        "domicilio": "Jr. Junín 345, Cercado de Lima",
        "telefono": "987654321",
        "email": "carmen@example.pe",
        "tipo_bien": "producto",
        "monto_reclamado": Decimal("1234.50"),
        "descripcion_bien": "Refrigeradora de 300 litros.",
        "numero_pedido": "WEB-123",
        "detalle": "Llegó abollada y no enfría.",
        "pedido": "Cambio del producto.",
        "medio_respuesta": "email",
        "declaracion": True,
    }
    datos.update(cambios)
    return datos


def presentar(libro, **cambios):
    return services.presentar_hoja(libro=libro, datos=datos_hoja(**cambios))


def crear_proveedor_pe(
    ruc: str = "20100000009", razon_social: str = "Comercial Andina S.A.C."
) -> Organizacion:
    return Organizacion.objects.create(
        tipo=Organizacion.Tipo.PROVEEDOR,
        tipo_identificador="RUC",
        identificador=ruc,
        razon_social=razon_social,
        domicilio_legal="Av. José Larco 1234, Miraflores, Lima",
        pais="PE",
        estado=Organizacion.Estado.ACTIVA,
    )


def crear_representante(email: str, organizacion: Organizacion):
    usuario = crear_usuario(email, Rol.REPRESENTANTE, nombre="Jorge", apellido="Salazar")
    Membresia.objects.create(usuario=usuario, organizacion=organizacion, es_administrador=True)
    return usuario


@pytest.fixture
def proveedor_pe(db) -> Organizacion:
    return crear_proveedor_pe()


@pytest.fixture
def otro_proveedor_pe(db) -> Organizacion:
    return crear_proveedor_pe("20131312955", "Servicios del Sur S.A.")


@pytest.fixture
def representante_pe(proveedor_pe):
    return crear_representante("jorge@andina.example.pe", proveedor_pe)


@pytest.fixture
def representante_otro(otro_proveedor_pe):
    return crear_representante("ana@sur.example.pe", otro_proveedor_pe)


def crear_libro(organizacion, codigo="andina-web", nombre="Tienda virtual") -> Libro:
    return Libro.objects.create(
        organizacion=organizacion,
        nombre=nombre,
        codigo=codigo,
        direccion="Av. José Larco 1234, Miraflores",
        canal=Libro.Canal.WEB,
    )


@pytest.fixture
def libro_web(proveedor_pe) -> Libro:
    return crear_libro(proveedor_pe, "andina-web", "Tienda virtual")


@pytest.fixture
def libro_tienda(proveedor_pe) -> Libro:
    return crear_libro(proveedor_pe, "andina-miraflores", "Tienda Miraflores")


@pytest.fixture
def libro_otro(otro_proveedor_pe) -> Libro:
    return crear_libro(otro_proveedor_pe, "sur-web", "Servicios del Sur — web")


@pytest.fixture
def hoja_del_5_de_octubre(libro_web):
    """A sheet filed on Monday 05/10/2026 at 10:00 in Lima (PE-01 due Tuesday 27/10/2026)."""
    with viajar(2026, 10, 5):
        return presentar(libro_web)


@pytest.fixture
def al_confirmar(django_capture_on_commit_callbacks):
    """`with al_confirmar():` runs the on-commit work of the acts inside the block (the PDF on
    the pdf queue, then the e-mail), as a real commit would (Celery is eager in tests)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
