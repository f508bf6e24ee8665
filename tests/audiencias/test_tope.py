"""Art. 2: the conciliator refers a claim that exceeds the cap from the hearing; the procedure is
suspended (a Pausa, Decision 9) until staff decide; meanwhile no hearing is held or fixed."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from audiencias.models import Audiencia
from audiencias.services import audiencia as servicio
from audiencias.services import turnos
from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from documentos.models import Documento
from notificaciones.models import Notificacion
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.models import Pausa, Reclamo
from reclamos.services.admision import resolver_tope, suspender_por_tope
from tests.audiencias.test_audiencia import _asistencia, _quien

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = pytest.mark.django_db


def _con_tope(reclamo):
    # 55 SMVM at the value stored on filing (a test value).
    Reclamo.objects.filter(pk=reclamo.pk).update(
        valor_tope_unidad=Decimal("20000.00"), tope=Decimal("1100000.00")
    )
    reclamo.refresh_from_db()


def _avisados(plantilla):
    return set(
        Notificacion.objects.filter(plantilla=plantilla).values_list("destinatario", flat=True)
    )


def test_la_remision_suspende_el_procedimiento_y_avisa_al_personal(
    en_la_audiencia, agente_admision, consumidora
):
    _con_tope(en_la_audiencia.reclamo)
    _asistencia(en_la_audiencia)
    servicio.registrar_resultado(
        en_la_audiencia,
        por=_quien(en_la_audiencia),
        resultado="excede_tope",
        observaciones="El consumidor aportó la factura del equipo completo.",
        remision={"fundamento": "La factura muestra un valor superior.", "monto": "2500000"},
    )
    en_la_audiencia.refresh_from_db()
    reclamo = en_la_audiencia.reclamo
    reclamo.refresh_from_db()
    assert en_la_audiencia.estado == Audiencia.Estado.CELEBRADA
    assert en_la_audiencia.resultado == "excede_tope"
    # The first hearing was held (T22), and the conciliation is suspended (T28).
    assert reclamo.estado == Estado.EN_CONCILIACION
    pausa = reclamo.pausas.get(tipo=Pausa.Tipo.LIMITE_EN_REVISION, hasta__isnull=True)
    assert "La factura muestra un valor superior." in pausa.motivo
    ar10 = Plazo.objects.get(object_id=reclamo.pk, tipo="AR-10")
    assert ar10.estado == Plazo.Estado.SUSPENDIDO
    acta = Documento.objects.get(sujeto_id=reclamo.pk, tipo="acta_audiencia")
    assert acta.snapshot["remision"]["monto"] == "$ 2.500.000,00"
    assert acta.snapshot["remision"]["tope"] == "$ 1.100.000,00"
    codigos = list(reclamo.actuaciones.values_list("codigo", flat=True))
    assert {"audiencia.celebrada", "pausa.abierta", "audiencia.remision_tope"} <= set(codigos)
    avisados = _avisados("audiencias/tope_suspendido")
    assert {agente_admision.pk, consumidora.pk} <= avisados
    assert _quien(en_la_audiencia).pk not in avisados  # who referred it is not told


def test_sin_fundamento_no_se_remite_y_nada_queda(en_la_audiencia):
    _asistencia(en_la_audiencia)
    with pytest.raises(DatosInvalidos) as error:
        servicio.registrar_resultado(
            en_la_audiencia, por=_quien(en_la_audiencia), resultado="excede_tope", remision={}
        )
    assert "fundamento_tope" in error.value.campos
    en_la_audiencia.refresh_from_db()
    assert en_la_audiencia.estado == Audiencia.Estado.FIJADA
    assert not en_la_audiencia.reclamo.pausas.exists()


def test_mientras_se_revisa_no_se_celebra_ni_se_fija_y_al_continuar_se_celebra(
    fijada, agente_admision, consumidora, time_machine
):
    reclamo = fijada.reclamo
    suspender_por_tope(reclamo, por=agente_admision, motivo="Monto dudoso según la factura.")
    # The parties and the conciliator learn the fixed hearing will not be held meanwhile.
    aviso = Notificacion.objects.get(
        plantilla="audiencias/tope_suspendido", destinatario=_quien(fijada)
    )
    assert "10/03/2026 09:00" in aviso.cuerpo
    assert agente_admision.pk not in _avisados("audiencias/tope_suspendido")
    # No new summons: rescheduling issues cédulas, which is refused (and rolled back).
    with pytest.raises(ConflictoDeEstado) as error:
        turnos.reprogramar_audiencia(
            fijada,
            inicio=dt.datetime(2026, 3, 12, 10, tzinfo=BA),
            por=_quien(fijada),
            motivo="Cambio de agenda",
        )
    assert "revisión del tope" in error.value.mensaje
    fijada.refresh_from_db()
    assert fijada.estado == Audiencia.Estado.FIJADA
    # On the hearing's day nothing can be recorded.
    time_machine.move_to(dt.datetime(2026, 3, 10, 12, 30, tzinfo=dt.UTC), tick=False)
    with pytest.raises(ConflictoDeEstado):
        _asistencia(fijada)
    resolver_tope(reclamo, por=agente_admision, continuar=True, fundamentos="No lo excede.")
    assert _quien(fijada).pk in _avisados("audiencias/tope_decidido")
    _asistencia(fijada)
    servicio.registrar_resultado(fijada, por=_quien(fijada), resultado="nueva_audiencia")
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_CONCILIACION


def test_cerrar_porque_excede_cancela_la_audiencia_pendiente(fijada, agente_admision):
    reclamo = fijada.reclamo
    secuencia = fijada.secuencia_ics
    suspender_por_tope(reclamo, por=agente_admision, motivo="Excede el tope.")
    resolver_tope(reclamo, por=agente_admision, continuar=False, fundamentos="Lo excede.")
    reclamo.refresh_from_db()
    fijada.refresh_from_db()
    assert reclamo.estado == Estado.CERRADO_EXCEDE_TOPE
    assert fijada.estado == Audiencia.Estado.CANCELADA
    assert fijada.secuencia_ics == secuencia + 1
    cancelaciones = Notificacion.objects.filter(
        plantilla="audiencias/invitacion", ics__contains="CANCEL"
    )
    assert cancelaciones.filter(destinatario=reclamo.consumidor).exists()
    decision = Notificacion.objects.get(
        plantilla="audiencias/tope_decidido", destinatario=reclamo.consumidor
    )
    assert "vías ordinarias" in decision.cuerpo


def test_la_pagina_de_la_audiencia_remite_y_muestra_la_suspension(client, en_la_audiencia):
    _asistencia(en_la_audiencia)
    client.force_login(_quien(en_la_audiencia))
    url = reverse("audiencias:audiencia", args=[en_la_audiencia.pk])
    respuesta = client.post(url, {"paso": "resultado", "resultado": "excede_tope"})
    assert respuesta.status_code == 200
    assert "Explicá por qué el monto del reclamo supera el tope" in respuesta.content.decode()
    respuesta = client.post(
        url,
        {
            "paso": "resultado",
            "resultado": "excede_tope",
            "fundamento_tope": "Surge de la factura.",
            "monto_tope": "9000000",
        },
        follow=True,
    )
    contenido = respuesta.content.decode()
    assert "Remitiste el reclamo por exceder el tope" in contenido
    assert "está suspendido por la revisión del tope" in contenido


def test_la_remision_no_exige_que_asistan_todos_y_el_acta_dice_quien_asistio(
    en_la_audiencia, agente_admision, time_machine
):
    """Art. 2 asks no one's presence: the conciliator refers with the consumer alone; the acta
    records the provider's absence; the first hearing was not held with the parties, so the
    claim does not enter the conciliation (no T22, no AR-10) and, if staff let it continue,
    the conciliator fixes the next hearing."""
    _con_tope(en_la_audiencia.reclamo)
    quien = _quien(en_la_audiencia)
    # The attendance of each party is still recorded first.
    servicio.registrar_asistencia(
        en_la_audiencia, por=quien, parte="consumidor", comparecio=True, nombre="Lucía"
    )
    with pytest.raises(DatosInvalidos):
        servicio.registrar_resultado(
            en_la_audiencia, por=quien, resultado="excede_tope", remision={"fundamento": "X"}
        )
    _asistencia(en_la_audiencia, proveedor=False)
    # Any other outcome with an absent party is still refused.
    with pytest.raises(DatosInvalidos):
        servicio.registrar_resultado(en_la_audiencia, por=quien, resultado="sin_acuerdo")
    servicio.registrar_resultado(
        en_la_audiencia,
        por=quien,
        resultado="excede_tope",
        remision={"fundamento": "La factura presentada supera el tope.", "monto": "2500000"},
    )
    reclamo = Reclamo.objects.get(pk=en_la_audiencia.reclamo_id)
    en_la_audiencia.refresh_from_db()
    assert en_la_audiencia.resultado == "excede_tope"
    assert reclamo.pausas.filter(tipo=Pausa.Tipo.LIMITE_EN_REVISION, hasta__isnull=True).exists()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA
    assert not Plazo.objects.filter(object_id=reclamo.pk, tipo="AR-10").exists()
    acta = Documento.objects.get(sujeto_id=reclamo.pk, tipo="acta_audiencia")
    assert [(a["parte"].split(":")[0], a["comparecio"]) for a in acta.snapshot["asistentes"]] == [
        ("Consumidor/a", True),
        ("Proveedor", False),
    ]
    assert acta.snapshot["remision"]["fundamento"] == "La factura presentada supera el tope."

    resolver_tope(reclamo, por=agente_admision, continuar=True, fundamentos="No lo excede.")
    segunda = turnos.fijar_audiencia(
        reclamo,
        por=quien,
        inicio=dt.datetime(2026, 3, 20, 10, tzinfo=BA),
        modalidad="video",
        enlace_video="https://video.example/sala",
    )
    time_machine.move_to(dt.datetime(2026, 3, 20, 13, 30, tzinfo=dt.UTC), tick=False)
    _asistencia(segunda)
    servicio.registrar_resultado(segunda, por=quien, resultado="nueva_audiencia")
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_CONCILIACION  # T22 at the hearing held with all
