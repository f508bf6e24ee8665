"""Booking that scales with conciliators (issue 13, part 4): the chosen slot checked directly,
statements flat in the number of conciliators, no hot row shared by all bookings."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from audiencias import disponibilidad
from audiencias.models import Audiencia, Cedula, TurnoPuntual
from audiencias.services import turnos
from notificaciones.models import Notificacion
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.audiencias.conftest import publicar_horario
from tests.conciliadores.conftest import admitido, crear_conciliador

BA = ZoneInfo("America/Argentina/Buenos_Aires")
SLOT = dt.datetime(2026, 3, 11, 10, tzinfo=BA)

# Statements of one booking with the provider served electronically (one cédula, its
# document and the notices), whatever the number of conciliators free at the slot. Before this
# change: 146 on SQLite with 3 conciliators (5 more per conciliator, plus the month's agenda).
# Since then the hearing records the consumer's notice (D202-I.10) and the provider's service
# (decision 0015), webhooks look for subscribed endpoints (decision 0023: +1 when the
# provider's rows are served, +1 for the hearing's expediente entry), and accumulation (decision
# 0026) reads the claim's membership once and its co-claimants once (+2). The point is flatness:
# the same count with 3 or 12 conciliators, under a cap. Decision 0034: the decreed days'
# version is read once per booking, not 9 times (was 119 SQLite / 117 PostgreSQL). Decision
# 0036: the draw works on the locked claim and reads eligibility once, no savepoint per plazo,
# per hearing insert, for the draw or the hearing's transition, the claim's pauses and providers
# and each person's addresses read once per act, the act's notices in one INSERT each (was 110
# SQLite / 108 PostgreSQL). Decision 0045: each availability check reads the agenda in one
# statement (was five, twice per booking), who stepped aside read once, no savepoint for the
# designation's transition, the transition's plazos in one INSERT, the designation notices'
# recipients' addresses in one read (was 61 SQLite / 59 PostgreSQL).
SENTENCIAS_DE_UNA_RESERVA = {"sqlite": 47, "postgresql": 45}


def _reservar_contando(reclamo, por):
    with CaptureQueriesContext(connection) as consultas:
        audiencia = turnos.elegir_turno(reclamo, inicio=SLOT, por=por)
    return audiencia, len(consultas.captured_queries)


@pytest.mark.django_db
def test_una_reserva_cuesta_las_mismas_sentencias_con_3_o_con_12_conciliadores(
    ahora, consumidora, proveedor_activo, agente_admision
):
    proveedor_activo.domicilio_electronico = "cedulas@telefonia.example"
    proveedor_activo.save()
    conciliadores = [crear_conciliador(f"Q-{i:04d}") for i in range(12)]
    for conciliador in conciliadores[:3]:
        publicar_horario(conciliador)
    # A first booking of the year creates the counters (and fills the per-process caches).
    previo = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    turnos.elegir_turno(previo, inicio=dt.datetime(2026, 3, 12, 9, tzinfo=BA), por=consumidora)
    primero = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    audiencia, con_3 = _reservar_contando(primero, consumidora)
    for conciliador in conciliadores[3:]:
        publicar_horario(conciliador)
    segundo = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    otra, con_12 = _reservar_contando(segundo, consumidora)
    assert con_3 == con_12
    assert con_3 <= SENTENCIAS_DE_UNA_RESERVA[connection.vendor], con_3
    # Every cédula and notice is still written, and no conciliator is booked twice.
    assert audiencia.conciliador_id != otra.conciliador_id
    for hecha in (audiencia, otra):
        assert Cedula.objects.filter(audiencia=hecha).count() == 1
        assert Notificacion.objects.filter(sujeto_id=hecha.reclamo_id).count() >= 3


@pytest.mark.django_db
def test_el_turno_elegido_es_el_que_ofrece_la_lista(espera_turno, conciliadores_con_horario, ahora):
    ofrecidos = disponibilidad.turnos_para(espera_turno, ahora=ahora)
    assert ofrecidos
    for turno in ofrecidos:
        directo = disponibilidad.turno_en(espera_turno, inicio=turno.inicio, ahora=ahora)
        assert directo is not None
        assert (directo.modalidad, directo.dentro_de_plazo, directo.oficina_id) == (
            turno.modalidad,
            turno.dentro_de_plazo,
            turno.oficina_id,
        )
        assert sorted(f.conciliador_id for f in directo.libres) == sorted(
            f.conciliador_id for f in turno.libres
        )
    ofrecidas = {t.inicio for t in ofrecidos}
    # Not offered: too soon for the cédula, after AR-07 while slots within it are free, past,
    # outside the hours, or of another mode.
    for inicio in (
        dt.datetime(2026, 3, 9, 9, tzinfo=BA),
        dt.datetime(2026, 3, 18, 9, tzinfo=BA),
        dt.datetime(2026, 3, 10, 13, tzinfo=BA),
    ):
        assert inicio not in ofrecidas
        assert disponibilidad.turno_en(espera_turno, inicio=inicio, ahora=ahora) is None
    assert (
        disponibilidad.turno_en(espera_turno, inicio=SLOT, ahora=ahora, modalidad="video") is None
    )


@pytest.mark.django_db
def test_despues_del_ar07_solo_cuando_no_queda_turno_en_plazo(
    espera_turno, ahora, consumidora, proveedor_activo, agente_admision
):
    conciliador = crear_conciliador("Q-AR07")
    en_plazo = dt.datetime(2026, 3, 10, 9, tzinfo=BA)
    tarde = dt.datetime(2026, 3, 20, 9, tzinfo=BA)
    for inicio in (en_plazo, tarde):
        TurnoPuntual.objects.create(
            conciliador=conciliador,
            inicio=inicio,
            modalidad="presencial",
            lugar="Lavalle 1",
            publicado_por=conciliador.usuario,
        )
    assert disponibilidad.turno_en(espera_turno, inicio=tarde, ahora=ahora) is None
    otro = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    turnos.elegir_turno(otro, inicio=en_plazo, por=consumidora)
    turno = disponibilidad.turno_en(espera_turno, inicio=tarde, ahora=ahora)
    assert turno is not None and not turno.dentro_de_plazo
    assert [t.inicio for t in disponibilidad.turnos_para(espera_turno, ahora=ahora)] == [tarde]


def _puntual(conciliador, inicio):
    TurnoPuntual.objects.create(
        conciliador=conciliador,
        inicio=inicio,
        modalidad="presencial",
        lugar="Lavalle 1",
        publicado_por=conciliador.usuario,
    )


def _numero_de_cedula_ya_creado(agente_admision):
    """The year's cédula sequence exists (the first issue of a kind in a year creates it, and a
    concurrent first issue waits for that transaction once: documentos/numeracion.py)."""
    from documentos.services import emitir_documento

    with transaction.atomic():
        emitir_documento(
            tipo="cedula", plantilla="generico", snapshot={}, por=agente_admision, titulo="C"
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dos_reservas_del_mismo_turno_una_gana_la_otra_es_un_conflicto_limpio(
    ahora, consumidora, proveedor_activo, agente_admision, textos_art_10
):
    conciliador = crear_conciliador("Q-MISMO")
    _puntual(conciliador, SLOT)
    reclamos = [admitido(consumidora, proveedor_activo, agente_admision) for _ in range(2)]
    largada = threading.Barrier(2)
    resultados, errores = [], []

    def reservar(reclamo):
        try:
            largada.wait(timeout=30)
            turnos.elegir_turno(reclamo, inicio=SLOT, por=consumidora)
            resultados.append("ok")
        except turnos.TurnoTomado as conflicto:
            resultados.append(str(conflicto))
        except Exception as error:  # collected and asserted below
            errores.append(error)
        finally:
            connection.close()

    hilos = [threading.Thread(target=reservar, args=(r,)) for r in reclamos]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=120)
    assert errores == []
    assert sorted(resultados) == sorted(["ok", str(turnos.TURNO_TOMADO)])
    assert Audiencia.objects.filter(estado=Audiencia.Estado.FIJADA).count() == 1
    estados = sorted(
        Reclamo.objects.filter(pk__in=[x.pk for x in reclamos]).values_list("estado", flat=True)
    )
    assert estados == sorted([Estado.AUDIENCIA_FIJADA, Estado.ESPERA_TURNO])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_reservas_de_conciliadores_distintos_no_se_esperan(
    ahora, consumidora, proveedor_activo, agente_admision, textos_art_10
):
    uno, dos = crear_conciliador("Q-UNO"), crear_conciliador("Q-DOS")
    a_las_9, a_las_10 = dt.datetime(2026, 3, 11, 9, tzinfo=BA), SLOT
    _puntual(uno, a_las_9)
    _puntual(dos, a_las_10)
    primero, segundo = (admitido(consumidora, proveedor_activo, agente_admision) for _ in "12")
    _numero_de_cedula_ya_creado(agente_admision)
    abierta, terminar = threading.Event(), threading.Event()
    hechas, errores = {}, []

    def reservar(clave, reclamo, inicio, esperar):
        try:
            with transaction.atomic():
                hechas[clave] = turnos.elegir_turno(reclamo, inicio=inicio, por=consumidora)
                if esperar:  # the booking stays open, holding its locks
                    abierta.set()
                    terminar.wait(timeout=60)
        except Exception as error:  # collected and asserted below
            errores.append(error)
        finally:
            abierta.set()
            connection.close()

    lenta = threading.Thread(target=reservar, args=("lenta", primero, a_las_9, True))
    lenta.start()
    assert abierta.wait(timeout=60)
    rapida = threading.Thread(target=reservar, args=("rapida", segundo, a_las_10, False))
    rapida.start()
    rapida.join(timeout=30)
    termino_mientras_la_otra_seguia_abierta = not rapida.is_alive()
    terminar.set()
    lenta.join(timeout=60)
    rapida.join(timeout=60)
    assert errores == []
    assert termino_mientras_la_otra_seguia_abierta
    assert hechas["lenta"].conciliador_id == uno.pk
    assert hechas["rapida"].conciliador_id == dos.pk
    assert Cedula.objects.count() == 2


@pytest.mark.django_db
def test_una_reserva_lee_la_version_del_calendario_una_sola_vez(
    ahora, consumidora, proveedor_activo, agente_admision
):
    """Decision 0034: the decreed days' version is read once per booking (it was 9 times)."""
    proveedor_activo.domicilio_electronico = "cedulas@telefonia.example"
    proveedor_activo.save()
    publicar_horario(crear_conciliador("Q-0001"))
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    with CaptureQueriesContext(connection) as consultas:
        turnos.elegir_turno(reclamo, inicio=SLOT, por=consumidora)
    versiones = [c for c in consultas.captured_queries if "normativa_dianohabil" in c["sql"]]
    assert len(versiones) == 1


@pytest.mark.django_db
def test_los_avisos_de_una_reserva_salen_en_un_solo_mensaje(
    ahora,
    consumidora,
    proveedor_activo,
    agente_admision,
    monkeypatch,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    """Decision 0045: the booking's notices (designation, cédula, invitations) are published to
    the broker in one message after commit, and every one is sent."""
    from conciliacion import trabajos

    proveedor_activo.domicilio_electronico = "cedulas@telefonia.example"
    proveedor_activo.save()
    publicar_horario(crear_conciliador("Q-LOTE"))
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    antes = set(Notificacion.objects.values_list("pk", flat=True))
    publicadas = []
    original = trabajos.publicar_ahora

    def grabar(tarea, *args, **kwargs):
        publicadas.append((tarea.name, args))
        return original(tarea, *args, **kwargs)

    monkeypatch.setattr(trabajos, "publicar_ahora", grabar)
    with django_capture_on_commit_callbacks(execute=True):
        turnos.elegir_turno(reclamo, inicio=SLOT, por=consumidora)
    nuevas = set(Notificacion.objects.values_list("pk", flat=True)) - antes
    avisos = [args for nombre, args in publicadas if nombre.startswith("notificaciones.")]
    assert len(nuevas) >= 3
    assert len(avisos) == 1, avisos
    assert sorted(avisos[0][0]) == sorted(nuevas)
    estados = set(Notificacion.objects.filter(pk__in=nuevas).values_list("estado", flat=True))
    assert estados == {Notificacion.Estado.ENVIADA}
    assert len(mailoutbox) == len(nuevas)
