"""After an excusación or an upheld recusación the fixed hearing follows the claim to the new
conciliator (D202-I.7, I.10; T15, T21): same slot, new cédulas with the new conciliator's data,
the parties told, the outgoing conciliator's calendar cleared; or, when the new conciliator is
not free then, the hearing is cancelled and they fix another. It never stays with a conciliator
who is no longer designated (issue 6): in method a, when nobody eligible is free at its slot, it
is cancelled and the consumer picks another slot; in methods b/c it is cancelled when the
conciliator steps aside; when nobody at all can be designated, registry staff are told."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
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


def _bloquear_el_dia(conciliadores, salvo):
    for conciliador in conciliadores:
        if conciliador != salvo:
            Bloqueo.objects.create(
                conciliador=conciliador,
                desde=dt.date(2026, 3, 10),
                hasta=dt.date(2026, 3, 10),
                creado_por=conciliador.usuario,
            )


def _codigos(reclamo) -> set[str]:
    return set(Actuacion.objects.filter(reclamo=reclamo).values_list("codigo", flat=True))


def test_sin_libres_en_el_turno_la_audiencia_se_cancela_y_el_consumidor_elige_otro(
    fijada,
    conciliadores_con_horario,
    consumidora,
    agente_admision,
    agente_registro,
    client,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    """The two other conciliators blocked that day; a fourth one is free then, but by video:
    nobody can take the consumer's in-person slot. The hearing does not stay with the excused
    conciliator: it is cancelled (cédula annulled, everyone told), the claim goes back to the
    consumer's choice of slot, and staff see it on "Designaciones de conciliadores"."""
    reclamo = fijada.reclamo
    saliente = fijada.conciliador
    _bloquear_el_dia(conciliadores_con_horario, saliente)
    por_video = crear_conciliador("T-0009")
    publicar_horario(por_video, modalidad="video")
    with django_capture_on_commit_callbacks(execute=True):
        apartamiento.excusarse(reclamo, por=saliente.usuario, causal="30", fundamento="Decoro.")
    reclamo.refresh_from_db()
    fijada.refresh_from_db()
    assert reclamo.estado == Estado.ESPERA_TURNO
    assert fijada.estado == Audiencia.Estado.CANCELADA
    assert "elige un nuevo turno" in fijada.motivo_cancelacion
    assert not Audiencia.objects.filter(reclamo=reclamo, estado="fijada").exists()
    assert not Designacion.objects.filter(reclamo=reclamo, activa=True).exists()
    assert Cedula.objects.get(audiencia=fijada).anulada_en is not None
    assert {"reclamo.vuelve_a_elegir_turno", "audiencia.cancelada"} <= _codigos(reclamo)
    assert "conciliador.sin_elegibles" not in _codigos(reclamo)  # someone is eligible
    # The consumer is told to pick another slot; the outgoing conciliator's calendar drops it.
    assert any(
        reclamo.consumidor_email in m.to and "Elegí un nuevo turno" in m.subject for m in mailoutbox
    )
    assert any(saliente.usuario.email in m.to and "cancelada" in m.subject for m in mailoutbox)
    assert not any(agente_registro.email in m.to for m in mailoutbox)
    client.force_login(agente_admision)
    html = client.get(reverse("conciliadores:cola")).content.decode()
    assert reclamo.numero in html.split("vuelven-a-turno")[1]

    # The consumer picks another day: the draw is among those free then, without the excused one.
    nueva = turnos.elegir_turno(
        reclamo, inicio=dt.datetime(2026, 3, 11, 9, tzinfo=BA), por=consumidora
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
    assert nueva.conciliador in conciliadores_con_horario and nueva.conciliador != saliente


def test_sin_ningun_conciliador_habilitado_se_avisa_al_registro(
    fijada,
    conciliadores_con_horario,
    agente_registro,
    agente_admision,
    client,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    reclamo = fijada.reclamo
    saliente = fijada.conciliador
    for conciliador in conciliadores_con_horario:
        if conciliador != saliente:
            conciliador.activo = False
            conciliador.save(update_fields=["activo"])
    with django_capture_on_commit_callbacks(execute=True):
        apartamiento.excusarse(reclamo, por=saliente.usuario, causal="30", fundamento="Decoro.")
    reclamo.refresh_from_db()
    fijada.refresh_from_db()
    assert fijada.estado == Audiencia.Estado.CANCELADA
    assert reclamo.estado == Estado.ESPERA_TURNO
    assert "conciliador.sin_elegibles" in _codigos(reclamo)
    assert any(
        agente_registro.email in m.to and "Sin conciliadores habilitados" in m.subject
        for m in mailoutbox
    )
    client.force_login(agente_admision)
    html = client.get(reverse("conciliadores:cola")).content.decode()
    assert "se avisó al registro" in html.split("vuelven-a-turno")[1]


@pytest.fixture
def fijada_c(ahora, consumidora, proveedor_activo, agente_admision, conciliador):
    """Method c: Ana fixed the hearing of 10/3 at 10:00 in her office."""
    ana = crear_conciliador("C-0001", usuario=conciliador)
    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    servicio_designacion.designar(
        reclamo, conciliador=ana, por=conciliador, notificacion_ficta=False
    )
    return turnos.fijar_audiencia(
        reclamo,
        inicio=dt.datetime(2026, 3, 10, 10, tzinfo=BA),
        modalidad="presencial",
        lugar="Lavalle 1000, CABA",
        por=conciliador,
    )


def test_en_eleccion_la_audiencia_se_cancela_al_excusarse_y_el_reemplazo_fija_otra(
    fijada_c,
    conciliador,
    agente_admision,
    agente_registro,
    client,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    """Methods b/c: the outgoing conciliator fixed and notified the hearing; it does not wait
    with them for the Ministry's replacement (Q9): it is cancelled when they step aside."""
    reclamo = fijada_c.reclamo
    reemplazo = crear_conciliador("C-0002", domicilio_profesional="Tucumán 500, CABA")
    publicar_horario(reemplazo)  # free at 10/3 10:00, yet the hearing is gone
    with django_capture_on_commit_callbacks(execute=True):
        apartamiento.excusarse(reclamo, por=conciliador, causal="30", fundamento="Decoro.")
    reclamo.refresh_from_db()
    fijada_c.refresh_from_db()
    assert reclamo.estado == Estado.REDESIGNACION
    assert fijada_c.estado == Audiencia.Estado.CANCELADA
    assert "Ministerio de Justicia" in fijada_c.motivo_cancelacion
    assert Cedula.objects.get(audiencia=fijada_c).anulada_en is not None
    assert {"audiencia.cancelada", "conciliador.redesignacion_pendiente"} <= _codigos(reclamo)
    assert "conciliador.sin_elegibles" not in _codigos(reclamo)
    cancelaciones = [m for m in mailoutbox if "Audiencia cancelada" in m.subject]
    assert {reclamo.consumidor_email, conciliador.email} <= {d for m in cancelaciones for d in m.to}
    assert not any(agente_registro.email in m.to for m in mailoutbox)
    client.force_login(agente_admision)
    html = client.get(reverse("conciliadores:cola")).content.decode()
    assert reclamo.numero in html.split("redesignaciones")[1]

    servicio_designacion.registrar_reemplazo(
        reclamo, por=agente_admision, conciliador=reemplazo, referencia="Disp. DNM 12/2026"
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CONCILIADOR_DESIGNADO
    assert not Audiencia.objects.filter(reclamo=reclamo, estado="fijada").exists()
    # The new conciliator fixes the next hearing (T16).
    turnos.fijar_audiencia(
        reclamo,
        inicio=dt.datetime(2026, 3, 12, 10, tzinfo=BA),
        modalidad="video",
        por=reemplazo.usuario,
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA


def test_en_eleccion_sin_nadie_habilitado_se_avisa_al_registro(
    fijada_c, conciliador, agente_registro, mailoutbox, django_capture_on_commit_callbacks
):
    reclamo = fijada_c.reclamo
    with django_capture_on_commit_callbacks(execute=True):
        apartamiento.excusarse(reclamo, por=conciliador, causal="30", fundamento="Decoro.")
    reclamo.refresh_from_db()
    fijada_c.refresh_from_db()
    assert (reclamo.estado, fijada_c.estado) == (Estado.REDESIGNACION, "cancelada")
    assert "conciliador.sin_elegibles" in _codigos(reclamo)
    assert any(agente_registro.email in m.to for m in mailoutbox)


def test_una_audiencia_ya_pasada_no_queda_con_el_recusado(
    fijada, conciliadores_con_horario, consumidora, agente_admision, time_machine
):
    """A recusación decided after the hearing's day: nobody can be free at a past slot, so the
    hearing is cancelled and the consumer picks another slot (it never stays with the recused)."""
    reclamo = fijada.reclamo
    recusacion = apartamiento.recusar(
        reclamo, por=consumidora, causal="17.9", fundamento="Amistad con el gerente."
    )
    time_machine.move_to(dt.datetime(2026, 3, 11, 13, 0, tzinfo=dt.UTC), tick=False)
    apartamiento.decidir_recusacion(
        recusacion, por=agente_admision, admitida=True, fundamentos="Se acreditó la amistad."
    )
    reclamo.refresh_from_db()
    fijada.refresh_from_db()
    assert (reclamo.estado, fijada.estado) == (Estado.ESPERA_TURNO, "cancelada")
    assert fijada.cancelada_por == agente_admision
