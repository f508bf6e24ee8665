"""Calendar invitations: stable UID, growing SEQUENCE, local time with its zone."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from notificaciones.ics import construir_ics
from notificaciones.services import encolar_notificacion

BA = ZoneInfo("America/Argentina/Buenos_Aires")


def _ics(**extra):
    inicio = datetime(2026, 4, 14, 10, 30, tzinfo=BA)
    datos = {
        "clave": "audiencia-42",
        "secuencia": 0,
        "inicio": inicio,
        "fin": inicio + timedelta(hours=1),
        "resumen": "Audiencia de conciliación COPREC-2026-000001",
        "lugar": "Av. Julio A. Roca 651, CABA",
        "url": "http://127.0.0.1:8000/reclamos/1/",
    }
    return construir_ics(**{**datos, **extra})


def test_la_invitacion_lleva_uid_estable_secuencia_y_zona_horaria():
    primera = Calendar.from_ical(_ics())
    nuevo_inicio = datetime(2026, 4, 15, 9, 0, tzinfo=BA)
    movida = Calendar.from_ical(
        _ics(secuencia=1, inicio=nuevo_inicio, fin=nuevo_inicio + timedelta(hours=1))
    )
    evento, evento_movido = primera.walk("VEVENT")[0], movida.walk("VEVENT")[0]
    assert str(evento["UID"]) == str(evento_movido["UID"]) == "audiencia-42@127.0.0.1"
    assert evento["SEQUENCE"] == 0 and evento_movido["SEQUENCE"] == 1
    assert evento["DTSTART"].params["TZID"] == "America/Argentina/Buenos_Aires"
    assert evento.decoded("DTSTART") == datetime(2026, 4, 14, 10, 30, tzinfo=BA)
    assert str(evento["LOCATION"]) == "Av. Julio A. Roca 651, CABA"
    assert str(evento["URL"]) == "http://127.0.0.1:8000/reclamos/1/"
    assert primera.walk("VTIMEZONE")
    assert str(primera["METHOD"]) == "REQUEST"


def test_la_cancelacion_usa_el_mismo_uid():
    cancelacion = Calendar.from_ical(_ics(secuencia=2, cancelado=True))
    assert str(cancelacion["METHOD"]) == "CANCEL"
    assert str(cancelacion.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_exige_horas_con_zona_y_fin_posterior():
    with pytest.raises(ValueError):
        _ics(inicio=datetime(2026, 4, 14, 10, 30))
    with pytest.raises(ValueError):
        _ics(fin=datetime(2026, 4, 14, 9, 0, tzinfo=BA))


def test_la_notificacion_adjunta_el_ics(
    consumidora, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        encolar_notificacion(
            destinatario=consumidora,
            plantilla="aviso",
            contexto={"texto": "Audiencia fijada."},
            asunto="Audiencia",
            ics=_ics(),
        )
    nombre, contenido, tipo = mailoutbox[0].attachments[0]
    assert nombre == "invitacion.ics" and tipo == "text/calendar"
    assert "audiencia-42@127.0.0.1" in contenido


def test_la_vtimezone_se_construye_una_vez_por_zona_y_es_la_de_icalendar(monkeypatch):
    from icalendar import Timezone

    from notificaciones import ics

    ics.vtimezone.cache_clear()
    construidas = []
    original = Timezone.from_tzid

    def contar(tzid, *args, **kwargs):
        construidas.append(tzid)
        return original(tzid, *args, **kwargs)

    monkeypatch.setattr(Timezone, "from_tzid", staticmethod(contar))
    textos = [_ics(secuencia=i) for i in range(3)]
    lima = datetime(2026, 4, 14, 10, 30, tzinfo=ZoneInfo("America/Lima"))
    _ics(inicio=lima, fin=lima + timedelta(hours=1))
    assert construidas == ["America/Argentina/Buenos_Aires", "America/Lima"]
    # The same VTIMEZONE icalendar itself adds, before the event.
    calendario = Calendar.from_ical(textos[2])
    referencia = Calendar()
    referencia.add_component(calendario.walk("VEVENT")[0])
    monkeypatch.setattr(Timezone, "from_tzid", original)
    referencia.add_missing_timezones()
    assert [c.name for c in calendario.subcomponents] == ["VTIMEZONE", "VEVENT"]
    assert calendario.walk("VTIMEZONE")[0].to_ical() == referencia.walk("VTIMEZONE")[0].to_ical()
