"""Peru's pages use es-PE, the formal register and Lima time, from the claim's régimen, never the
deployment's default (issue 16 item 11)."""

import datetime as dt

import pytest
from django.urls import reverse

from reclamos.models import Reclamo
from tests.reclamos.mediacion import adherir, consumidora_pe, presentado

pytestmark = pytest.mark.django_db

# 23:30 in Lima on 1/3/2026 is already 2/3/2026 01:30 in Buenos Aires.
NOCHE_EN_LIMA = dt.datetime(2026, 3, 2, 4, 30, tzinfo=dt.UTC)


def test_la_pagina_del_reclamo_peruano_es_es_pe(client):
    carmen = consumidora_pe()
    reclamo = presentado(carmen)
    client.force_login(carmen)
    respuesta = client.get(reverse("reclamos:detalle", args=[reclamo.pk]), follow=True)
    assert '<html lang="es-PE">' in respuesta.content.decode()


def test_mis_reclamos_muestra_la_fecha_de_lima(client):
    carmen = consumidora_pe()
    reclamo = presentado(carmen)
    Reclamo.objects.filter(pk=reclamo.pk).update(presentado_en=NOCHE_EN_LIMA)
    client.force_login(carmen)
    html = client.get(reverse("reclamos:mis_reclamos")).content.decode()
    assert "01/03/2026" in html and "02/03/2026" not in html


def test_la_validacion_de_identidad_va_en_hora_de_lima(client, funcionario):
    carmen = consumidora_pe(validada=False)
    adhesion = adherir(usuario=carmen, estado="pendiente")
    adhesion.__class__.objects.filter(pk=adhesion.pk).update(terminos_aceptados_en=NOCHE_EN_LIMA)
    client.force_login(funcionario)
    url = reverse("reclamos:mediacion_validar_identidad", args=[adhesion.pk])
    html = client.get(url).content.decode()
    assert '<html lang="es-PE">' in html
    assert "01/03/2026 23:30 (hora de Lima)" in html


def test_la_calculadora_habla_de_usted_para_peru(client):
    url = reverse("plazos:calculadora")
    pe = client.get(url, {"pais": "PE", "desde": "", "dias": "x", "unidad": "nada"})
    html = pe.content.decode()
    assert pe.status_code == 400
    assert '<html lang="es-PE">' in html
    assert "Ingrese la fecha de inicio" in html and "use habiles o corridos" in html
    assert "Ingresá" not in html and "usá" not in html
    ar = client.get(url, {"pais": "AR", "desde": "", "dias": "10"}).content.decode()
    assert "Ingresá la fecha de inicio" in ar and '<html lang="es-AR">' in ar


def test_el_reclamo_peruano_tiene_su_linea_de_etapas_de_usted(client):
    carmen = consumidora_pe()
    reclamo = presentado(carmen)
    client.force_login(carmen)
    html = client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).content.decode()
    inicio = html.index('class="etapas"')
    etapas = html[inicio : html.index("</section>", inicio)]
    assert "Qué pasa con su reclamo" in etapas and 'aria-current="step"' in etapas
    assert "Registro del reclamo" in etapas and "El Indecopi revisa su solicitud" in etapas
    assert "Reclama Virtual del Indecopi" in etapas and "S001" not in etapas
    assert "tu reclamo" not in etapas
