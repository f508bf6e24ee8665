"""The booking page as in seed 000, the conciliator's agenda and fixing page."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from audiencias import disponibilidad
from audiencias.models import Audiencia, FranjaSemanal
from audiencias.services import turnos
from reclamos.estados import Estado
from tests.audiencias.conftest import publicar_horario
from tests.conciliadores.conftest import admitido, crear_conciliador

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = pytest.mark.django_db


def test_la_pagina_de_turnos_como_en_el_instructivo(
    client, espera_turno, conciliadores_con_horario, consumidora
):
    client.force_login(consumidora)
    respuesta = client.get(reverse("audiencias:elegir_turno", args=[espera_turno.pk]))
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    for texto in (
        "Turnos disponibles para audiencias",
        "¿Cómo podés seleccionar tu turno?",
        "¿Qué pasa después de seleccionar tu turno?",
        "¿Qué precauciones debés tomar?",
        "Elegir Turno",
        "Martes, 10 de marzo de 2026 - 09:00",
    ):
        assert texto in html
    ofrecidos = disponibilidad.turnos_para(espera_turno, ahora=dt.datetime.now(dt.UTC))
    assert html.count('name="turno"') == len(ofrecidos)
    # The picker: one tile per day with free slots, and nothing chosen beforehand.
    assert html.count('name="dia"') == len({t.inicio.astimezone(BA).date() for t in ofrecidos})
    assert " checked" not in html
    for conciliador in conciliadores_con_horario:
        assert conciliador.nombre not in html and conciliador.matricula not in html


def test_elegir_turno_desde_la_pagina(client, espera_turno, conciliadores_con_horario, consumidora):
    client.force_login(consumidora)
    url = reverse("audiencias:elegir_turno", args=[espera_turno.pk])
    turno = disponibilidad.turnos_para(espera_turno, ahora=dt.datetime.now(dt.UTC))[1]
    respuesta = client.post(url, {"turno": turno.clave})
    assert respuesta.status_code == 302
    espera_turno.refresh_from_db()
    assert espera_turno.estado == Estado.AUDIENCIA_FIJADA
    detalle = client.get(reverse("reclamos:detalle", args=[espera_turno.pk])).content.decode()
    assert "10/03/2026" in detalle or "10 de marzo de 2026" in detalle


def test_el_turno_que_otro_tomo_da_409_y_la_lista_actualizada(
    client, ahora, consumidora, otra_consumidora, proveedor_activo, agente_admision
):
    publicar_horario(crear_conciliador("U-0002"))
    mio = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    otro = admitido(otra_consumidora, proveedor_activo, agente_admision, metodo="a")
    turno = disponibilidad.turnos_para(mio, ahora=ahora)[0]
    turnos.elegir_turno(otro, inicio=turno.inicio, por=otra_consumidora)
    client.force_login(consumidora)
    dia = turno.inicio.astimezone(BA).date().isoformat()
    respuesta = client.post(
        reverse("audiencias:elegir_turno", args=[mio.pk]), {"turno": turno.clave, "dia": dia}
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 409
    assert "Ese turno acaba de ser tomado; elegí otro." in html
    assert f'value="{turno.clave}"' not in html
    assert 'name="turno"' in html
    # The day the consumer had opened stays open; no time is chosen for them.
    assert f'value="{dia}" checked' in html
    assert html.count(" checked") == 1


def test_otra_persona_no_ve_los_turnos_del_reclamo(client, espera_turno, extrano):
    client.force_login(extrano)
    assert client.get(reverse("audiencias:elegir_turno", args=[espera_turno.pk])).status_code == 404


def test_el_conciliador_publica_su_horario(client, conciliador, ahora):
    ana = crear_conciliador("A-0009", usuario=conciliador)
    client.force_login(conciliador)
    url = reverse("audiencias:mi_agenda")
    datos = {
        "tipo": "franja",
        "franja-dia_semana": "2",
        "franja-desde": "14:00",
        "franja-hasta": "13:00",
        "franja-duracion_minutos": "45",
        "franja-intervalo_minutos": "15",
        "franja-modalidad": "presencial",
        "franja-lugar": "Lavalle 1000",
        "franja-vigente_desde": "2026-03-01",
    }
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 200
    assert "Tiene que ser posterior" in respuesta.content.decode()
    assert 'value="Lavalle 1000"' in respuesta.content.decode()
    respuesta = client.post(url, {**datos, "franja-hasta": "17:00"})
    assert respuesta.status_code == 302
    franja = FranjaSemanal.objects.get(conciliador=ana)
    assert (franja.desde, franja.hasta, franja.duracion_minutos) == (dt.time(14), dt.time(17), 45)
    # 14:00, 15:00, 16:00 (45 min + 15 min buffer) on Wednesdays.
    libres = disponibilidad.libres(
        [ana.pk], desde=dt.date(2026, 3, 4), hasta=dt.date(2026, 3, 4), zona=BA
    )
    assert [f.inicio.hour for f in libres] == [14, 15, 16]


def test_fijar_fuera_de_termino_explica_y_conserva_lo_cargado(
    client, ahora, consumidora, proveedor_activo, agente_admision, conciliador
):
    from conciliadores.services.designacion import designar

    ana = crear_conciliador("A-0010", usuario=conciliador)
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    designar(reclamo, conciliador=ana, por=conciliador, notificacion_ficta=False)
    client.force_login(conciliador)
    url = reverse("audiencias:fijar", args=[reclamo.pk])
    datos = {
        "fecha": "2026-03-05",
        "hora": "10:00",
        "modalidad": "presencial",
        "lugar": "Lavalle 1000",
        "duracion_minutos": "60",
    }
    respuesta = client.post(url, datos)
    html = respuesta.content.decode()
    assert respuesta.status_code == 200 and "10/03/2026" in html and 'value="Lavalle 1000"' in html
    assert client.post(url, {**datos, "fecha": "2026-03-10"}).status_code == 302
    assert Audiencia.objects.get(reclamo=reclamo).inicio == dt.datetime(2026, 3, 10, 10, tzinfo=BA)
    client.force_login(consumidora)
    assert client.get(url).status_code == 403
