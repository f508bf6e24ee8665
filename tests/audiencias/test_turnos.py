"""Slots, "Elegir Turno" (method a), fixing, cancelling and rescheduling hearings."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction

from audiencias import disponibilidad
from audiencias.models import Audiencia, Bloqueo
from audiencias.services import turnos
from conciliacion.errores import DatosInvalidos
from conciliadores.models import Designacion, Licencia
from reclamos.estados import Estado
from tests.audiencias.conftest import publicar_horario
from tests.conciliadores.conftest import admitido, crear_conciliador

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = pytest.mark.django_db


def en_ba(anio, mes, dia, hora):
    return dt.datetime(anio, mes, dia, hora, tzinfo=BA)


def test_los_turnos_respetan_la_anticipacion_y_el_plazo_ar07(
    espera_turno, conciliadores_con_horario, ahora
):
    ofrecidos = disponibilidad.turnos_para(espera_turno, ahora=ahora)
    fechas = sorted({t.inicio.astimezone(BA).date() for t in ofrecidos})
    # Provider without electronic domicile: served by reliable means from Wed 4/3 at the
    # earliest; Thu, Fri, Mon between → first hearing day Tue 10/3. AR-07: designation deemed
    # notified Tue 3/3, 10 business days → Tue 17/3.
    assert fechas[0] == dt.date(2026, 3, 10)
    assert fechas[-1] == dt.date(2026, 3, 17)
    assert all(t.dentro_de_plazo for t in ofrecidos)
    assert [t.inicio.astimezone(BA).hour for t in ofrecidos[:3]] == [9, 10, 11]
    assert all(len(t.libres) == 3 for t in ofrecidos)


def test_bloqueos_licencias_y_audiencias_ocupan_la_agenda(
    espera_turno, conciliadores_con_horario, ahora, consumidora, proveedor_activo, agente_admision
):
    uno, dos, tres = conciliadores_con_horario
    Bloqueo.objects.create(
        conciliador=uno,
        desde=dt.date(2026, 3, 10),
        hasta=dt.date(2026, 3, 10),
        creado_por=uno.usuario,
    )
    Licencia.objects.create(
        conciliador=dos,
        desde=dt.date(2026, 3, 10),
        hasta=dt.date(2026, 3, 11),
        motivo="Viaje",
        estado=Licencia.Estado.APROBADA,
        solicitada_por=dos.usuario,
    )
    otro = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    turnos.elegir_turno(otro, inicio=en_ba(2026, 3, 10, 9), por=consumidora)
    ofrecidos = {t.inicio: t for t in disponibilidad.turnos_para(espera_turno, ahora=ahora)}
    # At 9 on 10/3 the only one not blocked or on licence (tres) is now busy: no slot.
    assert en_ba(2026, 3, 10, 9) not in ofrecidos
    assert [f.conciliador_id for f in ofrecidos[en_ba(2026, 3, 10, 10)].libres] == [tres.pk]
    assert len(ofrecidos[en_ba(2026, 3, 12, 9)].libres) == 3


def test_elegir_turno_sortea_y_fija_en_una_transaccion(
    espera_turno, conciliadores_con_horario, ahora, consumidora
):
    audiencia = turnos.elegir_turno(espera_turno, inicio=en_ba(2026, 3, 11, 10), por=consumidora)
    espera_turno.refresh_from_db()
    assert espera_turno.estado == Estado.AUDIENCIA_FIJADA
    designacion = Designacion.objects.get(reclamo=espera_turno, activa=True)
    assert audiencia.conciliador == designacion.conciliador
    assert designacion.conciliador in conciliadores_con_horario
    assert (audiencia.inicio, audiencia.modalidad, audiencia.fuera_de_plazo) == (
        en_ba(2026, 3, 11, 10),
        "presencial",
        False,
    )
    codigos = list(espera_turno.actuaciones.values_list("codigo", flat=True))
    assert codigos.index("sorteo.realizado") < codigos.index("conciliador.sorteado")
    assert codigos[-2:] == ["audiencia.fijada", "audiencia.cedulas_emitidas"]
    assert espera_turno.sorteos.filter(realizado_en__isnull=False).count() == 1


def test_el_turno_tomado_no_deja_rastros(
    ahora, consumidora, otra_consumidora, proveedor_activo, agente_admision
):
    unico = crear_conciliador("U-0001")
    publicar_horario(unico)
    primero = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    segundo = admitido(otra_consumidora, proveedor_activo, agente_admision, metodo="a")
    turnos.elegir_turno(primero, inicio=en_ba(2026, 3, 10, 9), por=consumidora)
    with pytest.raises(turnos.TurnoTomado) as error:
        turnos.elegir_turno(segundo, inicio=en_ba(2026, 3, 10, 9), por=otra_consumidora)
    assert error.value.mensaje == "Ese turno acaba de ser tomado; elegí otro."
    segundo.refresh_from_db()
    assert segundo.estado == Estado.ESPERA_TURNO
    assert not Designacion.objects.filter(reclamo=segundo).exists()
    assert not segundo.sorteos.filter(realizado_en__isnull=False).exists()
    assert not Audiencia.objects.filter(reclamo=segundo).exists()


def test_sin_turnos_en_plazo_se_ofrecen_los_posteriores_y_se_marca(
    espera_turno, ahora, consumidora
):
    tarde = crear_conciliador("L-0001")
    publicar_horario(tarde, dias=(0,))  # Mondays only
    from audiencias.models import FranjaSemanal

    FranjaSemanal.objects.filter(conciliador=tarde).update(vigente_desde=dt.date(2026, 3, 20))
    ofrecidos = disponibilidad.turnos_para(espera_turno, ahora=ahora)
    assert ofrecidos and not any(t.dentro_de_plazo for t in ofrecidos)
    audiencia = turnos.elegir_turno(espera_turno, inicio=ofrecidos[0].inicio, por=consumidora)
    assert audiencia.fuera_de_plazo


def test_la_base_impide_dos_audiencias_del_conciliador_a_la_misma_hora(
    espera_turno,
    conciliadores_con_horario,
    ahora,
    consumidora,
    otra_consumidora,
    proveedor_activo,
    agente_admision,
):
    audiencia = turnos.elegir_turno(espera_turno, inicio=en_ba(2026, 3, 10, 9), por=consumidora)
    otro = admitido(otra_consumidora, proveedor_activo, agente_admision, metodo="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Audiencia.objects.create(
            reclamo=otro,
            conciliador=audiencia.conciliador,
            inicio=audiencia.inicio,
            modalidad="presencial",
            fijada_por=otra_consumidora,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Audiencia.objects.create(
            reclamo=espera_turno,
            conciliador=conciliadores_con_horario[0],
            inicio=en_ba(2026, 3, 12, 9),
            modalidad="presencial",
            fijada_por=consumidora,
        )


def test_la_consumidora_cancela_antes_de_la_notificacion_y_vuelve_a_elegir(
    espera_turno, conciliadores_con_horario, ahora, consumidora
):
    audiencia = turnos.elegir_turno(espera_turno, inicio=en_ba(2026, 3, 10, 9), por=consumidora)
    turnos.cancelar_audiencia(audiencia, por=consumidora, motivo="No puedo ese día")
    espera_turno.refresh_from_db()
    assert espera_turno.estado == Estado.ESPERA_TURNO
    assert not Designacion.objects.filter(reclamo=espera_turno, activa=True).exists()
    nueva = turnos.elegir_turno(espera_turno, inicio=en_ba(2026, 3, 12, 10), por=consumidora)
    assert nueva.orden == 1 and nueva.estado == Audiencia.Estado.FIJADA
    assert espera_turno.sorteos.filter(realizado_en__isnull=False).count() == 2


def test_el_conciliador_fija_respetando_los_tres_dias(
    ahora, consumidora, proveedor_activo, agente_admision, conciliador
):
    from conciliadores.services.designacion import designar

    ana = crear_conciliador("A-0001", usuario=conciliador)
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    designar(reclamo, conciliador=ana, por=conciliador, notificacion_ficta=False)
    reclamo.refresh_from_db()
    with pytest.raises(DatosInvalidos) as error:
        turnos.fijar_audiencia(
            reclamo,
            inicio=en_ba(2026, 3, 9, 10),
            modalidad="presencial",
            lugar="Lavalle 100",
            por=conciliador,
        )
    assert "10/03/2026" in error.value.mensaje
    audiencia = turnos.fijar_audiencia(
        reclamo, inicio=en_ba(2026, 3, 10, 10), modalidad="video", por=conciliador
    )
    uid = audiencia.uid_ics
    assert audiencia.enlace_video.endswith(str(audiencia.uid_ics))
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
    nueva = turnos.reprogramar_audiencia(
        audiencia, inicio=en_ba(2026, 3, 13, 11), por=conciliador, motivo="Enfermedad"
    )
    audiencia.refresh_from_db()
    assert audiencia.estado == Audiencia.Estado.REPROGRAMADA
    assert (nueva.uid_ics, nueva.secuencia_ics) == (uid, 1)
    assert nueva.reemplaza == audiencia
