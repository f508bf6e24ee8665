"""Claims API: filing on a consumer's behalf with Idempotency-Key and e-mail confirmation;
admission acts; structured errors."""

import re

import pytest
from rest_framework.test import APIClient

from cuentas import services as cuentas
from cuentas.models import Membresia, Organizacion
from cuentas.roles import Rol
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.conftest import crear_usuario
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db

CUERPO = {
    "email": "victor@example.com",
    "nombre": "Víctor",
    "apellido": "Sosa",
    "dni": "28123456",
    "domicilio": "Mitre 200, CABA",
    "hechos": "Me cobraron dos veces.",
    "objeto": "Devolución del cargo duplicado.",
    "monto": "45000.00",
    "lugar": "CABA",
    "metodo_designacion": "a",
    "proveedores": [
        {
            "cuit": "30-71234567-1",
            "razon_social": "Telefonía Ejemplo S.A.",
            "domicilio_legal": "Av. Corrientes 1234",
        }
    ],
}


@pytest.fixture
def asociacion(db):
    org = Organizacion.objects.create(
        tipo=Organizacion.Tipo.ASOCIACION,
        tipo_identificador="CUIT",
        identificador="30700000016",
        razon_social="Consumidores Unidos",
        estado=Organizacion.Estado.ACTIVA,
    )
    usuario = crear_usuario("gestora@consumidores.example", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=usuario, organizacion=org, es_administrador=True)
    _, texto = cuentas.crear_clave_api(org, por=usuario, nombre="carga")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Clave {texto}")
    return api


def test_asociacion_carga_y_el_consumidor_confirma_por_correo(
    asociacion, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        primera = asociacion.post(
            "/api/v1/reclamos/", CUERPO, format="json", headers={"Idempotency-Key": "carga-1"}
        )
    segunda = asociacion.post(
        "/api/v1/reclamos/", CUERPO, format="json", headers={"Idempotency-Key": "carga-1"}
    )
    assert primera.status_code == 202, primera.json()
    assert segunda.json() == primera.json()
    assert Reclamo.objects.count() == 1
    reclamo = Reclamo.objects.get()
    assert reclamo.estado == Estado.BORRADOR
    enlace = re.search(r"/reclamos/confirmar/[^/\s]+/", mailoutbox[-1].body).group(0)
    assert client.get(enlace).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(enlace)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_ADMISION
    assert reclamo.actuaciones.get(codigo="reclamo.presentado").por == reclamo.consumidor


def test_un_proveedor_no_puede_cargar_reclamos_por_api(proveedor, proveedor_activo):
    _, texto = cuentas.crear_clave_api(proveedor_activo, por=proveedor, nombre="x")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Clave {texto}")
    respuesta = api.post("/api/v1/reclamos/", CUERPO, format="json")
    assert respuesta.status_code == 403
    assert respuesta.json()["error"]["codigo"] == "forbidden"


def test_cuit_invalido_da_400_con_el_campo(asociacion):
    cuerpo = {**CUERPO, "proveedores": [{**CUERPO["proveedores"][0], "cuit": "30712345672"}]}
    respuesta = asociacion.post("/api/v1/reclamos/", cuerpo, format="json")
    assert respuesta.status_code == 400
    assert "proveedores[0].cuit" in respuesta.json()["error"]["campos"]


def _con_proveedor(**campos):
    proveedor = {k: v for k, v in CUERPO["proveedores"][0].items() if k != "cuit"}
    return {**CUERPO, "proveedores": [{**proveedor, **campos}]}


def test_la_carga_acepta_identificador_y_tipo(asociacion):
    cuerpo = _con_proveedor(identificador="30-71234567-1", tipo_identificador="CUIT")
    respuesta = asociacion.post("/api/v1/reclamos/", cuerpo, format="json")
    assert respuesta.status_code == 202, respuesta.json()
    proveedor = respuesta.json()["proveedores"][0]
    assert (proveedor["tipo_identificador"], proveedor["identificador"]) == ("CUIT", "30712345671")


def test_la_carga_con_identificador_sin_tipo_toma_el_del_regimen(asociacion):
    respuesta = asociacion.post(
        "/api/v1/reclamos/", _con_proveedor(identificador="30712345671"), format="json"
    )
    assert respuesta.status_code == 202, respuesta.json()
    assert respuesta.json()["proveedores"][0]["tipo_identificador"] == "CUIT"


def test_la_carga_con_cuit_obsoleto_sigue_funcionando(asociacion):
    respuesta = asociacion.post("/api/v1/reclamos/", CUERPO, format="json")
    assert respuesta.status_code == 202, respuesta.json()
    proveedor = respuesta.json()["proveedores"][0]
    assert (proveedor["tipo_identificador"], proveedor["identificador"]) == ("CUIT", "30712345671")


def test_cuit_e_identificador_iguales_con_otro_formato_se_aceptan(asociacion):
    cuerpo = _con_proveedor(identificador="30712345671", cuit="30-71234567-1")
    assert asociacion.post("/api/v1/reclamos/", cuerpo, format="json").status_code == 202


def test_cuit_e_identificador_distintos_dan_400_con_el_campo(asociacion):
    cuerpo = _con_proveedor(identificador="30712345671", cuit="30700000016")
    respuesta = asociacion.post("/api/v1/reclamos/", cuerpo, format="json")
    assert respuesta.status_code == 400
    assert "no coincide" in respuesta.json()["error"]["campos"]["proveedores[0].cuit"][0].lower()
    assert not Reclamo.objects.exists()


def test_sin_identificador_ni_cuit_da_400(asociacion):
    respuesta = asociacion.post("/api/v1/reclamos/", _con_proveedor(), format="json")
    assert respuesta.status_code == 400
    assert "proveedores[0].identificador" in respuesta.json()["error"]["campos"]


def test_identificador_invalido_da_400_con_el_campo(asociacion):
    cuerpo = _con_proveedor(identificador="30712345672", tipo_identificador="CUIT")
    respuesta = asociacion.post("/api/v1/reclamos/", cuerpo, format="json")
    assert respuesta.status_code == 400
    assert "proveedores[0].identificador" in respuesta.json()["error"]["campos"]


def test_un_ruc_no_corresponde_a_un_reclamo_coprec(asociacion):
    # A valid RUC (its check digit is right): refused for the type, not for the number.
    cuerpo = _con_proveedor(identificador="20100000009", tipo_identificador="RUC")
    respuesta = asociacion.post("/api/v1/reclamos/", cuerpo, format="json")
    assert respuesta.status_code == 400
    campos = respuesta.json()["error"]["campos"]
    assert campos["proveedores[0].tipo_identificador"] == [
        "Un reclamo COPREC identifica al proveedor con CUIT."
    ]
    assert not Reclamo.objects.exists()


def test_tipo_identificador_desconocido_da_400(asociacion):
    cuerpo = _con_proveedor(identificador="30712345671", tipo_identificador="RUT")
    respuesta = asociacion.post("/api/v1/reclamos/", cuerpo, format="json")
    assert respuesta.status_code == 400


def test_enlace_de_confirmacion_adulterado(client):
    respuesta = client.get("/reclamos/confirmar/no-es-un-token/")
    assert respuesta.status_code == 400
    assert "no es válido" in respuesta.content.decode()


def test_admision_por_api_y_conflicto_409(agente_admision, consumidora):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora)
    api = APIClient()
    api.force_authenticate(agente_admision)
    assert api.post(f"/api/v1/reclamos/{reclamo.pk}/admitir/", {}, format="json").status_code == 200
    otra = api.post(f"/api/v1/reclamos/{reclamo.pk}/admitir/", {}, format="json")
    assert otra.status_code == 409
    assert otra.json()["error"]["codigo"] == "invalid_state"


def test_filtros_de_la_lista(agente_admision, consumidora, proveedor_activo, otro_proveedor):
    reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    reclamo_en(Estado.ADMITIDO, consumidor=consumidora, organizacion=otro_proveedor)
    api = APIClient()
    api.force_authenticate(agente_admision)
    por_estado = api.get("/api/v1/reclamos/?estado=ADMITIDO").json()["results"]
    por_cuit = api.get(f"/api/v1/reclamos/?proveedor={proveedor_activo.identificador}").json()
    assert [r["estado"] for r in por_estado] == ["ADMITIDO"]
    assert [r["proveedores"][0]["cuit"] for r in por_cuit["results"]] == ["30712345671"]
