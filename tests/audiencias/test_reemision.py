"""A cédula after issue: annulled with its hearing (the provider told), issued again when its
route (failed electronic delivery) or domicile (traced, T17) changes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from audiencias.models import Cedula
from audiencias.services import cedulas, suspensiones, turnos
from notificaciones.models import Notificacion
from tests.documentos.muestras import pdf_en_blanco, subido

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = pytest.mark.django_db


def _codigos(reclamo):
    return list(reclamo.actuaciones.values_list("codigo", flat=True))


def test_la_audiencia_cancelada_anula_su_cedula_y_avisa_al_proveedor(
    client, fijada, mailoutbox, django_capture_on_commit_callbacks
):
    cedula = Cedula.objects.get(audiencia=fijada)
    with django_capture_on_commit_callbacks(execute=True):
        turnos.cancelar_audiencia(
            fijada, por=fijada.conciliador.usuario, motivo="Enfermedad del conciliador"
        )
    cedula.refresh_from_db()
    assert cedula.anulada_en is not None
    assert cedula.motivo_anulacion == "Enfermedad del conciliador"
    aviso = next(m for m in mailoutbox if m.subject.startswith("Cédula anulada"))
    assert aviso.to == ["cedulas@telefonia.example"]
    assert cedula.documento.numero_visible in aviso.body and "Enfermedad" in aviso.body
    reclamo = fijada.reclamo
    assert "audiencia.cedulas_anuladas" in _codigos(reclamo)
    client.force_login(reclamo.consumidor)
    assert (
        "cédula anulada"
        in client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    )
    # A second cancellation path (already annulled) does nothing more.
    from audiencias.services.reemision import anular_cedulas

    assert anular_cedulas(fijada) == []


def test_reprogramar_anula_la_anterior_y_emite_la_nueva(fijada):
    anterior = Cedula.objects.get(audiencia=fijada)
    nueva_audiencia = turnos.reprogramar_audiencia(
        fijada,
        inicio=dt.datetime(2026, 3, 11, 10, tzinfo=BA),
        por=fijada.conciliador.usuario,
        motivo="Superposición",
    )
    anterior.refresh_from_db()
    assert anterior.anulada_en is not None and anterior.motivo_anulacion == "Superposición"
    nueva = Cedula.objects.get(audiencia=nueva_audiencia)
    assert nueva.anulada_en is None and nueva.documento_id != anterior.documento_id


def test_sin_canal_en_el_portal_el_expediente_pide_el_medio_fehaciente(
    espera_turno, conciliadores_con_horario, consumidora, agente_admision
):
    audiencia = turnos.elegir_turno(
        espera_turno, inicio=dt.datetime(2026, 3, 10, 9, tzinfo=BA), por=consumidora
    )
    cedula = cedulas.registrar_notificacion_fehaciente(
        Cedula.objects.get(audiencia=audiencia),
        por=agente_admision,
        notificada_el=dt.date(2026, 3, 2),
        medio="Carta documento",
        constancia=subido("acuse.pdf", pdf_en_blanco(), "application/pdf"),
    )
    turnos.cancelar_audiencia(audiencia, por=audiencia.conciliador.usuario, motivo="Licencia")
    cedula.refresh_from_db()
    assert cedula.anulada_en is not None
    ultima = espera_turno.actuaciones.filter(codigo="audiencia.cedulas_anuladas").get()
    assert "por medio fehaciente" in ultima.texto
    assert ultima.datos["sin_aviso"] == ["Telefonía Ejemplo S.A."]


def test_la_entrega_electronica_fallida_reemite_la_cedula_por_medio_fehaciente(
    fijada, agente_admision
):
    cedula = Cedula.objects.get(audiencia=fijada)
    anterior = cedula.documento
    assert anterior.snapshot["via"] == "Domicilio electrónico"
    Notificacion.objects.filter(pk=cedula.notificacion_id).update(
        estado=Notificacion.Estado.FALLIDA, ultimo_error="550 mailbox unavailable"
    )
    assert cedulas.actualizar_cedulas_electronicas() == 1
    assert cedulas.actualizar_cedulas_electronicas() == 0  # a second run does nothing
    cedula.refresh_from_db()
    assert (cedula.via, cedula.notificada_el, cedula.notificacion) == ("fehaciente", None, None)
    assert cedula.documento_id != anterior.pk
    snapshot = cedula.documento.snapshot
    assert snapshot["via"] == "Medio fehaciente en el domicilio registrado"
    assert snapshot["destinatario"]["domicilio_electronico"] == ""
    assert snapshot["destinatario"]["domicilio"] == "Av. Corrientes 1234, CABA"
    reemitida = fijada.reclamo.actuaciones.get(codigo="audiencia.cedula_reemitida")
    assert anterior.numero_visible in reemitida.texto
    assert cedulas.quien_notifica(cedula, agente_admision)


def test_el_domicilio_hallado_reemite_la_cedula_pendiente(
    espera_turno, conciliadores_con_horario, consumidora, agente_admision
):
    audiencia = turnos.elegir_turno(
        espera_turno, inicio=dt.datetime(2026, 3, 10, 9, tzinfo=BA), por=consumidora
    )
    cedula = Cedula.objects.get(audiencia=audiencia)
    anterior = cedula.documento_id
    proveedor = espera_turno.proveedores.get()
    suspensiones.iniciar_busqueda_de_domicilio(
        espera_turno, por=agente_admision, proveedor=proveedor, motivo="La carta volvió."
    )
    suspensiones.registrar_domicilio_hallado(
        espera_turno, por=agente_admision, proveedor=proveedor, domicilio="Av. Belgrano 900, CABA"
    )
    cedula.refresh_from_db()
    assert cedula.documento_id != anterior
    assert cedula.domicilio == "Av. Belgrano 900, CABA"
    assert cedula.documento.snapshot["destinatario"]["domicilio"] == "Av. Belgrano 900, CABA"
    assert "audiencia.cedula_reemitida" in _codigos(espera_turno)


def test_el_desistimiento_cancela_la_audiencia_y_anula_la_cedula(
    fijada, consumidora, mailoutbox, django_capture_on_commit_callbacks
):
    from reclamos.services.admision import desistir_reclamo

    with django_capture_on_commit_callbacks(execute=True):
        desistir_reclamo(fijada.reclamo, por=consumidora)
    fijada.refresh_from_db()
    assert fijada.estado == "cancelada" and "desistió" in fijada.motivo_cancelacion
    assert Cedula.objects.get(audiencia=fijada).anulada_en is not None
    assert any(m.subject.startswith("Cédula anulada") for m in mailoutbox)
    assert any("METHOD:CANCEL" in n.ics for n in Notificacion.objects.exclude(ics=""))


def test_el_cierre_por_exceder_el_tope_anula_la_cedula(fijada, agente_admision):
    from reclamos.transiciones import transicionar

    transicionar(fijada.reclamo, "cerrar_por_tope", por=agente_admision)
    fijada.refresh_from_db()
    assert fijada.estado == "cancelada"
    assert Cedula.objects.get(audiencia=fijada).anulada_en is not None
