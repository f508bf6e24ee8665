"""Who sees what: a provider's representatives see only their own books' sheets (pages and API);
the consumer's signed link shows that one sheet; everyone else gets 403/404."""

import pytest

from cuentas.models import ClaveApi
from libro.enlaces import token_de
from tests.libro.conftest import presentar, viajar

pytestmark = pytest.mark.django_db


@pytest.fixture
def hojas(libro_web, libro_otro):
    with viajar(2026, 10, 5):
        propia = presentar(libro_web, apellidos="Propia Quispe")
        ajena = presentar(libro_otro, apellidos="Ajena Mamani", email="ajena@example.pe")
    return propia, ajena


def test_el_panel_muestra_solo_las_hojas_de_sus_libros(client, representante_pe, hojas):
    propia, ajena = hojas
    client.force_login(representante_pe)
    with viajar(2026, 10, 6):
        pagina = client.get("/libro/panel/").content.decode()
    assert "Propia Quispe" in pagina
    assert "Ajena Mamani" not in pagina
    assert client.get(f"/libro/panel/hojas/{propia.pk}/").status_code == 200
    assert client.get(f"/libro/panel/hojas/{ajena.pk}/").status_code == 404
    respuesta = client.post(f"/libro/panel/hojas/{ajena.pk}/propuesta/", {"texto": "Hola"})
    assert respuesta.status_code == 404
    ajena.refresh_from_db()
    assert ajena.estado == "REGISTRADA"


def test_la_exportacion_y_el_archivo_no_mezclan_proveedores(client, representante_pe, hojas):
    client.force_login(representante_pe)
    csv = client.get("/libro/panel/exportar/?desde=2026-10-01&hasta=2026-10-31")
    texto = csv.content.decode("utf-8-sig")
    assert "Propia Quispe" in texto
    assert "Ajena Mamani" not in texto


def test_la_api_lista_solo_las_hojas_de_su_organizacion(client, representante_pe, hojas):
    propia, ajena = hojas
    client.force_login(representante_pe)
    datos = client.get("/api/v1/libro/hojas/").json()
    assert [h["id"] for h in datos["results"]] == [propia.pk]
    assert client.get(f"/api/v1/libro/hojas/{ajena.pk}/").status_code == 404
    respuesta = client.post(
        f"/api/v1/libro/hojas/{ajena.pk}/propuesta/",
        {"texto": "x"},
        content_type="application/json",
    )
    assert respuesta.status_code == 404


def test_la_clave_de_api_ve_solo_su_organizacion(client, representante_pe, hojas, proveedor_pe):
    propia, _ajena = hojas
    _clave, texto = ClaveApi.generar(
        organizacion=proveedor_pe, nombre="ERP", creada_por=representante_pe
    )
    datos = client.get("/api/v1/libro/hojas/", HTTP_AUTHORIZATION=f"Clave {texto}").json()
    assert [h["id"] for h in datos["results"]] == [propia.pk]


@pytest.mark.parametrize("persona", ["consumidora", "funcionario", "conciliador"])
def test_quien_no_representa_un_proveedor_no_entra_al_panel(client, request, persona, hojas):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/libro/panel/").status_code == 403
    assert client.get(f"/libro/panel/hojas/{hojas[0].pk}/").status_code == 403
    assert client.get("/api/v1/libro/hojas/").json()["results"] == []


def test_sin_sesion_el_panel_pide_ingresar(client, hojas):
    respuesta = client.get("/libro/panel/")
    assert respuesta.status_code == 302
    assert "/cuentas/login/" in respuesta["Location"]


def test_el_enlace_firmado_muestra_solo_esa_hoja(client, hojas):
    propia, _ajena = hojas
    pagina = client.get(f"/libro/hoja/{token_de(propia)}/")
    assert pagina.status_code == 200
    texto = pagina.content.decode()
    assert "Propia Quispe" in texto
    assert "Ajena Mamani" not in texto
    assert pagina["X-Robots-Tag"] == "noindex, nofollow"
    assert pagina["Referrer-Policy"] == "same-origin"


def test_un_enlace_alterado_o_inventado_da_404(client, hojas):
    propia, _ajena = hojas
    token = token_de(propia)
    alterado = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/libro/hoja/{alterado}/").status_code == 404
    assert client.get(f"/libro/hoja/{propia.clave}/").status_code == 404  # unsigned key
    assert client.get("/libro/hoja/1/").status_code == 404
    respuesta = client.post(f"/libro/hoja/{alterado}/propuesta/", {"decision": "aceptar"})
    assert respuesta.status_code == 404


def test_el_token_no_es_adivinable(hojas):
    propia, ajena = hojas
    assert len(propia.clave) >= 40
    assert propia.clave != ajena.clave
    assert token_de(propia).split(":")[0] == propia.clave  # no primary key in the link
