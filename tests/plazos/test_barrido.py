"""The sweeper: each due plazo expires exactly once, failures are postponed, reminders go out."""

import datetime as dt
import threading
import time
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection

from conciliacion.celery import app as celery_app
from notificaciones.models import Notificacion
from plazos import barrido, recordatorios, services
from plazos.models import Plazo

D = dt.date
AHORA = dt.datetime(2026, 2, 2, 12, 0, tzinfo=dt.UTC)  # after everything opened below falls due
pytestmark = pytest.mark.django_db


ENERO_5 = D(2026, 1, 5)


def _abrir(sujeto, tipo="AR-05", desde=ENERO_5):
    return services.abrir_plazo(sujeto=sujeto, tipo=tipo, desde=desde, regimen="COPREC")


def test_vence_los_plazos_debidos_una_sola_vez(sujeto, registro_aislado):
    llamadas = []
    registro_aislado.registrar_consecuencia("AR-05", lambda p: llamadas.append(p.pk))
    debido = _abrir(sujeto)
    futuro = _abrir(sujeto, desde=D(2026, 3, 2))
    assert barrido.vencer_plazos(ahora=AHORA) == 1
    assert barrido.vencer_plazos(ahora=AHORA) == 0
    assert llamadas == [debido.pk]
    debido.refresh_from_db()
    futuro.refresh_from_db()
    assert (debido.estado, debido.cerrado_en) == (Plazo.Estado.VENCIDO, AHORA)
    assert futuro.estado == Plazo.Estado.CORRIENDO


def test_la_consecuencia_recibe_el_plazo_vencido_completo(sujeto, registro_aislado):
    recibidos = []
    registro_aislado.registrar_consecuencia("AR-01", recibidos.append)
    abierto = _abrir(sujeto, tipo="AR-01")
    barrido.vencer_plazos(ahora=AHORA)
    (plazo,) = recibidos
    assert plazo.pk == abierto.pk
    assert plazo.estado == Plazo.Estado.VENCIDO
    assert plazo.requiere_atencion  # AR-01: staff confirm (Q18)
    assert plazo.cerrado_en == AHORA
    assert plazo.vence == abierto.vence and plazo.vence_en == abierto.vence_en
    assert plazo.sujeto == sujeto
    assert plazo.explicacion["lineas"] == abierto.explicacion["lineas"]  # loaded on demand


def test_vence_al_terminar_el_dia_en_la_zona_del_regimen(sujeto):
    plazo = _abrir(sujeto)  # due Thu 8/1/2026, 23:59:59 in Buenos Aires
    antes = dt.datetime(2026, 1, 9, 2, 59, 58, tzinfo=dt.UTC)
    assert barrido.vencer_plazos(ahora=antes) == 0
    assert barrido.vencer_plazos(ahora=antes + dt.timedelta(seconds=1)) == 1
    plazo.refresh_from_db()
    assert plazo.estado == Plazo.Estado.VENCIDO


def test_plazos_suspendidos_o_cumplidos_no_vencen(sujeto):
    _abrir(sujeto)
    services.suspender_plazos(sujeto=sujeto, desde=D(2026, 1, 6), motivo="Recusación")
    cumplido = _abrir(sujeto)
    services.cumplir_plazo(cumplido)
    assert barrido.vencer_plazos(ahora=AHORA) == 0


def test_consecuencia_que_requiere_confirmacion_marca_para_el_personal(sujeto):
    requiere = _abrir(sujeto, tipo="AR-01")  # Q18: staff confirm non-admission
    automatico = _abrir(sujeto, tipo="AR-05")
    barrido.vencer_plazos(ahora=AHORA)
    requiere.refresh_from_db()
    automatico.refresh_from_db()
    assert requiere.estado == automatico.estado == Plazo.Estado.VENCIDO
    assert requiere.requiere_atencion
    assert not automatico.requiere_atencion


def test_una_consecuencia_que_falla_se_posterga_y_no_se_reintenta_enseguida(
    sujeto, registro_aislado, caplog
):
    intentos = Counter()

    def consecuencia(plazo):
        intentos[plazo.pk] += 1
        if plazo.pk == fallido.pk:
            raise RuntimeError("el servicio de correo no responde")

    registro_aislado.registrar_consecuencia("AR-05", consecuencia)
    sano = _abrir(sujeto)
    fallido = _abrir(sujeto)
    otro_sano = _abrir(sujeto)

    assert barrido.vencer_plazos(ahora=AHORA) == 2
    for plazo in (sano, fallido, otro_sano):
        plazo.refresh_from_db()
    assert sano.estado == otro_sano.estado == Plazo.Estado.VENCIDO
    assert fallido.estado == Plazo.Estado.CORRIENDO
    assert fallido.intentos == 1
    assert fallido.postergado_hasta == AHORA + dt.timedelta(minutes=1)
    assert "el servicio de correo no responde" in fallido.ultimo_error
    assert "plazo_consecuencia_fallida" in caplog.text

    # Runs within the backoff do not touch it (no tight loop).
    assert barrido.vencer_plazos(ahora=AHORA + dt.timedelta(seconds=30)) == 0
    assert intentos[fallido.pk] == 1
    # After the backoff it is tried again, and the wait doubles.
    barrido.vencer_plazos(ahora=AHORA + dt.timedelta(minutes=1))
    fallido.refresh_from_db()
    assert fallido.intentos == 2
    assert fallido.postergado_hasta == AHORA + dt.timedelta(minutes=3)
    assert intentos[fallido.pk] == 2


def test_la_espera_crece_y_tras_varios_fallos_pide_atencion(sujeto, registro_aislado):
    assert [barrido.espera_tras(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert barrido.espera_tras(30) == dt.timedelta(hours=6)

    def falla(plazo):
        raise ValueError("siempre")

    registro_aislado.registrar_consecuencia("AR-05", falla)
    plazo = _abrir(sujeto)
    momento = AHORA
    for _ in range(barrido.INTENTOS_HASTA_AVISO):
        barrido.vencer_plazos(ahora=momento)
        plazo.refresh_from_db()
        momento = plazo.postergado_hasta
    assert plazo.intentos == barrido.INTENTOS_HASTA_AVISO
    assert plazo.requiere_atencion
    assert plazo.estado == Plazo.Estado.CORRIENDO


def test_un_corte_a_mitad_de_lote_no_deja_nada_a_medias(sujeto, registro_aislado):
    """A worker killed mid-batch: its transaction rolls back and the next run does it all."""
    llamadas, cortar = [], [True]

    def consecuencia(plazo):
        llamadas.append(plazo.pk)
        if len(llamadas) == 2 and cortar:
            cortar.pop()
            raise SystemExit("worker killed")

    registro_aislado.registrar_consecuencia("AR-05", consecuencia)
    plazos = [_abrir(sujeto) for _ in range(3)]
    with pytest.raises(SystemExit):
        barrido.vencer_plazos(ahora=AHORA)
    assert Plazo.objects.filter(estado=Plazo.Estado.CORRIENDO).count() == 3
    llamadas.clear()
    assert barrido.vencer_plazos(ahora=AHORA) == 3
    assert sorted(llamadas) == sorted(p.pk for p in plazos)


def test_procesa_en_lotes_hasta_terminar(sujeto):
    for _ in range(7):
        _abrir(sujeto)
    assert barrido.vencer_plazos(ahora=AHORA, lote=3) == 7
    assert not Plazo.objects.filter(estado=Plazo.Estado.CORRIENDO).exists()


def test_tareas_con_nombre_explicito_y_en_el_beat():
    import plazos.tasks  # noqa: F401  (the worker autodiscovers it)

    assert "plazos.vencer_plazos" in celery_app.tasks
    assert "plazos.recordar_plazos" in celery_app.tasks
    agenda = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert agenda["plazos.vencer_plazos"] == 60.0
    assert "plazos.recordar_plazos" in agenda


def test_la_tarea_vence_plazos(sujeto):
    _abrir(sujeto)
    from plazos.tasks import vencer_plazos

    assert vencer_plazos.delay().get() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dos_barredores_en_paralelo_vencen_cada_plazo_una_vez(proveedor_activo, registro_aislado):
    vistos = Counter()
    cerrojo = threading.Lock()

    def consecuencia(plazo):
        with cerrojo:
            vistos[plazo.pk] += 1
        time.sleep(0.001)  # keep both sweepers busy at the same time

    registro_aislado.registrar_consecuencia("AR-05", consecuencia)
    ids = [_abrir(proveedor_activo).pk for _ in range(400)]
    largada = threading.Barrier(2)
    resultados, errores = [], []

    def barrer():
        try:
            largada.wait()
            resultados.append(barrido.vencer_plazos(ahora=AHORA, lote=25))
        except Exception as error:  # pragma: no cover - reported below
            errores.append(error)
        finally:
            connection.close()

    hilos = [threading.Thread(target=barrer) for _ in range(2)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert errores == []
    assert sum(resultados) == 400
    assert all(resultados), resultados  # both sweepers took a share
    assert set(vistos) == set(ids)
    assert set(vistos.values()) == {1}
    assert Plazo.objects.filter(estado=Plazo.Estado.VENCIDO).count() == 400


class TestRecordatorios:
    def test_avisa_a_los_responsables_una_vez(
        self, sujeto, proveedor, registro_aislado, django_capture_on_commit_callbacks, mailoutbox
    ):
        # By kind: the most specific key, so the apps' own responsables (conciliadores registers
        # AR-05) do not shadow the test's.
        registro_aislado.registrar_responsable("AR-05", lambda plazo: [proveedor])
        cercano = _abrir(sujeto, desde=D(2026, 1, 5))  # AR-05: 3 business days → Thu 8/1
        lejano = _abrir(sujeto, tipo="AR-01", desde=D(2026, 1, 5))  # due 19/1
        martes = dt.datetime(2026, 1, 6, 12, tzinfo=dt.UTC)
        with django_capture_on_commit_callbacks(execute=True):
            assert recordatorios.recordar_plazos(ahora=martes) == 1
        assert recordatorios.recordar_plazos(ahora=martes) == 0
        cercano.refresh_from_db()
        lejano.refresh_from_db()
        assert cercano.recordatorio_enviado and not lejano.recordatorio_enviado
        aviso = Notificacion.objects.get(destinatario=proveedor)
        assert "08/01/2026" in aviso.asunto
        assert "Quedan 2 días hábiles" in aviso.cuerpo
        assert "¿Por qué esta fecha?" in aviso.cuerpo
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [proveedor.email]

    def test_sin_responsables_no_envia_nada_pero_no_insiste(self, sujeto, registro_aislado):
        _abrir(sujeto, desde=D(2026, 1, 5))
        assert recordatorios.recordar_plazos(ahora=dt.datetime(2026, 1, 6, 12, tzinfo=dt.UTC)) == 0
        assert Plazo.objects.get().recordatorio_enviado
        assert not Notificacion.objects.exists()
