"""API: a claim's designation (scoped like the claim) and the public draw record."""

import hashlib

import pytest
from rest_framework.test import APIClient

from conciliadores import verificacion
from conciliadores.services import designacion as servicio
from conciliadores.services.sorteo import sortear_conciliador

pytestmark = pytest.mark.django_db


def _api(usuario=None):
    api = APIClient()
    if usuario is not None:
        api.force_authenticate(usuario)
    return api


def test_antes_del_sorteo_la_api_publica_solo_el_compromiso(reclamo_a, consumidora):
    registro = _api().get(f"/api/v1/sorteos/{reclamo_a.numero}/").json()
    ronda = registro["rondas"][0]
    assert ronda["semilla"] is None and ronda["padron"] is None and ronda["coincide"] is None
    assert len(ronda["compromiso"]) == 64
    designacion = _api(consumidora).get(f"/api/v1/reclamos/{reclamo_a.pk}/designacion/").json()
    assert designacion["activa"] is None and designacion["sorteo_url"] is None
    assert designacion["sorteo"][0]["compromiso"] == ronda["compromiso"]
    assert "semilla" not in designacion["sorteo"][0]


def test_despues_del_sorteo_el_registro_se_recalcula_con_la_libreria_estandar(
    reclamo_a, consumidora, cinco_conciliadores
):
    elegido = sortear_conciliador(reclamo_a, candidatos=None, por=consumidora).conciliador
    registro = _api().get(f"/api/v1/sorteos/{reclamo_a.numero}/").json()
    ronda = registro["rondas"][0]
    assert ronda["coincide"] is True and ronda["resultado_matricula"] == elegido.matricula
    assert hashlib.sha256(ronda["semilla"].encode()).hexdigest() == ronda["compromiso"]
    calculado = verificacion.calcular(
        ronda["semilla"], registro["numero"], ronda["padron"], ronda["ronda"]
    )
    assert calculado.elegido["matricula"] == elegido.matricula
    assert "HMAC-SHA256" in registro["algoritmo"]
    # The next round is committed, its seed still secret.
    assert registro["rondas"][1]["semilla"] is None


def test_la_designacion_del_reclamo_trae_los_datos_del_conciliador(
    reclamo_a, consumidora, cinco_conciliadores
):
    elegido = sortear_conciliador(reclamo_a, candidatos=None, por=consumidora).conciliador
    datos = _api(consumidora).get(f"/api/v1/reclamos/{reclamo_a.pk}/designacion/").json()
    activa = datos["activa"]
    assert activa["metodo"] == "a" and activa["ronda_sorteo"] == 1
    assert activa["conciliador"]["matricula"] == elegido.matricula
    assert activa["conciliador"]["email"] == elegido.email_para_partes
    assert activa["conciliador"]["telefono"] == elegido.telefono
    assert datos["sorteo_url"] == f"/api/v1/sorteos/{reclamo_a.numero}/"
    lista = _api(consumidora).get("/api/v1/designaciones/", {"reclamo": reclamo_a.pk}).json()
    assert [d["conciliador"]["matricula"] for d in lista["results"]] == [elegido.matricula]


def test_la_designacion_se_oculta_a_quien_no_ve_el_reclamo(reclamo_c, consumidora, extrano):
    assert _api(extrano).get(f"/api/v1/reclamos/{reclamo_c.pk}/designacion/").status_code == 404
    assert _api().get(f"/api/v1/reclamos/{reclamo_c.pk}/designacion/").status_code in (401, 403)
    lista = _api(extrano).get("/api/v1/designaciones/", {"reclamo": reclamo_c.pk}).json()
    assert lista["results"] == []
    # An id the schema calls an integer is refused, not read as "no claim".
    invalido = _api(extrano).get("/api/v1/designaciones/", {"reclamo": "x"})
    assert invalido.status_code == 400
    assert invalido.json()["error"]["codigo"] == "invalid"


def test_la_propuesta_pendiente_la_ve_el_elegido(reclamo_c, consumidora, perfil_ana):
    servicio.elegir_conciliador(reclamo_c, por=consumidora, conciliador=perfil_ana)
    datos = _api(perfil_ana.usuario).get(f"/api/v1/reclamos/{reclamo_c.pk}/designacion/").json()
    assert datos["propuesta_pendiente"]["conciliador"]["matricula"] == perfil_ana.matricula
    assert datos["sorteo"] == [] and datos["metodo"] == "c"


def test_un_numero_sin_sorteo_da_404(reclamo_c):
    assert _api().get(f"/api/v1/sorteos/{reclamo_c.numero}/").status_code == 404
