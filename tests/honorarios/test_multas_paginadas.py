"""The staff's list of fines is paginated by keyset (newest first) and costs the same queries
with 1 or 60 fines (issue 13)."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documentos.models import Documento
from honorarios.models import Multa
from honorarios.services import multas as servicio_multas
from tests.honorarios.conftest import quien

pytestmark = pytest.mark.django_db
URL = reverse("honorarios:multas")


def _copias(multa, n):
    """`n` annulled copies of the fine (the unique rule spares annulled ones), each with its own
    certification document, certified a minute apart."""
    documento = Documento.objects.get(pk=multa.certificacion_id)
    for i in range(1, n + 1):
        copia = Documento.objects.get(pk=documento.pk)
        copia.pk = None
        copia._state.adding = True
        copia.numero = documento.numero + 1000 + i
        copia.codigo = uuid.uuid4().hex
        copia.save()
        fila = Multa.objects.get(pk=multa.pk)
        fila.pk = None
        fila.estado = Multa.Estado.ANULADA
        fila.certificacion = copia
        fila.certificado = fila.intimacion = None
        fila.certificada_en = multa.certificada_en - dt.timedelta(minutes=i)
        fila.save()


def _consultas(client, **params) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        assert client.get(URL, params).status_code == 200
    return len(capturadas.captured_queries)


def test_la_lista_de_multas_pagina_y_no_crece_con_las_multas(
    client, cerrado_por_incomparecencia, en_la_audiencia, valores_de_multa, agente_admision
):
    [multa] = servicio_multas.certificar_multa(
        cerrado_por_incomparecencia, por=quien(en_la_audiencia)
    )
    client.force_login(agente_admision)
    client.get(URL)  # warm the per-user caches (menu, MFA)
    una = _consultas(client)
    _copias(multa, 59)
    assert _consultas(client) == una
    assert _consultas(client, estado="anulada") == una
    primera = client.get(URL).context["multas"]
    assert len(primera) == 50 and primera.siguiente
    assert primera.filas[0].pk == multa.pk  # newest certified first
    segunda = client.get(URL, {"cursor": primera.siguiente}).context["multas"]
    assert len(segunda) == 10 and segunda.siguiente is None
    assert not {m.pk for m in primera} & {m.pk for m in segunda}


def test_la_lista_de_multas_busca_por_numero_cuit_proveedor_dni_y_apellido(
    client, cerrado_por_incomparecencia, en_la_audiencia, valores_de_multa, agente_admision
):
    [multa] = servicio_multas.certificar_multa(
        cerrado_por_incomparecencia, por=quien(en_la_audiencia)
    )
    reclamo, proveedor = multa.reclamo, multa.proveedor
    cuit = proveedor.identificador
    client.force_login(agente_admision)
    client.get(URL)  # warm the per-user caches (menu, MFA)
    sin_busqueda = _consultas(client)
    encontradas = {
        reclamo.numero.lower(),
        f"{cuit[:2]}-{cuit[2:10]}-{cuit[10:]}",
        proveedor.razon_social[:5].lower(),
        reclamo.consumidor_dni,
        reclamo.consumidor_apellido[:3].upper(),
    }
    for texto in encontradas:
        pagina = client.get(URL, {"buscar": f" {texto} "}).context["multas"]
        assert [m.pk for m in pagina] == [multa.pk], texto
    for texto in ("zzz-ninguno", "99999999", proveedor.razon_social[1:6], reclamo.numero[:-1]):
        assert not client.get(URL, {"buscar": texto}).context["multas"], texto
    _copias(multa, 30)
    assert _consultas(client, buscar=cuit) == sin_busqueda
    pagina = client.get(URL, {"buscar": cuit, "estado": "anulada"}).context["multas"]
    assert len(pagina) == 30
    html = client.get(URL, {"buscar": "<b>"}).content.decode()
    assert 'value="&lt;b&gt;"' in html and "No hay multas." in html
