"""Issue 13, decision 0035: the claim page's fixed marks compiled once, the claims table rendered
in Python, and the hearing page reading its widenings and attendances once."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reclamos import secciones
from reclamos.estados import Estado
from reclamos.models import Pausa, Reclamo, ReclamoProveedor
from reclamos.selectors import ACCION_PENDIENTE
from tests.audiencias.test_audiencia import _quien
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


def _marcas_leidas(reclamo, anotaciones) -> dict:
    fila = Reclamo.objects.filter(pk=reclamo.pk).annotate(**anotaciones).get()
    return secciones.marcas_de(fila)


def test_las_marcas_fijas_compiladas_dicen_lo_mismo_que_sus_consultas(
    consumidora, proveedor_activo
):
    con_pausa = reclamo_en(
        Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo
    )
    Pausa.objects.create(
        reclamo=con_pausa, tipo=Pausa.Tipo.RECUSACION, motivo="prueba", abierta_por=consumidora
    )
    sin_nada = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    assert len(secciones._FIJAS) >= 15  # most of the marks
    for reclamo in (con_pausa, sin_nada):
        # Each procedure's claim page reads its own marks (decision 0043): together, all.
        compiladas = _marcas_leidas(
            reclamo,
            {
                **secciones.anotaciones(consumidora),
                **secciones.anotaciones(consumidora, procedimiento="mediacion"),
            },
        )
        originales = _marcas_leidas(
            reclamo,
            {
                secciones.PREFIJO + nombre: fabrica(consumidora)
                for nombre, fabrica in secciones._MARCAS.items()
            },
        )
        assert compiladas == originales
        # Booleans, not 0/1 (audiencias' hook asks `marca(...) is False`).
        assert all(type(compiladas[n]) is bool for n in secciones._FIJAS)
    assert _marcas_leidas(con_pausa, secciones.anotaciones(consumidora))["pausas"] is True
    assert _marcas_leidas(sin_nada, secciones.anotaciones(consumidora))["pausas"] is False


def test_una_marca_fija_se_construye_una_vez_y_las_del_usuario_en_cada_pedido(
    monkeypatch, consumidora
):
    from django.db.models import Exists, OuterRef

    monkeypatch.setattr(secciones, "_MARCAS", dict(secciones._MARCAS))
    monkeypatch.setattr(secciones, "_FIJAS", set(secciones._FIJAS))
    monkeypatch.setattr(
        secciones, "_PROCEDIMIENTOS_DE_MARCA", dict(secciones._PROCEDIMIENTOS_DE_MARCA)
    )
    monkeypatch.setattr(secciones, "_SQL_DE_MARCAS", {})
    llamadas = {"fija": 0, "del_usuario": 0}

    def fija(usuario):
        llamadas["fija"] += 1
        return Exists(Pausa.objects.filter(reclamo=OuterRef("pk")))

    def del_usuario(usuario):
        llamadas["del_usuario"] += 1
        return Exists(Pausa.objects.filter(reclamo=OuterRef("pk"), abierta_por=usuario.pk))

    secciones.registrar_marca("prueba_fija", fija, fija=True)
    secciones.registrar_marca("prueba_del_usuario", del_usuario)

    for _ in range(3):
        secciones.anotaciones(consumidora)
    assert llamadas == {"fija": 1, "del_usuario": 3}
    # Kept per database alias (each has its own SQL dialect).
    assert ("default", "prueba_fija", None) in secciones._SQL_DE_MARCAS


def test_una_marca_fija_con_variante_se_compila_una_vez_por_valor(monkeypatch, consumidora):
    """The content-type marks (documentos, archivos, plazos_abiertos) are fixed per content
    type id: compiled once for each id, again when the id differs (another database, a test
    flush)."""
    from django.db.models import Exists, OuterRef

    monkeypatch.setattr(secciones, "_MARCAS", dict(secciones._MARCAS))
    monkeypatch.setattr(secciones, "_FIJAS", set(secciones._FIJAS))
    monkeypatch.setattr(secciones, "_VARIANTES", dict(secciones._VARIANTES))
    monkeypatch.setattr(
        secciones, "_PROCEDIMIENTOS_DE_MARCA", dict(secciones._PROCEDIMIENTOS_DE_MARCA)
    )
    monkeypatch.setattr(secciones, "_SQL_DE_MARCAS", {})
    valor = {"tipo": 7, "construida": 0}

    def fabrica(usuario):
        valor["construida"] += 1
        return Exists(Pausa.objects.filter(reclamo=OuterRef("pk"), tipo=str(valor["tipo"])))

    secciones.registrar_marca("prueba_variante", fabrica, fija=True, variante=lambda: valor["tipo"])
    for _ in range(3):
        secciones.anotaciones(consumidora)
    assert valor["construida"] == 1
    valor["tipo"] = 8
    secciones.anotaciones(consumidora)
    secciones.anotaciones(consumidora)
    assert valor["construida"] == 2
    assert {("default", "prueba_variante", 7), ("default", "prueba_variante", 8)} <= set(
        secciones._SQL_DE_MARCAS
    )
    assert {"documentos", "archivos", "plazos_abiertos"} <= secciones._FIJAS


def _filas(html: str) -> list[str]:
    cuerpo = html.split("<tbody>")[1]
    return [re.sub(r"\s+", " ", f).strip() for f in re.findall(r"<tr>(.*?)</tr>", cuerpo, re.S)]


def test_la_tabla_de_reclamos_escapa_y_muestra_lo_mismo_que_la_plantilla(
    consumidora, proveedor_activo
):
    reclamo = reclamo_en(
        Estado.REQUERIMIENTO, consumidor=consumidora, organizacion=proveedor_activo
    )
    reclamo.monto = None
    reclamo.save(update_fields=["monto"])
    otro = reclamo.proveedores.get()
    ReclamoProveedor.objects.create(
        reclamo=reclamo,
        tipo_identificador=otro.tipo_identificador,
        identificador="30000000001",
        razon_social="Gómez & <Hijos>",
    )
    # An update moves the first row after the second in PostgreSQL's heap: the providers still
    # come in the order they were named.
    otro.save()
    borrador = reclamo_en(Estado.BORRADOR, consumidor=consumidora, organizacion=proveedor_activo)
    reclamos = list(
        Reclamo.objects.filter(pk__in=[reclamo.pk, borrador.pk])
        .prefetch_related("proveedores")
        .order_by("pk")
    )
    html = render_to_string(
        "reclamos/_tabla_reclamos.html", {"reclamos": reclamos, "acciones": ACCION_PENDIENTE}
    )
    filas = _filas(html)
    assert len(filas) == 2
    primera = filas[0]
    detalle = reverse("reclamos:detalle", args=[reclamo.pk])
    assert f'<td><a href="{detalle}">{reclamo.numero}</a></td>' in primera
    assert f"{otro.razon_social}<br>Gómez &amp; &lt;Hijos&gt;" in primera
    assert f"{otro.identificador}<br>30000000001" in primera
    assert "<td>Desconocido</td>" in primera
    assert f"<td>{reclamo.get_estado_display()}</td>" in primera
    assert f'<td class="accion">{ACCION_PENDIENTE[Estado.REQUERIMIENTO]}</td>' in primera
    continuar = reverse("reclamos:continuar", args=[borrador.pk])
    assert f'<a href="{continuar}">Borrador</a>' in filas[1]
    assert "<td>—</td>" in filas[1]  # not filed yet
    # Without pending acts there is no such column; an empty list says so.
    assert 'class="accion"' not in render_to_string(
        "reclamos/_tabla_reclamos.html", {"reclamos": reclamos}
    )
    vacia = render_to_string("reclamos/_tabla_reclamos.html", {"reclamos": []})
    assert '<tr><td colspan="7">No hay reclamos.</td></tr>' in vacia


def test_la_pagina_de_la_audiencia_lee_ampliaciones_y_asistencias_una_vez(client, en_la_audiencia):
    client.force_login(_quien(en_la_audiencia))
    url = reverse("audiencias:audiencia", args=[en_la_audiencia.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200
    sql = [c["sql"] for c in consultas.captured_queries]
    assert sum('FROM "audiencias_asistencia"' in s for s in sql) == 1
    assert sum('FROM "reclamos_actuacion"' in s and "ampliacion" in s for s in sql) == 1
    assert sum('FROM "reclamos_reclamoproveedor"' in s for s in sql) == 1


def test_cada_pagina_del_reclamo_lee_las_marcas_de_su_procedimiento(consumidora):
    """COPREC's claim page does not read the mediation file's marks, nor the file the
    conciliation's (decision 0043); both read the hearings and the documents."""
    conciliacion = set(secciones.anotaciones(consumidora))
    mediacion = set(secciones.anotaciones(consumidora, procedimiento="mediacion"))
    marca = secciones.PREFIJO.__add__
    assert {marca("mensajes_mediacion"), marca("propuestas_mediacion")} <= mediacion
    assert not {marca("mensajes_mediacion"), marca("propuestas_mediacion")} & conciliacion
    assert marca("designaciones") in conciliacion - mediacion
    assert {marca("audiencias"), marca("documentos"), marca("archivos")} <= conciliacion & mediacion
