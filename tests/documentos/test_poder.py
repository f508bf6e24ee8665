"""The signatory's power of attorney in the provider organisation's activation review."""

import pytest
from django.urls import reverse

from cuentas.models import Membresia, Organizacion
from cuentas.roles import Rol
from documentos.models import ArchivoSubido
from tests.conftest import crear_usuario
from tests.documentos.muestras import pdf_en_blanco, png, subido


@pytest.fixture
def pendiente(proveedor, proveedor_activo) -> Organizacion:
    Organizacion.objects.filter(pk=proveedor_activo.pk).update(estado=Organizacion.Estado.PENDIENTE)
    proveedor_activo.refresh_from_db()
    return proveedor_activo


def _url(organizacion):
    return reverse("documentos:poder", args=[organizacion.pk])


def test_quien_administra_sube_el_poder_y_el_personal_lo_ve_al_revisar(
    client, proveedor, pendiente, agente_admision
):
    client.force_login(proveedor)
    respuesta = client.post(
        _url(pendiente), {"archivo": subido("poder general.pdf", pdf_en_blanco())}
    )
    assert respuesta.status_code == 302
    poder = ArchivoSubido.objects.get()
    assert poder.sujeto == pendiente and poder.categoria == "poder_firmante"
    assert poder.subido_por == proveedor
    assert "poder general.pdf" in client.get(_url(pendiente)).content.decode()

    client.force_login(agente_admision)
    revision = client.get(reverse("cuentas:revisar_organizacion", args=[pendiente.pk]))
    html = revision.content.decode()
    assert "Poder del firmante" in html and "poder general.pdf" in html
    assert poder.get_absolute_url() in html
    descarga = client.get(poder.get_absolute_url())
    assert descarga.status_code == 200
    assert descarga["Content-Disposition"].startswith("attachment;")
    assert descarga["X-Content-Type-Options"] == "nosniff"
    assert descarga["Content-Type"] == "application/pdf"


def test_un_archivo_invalido_muestra_el_error_en_el_formulario(client, proveedor, pendiente):
    client.force_login(proveedor)
    respuesta = client.post(_url(pendiente), {"archivo": subido("poder.pdf", png())})
    assert respuesta.status_code == 200
    assert "no coincide con su contenido (PNG)" in respuesta.content.decode()
    assert ArchivoSubido.objects.count() == 0


def test_un_representante_que_no_administra_ve_pero_no_sube(client, pendiente):
    colega = crear_usuario("colega@telefonia.example", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=colega, organizacion=pendiente, es_administrador=False)
    client.force_login(colega)
    assert client.get(_url(pendiente)).status_code == 200
    respuesta = client.post(_url(pendiente), {"archivo": subido("poder.pdf", pdf_en_blanco())})
    assert respuesta.status_code == 403
    assert ArchivoSubido.objects.count() == 0


@pytest.mark.parametrize("persona", ["extrano", "conciliador", "otra_consumidora"])
def test_ajenos_no_ven_ni_descargan_el_poder(client, proveedor, pendiente, persona, request):
    client.force_login(proveedor)
    client.post(_url(pendiente), {"archivo": subido("poder.pdf", pdf_en_blanco())})
    poder = ArchivoSubido.objects.get()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(pendiente)).status_code == 403
    assert client.get(poder.get_absolute_url()).status_code == 404


def test_la_pagina_de_la_organizacion_enlaza_al_poder(client, proveedor, pendiente):
    client.force_login(proveedor)
    html = client.get(reverse("cuentas:organizacion", args=[pendiente.pk])).content.decode()
    assert _url(pendiente) in html
