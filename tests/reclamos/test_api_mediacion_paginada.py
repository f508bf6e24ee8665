"""The mediation's thread, proposals and hearings in the API are cursor-paginated sub-resources
(issue 13, decision 0040): pages walk without gaps or repeats, a page costs the same queries with
2 or 60 rows, and whoever may not see the mediation gets 404."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from audiencias.models import Audiencia
from reclamos.models import LecturaMensaje, MensajeMediacion, PropuestaMediacion
from reclamos.services import mediacion
from tests.reclamos.mediacion import (
    RUC_SUR,
    con_propuesta,
    consumidora_pe,
    en_mediacion,
    proveedor_pe,
)

pytestmark = pytest.mark.django_db
LIMA = ZoneInfo("America/Lima")


@pytest.fixture
def carmen(db):
    return consumidora_pe()


@pytest.fixture
def andina(db):
    return proveedor_pe()


def _api(usuario) -> APIClient:
    api = APIClient()
    api.force_authenticate(usuario)
    return api


def _recorrer(api, url: str) -> tuple[list[dict], list[int]]:
    filas, consultas = [], []
    while url:
        with CaptureQueriesContext(connection) as capturadas:
            respuesta = api.get(url)
        assert respuesta.status_code == 200, respuesta.content
        cuerpo = respuesta.json()
        assert set(cuerpo) == {"next", "previous", "results"}
        filas += cuerpo["results"]
        consultas.append(len(capturadas.captured_queries))
        url = cuerpo["next"]
    return filas, consultas


def _consultas(api, url: str) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        assert api.get(url).status_code == 200
    return len(capturadas.captured_queries)


def _mensajes(reclamo, autor, lector, n: int, *, desde: int = 0) -> None:
    """`n` messages a minute apart, each read by `lector` (a read receipt per row)."""
    base = dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA)
    for i in range(desde, desde + n):
        mensaje = MensajeMediacion.objects.create(
            reclamo=reclamo,
            autor=autor,
            rol="consumidor",
            texto=f"Mensaje {i}",
            creado_en=base + dt.timedelta(minutes=i),
        )
        LecturaMensaje.objects.create(mensaje=mensaje, usuario=lector)


def test_el_hilo_se_recorre_por_cursor_y_no_crece(carmen, andina, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    api = _api(andina[1])
    url = f"/api/v1/reclamos/{reclamo.pk}/mediacion/mensajes/"
    _mensajes(reclamo, carmen, funcionario, 2)
    api.get(url)  # warm the caches; the provider's read receipts are written
    pocas = _consultas(api, url)
    _mensajes(reclamo, carmen, funcionario, 58, desde=2)
    api.get(url)  # the new messages' read receipts are written
    assert _consultas(api, url) == pocas
    filas, consultas = _recorrer(api, f"{url}?tamano=25")
    assert len(consultas) == 3 and len(set(consultas)) == 1
    assert [f["texto"] for f in filas] == [f"Mensaje {i}" for i in range(60)]  # oldest first
    assert len({f["id"] for f in filas}) == 60
    assert all(len(f["lecturas"]) == 2 for f in filas)  # the official's and the provider's
    assert len(api.get(url).json()["results"]) == 50


def test_las_propuestas_se_recorren_por_cursor_y_no_crecen(carmen, andina, funcionario):
    propuesta = con_propuesta(carmen, funcionario, andina[1], renderizar=False)
    api = _api(carmen)
    url = f"/api/v1/reclamos/{propuesta.reclamo_id}/mediacion/propuestas/"

    def mas(numeros):
        for numero in numeros:
            copia = PropuestaMediacion.objects.get(pk=propuesta.pk)
            copia.pk, copia.numero = None, numero
            copia.estado = PropuestaMediacion.Estado.RECHAZADA
            copia.save()

    mas([2])
    api.get(url)
    pocas = _consultas(api, url)
    mas(range(3, 61))
    assert _consultas(api, url) == pocas
    filas, consultas = _recorrer(api, f"{url}?tamano=25")
    assert len(consultas) == 3 and len(set(consultas)) == 1
    assert [f["numero"] for f in filas] == list(range(1, 61))


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False)
def test_las_audiencias_de_la_mediacion_se_recorren_por_cursor_y_no_crecen(
    carmen, andina, funcionario
):
    reclamo = en_mediacion(carmen, funcionario)
    mediacion.convocar_audiencia(
        reclamo, por=funcionario, inicio=dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)
    )
    convocada = Audiencia.objects.get(reclamo=reclamo)

    def canceladas(dias):
        for i in dias:
            copia = Audiencia.objects.get(pk=convocada.pk)
            copia.pk = None
            copia._state.adding = True
            copia.estado = Audiencia.Estado.CANCELADA
            copia.inicio = convocada.inicio - dt.timedelta(days=i)
            copia.uid_ics = uuid.uuid4()
            copia.save()

    api = _api(andina[1])
    url = f"/api/v1/reclamos/{reclamo.pk}/mediacion/audiencias/"
    canceladas([1])
    api.get(url)
    pocas = _consultas(api, url)
    canceladas(range(2, 60))
    assert _consultas(api, url) == pocas
    filas, consultas = _recorrer(api, f"{url}?tamano=25")
    assert len(consultas) == 3 and len(set(consultas)) == 1
    assert len({f["id"] for f in filas}) == 60 and filas[-1]["id"] == convocada.pk
    assert [f["inicio"] for f in filas] == sorted(f["inicio"] for f in filas)


def test_la_mediacion_de_otro_es_404_en_cada_lista(carmen, andina, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    _sur, representante_sur = proveedor_pe(RUC_SUR, "Servicios del Sur S.A.")
    otra = consumidora_pe("otra@example.pe")
    for quien in (representante_sur, otra):
        for lista in ("mensajes", "propuestas", "audiencias"):
            respuesta = _api(quien).get(f"/api/v1/reclamos/{reclamo.pk}/mediacion/{lista}/")
            assert respuesta.status_code == 404, (quien, lista)
            assert respuesta.json()["error"]["codigo"] == "not_found"
