"""Issue 13 (decision 0036): inside one act the addresses that route a notice are read once per
person, and several notices of the act are stored in one INSERT; the outcome is the same as
reading and storing them one by one."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notificaciones.domicilios import (
    constituir_domicilio_electronico,
    una_lectura_de_domicilios_por_operacion,
)
from notificaciones.models import CambioDeDomicilio, Notificacion
from notificaciones.services import encolar_notificacion, encolar_notificaciones

pytestmark = pytest.mark.django_db

OTRO = "lucia.nueva@example.com"


@pytest.fixture
def direcciones(consumidora, proveedor, proveedor_activo):
    """The consumer: a constituted address and a pending change to OTRO (never confirmed); the
    representative: the organisation's electronic domicile."""
    constituir_domicilio_electronico(usuario=consumidora, email="avisos@lucia.example", por=None)
    CambioDeDomicilio.objects.create(
        usuario=consumidora,
        email=OTRO,
        solicitado_por=consumidora,
        vence_en=timezone.now() + timedelta(hours=72),
        nonce="n",
    )
    proveedor_activo.domicilio_electronico = "cedulas@telefonia.example"
    proveedor_activo.save()
    return consumidora, proveedor


def _avisos(consumidora, proveedor) -> list[dict]:
    comun = {"plantilla": "aviso", "contexto": {"texto": "x"}, "asunto": "Aviso de prueba"}
    return [
        {"destinatario": consumidora, **comun},  # to the constituted address
        {"destinatario": consumidora, "email": OTRO, **comun},  # unconfirmed: a copy goes too
        {"destinatario": proveedor, "email": "Cedulas@telefonia.example", **comun},
        {"destinatario": proveedor, **comun},  # no address of their own: the account e-mail
    ]


def _resultado() -> list[tuple]:
    return sorted(
        Notificacion.objects.filter(asunto="Aviso de prueba").values_list(
            "destinatario_id", "email", "a_domicilio_constituido"
        )
    )


def test_en_una_operacion_cada_persona_se_lee_una_vez_y_el_resultado_no_cambia(
    direcciones, django_capture_on_commit_callbacks
):
    consumidora, proveedor = direcciones
    for aviso in _avisos(consumidora, proveedor):
        encolar_notificacion(**aviso)
    uno_por_uno = _resultado()
    Notificacion.objects.all().delete()

    with CaptureQueriesContext(connection) as consultas, una_lectura_de_domicilios_por_operacion():
        for aviso in _avisos(consumidora, proveedor):
            encolar_notificacion(**aviso)
    assert _resultado() == uno_por_uno
    assert (consumidora.pk, "lucia@example.com", False) not in uno_por_uno
    assert (consumidora.pk, "avisos@lucia.example", True) in uno_por_uno  # the copy
    assert (proveedor.pk, "Cedulas@telefonia.example", True) in uno_por_uno
    lecturas = [c for c in consultas.captured_queries if "domicilioelectronico" in c["sql"]]
    assert len(lecturas) == 2  # one per person, not one per notice and check
    assert not any(
        "cambiodedomicilio" in c["sql"] and "EXISTS" in c["sql"].upper()
        for c in consultas.captured_queries
    )


def test_fuera_de_una_operacion_no_se_recuerda_nada(direcciones):
    consumidora, _proveedor = direcciones
    with una_lectura_de_domicilios_por_operacion():
        encolar_notificacion(
            destinatario=consumidora, plantilla="aviso", contexto={"texto": "x"}, asunto="A"
        )
    # The address changed after the act: the next act (or no act) sees the change.
    constituir_domicilio_electronico(usuario=consumidora, email="otra@lucia.example", por=None)
    for alcance in (una_lectura_de_domicilios_por_operacion, None):
        if alcance is None:
            aviso = encolar_notificacion(
                destinatario=consumidora, plantilla="aviso", contexto={"texto": "x"}, asunto="B"
            )
        else:
            with alcance():
                aviso = encolar_notificacion(
                    destinatario=consumidora,
                    plantilla="aviso",
                    contexto={"texto": "x"},
                    asunto="B",
                )
        assert aviso.email == "otra@lucia.example" and aviso.a_domicilio_constituido


def test_varios_avisos_de_un_acto_van_en_un_insert_y_cada_uno_se_publica(
    direcciones, django_capture_on_commit_callbacks
):
    consumidora, proveedor = direcciones
    with (
        django_capture_on_commit_callbacks() as publicados,
        CaptureQueriesContext(connection) as consultas,
    ):
        guardadas = encolar_notificaciones(_avisos(consumidora, proveedor))
    inserts = [
        c for c in consultas.captured_queries if c["sql"].startswith('INSERT INTO "notificaciones_')
    ]
    # One INSERT for the four notices, one more for the copy of the unconfirmed one.
    assert len(inserts) == 2
    assert len(guardadas) == 4 and all(n.pk for n in guardadas)
    assert Notificacion.objects.filter(asunto="Aviso de prueba").count() == 5
    assert len(publicados) == 5  # every notice's send is queued after commit


def test_los_destinatarios_de_un_lote_se_leen_juntos_y_el_resultado_no_cambia(direcciones):
    """Decision 0045: inside one act, the recipients of a batch of notices have their addresses
    read in one statement for all of them, with the same routing as one by one."""
    consumidora, proveedor = direcciones
    encolar_notificaciones(_avisos(consumidora, proveedor))
    uno_por_uno = _resultado()
    Notificacion.objects.all().delete()

    with CaptureQueriesContext(connection) as consultas, una_lectura_de_domicilios_por_operacion():
        encolar_notificaciones(_avisos(consumidora, proveedor))
    assert _resultado() == uno_por_uno
    lecturas = [c for c in consultas.captured_queries if "domicilioelectronico" in c["sql"]]
    assert len(lecturas) == 1  # both people at once
