"""D202-I.10: "en todos los casos, la audiencia deberá estar notificada con TRES (3) días de
antelación" — the consumer too. The first possible hearing date counts the consumer's route;
each hearing records how and when the consumer was notified; a notice by reliable means is
recorded with its proof and checked like a provider's cédula."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from audiencias import anticipacion
from audiencias.services import cedulas, turnos
from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from conciliadores.services.designacion import designar
from notificaciones.domicilios import constituir_domicilio_electronico
from reclamos.models import Reclamo
from tests.conciliadores.conftest import admitido, crear_conciliador
from tests.documentos.muestras import pdf_en_blanco, subido

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = pytest.mark.django_db


def en_ba(*args):
    return dt.datetime(*args, tzinfo=BA)


@pytest.fixture
def designado(ahora, consumidora, proveedor_activo, agente_admision, conciliador):
    """Method c, the provider served electronically (next day): only the consumer's route can
    push the first hearing date."""
    proveedor_activo.domicilio_electronico = "cedulas@telefonia.example"
    proveedor_activo.save()
    ana = crear_conciliador("N-0001", usuario=conciliador)
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    designar(reclamo, conciliador=ana, por=conciliador, notificacion_ficta=False)
    reclamo = Reclamo.objects.get(pk=reclamo.pk)
    Reclamo.objects.filter(pk=reclamo.pk).update(consumidor_email="lucia@example.com")
    reclamo.refresh_from_db()
    return reclamo


def test_sin_domicilio_electronico_el_consumidor_corre_la_primera_fecha(designado, consumidora):
    hoy = dt.date(2026, 3, 2)  # Monday
    assert anticipacion.via_del_consumidor(designado) == "fehaciente"
    # Reliable means: served Wed 4/3 at the earliest, then 3 business days: hearing from 10/3.
    assert anticipacion.primera_fecha_de_audiencia(designado, hoy=hoy) == dt.date(2026, 3, 10)
    # The consumer who books is notified in the act: only the provider (e-mail, served 3/3 and
    # then Wed, Thu, Fri) counts: any day from Saturday 7/3.
    assert anticipacion.primera_fecha_de_audiencia(
        designado, hoy=hoy, consumidor_presente=True
    ) == dt.date(2026, 3, 7)
    constituir_domicilio_electronico(usuario=consumidora, email="lucia@example.com", por=None)
    assert anticipacion.via_del_consumidor(designado) == "electronica"
    assert anticipacion.primera_fecha_de_audiencia(designado, hoy=hoy) == dt.date(2026, 3, 7)


def test_el_conciliador_no_fija_antes_de_que_llegue_la_notificacion_al_consumidor(
    designado, conciliador
):
    with pytest.raises(DatosInvalidos) as error:
        turnos.fijar_audiencia(
            designado, inicio=en_ba(2026, 3, 9, 10), modalidad="video", por=conciliador
        )
    assert "10/03/2026" in error.value.mensaje and "consumidor" in error.value.mensaje
    audiencia = turnos.fijar_audiencia(
        designado, inicio=en_ba(2026, 3, 10, 10), modalidad="video", por=conciliador
    )
    audiencia.refresh_from_db()
    assert (audiencia.consumidor_via, audiencia.consumidor_notificado_el) == ("fehaciente", None)


def test_notificacion_fehaciente_al_consumidor_con_constancia(
    designado, conciliador, consumidora, client, time_machine
):
    audiencia = turnos.fijar_audiencia(
        designado, inicio=en_ba(2026, 3, 10, 10), modalidad="video", por=conciliador
    )
    with pytest.raises(ConflictoDeEstado):
        cedulas.registrar_notificacion_al_consumidor(
            audiencia,
            por=consumidora,
            notificada_el=dt.date(2026, 3, 2),
            medio="Carta documento",
            constancia=subido("cd.pdf", pdf_en_blanco(), "application/pdf"),
        )
    with pytest.raises(DatosInvalidos):
        cedulas.registrar_notificacion_al_consumidor(
            audiencia,
            por=conciliador,
            notificada_el=dt.date(2026, 3, 2),
            medio="CD",
            constancia=None,
        )
    time_machine.move_to(dt.datetime(2026, 3, 6, 15, tzinfo=dt.UTC), tick=False)
    client.force_login(conciliador)
    detalle = client.get(reverse("reclamos:detalle", args=[designado.pk])).content.decode()
    assert "Registrar la notificación al consumidor" in detalle
    url = reverse("audiencias:notificacion_al_consumidor", args=[audiencia.pk])
    respuesta = client.post(
        url,
        {
            "notificada_el": "2026-03-06",
            "medio": "Carta documento",
            "constancia": subido("cd.pdf", pdf_en_blanco(), "application/pdf"),
        },
    )
    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    assert respuesta.url == reverse("reclamos:detalle", args=[designado.pk]), respuesta.url
    audiencia.refresh_from_db()
    # Served Friday 6/3: Mon 9 is the only business day before Tue 10 → out of term.
    assert audiencia.consumidor_notificado_el == dt.date(2026, 3, 6)
    assert audiencia.consumidor_en_termino is False
    entrada = designado.actuaciones.get(codigo="audiencia.consumidor_notificado")
    assert "reprogramar" in entrada.texto
    detalle = client.get(reverse("reclamos:detalle", args=[designado.pk])).content.decode()
    assert "fuera de término" in detalle


def test_el_consumidor_que_elige_el_turno_queda_notificado_en_el_acto(fijada):
    fijada.refresh_from_db()
    assert fijada.consumidor_via == "presente"
    assert fijada.consumidor_en_termino is True
    assert fijada.consumidor_notificado_el == dt.date(2026, 3, 2)


def test_con_domicilio_electronico_se_notifica_al_dia_siguiente(
    designado, conciliador, consumidora
):
    constituir_domicilio_electronico(usuario=consumidora, email="lucia@example.com", por=None)
    audiencia = turnos.fijar_audiencia(
        designado, inicio=en_ba(2026, 3, 9, 10), modalidad="video", por=conciliador
    )
    audiencia.refresh_from_db()
    assert audiencia.consumidor_via == "electronica"
    assert audiencia.consumidor_notificado_el == dt.date(2026, 3, 3)
    assert audiencia.consumidor_en_termino is True
