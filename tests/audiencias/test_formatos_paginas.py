"""Staff pages print money and dates in local formats, from the same filters as the PDFs
(issue 16 item 7): the homologation page used to show "$ 40000.00" and "2026-03-31"."""

import pytest
from django.urls import reverse

from tests.audiencias.test_homologacion import firmar_acuerdo

pytestmark = pytest.mark.django_db


def test_la_pagina_de_homologacion_usa_pesos_y_fechas_locales(client, en_la_audiencia, homologador):
    reclamo, conciliador = firmar_acuerdo(en_la_audiencia, monto_total="40000")
    client.force_login(conciliador)
    assert client.post(reverse("audiencias:elevar_acuerdo", args=[reclamo.pk])).status_code == 302
    client.force_login(homologador)
    html = client.get(reverse("audiencias:revisar_homologacion", args=[reclamo.pk])).content
    html = html.decode()
    assert "$ 40.000,00" in html and "31/03/2026" in html
    assert "40000.00" not in html and "2026-03-31" not in html
