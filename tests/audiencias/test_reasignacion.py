"""After an excusación or an upheld recusación the fixed hearing follows the claim to the new
conciliator (D202-I.7, I.10; T15, T21): same slot, new cédulas with the new conciliator's data,
the parties told, the outgoing conciliator's calendar cleared; or, when the new conciliator is
not free then, the hearing is cancelled and they fix another."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from audiencias.models import Audiencia, Bloqueo, Cedula
from audiencias.services import turnos
from conciliadores.models import Designacion
from conciliadores.services import apartamiento
from conciliadores.services import designacion as servicio_designacion
from reclamos.estados import Estado
from reclamos.models import Actuacion
from tests.audiencias.conftest import publicar_horario
from tests.conciliadores.conftest import admitido, crear_conciliador

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = pytest.mark.django_db


def _texto(documento) -> str:
    documento.refresh_from_db()
    with documento.archivo.open("rb") as archivo:
        paginas = PdfReader(io.BytesIO(archivo.read())).pages
    return " ".join(" ".join(p.extract_text().split()) for p in paginas)


def _pendiente(reclamo):
    return Audiencia.objects.get(reclamo=reclamo, estado=Audiencia.Estado.FIJADA)


def test_tras_la_excusacion_la_audiencia_pasa_al_sorteado_con_nuevas_cedulas(
    fijada, conciliadores_con_horario, mailoutbox, django_capture_on_commit_callbacks
):
    reclamo = fijada.reclamo
    saliente = fijada.conciliador
    with django_capture_on_commit_callbacks(execute=True):
        apartamiento.excusarse(
            reclamo, por=saliente.usuario, causal="17.9", fundamento="Amistad con el gerente."
        )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
    nueva = _pendiente(reclamo)
    entrante = Designacion.objects.get(reclamo=reclamo, activa=True).conciliador
    assert nueva.conciliador == entrante != saliente
    assert entrante in conciliadores_con_horario
    assert (nueva.inicio, nueva.orden, nueva.modalidad) == (fijada.inicio, 1, "presencial")
    assert nueva.uid_ics == fijada.uid_ics and nueva.secuencia_ics == fijada.secuencia_ics + 1
    fijada.refresh_from_db()
    assert fijada.estado == Audiencia.Estado.REPROGRAMADA and nueva.reemplaza == fijada
    assert "Cambio de conciliador" in fijada.motivo_cancelacion

    # The new cédula carries the new conciliator's art. 10 data, in the snapshot and the PDF.
    cedula = Cedula.objects.get(audiencia=nueva)
    assert cedula.documento_id != Cedula.objects.get(audiencia=fijada).documento_id
    assert cedula.documento.snapshot["conciliador"] == {
        "nombre": entrante.nombre,
        "domicilio": entrante.domicilio_profesional,
        "matricula": entrante.matricula,
    }
    texto = _texto(cedula.documento)
    for dato in (entrante.nombre, entrante.domicilio_profesional, entrante.matricula):
        assert dato in texto
    assert saliente.nombre not in texto

    # The parties are told (the provider by its electronic cédula too); the outgoing
    # conciliator's calendar drops the event.
    consumidor = next(
        m
        for m in mailoutbox
        if reclamo.consumidor_email in m.to and entrante.nombre in m.body and m.attachments
    )
    assert "UID:" in consumidor.attachments[0][1] and "SEQUENCE:1" in consumidor.attachments[0][1]
    assert any(
        "cedulas@telefonia.example" in m.to and entrante.nombre not in m.subject for m in mailoutbox
    )
    cancelacion = [
        m for m in mailoutbox if saliente.usuario.email in m.to and "cancelada" in m.subject
    ]
    assert cancelacion and "METHOD:CANCEL" in cancelacion[0].attachments[0][1]
    assert str(fijada.uid_ics) not in cancelacion[0].attachments[0][1]  # the event's UID moved
    assert str(nueva.uid_ics) in cancelacion[0].attachments[0][1]
    codigos = list(Actuacion.objects.filter(reclamo=reclamo).values_list("codigo", flat=True))
    assert "audiencia.reasignada" in codigos


def test_tras_la_recusacion_admitida_tambien(fijada, consumidora, agente_admision):
    reclamo = fijada.reclamo
    saliente = fijada.conciliador
    recusacion = apartamiento.recusar(
        reclamo, por=consumidora, causal="17.9", fundamento="Amistad con el gerente."
    )
    apartamiento.decidir_recusacion(
        recusacion, por=agente_admision, admitida=True, fundamentos="Se acreditó la amistad."
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
    nueva = _pendiente(reclamo)
    assert nueva.conciliador != saliente and nueva.inicio == fijada.inicio
    assert Cedula.objects.filter(audiencia=nueva).count() == 1


def test_el_nuevo_sorteo_es_solo_entre_libres_en_el_mismo_turno_y_modalidad(
    fijada, conciliadores_con_horario
):
    """The two other conciliators blocked that day; a fourth one is free then, but by video:
    nobody can take the consumer's in-person slot, so the redraw waits for staff and the hearing
    stays as it was."""
    reclamo = fijada.reclamo
    saliente = fijada.conciliador
    for conciliador in conciliadores_con_horario:
        if conciliador != saliente:
            Bloqueo.objects.create(
                conciliador=conciliador,
                desde=dt.date(2026, 3, 10),
                hasta=dt.date(2026, 3, 10),
                creado_por=conciliador.usuario,
            )
    publicar_horario(crear_conciliador("T-0009"), modalidad="video")
    apartamiento.excusarse(reclamo, por=saliente.usuario, causal="30", fundamento="Decoro.")
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.REDESIGNACION
    assert _pendiente(reclamo) == fijada
    assert "conciliador.redesignacion_pendiente" in set(
        Actuacion.objects.filter(reclamo=reclamo).values_list("codigo", flat=True)
    )


@pytest.fixture
def fijada_c(ahora, consumidora, proveedor_activo, agente_admision, conciliador):
    """Method c: Ana fixed the hearing of 10/3 at 10:00 in her office, then excused herself:
    the claim waits for the Ministry's replacement (Q9)."""
    ana = crear_conciliador("C-0001", usuario=conciliador)
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    servicio_designacion.designar(
        reclamo, conciliador=ana, por=conciliador, notificacion_ficta=False
    )
    audiencia = turnos.fijar_audiencia(
        reclamo,
        inicio=dt.datetime(2026, 3, 10, 10, tzinfo=BA),
        modalidad="presencial",
        lugar="Lavalle 1000, CABA",
        por=conciliador,
    )
    apartamiento.excusarse(reclamo, por=conciliador, causal="30", fundamento="Decoro.")
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.REDESIGNACION
    return audiencia


def test_el_reemplazo_libre_en_ese_horario_toma_la_audiencia_en_su_estudio(
    fijada_c, agente_admision
):
    reclamo = fijada_c.reclamo
    reemplazo = crear_conciliador("C-0002", domicilio_profesional="Tucumán 500, CABA")
    publicar_horario(reemplazo)
    servicio_designacion.registrar_reemplazo(
        reclamo, por=agente_admision, conciliador=reemplazo, referencia="Disp. DNM 12/2026"
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
    nueva = _pendiente(reclamo)
    assert (nueva.conciliador, nueva.inicio) == (reemplazo, fijada_c.inicio)
    assert nueva.lugar == "Av. Julio A. Roca 651, CABA"  # the replacement's own office
    snapshot = Cedula.objects.get(audiencia=nueva).documento.snapshot
    assert snapshot["audiencia"]["lugar"] == nueva.lugar
    assert snapshot["conciliador"]["domicilio"] == "Tucumán 500, CABA"


def test_el_reemplazo_ocupado_en_ese_horario_fija_otra(
    fijada_c, agente_admision, mailoutbox, django_capture_on_commit_callbacks
):
    reclamo = fijada_c.reclamo
    reemplazo = crear_conciliador("C-0003")  # publishes no hours
    with django_capture_on_commit_callbacks(execute=True):
        servicio_designacion.registrar_reemplazo(
            reclamo, por=agente_admision, conciliador=reemplazo, referencia="Disp. DNM 13/2026"
        )
    reclamo.refresh_from_db()
    fijada_c.refresh_from_db()
    assert reclamo.estado == Estado.CONCILIADOR_DESIGNADO
    assert fijada_c.estado == Audiencia.Estado.CANCELADA
    assert "fijará una nueva audiencia" in fijada_c.motivo_cancelacion
    assert not Audiencia.objects.filter(reclamo=reclamo, estado="fijada").exists()
    cancelaciones = [m for m in mailoutbox if "Audiencia cancelada" in m.subject]
    assert {reclamo.consumidor_email, fijada_c.conciliador.usuario.email} <= {
        d for m in cancelaciones for d in m.to
    }
    # The new conciliator fixes the next hearing.
    turnos.fijar_audiencia(
        reclamo,
        inicio=dt.datetime(2026, 3, 12, 10, tzinfo=BA),
        modalidad="video",
        por=reemplazo.usuario,
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
