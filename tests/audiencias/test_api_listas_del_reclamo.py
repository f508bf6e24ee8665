"""A claim's hearings and offered slots in the API are cursor-paginated sub-resources (issue 13,
decision 0040): pages walk without gaps or repeats, a page costs the same queries with 2 or 60
hearings, and whoever may not see the claim gets 404 as for the claim itself."""

import base64
import datetime as dt
import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from audiencias.models import Audiencia
from cuentas.models import Membresia
from cuentas.roles import Rol
from tests.conftest import crear_usuario

pytestmark = pytest.mark.django_db


def _api(usuario) -> APIClient:
    api = APIClient()
    api.force_authenticate(usuario)
    return api


def _recorrer(api, url: str) -> tuple[list[dict], list[int], list[str | None]]:
    """Every row following `next`, the statements each page cost and each page's `previous`."""
    filas, consultas, anteriores = [], [], []
    while url:
        with CaptureQueriesContext(connection) as capturadas:
            respuesta = api.get(url)
        assert respuesta.status_code == 200, respuesta.content
        cuerpo = respuesta.json()
        assert set(cuerpo) == {"next", "previous", "results"}
        filas += cuerpo["results"]
        consultas.append(len(capturadas.captured_queries))
        anteriores.append(cuerpo["previous"])
        url = cuerpo["next"]
    return filas, consultas, anteriores


def _consultas(api, url: str) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        assert api.get(url).status_code == 200
    return len(capturadas.captured_queries)


def _anteriores(fijada, n: int, *, desde: int = 1) -> list[Audiencia]:
    """`n` earlier cancelled hearings of the same claim, a day apart before the fixed one."""
    copias = []
    for i in range(desde, desde + n):
        copia = Audiencia.objects.get(pk=fijada.pk)
        copia.pk = None
        copia._state.adding = True
        copia.estado = Audiencia.Estado.CANCELADA
        copia.inicio = fijada.inicio - dt.timedelta(days=i)
        copia.uid_ics = uuid.uuid4()
        copia.reemplaza = None
        copia.save()
        copias.append(copia)
    return copias


def test_las_audiencias_del_reclamo_se_recorren_por_cursor_y_no_crecen(fijada, consumidora):
    api = _api(consumidora)
    url = f"/api/v1/reclamos/{fijada.reclamo_id}/audiencias/"
    _anteriores(fijada, 1)
    api.get(url)  # warm the per-user caches
    pocas = _consultas(api, url)
    _anteriores(fijada, 58, desde=2)
    assert _consultas(api, url) == pocas
    filas, consultas, anteriores = _recorrer(api, f"{url}?tamano=25")
    assert len(consultas) == 3 and len(set(consultas)) == 1
    ids = [f["id"] for f in filas]
    assert len(ids) == len(set(ids)) == 60
    assert set(ids) == set(
        Audiencia.objects.filter(reclamo=fijada.reclamo).values_list("pk", flat=True)
    )
    inicios = [dt.datetime.fromisoformat(f["inicio"]) for f in filas]
    assert inicios == sorted(inicios) and ids[-1] == fijada.pk  # first to last
    assert anteriores[0] is None and all(anteriores[1:])
    # The default page is 50 rows: the claim's whole history is never one response.
    primera = api.get(url).json()
    assert len(primera["results"]) == 50 and primera["next"]


def test_las_audiencias_de_otro_reclamo_son_404(fijada, otra_consumidora, otro_proveedor):
    ajeno = crear_usuario("rep@otro.example", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=ajeno, organizacion=otro_proveedor, es_administrador=True)
    for quien in (otra_consumidora, ajeno):
        for ruta in ("audiencias", "turnos"):
            respuesta = _api(quien).get(f"/api/v1/reclamos/{fijada.reclamo_id}/{ruta}/")
            assert respuesta.status_code == 404, (quien, ruta)
            assert respuesta.json()["error"]["codigo"] == "not_found"


def test_los_turnos_ofrecidos_se_recorren_por_cursor_en_ambos_sentidos(
    espera_turno, conciliadores_con_horario, consumidora
):
    api = _api(consumidora)
    url = f"/api/v1/reclamos/{espera_turno.pk}/turnos/"
    todos = api.get(url, {"tamano": 200}).json()
    assert todos["next"] is None and todos["previous"] is None
    todos = todos["results"]
    assert len(todos) > 10
    filas, _consultas_por_pagina, anteriores = _recorrer(api, f"{url}?tamano=4")
    assert filas == todos  # same rows, same order, each once
    assert anteriores[0] is None and all(anteriores[1:])
    # Walking back from the last page gives the earlier pages again.
    ultima = api.get(url, {"tamano": 4})
    paginas = []
    while ultima.json()["next"]:
        paginas.append(ultima.json()["results"])
        ultima = api.get(ultima.json()["next"])
    atras = api.get(ultima.json()["previous"]).json()
    assert atras["results"] == paginas[-1] and atras["next"]
    assert api.get(atras["next"]).json()["results"] == ultima.json()["results"]
    # The first page of the default size is 50 slots.
    assert len(api.get(url).json()["results"]) == min(50, len(todos))


@pytest.mark.parametrize(
    "cursor",
    [
        "no-es-un-cursor",
        base64.urlsafe_b64encode(b'{"a":0}').decode(),
        base64.urlsafe_b64encode(json.dumps({"a": 0, "k": [1, 2, 3]}).encode()).decode(),
        base64.urlsafe_b64encode(json.dumps({"a": 0, "k": [[1], "x"]}).encode()).decode(),
    ],
)
def test_un_cursor_de_turnos_invalido_es_404_en_el_sobre(
    espera_turno, conciliadores_con_horario, consumidora, cursor
):
    respuesta = _api(consumidora).get(
        f"/api/v1/reclamos/{espera_turno.pk}/turnos/", {"cursor": cursor}
    )
    assert respuesta.status_code == 404
    assert respuesta.json()["error"]["codigo"] == "not_found"


def test_tamano_invalido_es_400(espera_turno, conciliadores_con_horario, consumidora):
    for ruta in ("turnos", "audiencias"):
        respuesta = _api(consumidora).get(
            f"/api/v1/reclamos/{espera_turno.pk}/{ruta}/", {"tamano": "abc"}
        )
        assert respuesta.status_code == 400 and "tamano" in respuesta.json()["error"]["campos"]
