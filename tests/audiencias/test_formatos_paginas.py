"""Staff pages print money and dates in local formats, from the same filters as the PDFs
(issue 16 item 7): the homologation page used to show "$ 40000.00" and "2026-03-31"."""

import pytest
from django.urls import reverse

from tests.audiencias.test_homologacion import firmar_acuerdo

pytestmark = pytest.mark.django_db


def _resultado_con_acuerdo(*, filas: int) -> dict:
    """The outcome form of an agreement with two obligations, posted with `filas` rows."""
    return {
        "paso": "resultado",
        "resultado": "acuerdo",
        "terminos": "Cambio y reintegro.",
        "monto_total": "40000",
        "honorarios_a_cargo": "proveedor",
        "obligaciones-TOTAL_FORMS": str(filas),
        "obligaciones-INITIAL_FORMS": "0",
        "obligaciones-MIN_NUM_FORMS": "0",
        "obligaciones-MAX_NUM_FORMS": "30",
        "obligaciones-0-descripcion": "Cambio del equipo",
        "obligaciones-0-fecha_cumplimiento": "2026-03-20",
        "obligaciones-1-descripcion": "Reintegro",
        "obligaciones-1-monto": "40000",
        "obligaciones-1-fecha_cumplimiento": "2026-12-30",
    }


def test_la_pagina_de_homologacion_usa_pesos_y_fechas_locales(client, en_la_audiencia, homologador):
    reclamo, conciliador = firmar_acuerdo(en_la_audiencia, monto_total="40000")
    client.force_login(conciliador)
    assert client.post(reverse("audiencias:elevar_acuerdo", args=[reclamo.pk])).status_code == 302
    client.force_login(homologador)
    html = client.get(reverse("audiencias:revisar_homologacion", args=[reclamo.pk])).content
    html = html.decode()
    assert "$ 40.000,00" in html and "31/03/2026" in html
    assert "40000.00" not in html and "2026-03-31" not in html


def test_las_obligaciones_se_cargan_en_un_formulario_repetible(client, en_la_audiencia):
    from audiencias.models import Acuerdo
    from tests.audiencias.test_audiencia import _asistencia, _quien

    _asistencia(en_la_audiencia)
    conciliador = _quien(en_la_audiencia)
    client.force_login(conciliador)
    url = reverse("audiencias:audiencia", args=[en_la_audiencia.pk])
    html = client.get(url).content.decode()
    assert 'name="obligaciones-0-descripcion"' in html and 'type="date"' in html
    assert "AAAA-MM-DD" not in html and "|" not in html.split("Obligaciones del acuerdo")[1][:300]
    datos = _resultado_con_acuerdo(filas=4)
    malo = client.post(url, {**datos, "obligaciones-1-fecha_cumplimiento": "30 de diciembre"})
    assert malo.status_code == 200 and not Acuerdo.objects.exists()
    assert 'value="Reintegro"' in malo.content.decode()
    assert client.post(url, datos).status_code == 302
    acuerdo = Acuerdo.objects.get()
    assert acuerdo.obligaciones == [
        {
            "descripcion": "Cambio del equipo",
            "monto": "",
            "fecha_cumplimiento": "2026-03-20",
            "a_cargo": acuerdo.obligaciones[0]["a_cargo"],
        },
        {
            "descripcion": "Reintegro",
            "monto": "40000.00",
            "fecha_cumplimiento": "2026-12-30",
            "a_cargo": acuerdo.obligaciones[1]["a_cargo"],
        },
    ]


def test_agregar_otra_obligacion_suma_una_fila_sin_perder_lo_cargado(client, en_la_audiencia):
    """Without JavaScript, "Agregar otra obligación" posts the form back with one more row: what
    was typed stays, nothing is recorded, and the third obligation can then be saved."""
    from audiencias.models import Acuerdo
    from tests.audiencias.test_audiencia import _asistencia, _quien

    _asistencia(en_la_audiencia)
    client.force_login(_quien(en_la_audiencia))
    url = reverse("audiencias:audiencia", args=[en_la_audiencia.pk])
    html = client.get(url).content.decode()
    assert 'name="obligaciones-1-descripcion"' in html
    assert 'name="obligaciones-2-descripcion"' not in html  # two rows to start
    datos = {
        **_resultado_con_acuerdo(filas=2),
        "terminos": "Cambio, reintegro y disculpas.",
        "obligaciones-1-fecha_cumplimiento": "2026-03-31",
    }
    respuesta = client.post(url, {**datos, "agregar_obligacion": "1"})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200 and not Acuerdo.objects.exists()
    assert 'name="obligaciones-2-descripcion"' in html
    assert 'value="Cambio del equipo"' in html and 'value="Reintegro"' in html
    assert "Cambio, reintegro y disculpas." in html
    assert 'name="obligaciones-TOTAL_FORMS" value="3"' in html
    tercera = {
        **datos,
        "obligaciones-TOTAL_FORMS": "3",
        "obligaciones-2-descripcion": "Carta de disculpas",
        "obligaciones-2-fecha_cumplimiento": "2026-03-10",
    }
    assert client.post(url, tercera).status_code == 302
    descripciones = [o["descripcion"] for o in Acuerdo.objects.get().obligaciones]
    assert descripciones == ["Cambio del equipo", "Reintegro", "Carta de disculpas"]
