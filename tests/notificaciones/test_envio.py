"""The outbox: sending after commit, retries with backoff, never twice, giving up."""

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from notificaciones import services
from notificaciones.models import Notificacion
from notificaciones.services import encolar_notificacion
from tests.notificaciones.correo import FallaLasPrimerasVeces


def _encolar(destinatario, **extra):
    datos = {
        "destinatario": destinatario,
        "plantilla": "aviso",
        "contexto": {"nombre": destinatario.nombre, "texto": "Tu reclamo fue admitido."},
        "asunto": "Reclamo admitido",
    }
    return encolar_notificacion(**{**datos, **extra})


@pytest.fixture
def backend_que_falla(settings):
    settings.EMAIL_BACKEND = "tests.notificaciones.correo.FallaLasPrimerasVeces"
    settings.NOTIFICACIONES_ESPERA_BASE = 0
    FallaLasPrimerasVeces.llamadas = 0
    FallaLasPrimerasVeces.fallas = 2
    return FallaLasPrimerasVeces


def test_se_envia_al_confirmar_con_texto_html_y_message_id(
    consumidora, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notificacion = _encolar(consumidora)
        assert mailoutbox == []
    notificacion.refresh_from_db()
    correo = mailoutbox[0]
    assert notificacion.estado == Notificacion.Estado.ENVIADA
    assert notificacion.intentos == 1
    assert notificacion.enviada_en <= notificacion.aceptada_en
    assert correo.to == [consumidora.email]
    assert correo.extra_headers["Message-ID"] == notificacion.message_id
    assert str(correo.message()["Message-ID"]) == notificacion.message_id
    assert "Tu reclamo fue admitido." in correo.body
    html, tipo = correo.alternatives[0]
    assert tipo == "text/html" and "Tu reclamo fue admitido." in html
    assert notificacion.cuerpo == correo.body


def test_si_el_acto_se_revierte_no_se_envia_nada(consumidora, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        _encolar(consumidora)
        raise RuntimeError("el acto falló")
    assert Notificacion.objects.count() == 0
    assert mailoutbox == []


def test_un_fallo_smtp_se_reintenta_y_luego_se_envia(
    consumidora, mailoutbox, backend_que_falla, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notificacion = _encolar(consumidora)
    notificacion.refresh_from_db()
    assert backend_que_falla.llamadas == 3
    assert notificacion.estado == Notificacion.Estado.ENVIADA
    assert notificacion.intentos == 3
    assert notificacion.ultimo_error == ""
    assert len(mailoutbox) == 1


def test_agotados_los_intentos_queda_fallida(
    consumidora, mailoutbox, backend_que_falla, settings, django_capture_on_commit_callbacks
):
    backend_que_falla.fallas = 99
    settings.NOTIFICACIONES_INTENTOS_MAXIMOS = 3
    with django_capture_on_commit_callbacks(execute=True):
        notificacion = _encolar(consumidora)
    notificacion.refresh_from_db()
    assert notificacion.estado == Notificacion.Estado.FALLIDA
    assert notificacion.intentos == 3
    assert "SMTPServerDisconnected" in notificacion.ultimo_error
    assert mailoutbox == []


def test_un_rechazo_permanente_no_se_reintenta(
    consumidora, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notificaciones.correo.RechazaSiempre"
    with django_capture_on_commit_callbacks(execute=True):
        notificacion = _encolar(consumidora)
    notificacion.refresh_from_db()
    assert notificacion.estado == Notificacion.Estado.FALLIDA
    assert notificacion.intentos == 1
    assert "SMTPRecipientsRefused" in notificacion.ultimo_error


def test_la_espera_crece_exponencialmente(settings):
    settings.NOTIFICACIONES_ESPERA_BASE = 60
    assert [services._espera(n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert services._espera(30) == 6 * 3600


def test_una_segunda_ejecucion_no_envia_dos_veces(
    consumidora, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notificacion = _encolar(consumidora)
    assert services.enviar_pendiente(notificacion.pk) is None
    assert len(mailoutbox) == 1


def test_una_fila_tomada_por_otro_trabajador_no_se_envia(consumidora, mailoutbox):
    notificacion = _encolar(consumidora)  # not committed: the task has not run
    Notificacion.objects.filter(pk=notificacion.pk).update(tomada_en=timezone.now())
    assert services.enviar_pendiente(notificacion.pk) is None
    assert mailoutbox == []
    # A claim abandoned by a dead worker is taken over after a while.
    Notificacion.objects.filter(pk=notificacion.pk).update(
        tomada_en=timezone.now() - timedelta(hours=1)
    )
    services.enviar_pendiente(notificacion.pk)
    assert len(mailoutbox) == 1


def test_el_barrido_reencola_las_pendientes_atrasadas(consumidora, mailoutbox):
    atrasada = _encolar(consumidora)
    reciente = _encolar(consumidora, asunto="Otra")
    Notificacion.objects.filter(pk=atrasada.pk).update(
        proximo_intento=timezone.now() - timedelta(hours=1)
    )
    assert services.reencolar_pendientes() == 1
    assert [m.subject for m in mailoutbox] == ["Reclamo admitido"]
    reciente.refresh_from_db()
    assert reciente.estado == Notificacion.Estado.PENDIENTE


def test_sin_destinatario_ni_correo_es_un_error_de_programacion(db):
    with pytest.raises(ValueError):
        encolar_notificacion(plantilla="aviso", contexto={}, asunto="x")


def test_el_contexto_se_guarda_como_json(consumidora):
    notificacion = _encolar(
        consumidora, contexto={"texto": "x", "fecha": timezone.localdate(), "monto": 1.5}
    )
    notificacion.refresh_from_db()
    assert notificacion.contexto["fecha"] == timezone.localdate().isoformat()
    assert notificacion.contexto["sitio"]


@pytest.mark.django_db(transaction=True)
def test_con_un_trabajador_real_reintenta_y_envia(
    consumidora, mailoutbox, backend_que_falla, trabajador_celery
):
    backend_que_falla.fallas = 1
    with transaction.atomic():
        notificacion = _encolar(consumidora)
    limite = time.monotonic() + 30
    while time.monotonic() < limite:
        notificacion.refresh_from_db()
        if notificacion.estado != Notificacion.Estado.PENDIENTE:
            break
        time.sleep(0.2)
    assert notificacion.estado == Notificacion.Estado.ENVIADA
    assert notificacion.intentos == 2
    assert len(mailoutbox) == 1


def test_una_direccion_invalida_se_rechaza_al_encolar(consumidora):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _encolar(consumidora, email="no-es-un-correo")
    assert Notificacion.objects.count() == 0


def test_las_tareas_van_a_su_cola_y_los_barridos_estan_programados(settings):
    import documentos.tasks  # noqa: F401  (registers the tasks)
    import notificaciones.tasks  # noqa: F401
    from conciliacion.celery import app

    ruta = app.amqp.router.route({}, "notificaciones.enviar_notificacion")
    assert ruta["queue"].name == "notificaciones"
    barridos = {"conciliacion.recuperar_trabajos", "documentos.borrar_archivos_huerfanos"}
    assert barridos <= {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert barridos <= set(app.tasks)


def test_los_avisos_de_un_acto_van_en_un_mensaje_y_se_envian_todos(
    consumidora, mailoutbox, django_capture_on_commit_callbacks
):
    """Decision 0045: within un_mensaje_por_acto() the act's notices are published together
    (one enviar_notificaciones) and each is sent as when published alone."""
    from conciliacion.trabajos import un_mensaje_por_acto

    with django_capture_on_commit_callbacks(execute=True) as pendientes, un_mensaje_por_acto():
        avisos = [_encolar(consumidora, asunto=f"Aviso {i}") for i in range(3)]
    assert len(pendientes) == 1
    assert sorted(m.subject for m in mailoutbox) == ["Aviso 0", "Aviso 1", "Aviso 2"]
    for aviso in avisos:
        aviso.refresh_from_db()
        assert aviso.estado == Notificacion.Estado.ENVIADA
    with django_capture_on_commit_callbacks() as sueltos:
        for i in range(3):
            _encolar(consumidora, asunto=f"Suelto {i}")
    assert len(sueltos) == 3


def test_en_un_lote_el_aviso_que_debe_esperar_sigue_solo(consumidora, monkeypatch):
    """A notice of the batch that must wait (SMTP failure, attachment not ready) is published
    again alone with its delay; the others are sent meanwhile."""
    from conciliacion import trabajos
    from notificaciones.tasks import enviar_notificacion, enviar_notificaciones

    primero, segundo = _encolar(consumidora), _encolar(consumidora)
    intentos, demoradas = [], []
    monkeypatch.setattr(
        services,
        "enviar_pendiente",
        lambda pk, esperas=0: intentos.append(pk) or (10 if pk == primero.pk else None),
    )
    monkeypatch.setattr(
        trabajos,
        "publicar_con_demora",
        lambda tarea, segundos, *args: demoradas.append((tarea.name, segundos, args)),
    )
    enviar_notificaciones.push_request(is_eager=False)
    try:
        enviar_notificaciones.run([primero.pk, segundo.pk])
    finally:
        enviar_notificaciones.pop_request()
    assert intentos == [primero.pk, segundo.pk]
    assert demoradas == [(enviar_notificacion.name, 10, (primero.pk,))]


def test_un_lote_ignora_el_aviso_que_no_existe(consumidora, mailoutbox):
    """A notice queued in a savepoint that was rolled back is in the batch but not in the
    table: nothing happens for it."""
    from notificaciones.tasks import enviar_notificaciones

    aviso = _encolar(consumidora)
    enviar_notificaciones.apply(args=[[aviso.pk + 1000, aviso.pk]])
    assert len(mailoutbox) == 1


def test_en_un_lote_la_falla_inesperada_de_un_aviso_no_frena_a_los_demas(consumidora, monkeypatch):
    """Outside eager mode, an unexpected error sending one notice is logged and the batch goes
    on; that notice stays pending for the recovery."""
    from notificaciones.tasks import enviar_notificaciones

    primero, segundo = _encolar(consumidora), _encolar(consumidora)
    intentos = []

    def enviar(pk, esperas=0):
        intentos.append(pk)
        if pk == primero.pk:
            raise RuntimeError("falla inesperada")

    monkeypatch.setattr(services, "enviar_pendiente", enviar)
    enviar_notificaciones.push_request(is_eager=False)
    try:
        enviar_notificaciones.run([primero.pk, segundo.pk])
    finally:
        enviar_notificaciones.pop_request()
    assert intentos == [primero.pk, segundo.pk]
    primero.refresh_from_db()
    assert primero.estado == Notificacion.Estado.PENDIENTE
