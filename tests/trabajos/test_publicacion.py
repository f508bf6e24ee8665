"""The publishing helper, the render lease and the recovery of overdue jobs (Decision 0012)."""

import logging
import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from conciliacion import operaciones, trabajos
from conciliacion.celery import ping
from documentos import services as documentos
from documentos.models import Documento
from notificaciones.models import Notificacion
from notificaciones.services import encolar_notificacion
from tests.trabajos.conftest import puertos_libres

pytestmark = pytest.mark.django_db


def emitir(por, **extra) -> Documento:
    datos = {
        "tipo": "generico",
        "plantilla": "generico",
        "snapshot": {"texto": "Consta que se presentó el reclamo."},
        "por": por,
        "titulo": "Constancia",
    }
    return documentos.emitir_documento(**{**datos, **extra})


def atrasar(documento: Documento, *, minutos: int = 60) -> None:
    Documento.objects.filter(pk=documento.pk).update(
        render_tomado_en=None,
    )
    # emitido_en is not a render column: move it back with SQL, as time would.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Documento._meta.db_table} SET emitido_en = %s WHERE id = %s",  # noqa: S608
            [
                connection.ops.adapt_datetimefield_value(
                    timezone.now() - timedelta(minutes=minutos)
                ),
                documento.pk,
            ],
        )


def test_publicar_con_el_broker_caido_no_falla_ni_espera(broker_en, caplog):
    puerto = next(puertos_libres(6490))  # nobody listens there
    broker_en(f"redis://127.0.0.1:{puerto}/0")
    antes = trabajos.publicaciones_fallidas()
    comienzo = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="conciliacion.trabajos"):
        assert trabajos.publicar_ahora(ping) is False
    assert time.monotonic() - comienzo < 2
    assert trabajos.publicaciones_fallidas() == antes + 1
    assert "publicación fallida de conciliacion.ping" in caplog.text


def test_tras_un_fallo_no_se_vuelve_a_esperar_al_broker_por_un_momento(broker_en, caplog):
    puerto = next(puertos_libres(6490))
    broker_en(f"redis://127.0.0.1:{puerto}/0")
    with caplog.at_level(logging.INFO, logger="conciliacion.trabajos"):
        assert trabajos.publicar_ahora(ping) is False
        assert "omitida" not in caplog.text
        assert trabajos.publicar_ahora(ping) is False
    assert "publicación de conciliacion.ping() omitida" in caplog.text
    trabajos.reanudar()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="conciliacion.trabajos"):
        assert trabajos.publicar_ahora(ping) is False
    assert "publicación fallida" in caplog.text


def test_publicar_espera_el_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as pendientes:
        trabajos.publicar(ping)
    assert len(pendientes) == 1


def test_en_modo_inmediato_el_error_de_la_tarea_no_se_oculta(agente_admision, monkeypatch):
    def falla(documento):
        raise ValueError("plantilla rota")

    monkeypatch.setattr("documentos.pdf.renderizar_pdf", falla)
    documento = emitir(agente_admision)
    with pytest.raises(ValueError):
        trabajos.publicar_ahora(documentos_tarea(), documento.pk)


def documentos_tarea():
    from documentos.tasks import renderizar_documento

    return renderizar_documento


def test_un_render_tomado_por_otro_trabajador_no_se_repite(agente_admision):
    documento = emitir(agente_admision)  # not committed: the task has not run
    Documento.objects.filter(pk=documento.pk).update(render_tomado_en=timezone.now())
    assert documentos.renderizar_documento(documento.pk) is False
    documento.refresh_from_db()
    assert documento.sha256 == ""
    # A lease left by a worker that died is taken over once it expires.
    Documento.objects.filter(pk=documento.pk).update(
        render_tomado_en=timezone.now() - timedelta(hours=1)
    )
    assert documentos.renderizar_documento(documento.pk) is True
    assert documentos.renderizar_documento(documento.pk) is False
    documento.refresh_from_db()
    assert documento.sha256 and documento.render_tomado_en is None
    assert documento.render_intentos == 1


def test_un_render_que_falla_libera_el_lease(agente_admision, monkeypatch):
    documento = emitir(agente_admision)

    def falla(documento):
        raise OSError("disco lleno")

    monkeypatch.setattr("documentos.pdf.renderizar_pdf", falla)
    with pytest.raises(OSError):
        documentos.renderizar_documento(documento.pk)
    documento.refresh_from_db()
    assert (documento.render_tomado_en, documento.render_intentos) == (None, 1)
    monkeypatch.undo()
    assert documentos.renderizar_documento(documento.pk) is True


def test_la_recuperacion_reencola_los_documentos_atrasados(agente_admision, settings):
    atrasado = emitir(agente_admision)
    reciente = emitir(agente_admision)
    agotado = emitir(agente_admision)
    atrasar(atrasado)
    atrasar(agotado)
    Documento.objects.filter(pk=agotado.pk).update(
        render_intentos=settings.DOCUMENTOS_RENDER_INTENTOS
    )
    assert list(documentos.renders_atrasados()) == [atrasado]
    assert list(documentos.renders_fallidos()) == [agotado]
    hechos = operaciones.recuperar_trabajos()  # eager: the renders run in place
    assert hechos["documentos"] == 1
    atrasado.refresh_from_db()
    reciente.refresh_from_db()
    assert atrasado.renderizado and not reciente.renderizado
    # A document that used up its attempts waits for staff (the operations page's button).
    assert operaciones.recuperar_trabajos()["documentos"] == 0
    assert documentos.reencolar_renders(fallidos=True) == 1


def test_la_recuperacion_reencola_las_notificaciones_atrasadas(consumidora, mailoutbox):
    notificacion = encolar_notificacion(
        destinatario=consumidora, plantilla="aviso", contexto={"texto": "Hola"}, asunto="Aviso"
    )
    Notificacion.objects.filter(pk=notificacion.pk).update(
        proximo_intento=timezone.now() - timedelta(hours=1)
    )
    assert operaciones.recuperar_trabajos()["notificaciones"] == 1
    notificacion.refresh_from_db()
    assert notificacion.estado == Notificacion.Estado.ENVIADA
    assert [m.subject for m in mailoutbox] == ["Aviso"]


def test_la_recuperacion_esta_programada_en_beat(settings):
    tareas = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tareas["conciliacion.recuperar_trabajos"] <= 300


def test_los_conteos_se_cortan_en_el_maximo(agente_admision, monkeypatch):
    monkeypatch.setattr(operaciones, "CONTEO_MAXIMO", 2)
    for _ in range(4):
        atrasar(emitir(agente_admision))
    assert operaciones.contar(documentos.renders_atrasados()) == 3


def test_ninguna_app_publica_tareas_sin_el_ayudante():
    """Every message goes through conciliacion/trabajos.py (after commit, bounded, logged). The
    /readyz probe is the one exception: it must reach the broker to report on it."""
    import re
    from pathlib import Path

    from django.conf import settings

    permitidos = {"conciliacion/trabajos.py", "conciliacion/paginas.py"}
    directo = re.compile(r"\.(delay|delay_on_commit|apply_async|send_task)\(")
    infractores = []
    for ruta in Path(settings.BASE_DIR).glob("*/**/*.py"):
        relativa = ruta.relative_to(settings.BASE_DIR).as_posix()
        if relativa.split("/")[0] in {"tests", "benchmarks", ".venv", "node_modules", "var"}:
            continue
        if relativa not in permitidos and directo.search(ruta.read_text(encoding="utf-8")):
            infractores.append(relativa)
    assert infractores == []


def _grabar_publicaciones(monkeypatch) -> list:
    publicadas = []
    monkeypatch.setattr(
        trabajos, "publicar_ahora", lambda tarea, *args: publicadas.append((tarea.name, args))
    )
    return publicadas


def test_un_acto_publica_sus_trabajos_en_un_mensaje_al_confirmar(
    monkeypatch, django_capture_on_commit_callbacks
):
    """Decision 0045: the jobs an act queues for one task go in one broker message."""
    publicadas = _grabar_publicaciones(monkeypatch)
    with (
        django_capture_on_commit_callbacks(execute=True) as pendientes,
        transaction.atomic(),
        trabajos.un_mensaje_por_acto(),
    ):
        for valor in (1, 2, 3):
            assert trabajos.publicar_en_lote(ping, valor) is True
        assert publicadas == []
    assert len(pendientes) == 1
    assert publicadas == [(ping.name, ([1, 2, 3],))]


def test_fuera_de_un_acto_cada_trabajo_se_publica_solo(monkeypatch):
    assert trabajos.publicar_en_lote(ping, 1) is False


def test_un_acto_que_falla_no_publica_su_lote(monkeypatch, django_capture_on_commit_callbacks):
    publicadas = _grabar_publicaciones(monkeypatch)
    with (
        django_capture_on_commit_callbacks(execute=True) as pendientes,
        pytest.raises(RuntimeError),
        transaction.atomic(),
        trabajos.un_mensaje_por_acto(),
    ):
        trabajos.publicar_en_lote(ping, 1)
        raise RuntimeError("el acto se abandona")
    assert pendientes == [] and publicadas == []
