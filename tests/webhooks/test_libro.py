"""hoja.recibida from the real act of filing a sheet: only the book's own organisation, with
the API's representation of the sheet."""

import pytest
from rest_framework.test import APIClient

from cuentas import services as cuentas
from tests.libro.conftest import crear_libro, crear_proveedor_pe, crear_representante, presentar
from webhooks import services
from webhooks.models import Evento

pytestmark = pytest.mark.django_db


def test_una_hoja_presentada_llega_solo_a_su_proveedor(
    receptor, django_capture_on_commit_callbacks
):
    andina = crear_proveedor_pe()
    sur = crear_proveedor_pe("20131312955", "Servicios del Sur S.A.")
    jorge = crear_representante("jorge@andina.example.pe", andina)
    ana = crear_representante("ana@sur.example.pe", sur)
    services.registrar(andina, por=jorge, url=receptor.url("/andina"), tipos=["hoja.recibida"])
    services.registrar(sur, por=ana, url=receptor.url("/sur"), tipos=["hoja.recibida"])
    libro = crear_libro(andina)
    with django_capture_on_commit_callbacks(execute=True):
        hoja = presentar(libro)
    cuerpos = receptor.cuerpos("/andina")
    assert [c["type"] for c in cuerpos] == ["hoja.recibida"]
    assert receptor.cuerpos("/sur") == []
    assert Evento.objects.get().organizacion == andina
    api = APIClient()
    _, clave = cuentas.crear_clave_api(andina, por=jorge, nombre="crm")
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    en_lista = api.get("/api/v1/libro/hojas/").json()["results"]
    assert cuerpos[0]["data"]["hoja"] == next(h for h in en_lista if h["id"] == hoja.pk)
