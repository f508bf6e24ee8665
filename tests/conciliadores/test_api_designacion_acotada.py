"""A claim's designation in the API embeds only the latest ended designations, recusaciones and
draw rounds (selectors.ULTIMAS), with links to the whole lists as cursor-paginated
sub-resources (issue 13, decision 0040); the same queries with 2 or 13 of each, and 404 for
whoever may not see the claim."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from conciliadores.causales import Causal
from conciliadores.models import Designacion, Recusacion, Sorteo
from conciliadores.selectors import ULTIMAS
from conciliadores.services.sorteo import sortear_conciliador
from cuentas.models import Membresia
from cuentas.roles import Rol
from reclamos.models import Pausa
from tests.conftest import crear_usuario

pytestmark = pytest.mark.django_db


def _api(usuario) -> APIClient:
    api = APIClient()
    api.force_authenticate(usuario)
    return api


def _historia(reclamo, consumidora, desde: int, hasta: int) -> None:
    """Ended designations, decided recusaciones and drawn-later rounds numbered desde..hasta-1."""
    activa = Designacion.objects.get(reclamo=reclamo, activa=True)
    for i in range(desde, hasta):
        vieja = Designacion.objects.get(pk=activa.pk)
        vieja.pk, vieja.activa, vieja.sorteo = None, False, None
        vieja.fecha = activa.fecha - dt.timedelta(days=100 - i)
        vieja.referencia = f"vieja-{i}"
        vieja.save()
        pausa = Pausa.objects.create(
            reclamo=reclamo,
            tipo=Pausa.Tipo.RECUSACION,
            motivo="Recusación",
            abierta_por=consumidora,
            hasta=timezone.now(),
        )
        Recusacion.objects.create(
            reclamo=reclamo,
            designacion=vieja,
            conciliador=vieja.conciliador,
            presentada_por=consumidora,
            causal=Causal.choices[0][0],
            fundamento=f"recusacion-{i}",
            presentada_en=timezone.now() - dt.timedelta(days=100 - i),
            pausa=pausa,
            estado=Recusacion.Estado.ADMITIDA,
        )
        ronda = Sorteo.objects.filter(reclamo=reclamo).order_by("ronda").first()
        ronda.pk, ronda.ronda = None, 100 + i
        ronda.save()


def _consultas(api, url: str) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        assert api.get(url).status_code == 200
    return len(capturadas.captured_queries)


def _recorrer(api, url: str) -> list[dict]:
    filas = []
    while url:
        respuesta = api.get(url)
        assert respuesta.status_code == 200, respuesta.content
        filas += respuesta.json()["results"]
        url = respuesta.json()["next"]
    return filas


def test_la_designacion_embebe_las_ultimas_y_enlaza_las_listas(
    reclamo_a, consumidora, cinco_conciliadores
):
    sortear_conciliador(reclamo_a, candidatos=None, por=consumidora)
    api = _api(consumidora)
    url = f"/api/v1/reclamos/{reclamo_a.pk}/designacion/"
    _historia(reclamo_a, consumidora, 0, 2)
    api.get(url)
    pocas = _consultas(api, url)
    _historia(reclamo_a, consumidora, 2, 13)
    assert _consultas(api, url) == pocas
    datos = api.get(url).json()
    assert datos["activa"] is not None
    assert [d["referencia"] for d in datos["anteriores"]] == [f"vieja-{i}" for i in range(3, 13)]
    assert len(datos["recusaciones"]) == ULTIMAS == 10
    assert datos["recusaciones"][0]["presentada_en"] > datos["recusaciones"][-1]["presentada_en"]
    rondas = [r["ronda"] for r in datos["sorteo"]]
    assert rondas == [*range(103, 113)]  # the latest ten of 1, 2 and 100..112
    # The whole lists, by cursor.
    anteriores = _recorrer(api, datos["designaciones_url"] + "&tamano=5")
    assert len(anteriores) == 14 and len({d["id"] for d in anteriores}) == 14
    recusaciones = _recorrer(api, datos["recusaciones_url"] + "?tamano=5")
    assert len(recusaciones) == 13 and len({r["id"] for r in recusaciones}) == 13
    fechas = [r["presentada_en"] for r in recusaciones]
    assert fechas == sorted(fechas, reverse=True)
    todas = _recorrer(api, datos["rondas_url"] + "?tamano=5")
    assert [r["ronda"] for r in todas] == [1, 2, *range(100, 113)]


def test_las_listas_de_la_designacion_de_otro_son_404(
    reclamo_a, consumidora, otra_consumidora, otro_proveedor, cinco_conciliadores
):
    sortear_conciliador(reclamo_a, candidatos=None, por=consumidora)
    ajeno = crear_usuario("rep@otro.example", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=ajeno, organizacion=otro_proveedor, es_administrador=True)
    for quien in (otra_consumidora, ajeno):
        for ruta in ("recusaciones/", "sorteo/rondas/", "designacion/"):
            respuesta = _api(quien).get(f"/api/v1/reclamos/{reclamo_a.pk}/{ruta}")
            assert respuesta.status_code == 404, (quien, ruta)
            assert respuesta.json()["error"]["codigo"] == "not_found"
