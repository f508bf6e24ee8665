"""The panel's open-sheet queue is walked by keyset in its three-key order (running before
suspended, soonest due first — a sheet without a due date last —, oldest filed first) and the
panel costs the same queries with 2 or 60 sheets, open and closed (issue 13)."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from libro import services
from libro.estados import EstadoHoja
from libro.models import Hoja
from tests.libro.conftest import presentar, viajar

pytestmark = pytest.mark.django_db
URL = "/libro/panel/"


def _consultas(client, **params) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        assert client.get(URL, params).status_code == 200
    return len(capturadas.captured_queries)


def _copias(hoja, desde, hasta, **campos):
    """Copies of `hoja` with a spread of due dates (some none), suspended flags and filings."""
    for i in range(desde, hasta):
        copia = Hoja.objects.get(pk=hoja.pk)
        copia.pk = None
        copia._state.adding = True
        copia.correlativo = 1000 + i
        copia.clave = uuid.uuid4().hex
        copia.apellidos = f"Copia{i:02d}"
        copia.respuesta_suspendida = i % 7 == 0
        copia.vence_respuesta = None if i % 11 == 0 else hoja.vence_respuesta + dt.timedelta(i % 5)
        copia.presentada_en = hoja.presentada_en - dt.timedelta(minutes=i % 3)
        for campo, valor in campos.items():
            setattr(copia, campo, valor)
        copia.save()


def _clave(h):
    return (
        h.respuesta_suspendida,
        h.vence_respuesta is None,
        h.vence_respuesta,
        h.presentada_en,
        h.pk,
    )


def test_la_cola_pagina_por_vencimiento_y_no_crece_con_las_hojas(
    client, representante_pe, libro_web
):
    with viajar(2026, 10, 5):
        hoja = presentar(libro_web, apellidos="Original")
        cerrada = presentar(libro_web, apellidos="Cerrada")
    with viajar(2026, 10, 7):
        services.responder_hoja(cerrada, texto="Listo.", por=representante_pe)
    hoja.refresh_from_db()
    cerrada.refresh_from_db()
    client.force_login(representante_pe)
    with viajar(2026, 10, 8):
        _copias(hoja, 1, 2)
        client.get(URL)  # warm the per-user caches (menu, MFA)
        pocas = _consultas(client)
        _copias(hoja, 2, 62)
        _copias(cerrada, 100, 130)  # closed ones: in the summary, never in the queue
        assert _consultas(client) == pocas
        primera = client.get(URL).context["pagina"]
        assert len(primera) == 50 and primera.siguiente
        respuesta = client.get(URL, {"cursor": primera.siguiente})
        segunda = respuesta.context["pagina"]
        html = respuesta.content.decode()
        resumen = respuesta.context["resumen"]
    assert len(segunda) == 12 and segunda.siguiente is None
    recorridas = [*primera, *segunda]
    abiertas = Hoja.objects.exclude(estado__in=EstadoHoja.cerrados())
    assert [h.pk for h in recorridas] == [h.pk for h in sorted(abiertas, key=_clave)]
    sin_fecha = [h.vence_respuesta is None for h in recorridas if not h.respuesta_suspendida]
    assert any(sin_fecha) and sin_fecha == sorted(sin_fecha)  # running without a date: last
    assert recorridas[-1].respuesta_suspendida
    assert "Primera página" in html
    assert resumen.abiertas == 62 and resumen.cerradas == 31
    assert resumen.promedio_dias_habiles == 2.0  # 5/10 → 7/10, copied with the sheet


def test_un_cursor_alterado_vuelve_a_la_primera_pagina(client, representante_pe, libro_web):
    with viajar(2026, 10, 5):
        presentar(libro_web, apellidos="Unica")
    client.force_login(representante_pe)
    for cursor in ("no-es-base64!", "WyJ4IiwgMSwgMiwgM10=", "WzEsIDIsIDMsIDRd", "bnVsbA=="):
        with viajar(2026, 10, 6):
            respuesta = client.get(URL, {"cursor": cursor})
        assert respuesta.status_code == 200
        assert respuesta.context["pagina"].es_primera and "Unica" in respuesta.content.decode()


def test_el_promedio_es_la_cifra_escrita_al_cerrar(client, representante_pe, libro_web):
    with viajar(2026, 10, 5):
        hoja = presentar(libro_web)
    with viajar(2026, 10, 12):  # 6, 7, 9, 12: 4 business days (8/10 is a holiday)
        services.responder_hoja(hoja, texto="Listo.", por=representante_pe)
    assert Hoja.objects.get(pk=hoja.pk).dias_habiles_respuesta == 4
    Hoja.objects.filter(pk=hoja.pk).update(dias_habiles_respuesta=9)
    client.force_login(representante_pe)
    with viajar(2026, 10, 13):
        texto = client.get(URL).content.decode()
    assert '<p class="h2" id="r-promedio">9.0</p>' in texto


def _cola_entera(representante_pe, tamano):
    """Every page of the queue walked with pages of `tamano`: rows and each page's cursor."""
    from libro import selectors

    filas, cursores, cursor = [], [], None
    while True:
        pagina = selectors.pagina_cola(selectors.cola(representante_pe), cursor, tamano=tamano)
        filas += pagina.filas
        cursores.append(cursor)
        if pagina.siguiente is None:
            return filas, cursores
        cursor = pagina.siguiente


def test_las_paginas_siguientes_buscan_desde_el_cursor_sin_huecos(representante_pe, libro_web):
    """Pages of 3 put cursors in every stretch: a dated running sheet, an undated one and a
    suspended one, and the walk still gives the whole queue in its order, each sheet once."""
    with viajar(2026, 10, 5):
        hoja = presentar(libro_web, apellidos="Original")
    hoja.refresh_from_db()
    _copias(hoja, 1, 40)
    with viajar(2026, 10, 8):
        filas, cursores = _cola_entera(representante_pe, 3)
    assert len(cursores) == 14  # 40 sheets, 3 a page
    abiertas = Hoja.objects.exclude(estado__in=EstadoHoja.cerrados())
    assert [h.pk for h in filas] == [h.pk for h in sorted(abiertas, key=_clave)]
    bordes = {_clave(filas[i])[:2] for i in range(2, len(filas) - 1, 3)}  # each page's last
    assert {(False, False), (False, True), (True, False)} <= bordes


@pytest.mark.postgres
def test_en_postgresql_una_pagina_siguiente_busca_en_el_indice(representante_pe, libro_web):
    from libro import selectors

    with viajar(2026, 10, 5):
        hoja = presentar(libro_web, apellidos="Original")
    hoja.refresh_from_db()
    _copias(hoja, 1, 30)
    with viajar(2026, 10, 8):
        primera = selectors.pagina_cola(selectors.cola(representante_pe), tamano=3)
        with CaptureQueriesContext(connection) as consultas:
            selectors.pagina_cola(selectors.cola(representante_pe), primera.siguiente, tamano=3)
    sql = next(c["sql"] for c in consultas if "ORDER BY" in c["sql"] and "libro_hoja" in c["sql"])
    assert "ROW(" in sql.upper() or '("libro_hoja"."vence_respuesta", ' in sql, sql
    with connection.cursor() as cursor:
        # A few test rows: the planner would rather sort them; these say the index can serve
        # both the seek and the order (a Sort left in the plan would mean it cannot).
        for ajuste in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            cursor.execute(f"SET LOCAL {ajuste} = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(fila[0] for fila in cursor.fetchall())
    assert "hoja_cola_abiertas" in plan, plan
    condicion = plan.split("hoja_cola_abiertas", 1)[1]
    assert "Index Cond" in condicion and "ROW(" in condicion, plan
    assert "Sort" not in plan.split("hoja_cola_abiertas")[0], plan
