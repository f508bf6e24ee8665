"""Issue 13, decision 0042: the hearing's access probes its own claim, the conciliator's agenda
reads each of their tables once, and the claim page reads its plazos once and skips the queries
its marks answer (the lead of a joined claim, the closure for the provider's absence)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audiencias import disponibilidad
from audiencias.models import Bloqueo, TurnoPuntual
from audiencias.permisos import acceder_audiencia
from honorarios.selectors import seccion_del_reclamo
from reclamos import secciones
from reclamos.estados import Estado
from reclamos.models import Actuacion, Reclamo
from tests.audiencias.conftest import BA
from tests.audiencias.test_audiencia import _quien
from tests.conciliadores.conftest import crear_conciliador
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


def _sql(client, url) -> list[str]:
    client.get(url)  # warm: cached menu and step times
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200
    return [c["sql"] for c in consultas.captured_queries]


# --- the hearing -------------------------------------------------------------------------------
def test_la_audiencia_se_lee_acotando_los_reclamos_visibles_a_su_reclamo(client, en_la_audiencia):
    client.force_login(_quien(en_la_audiencia))
    sql = _sql(client, reverse("audiencias:audiencia", args=[en_la_audiencia.pk]))
    lectura = next(s for s in sql if s.startswith('SELECT "audiencias_audiencia"."id"'))
    # The visible claims narrowed to the hearing's claim by a scalar subquery: PostgreSQL probes
    # that one claim instead of walking every designation of the conciliator.
    sondeo = r'= \(SELECT (\w+)\."reclamo_id" AS "reclamo_id" FROM "audiencias_audiencia" \1 '
    assert re.search(sondeo + rf'WHERE \1\."id" = {en_la_audiencia.pk}', lectura), lectura


def test_la_audiencia_sigue_siendo_solo_de_quien_ve_su_reclamo(
    en_la_audiencia, consumidora, otra_consumidora
):
    pk = en_la_audiencia.pk
    assert acceder_audiencia(_quien(en_la_audiencia), pk) == en_la_audiencia
    assert acceder_audiencia(consumidora, pk) == en_la_audiencia
    otro_conciliador = crear_conciliador("T-0999").usuario
    for ajeno in (otra_consumidora, otro_conciliador):
        with pytest.raises(Http404):
            acceder_audiencia(ajeno, pk)
    with pytest.raises(Http404):
        acceder_audiencia(consumidora, pk + 1000)


# --- the agenda --------------------------------------------------------------------------------
def test_la_agenda_lee_cada_tabla_una_vez_y_muestra_lo_mismo(
    client, ahora, conciliadores_con_horario
):
    conciliador = conciliadores_con_horario[0]
    usuario = conciliador.usuario
    # Monday 2/3/2026 10:00 in Buenos Aires: a one-off slot earlier today (a free slot of
    # today, but no longer listed among the upcoming one-off slots), one tomorrow, a blocked
    # day that ended yesterday and one on Wednesday.
    hoy_temprano = TurnoPuntual.objects.create(
        conciliador=conciliador,
        inicio=dt.datetime(2026, 3, 2, 8, tzinfo=BA),
        modalidad="video",
        publicado_por=usuario,
    )
    manana = TurnoPuntual.objects.create(
        conciliador=conciliador,
        inicio=dt.datetime(2026, 3, 3, 15, tzinfo=BA),
        modalidad="video",
        publicado_por=usuario,
    )
    Bloqueo.objects.create(
        conciliador=conciliador, desde=dt.date(2026, 2, 27), hasta=dt.date(2026, 3, 1),
        creado_por=usuario,
    )  # fmt: skip
    miercoles = Bloqueo.objects.create(
        conciliador=conciliador, desde=dt.date(2026, 3, 4), hasta=dt.date(2026, 3, 4),
        creado_por=usuario,
    )  # fmt: skip
    client.force_login(usuario)
    url = reverse("audiencias:mi_agenda")
    sql = _sql(client, url)
    for tabla in (
        "audiencias_franjasemanal",
        "audiencias_turnopuntual",
        "audiencias_bloqueo",
        "conciliadores_conciliador_oficinas",
    ):
        assert sum(f'FROM "{tabla}"' in s or f'JOIN "{tabla}"' in s for s in sql) == 1, tabla
    # ... and the free slots come from one statement over the agenda's tables (decision 0045).
    assert sum("UNION ALL" in s and "audiencias_franjasemanal" in s for s in sql) == 1
    contexto = client.get(url).context
    assert list(contexto["franjas"]) == list(conciliador.franjas.all())
    assert contexto["puntuales"] == [manana]
    assert contexto["bloqueos"] == [miercoles]
    # The free slots are those computed reading the tables (today's early slot included,
    # Wednesday's blocked).
    esperados = disponibilidad.libres(
        [conciliador.pk],
        desde=dt.date(2026, 3, 2),
        hasta=dt.date(2026, 3, 16),
        zona=BA,
    )[:40]
    assert contexto["proximos"] == esperados
    assert any(f.inicio == hoy_temprano.inicio for f in esperados)
    assert not any(f.inicio.date() == dt.date(2026, 3, 4) for f in esperados)


# --- the claim page ----------------------------------------------------------------------------
def test_el_detalle_no_busca_el_principal_sin_acumulacion(client, espera_turno, consumidora):
    client.force_login(consumidora)
    sql = _sql(client, reverse("reclamos:detalle", args=[espera_turno.pk]))
    # (The mark itself is an EXISTS inside the claim's query.)
    assert not any(s.startswith('SELECT "reclamos_miembroacumulacion"') for s in sql)


def test_el_detalle_del_conciliador_lee_los_plazos_una_vez(client, fijada):
    from plazos.selectors import plazos_corriendo_de

    reclamo = fijada.reclamo
    assert plazos_corriendo_de(reclamo).exists()  # so the timeline reads them too
    client.force_login(_quien(fijada))
    sql = _sql(client, reverse("reclamos:detalle", args=[reclamo.pk]))
    # The party's timeline and the conciliation's section (its term) read the same list.
    # (The claim's query carries the mark of open plazos as an EXISTS.)
    assert sum(s.startswith('SELECT "plazos_plazo"') for s in sql) == 1


def test_la_marca_del_cierre_por_incomparecencia(consumidora, proveedor_activo, conciliador):
    cerrado = reclamo_en(
        Estado.CERRADO_SIN_ACUERDO, consumidor=consumidora, organizacion=proveedor_activo
    )

    def marca(reclamo):
        fila = Reclamo.objects.annotate(**secciones.anotaciones(consumidora)).get(pk=reclamo.pk)
        return secciones.marcas_de(fila)["cerrado_por_incomparecencia"]

    assert marca(cerrado) is False
    # The fee and fines section asks nothing more for a claim closed otherwise, even for its
    # conciliator.
    mirada = secciones.Mirada(
        conciliador, marcas={"es_conciliador": True, "cerrado_por_incomparecencia": False}
    )
    cerrado.__dict__["_mirada"] = mirada
    with CaptureQueriesContext(connection) as consultas:
        contexto = seccion_del_reclamo(conciliador, cerrado, mirada)
    assert not any("reclamos_actuacion" in c["sql"] for c in consultas.captured_queries)
    assert contexto is None or not contexto.get("puede_certificar")
    Actuacion.objects.create(
        reclamo=cerrado,
        codigo="reclamo.cerrado_incomparecencia",
        por=conciliador,
        rol="conciliador",
        estado_desde=Estado.INCOMPARECENCIA_PROVEEDOR,
        estado_hacia=Estado.CERRADO_SIN_ACUERDO,
        texto="Cierre por incomparecencia del proveedor.",
    )
    assert marca(cerrado) is True


# The agenda's rows as the template wrote them before decision 0042.
_FILAS_EN_PLANTILLA = (
    "{% load i18n %}{% for a in audiencias %}"
    '<tr><td>{{ a.inicio|date:"DATETIME_FORMAT" }}</td>'
    "<td><a href=\"{% url 'reclamos:detalle' a.reclamo_id %}\">{{ a.reclamo.numero }}</a></td>"
    "<td>{{ a.get_modalidad_display }}</td></tr>\n"
    '{% empty %}<tr><td colspan="3">{% translate "No tenés audiencias fijadas." %}</td></tr>'
    "{% endfor %}"
)


def test_las_filas_de_la_agenda_son_las_de_la_plantilla(client, fijada, conciliadores_con_horario):
    from django.template import Context, Template

    from audiencias.models import Audiencia

    audiencias = list(Audiencia.objects.filter(pk=fijada.pk).select_related("reclamo"))
    audiencias[0].reclamo.numero = "<b>2026-1</b>"  # escaped like the template did
    for lista in (audiencias, []):
        contexto = {"audiencias": lista}
        nueva = Template("{% load agenda %}{% filas_de_audiencias audiencias %}")
        assert nueva.render(Context(contexto)) == Template(_FILAS_EN_PLANTILLA).render(
            Context(contexto)
        )
    client.force_login(_quien(fijada))
    html = client.get(reverse("audiencias:mi_agenda")).content.decode()
    detalle = reverse("reclamos:detalle", args=[fijada.reclamo_id])
    assert f'<a href="{detalle}">{fijada.reclamo.numero}</a>' in html
    sin_audiencias = next(c for c in conciliadores_con_horario if c.pk != fijada.conciliador_id)
    client.force_login(sin_audiencias.usuario)
    html = client.get(reverse("audiencias:mi_agenda")).content.decode()
    assert '<tr><td colspan="3">No tenés audiencias fijadas.</td></tr>' in html


def test_la_pagina_de_la_audiencia_no_lee_lo_que_sus_marcas_dicen_vacio(
    client, en_la_audiencia, agente_admision
):
    from reclamos.models import CoReclamante

    client.force_login(_quien(en_la_audiencia))
    url = reverse("audiencias:audiencia", args=[en_la_audiencia.pk])
    sql = _sql(client, url)
    # No co-claimants, no agreement, no joint hearing: the marks read with the hearing say so.
    assert not any(s.startswith('SELECT "reclamos_coreclamante"') for s in sql)
    assert not any(s.startswith('SELECT "audiencias_acuerdo"') for s in sql)
    assert not any('WHERE ("audiencias_audiencia"."conjunta_con_id" =' in s for s in sql)
    # With a co-claimant the mark lets the read happen and the row is there.
    CoReclamante.objects.create(
        reclamo=en_la_audiencia.reclamo,
        nombre="Marta",
        apellido="López",
        dni="30111222",
        agregado_por=agente_admision,
    )
    html = client.get(url).content.decode()
    assert "Co-reclamante: Marta López (DNI 30111222)" in html


def test_sin_plazos_abiertos_el_detalle_no_lee_los_plazos(
    client, espera_turno, consumidora, proveedor_activo
):
    from plazos.selectors import plazos_corriendo_de

    def marca(reclamo):
        fila = Reclamo.objects.annotate(**secciones.anotaciones(consumidora)).get(pk=reclamo.pk)
        return secciones.marcas_de(fila)["plazos_abiertos"]

    # The mark says what the query says, with open plazos (waiting for a slot) and without.
    assert marca(espera_turno) is plazos_corriendo_de(espera_turno).exists()
    sin_plazos = reclamo_en(Estado.ARCHIVADO, consumidor=consumidora, organizacion=proveedor_activo)
    assert marca(sin_plazos) is False
    client.force_login(consumidora)
    sql = _sql(client, reverse("reclamos:detalle", args=[sin_plazos.pk]))
    assert not any(s.startswith('SELECT "plazos_plazo"') for s in sql)
