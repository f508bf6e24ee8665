"""The claim's timeline for its parties (issue 16 item 3): the régimen's steps with done /
current / next, what the reader must do and by when, how long the agency usually takes, and
legal references in plain words — never internal codes or stale deadlines."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from plazos.services import abrir_plazo
from reclamos.estados import Estado
from reclamos.etapas import fuentes_legibles
from reclamos.models import DemoraDeEtapa
from reclamos.services import admision
from reclamos.services.demoras import calcular_demoras
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


def _etapas(html: str) -> str:
    inicio = html.index('class="etapas"')
    return html[inicio : html.index("</section>", inicio)]


def test_en_admision_dice_que_pasa_y_cuanto_tarda(client, consumidora, proveedor_activo):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    client.force_login(consumidora)
    html = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    etapas = _etapas(html)
    assert 'aria-current="step"' in etapas
    assert "Admisión" in etapas and "te avisamos por correo" in etapas
    assert "Cuánto suele tardar: hasta 15 días." in etapas
    assert "Turno y conciliador/a" in etapas and "Después" in etapas
    assert "Decreto 202/2015, Anexo I, art. 6" in etapas
    assert 'href="https://www.saij.gob.ar/DN20150000202"' in etapas
    assert "D202-I" not in html and "S000" not in html


def test_el_requerimiento_dice_que_hacer_y_hasta_cuando(
    client, consumidora, proveedor_activo, agente_admision
):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    admision.requerir_acreditacion(reclamo, por=agente_admision, requerimiento="Factura.")
    client.force_login(consumidora)
    etapas = _etapas(client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode())
    assert "Tenés que hacerlo hasta el" in etapas
    assert "Acreditación de extremos requerida al consumidor" in etapas
    assert "¿Por qué esta fecha?" in etapas
    assert "(AR-01)" not in etapas


def test_un_plazo_de_una_etapa_anterior_no_figura_como_actual(
    client, consumidora, proveedor_activo
):
    reclamo = reclamo_en(
        Estado.EN_CUMPLIMIENTO, consumidor=consumidora, organizacion=proveedor_activo
    )
    abrir_plazo(sujeto=reclamo, tipo="AR-06a", desde=timezone.localdate(), regimen="COPREC")
    client.force_login(consumidora)
    html = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    etapas = _etapas(html)
    assert "Cumplimiento del acuerdo" in etapas and "podés denunciarlo" in etapas
    assert "Respuesta del conciliador recusado" not in html
    assert etapas.count("Hecho") == 4


def test_la_demora_real_del_portal_reemplaza_a_la_declarada(
    client, consumidora, proveedor_activo, agente_admision, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 13, tzinfo=dt.UTC), tick=False)
    for _ in range(5):
        reclamo = reclamo_en(
            Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo
        )
        time_machine.shift(dt.timedelta(days=4))
        admision.requerir_acreditacion(reclamo, por=agente_admision, requerimiento="Factura.")
    assert calcular_demoras() == 1
    assert calcular_demoras() == 1  # a second run rewrites the same row
    cifra = DemoraDeEtapa.objects.get(regimen_codigo="COPREC", etapa="admision")
    assert (cifra.casos, float(cifra.dias)) == (5, 4.0)
    nuevo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    client.force_login(consumidora)
    etapas = _etapas(client.get(reverse("reclamos:detalle", args=[nuevo.pk])).content.decode())
    assert "en este portal tarda en promedio 4 días (5 reclamos recientes)" in etapas


def test_la_pagina_del_reclamo_no_consulta_mas_por_tener_linea_de_etapas(
    client, consumidora, proveedor_activo, agente_admision, django_assert_max_num_queries
):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    client.force_login(consumidora)
    url = reverse("reclamos:detalle", args=[reclamo.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as antes:
        client.get(url)
    for _ in range(3):
        admision.requerir_acreditacion(reclamo, por=agente_admision, requerimiento="Factura.")
        admision.responder_requerimiento(reclamo, por=consumidora, respuesta="Adjunto.")
    with django_assert_max_num_queries(len(antes)):
        client.get(url)


def test_las_referencias_legales_se_leen_en_palabras():
    assert fuentes_legibles("D202-I.7; DOMAIN Q9")[0]["texto"] == (
        "Decreto 202/2015, Anexo I, art. 7"
    )
    assert len(fuentes_legibles("D202-I.7; DOMAIN Q9")) == 1
    assert fuentes_legibles("S000") == [] and fuentes_legibles("Decision 12") == []
    assert fuentes_legibles("D202-I.7, I.10")[0]["texto"] == (
        "Decreto 202/2015, Anexo I, arts. 7, 10"
    )
    assert fuentes_legibles("Ley 26.993 art. 16 (CNACAF)")[0]["texto"] == "Ley 26.993 art. 16"
