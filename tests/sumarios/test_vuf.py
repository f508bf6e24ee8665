"""CABA's intake of claims routed by the national Ventanilla Única Federal (C1c, decision 0038):
behind settings.CABA_VUF_HABILITADA, by API (the VUF integration's key) or the staff form; channel
VUF, the VUF number stored and shown, the same number twice refused (409)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from cuentas.models import ClaveApi
from cuentas.roles import Rol
from reclamos.estados import Estado
from reclamos.models import Reclamo
from sumarios.models import Denuncia
from tests.conftest import crear_usuario
from tests.sumarios.caba import datos_denuncia

pytestmark = pytest.mark.django_db
RUTA = "/api/v1/caba/vuf/denuncias/"


def _cuerpo(**extra) -> dict:
    return {**datos_denuncia(email="marta@example.com"), "numero_vuf": "vuf-2026-000123", **extra}


def _clave_vuf(funcionario) -> str:
    salida = io.StringIO()
    call_command("clave_vuf", funcionario=funcionario.email, stdout=salida)
    return salida.getvalue().strip()


def _api_con(texto: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Clave {texto}")
    return api


@pytest.fixture
def vuf(settings):
    settings.CABA_VUF_HABILITADA = True


def test_sin_la_bandera_no_hay_ingreso_por_la_vuf(client, funcionario, proveedor_activo):
    clave = _clave_vuf(funcionario)
    respuesta = _api_con(clave).post(RUTA, _cuerpo(), format="json")
    assert respuesta.status_code == 404 and respuesta.json()["error"]["codigo"] == "not_found"
    client.force_login(funcionario)
    pagina = client.get(reverse("sumarios:denunciar")).content.decode()
    assert 'name="numero_vuf"' not in pagina
    datos = {**_cuerpo(), "consumidor_final": "1", "en_caba": "1"}
    assert client.post(reverse("sumarios:denunciar"), datos).status_code == 403
    assert not Reclamo.objects.exists()


def test_la_vuf_deriva_por_api_y_el_numero_queda_guardado_y_a_la_vista(
    vuf, client, funcionario, proveedor_activo
):
    api = _api_con(_clave_vuf(funcionario))
    respuesta = api.post(RUTA, _cuerpo(), format="json")
    assert respuesta.status_code == 201, respuesta.json()
    cuerpo = respuesta.json()
    assert cuerpo["numero_vuf"] == "VUF-2026-000123" and cuerpo["canal"] == "vuf"
    assert cuerpo["cuenta_nueva"] is True and cuerpo["estado"] == Estado.EN_ADMISION
    reclamo = Reclamo.objects.get(pk=cuerpo["id"])
    denuncia = Denuncia.objects.get(reclamo=reclamo)
    assert denuncia.canal == Denuncia.Canal.VUF and denuncia.numero_vuf == "VUF-2026-000123"
    assert reclamo.cargado_por == funcionario and reclamo.consumidor.email == "marta@example.com"
    client.force_login(funcionario)
    pagina = client.get(reverse("sumarios:denuncia", args=[reclamo.pk])).content.decode()
    assert 'data-canal="vuf"' in pagina and "VUF-2026-000123" in pagina
    # The same VUF claim again (any spelling): 409, nothing filed twice.
    otra = api.post(RUTA, _cuerpo(numero_vuf=" Vuf-2026-000123 "), format="json")
    assert otra.status_code == 409
    error = otra.json()["error"]
    assert error["codigo"] == "duplicate_vuf" and reclamo.numero in error["mensaje"]
    assert Reclamo.objects.count() == 1


def test_datos_malos_por_api_son_400_en_el_sobre(vuf, funcionario, proveedor_activo):
    api = _api_con(_clave_vuf(funcionario))
    for malo in (_cuerpo(numero_vuf=""), _cuerpo(numero_vuf="12 34"), _cuerpo(cuit="123")):
        respuesta = api.post(RUTA, malo, format="json")
        assert respuesta.status_code == 400, malo
        assert respuesta.json()["error"]["codigo"] in {"invalid", "validation_error"}
    sin_declarar = api.post(RUTA, _cuerpo(en_caba=False), format="json")
    assert sin_declarar.status_code == 400
    assert "en_caba" in sin_declarar.json()["error"]["campos"]
    assert not Reclamo.objects.exists()


def test_solo_la_direccion_o_su_integracion_cargan_por_la_vuf(
    vuf, proveedor, proveedor_activo, consumidora
):
    oficial_pe = crear_usuario("rosa@indecopi.example", Rol.FUNCIONARIO, regimenes=["PE-INDECOPI"])
    sesion = APIClient()
    sesion.force_authenticate(oficial_pe)
    assert sesion.post(RUTA, _cuerpo(), format="json").status_code == 403
    sesion.force_authenticate(consumidora)
    assert sesion.post(RUTA, _cuerpo(), format="json").status_code == 403
    # A provider's key is not the VUF's, whoever created it.
    _clave, texto = ClaveApi.generar(
        organizacion=proveedor_activo, nombre="ERP", creada_por=proveedor
    )
    respuesta = _api_con(texto).post(RUTA, _cuerpo(), format="json")
    assert respuesta.status_code == 403 and respuesta.json()["error"]["codigo"] == "forbidden"
    assert not Reclamo.objects.exists()


def test_la_clave_vuf_solo_para_personal_de_la_ciudad(db):
    from django.core.management.base import CommandError

    oficial_pe = crear_usuario("rosa@indecopi.example", Rol.FUNCIONARIO, regimenes=["PE-INDECOPI"])
    with pytest.raises(CommandError):
        _clave_vuf(oficial_pe)


def test_el_personal_carga_la_derivacion_de_la_vuf_en_la_pagina(
    vuf, client, funcionario, proveedor_activo
):
    client.force_login(funcionario)
    url = reverse("sumarios:denunciar")
    assert 'name="numero_vuf"' in client.get(url).content.decode()
    datos = {**_cuerpo(), "consumidor_final": "1", "en_caba": "1"}
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302
    denuncia = Denuncia.objects.get()
    assert denuncia.canal == Denuncia.Canal.VUF and denuncia.numero_vuf == "VUF-2026-000123"
    otra = client.post(url, datos)
    assert otra.status_code == 409
    assert "ya está cargado como denuncia" in otra.content.decode()
    # Without a VUF number it is still a Comuna intake.
    comuna = client.post(url, {**datos, "numero_vuf": "", "email": "otro@example.com"})
    assert comuna.status_code == 302
    assert Denuncia.objects.filter(canal=Denuncia.Canal.COMUNA).count() == 1


def test_dos_entregas_simultaneas_del_mismo_reclamo_vuf_dejan_una_denuncia(
    vuf, funcionario, proveedor_activo, monkeypatch
):
    """The second delivery passes the check before the first commits: the unique constraint
    decides and the second gets the same 409, not a 500."""
    from conciliacion.errores import ConflictoDeEstado
    from sumarios.services import denuncia as servicio

    servicio.presentar_desde_vuf(por=funcionario, datos=_cuerpo())
    real = servicio._vuf_cargada
    llamadas = []

    def _carrera(numero):
        # The racing delivery's early check saw nothing yet; later checks see the row.
        llamadas.append(numero)
        return False if len(llamadas) == 1 else real(numero)

    monkeypatch.setattr(servicio, "_vuf_cargada", _carrera)
    with pytest.raises(ConflictoDeEstado) as repetida:
        servicio.presentar_desde_vuf(por=funcionario, datos=_cuerpo(email="otra@example.com"))
    assert repetida.value.codigo == "duplicate_vuf" and len(llamadas) == 2
    assert Denuncia.objects.filter(numero_vuf="VUF-2026-000123").count() == 1
    assert Reclamo.objects.count() == 1
