"""Constituted electronic addresses and the deemed service date (DOMAIN Decision 3)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from notificaciones.domicilios import (
    constituir_domicilio_electronico,
    domicilio_electronico_de,
    es_domicilio_constituido,
    fecha_de_notificacion,
    fecha_notificacion_ficta,
)
from notificaciones.services import encolar_notificacion

UTC = ZoneInfo("UTC")


def test_se_tiene_por_notificada_el_dia_calendario_siguiente_en_la_zona_del_regimen():
    # 23:30 in Buenos Aires on Monday 2 March is already Tuesday 02:30 UTC.
    enviada = datetime(2026, 3, 3, 2, 30, tzinfo=UTC)
    assert fecha_notificacion_ficta(enviada, regimen_tz="America/Argentina/Buenos_Aires") == date(
        2026, 3, 3
    )
    assert fecha_notificacion_ficta(enviada, regimen_tz="UTC") == date(2026, 3, 4)


def test_el_dia_siguiente_es_corrido_aunque_sea_sabado():
    viernes = datetime(2026, 3, 6, 15, 0, tzinfo=ZoneInfo("America/Lima"))
    assert fecha_notificacion_ficta(viernes, regimen_tz=ZoneInfo("America/Lima")) == date(
        2026, 3, 7
    )


def test_una_hora_sin_zona_es_un_error():
    with pytest.raises(ValueError):
        fecha_notificacion_ficta(datetime(2026, 3, 6, 15, 0), regimen_tz="UTC")


def test_el_correo_de_la_cuenta_no_es_domicilio_constituido(consumidora):
    assert domicilio_electronico_de(consumidora) is None
    constituir_domicilio_electronico(usuario=consumidora, email="Lucia@Correo.example", por=None)
    assert domicilio_electronico_de(consumidora) == "lucia@correo.example"
    constituir_domicilio_electronico(usuario=consumidora, email="nuevo@correo.example", por=None)
    assert domicilio_electronico_de(consumidora) == "nuevo@correo.example"
    assert consumidora.domicilios_electronicos.count() == 2


def test_el_proveedor_constituye_el_de_la_organizacion(proveedor, proveedor_activo):
    assert domicilio_electronico_de(proveedor_activo) is None
    proveedor_activo.domicilio_electronico = "notificaciones@telefonia.example"
    proveedor_activo.save()
    assert domicilio_electronico_de(proveedor_activo) == "notificaciones@telefonia.example"
    assert es_domicilio_constituido(proveedor, "Notificaciones@telefonia.example")
    assert not es_domicilio_constituido(proveedor, proveedor.email)


def test_sin_correo_explicito_va_al_domicilio_constituido_y_lo_marca(consumidora):
    constituir_domicilio_electronico(usuario=consumidora, email="avisos@lucia.example", por=None)
    notificacion = encolar_notificacion(
        destinatario=consumidora, plantilla="aviso", contexto={"texto": "x"}, asunto="A"
    )
    assert notificacion.email == "avisos@lucia.example"
    assert notificacion.a_domicilio_constituido


def test_la_fecha_de_notificacion_exige_domicilio_constituido_y_aceptacion(
    consumidora, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        a_la_cuenta = encolar_notificacion(
            destinatario=consumidora, plantilla="aviso", contexto={"texto": "x"}, asunto="A"
        )
    a_la_cuenta.refresh_from_db()
    assert fecha_de_notificacion(a_la_cuenta, regimen_codigo="COPREC") is None
    constituir_domicilio_electronico(usuario=consumidora, email=consumidora.email, por=None)
    with django_capture_on_commit_callbacks(execute=True):
        constituida = encolar_notificacion(
            destinatario=consumidora, plantilla="aviso", contexto={"texto": "x"}, asunto="B"
        )
    constituida.refresh_from_db()
    dia_de_envio = constituida.aceptada_en.astimezone(ZoneInfo("America/Argentina/Buenos_Aires"))
    assert fecha_de_notificacion(constituida, regimen_codigo="COPREC") == (
        dia_de_envio.date() + timedelta(days=1)
    )
