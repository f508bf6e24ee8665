"""PE-01 (15 business days to answer) and the proposal's suspension (PE-02): accepted, rejected,
silent. Time is fixed on Lima dates; the sweeper is the real task plazos.tasks.vencer_plazos.

Worked dates (PE-proveedor calendar; Thursday 08/10/2026 is a holiday, Combate de Angamos):
- filed Monday 05/10/2026 → first counted day Tuesday 06/10 → PE-01 due Tuesday 27/10/2026;
- proposal sent Thursday 15/10 (7 days counted) → PE-02 counts 16, 19, 20, 21, 22 → due 22/10;
  PE-01 is suspended from 16/10 (the first day PE-02 counts) to the consumer's answer.
"""

import datetime as dt

import pytest

from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from libro import services
from libro.estados import EstadoHoja
from libro.models import EventoHoja, Hoja, Propuesta
from plazos.models import Plazo
from plazos.selectors import plazos_de
from plazos.tasks import vencer_plazos
from tests.libro.conftest import presentar, viajar

D = dt.date
pytestmark = pytest.mark.django_db


def _plazo(hoja, tipo) -> Plazo:
    return next(p for p in plazos_de(hoja) if p.tipo == tipo)


def _codigos(hoja) -> list[str]:
    return list(hoja.eventos.values_list("codigo", flat=True))


def _proponer(hoja, por, dia=15):
    with viajar(2026, 10, dia, 16):
        return services.enviar_propuesta(hoja, texto="Le cambiamos la refrigeradora.", por=por)


def test_hoja_presentada_el_lunes_5_de_octubre_vence_el_martes_27(hoja_del_5_de_octubre):
    hoja = hoja_del_5_de_octubre
    pe01 = _plazo(hoja, "PE-01")
    assert hoja.fecha_presentacion == D(2026, 10, 5)
    assert pe01.calendario == "PE-proveedor"
    assert pe01.vence == D(2026, 10, 27)
    assert hoja.vence_respuesta == D(2026, 10, 27)
    # The first counted day is the next business day; Thursday 8 October is skipped.
    assert pe01.explicacion["computados"][0] == "2026-10-06"
    assert any(e["fecha"] == "2026-10-08" for e in pe01.explicacion["excluidos"])
    assert _codigos(hoja) == ["hoja.registrada", "plazo.abierto", "constancia.enviada"]


def test_hoja_de_madrugada_en_lima_cuenta_desde_la_fecha_de_lima(libro_web):
    # 23:30 in Lima on 05/10 is already 06/10 in UTC and in Buenos Aires.
    with viajar(2026, 10, 5, 23, 30):
        hoja = presentar(libro_web)
    assert hoja.fecha_presentacion == D(2026, 10, 5)
    assert hoja.vence_respuesta == D(2026, 10, 27)


def test_propuesta_suspende_pe01_y_abre_pe02_de_5_dias_habiles(
    hoja_del_5_de_octubre, representante_pe
):
    hoja = hoja_del_5_de_octubre
    propuesta = _proponer(hoja, representante_pe)
    hoja.refresh_from_db()
    assert propuesta.vence == D(2026, 10, 22)
    assert _plazo(hoja, "PE-02").vence == D(2026, 10, 22)
    pe01 = _plazo(hoja, "PE-01")
    assert pe01.estado == Plazo.Estado.SUSPENDIDO
    assert pe01.suspensiones.get().desde == D(2026, 10, 16)
    assert hoja.estado == EstadoHoja.PROPUESTA_ENVIADA
    assert hoja.respuesta_suspendida is True


def test_propuesta_aceptada_cierra_la_hoja_con_acuerdo_y_cumple_los_plazos(
    hoja_del_5_de_octubre, representante_pe
):
    hoja = hoja_del_5_de_octubre
    _proponer(hoja, representante_pe)
    with viajar(2026, 10, 19, 9):
        services.aceptar_propuesta(hoja)
    hoja.refresh_from_db()
    assert hoja.estado == EstadoHoja.ACUERDO_ACEPTADO
    assert hoja.get_estado_display() == "Cerrada: acuerdo aceptado"
    assert hoja.fecha_cierre == D(2026, 10, 19)
    assert _plazo(hoja, "PE-01").estado == Plazo.Estado.CUMPLIDO
    assert _plazo(hoja, "PE-02").estado == Plazo.Estado.CUMPLIDO
    assert Propuesta.objects.get(hoja=hoja).estado == Propuesta.Estado.ACEPTADA
    assert _codigos(hoja)[-1] == "propuesta.aceptada"
    # Nothing is left for the sweeper: a month later it expires nothing of this sheet.
    with viajar(2026, 11, 30):
        vencer_plazos.delay()
    hoja.refresh_from_db()
    assert hoja.vencida is False


def test_propuesta_rechazada_reanuda_pe01_donde_quedo(hoja_del_5_de_octubre, representante_pe):
    hoja = hoja_del_5_de_octubre
    _proponer(hoja, representante_pe)
    with viajar(2026, 10, 19, 9):
        services.rechazar_propuesta(hoja, comentario="Prefiero la devolución.")
    hoja.refresh_from_db()
    pe01 = _plazo(hoja, "PE-01")
    # Suspended Friday 16 and Monday 19 (2 business days): 27/10 + 2 business days.
    assert pe01.estado == Plazo.Estado.CORRIENDO
    assert (pe01.suspensiones.get().desde, pe01.suspensiones.get().hasta) == (
        D(2026, 10, 16),
        D(2026, 10, 19),
    )
    assert pe01.vence == D(2026, 10, 29)
    assert hoja.vence_respuesta == D(2026, 10, 29)
    assert hoja.estado == EstadoHoja.PROPUESTA_RECHAZADA
    assert _plazo(hoja, "PE-02").estado == Plazo.Estado.CUMPLIDO
    evento = hoja.eventos.get(codigo="propuesta.rechazada")
    assert "29/10/2026" in evento.texto
    assert evento.datos["comentario"] == "Prefiero la devolución."


def test_silencio_de_5_dias_habiles_es_rechazo_y_pe01_sigue_donde_quedo(
    hoja_del_5_de_octubre, representante_pe, mailoutbox, al_confirmar
):
    hoja = hoja_del_5_de_octubre
    _proponer(hoja, representante_pe)
    with viajar(2026, 10, 22, 23, 50):  # the last day of PE-02: still on time
        assert vencer_plazos.delay().get() == 0
    with viajar(2026, 10, 23, 0, 1), al_confirmar():
        assert vencer_plazos.delay().get() == 1
        assert vencer_plazos.delay().get() == 0  # a second run does nothing
    hoja.refresh_from_db()
    propuesta = Propuesta.objects.get(hoja=hoja)
    assert propuesta.estado == Propuesta.Estado.RECHAZADA_SILENCIO
    assert hoja.estado == EstadoHoja.PROPUESTA_RECHAZADA
    assert _plazo(hoja, "PE-02").estado == Plazo.Estado.VENCIDO
    pe01 = _plazo(hoja, "PE-01")
    # Suspended 16–22 October (5 business days): 27/10 + 5 business days = Tuesday 03/11.
    assert pe01.estado == Plazo.Estado.CORRIENDO
    assert pe01.suspensiones.get().hasta == D(2026, 10, 22)
    assert pe01.vence == D(2026, 11, 3)
    assert hoja.vence_respuesta == D(2026, 11, 3)
    assert hoja.eventos.filter(codigo="propuesta.silencio").count() == 1
    # The provider is told the count resumed.
    assert any("silencio" in m.body.lower() for m in mailoutbox)
    # The consumer can no longer accept.
    with viajar(2026, 10, 23, 9), pytest.raises(ConflictoDeEstado):
        services.aceptar_propuesta(hoja)


def test_aceptar_despues_del_ultimo_dia_se_rechaza_aunque_el_barrido_no_haya_pasado(
    hoja_del_5_de_octubre, representante_pe
):
    hoja = hoja_del_5_de_octubre
    _proponer(hoja, representante_pe)
    with viajar(2026, 10, 23, 8), pytest.raises(ConflictoDeEstado, match="22/10/2026"):
        services.aceptar_propuesta(hoja)


def test_pe01_vencido_marca_la_hoja_vencida_y_la_respuesta_sigue_debida(
    hoja_del_5_de_octubre, representante_pe, mailoutbox, al_confirmar
):
    hoja = hoja_del_5_de_octubre
    with viajar(2026, 10, 27, 23, 59):
        assert vencer_plazos.delay().get() == 0
    with viajar(2026, 10, 28, 0, 1), al_confirmar():
        assert vencer_plazos.delay().get() == 1
    hoja.refresh_from_db()
    assert hoja.vencida is True
    assert hoja.eventos.filter(codigo="hoja.vencida").count() == 1
    assert any("venció el plazo" in m.body.lower() for m in mailoutbox)
    with viajar(2026, 10, 28, 9), pytest.raises(ConflictoDeEstado):
        services.enviar_propuesta(hoja, texto="Tarde", por=representante_pe)
    with viajar(2026, 10, 28, 10):
        services.responder_hoja(hoja, texto="Procedemos al cambio.", por=representante_pe)
    hoja.refresh_from_db()
    assert hoja.estado == EstadoHoja.RESPONDIDA
    assert hoja.vencida is True  # the infringement stays on record


def test_respuesta_formal_por_correo_cierra_la_hoja_y_pe01(
    hoja_del_5_de_octubre, representante_pe, mailoutbox, al_confirmar
):
    hoja = hoja_del_5_de_octubre
    with viajar(2026, 10, 20, 11), al_confirmar():
        respuesta = services.responder_hoja(
            hoja, texto="Le cambiaremos la refrigeradora el lunes.", por=representante_pe
        )
    hoja.refresh_from_db()
    assert hoja.estado == EstadoHoja.RESPONDIDA
    assert hoja.fecha_cierre == D(2026, 10, 20)
    assert _plazo(hoja, "PE-01").estado == Plazo.Estado.CUMPLIDO
    assert respuesta.destino == "carmen@example.pe"
    assert respuesta.notificacion_id is not None
    correo = next(m for m in mailoutbox if "Respuesta a su hoja" in m.subject)
    assert correo.to == ["carmen@example.pe"]
    assert "Le cambiaremos la refrigeradora el lunes." in correo.body
    assert _codigos(hoja)[-1] == "respuesta.enviada"


def test_respuesta_al_domicilio_exige_registrar_el_despacho(libro_web, representante_pe):
    with viajar(2026, 10, 5):
        hoja = presentar(libro_web, email="", medio_respuesta="domicilio")
    with viajar(2026, 10, 9), pytest.raises(DatosInvalidos):
        services.responder_hoja(hoja, texto="Respuesta.", por=representante_pe)
    with viajar(2026, 10, 9):
        respuesta = services.responder_hoja(
            hoja,
            texto="Respuesta.",
            por=representante_pe,
            despacho_fecha=D(2026, 10, 9),
            despacho_referencia="Serpost, guía 123",
        )
    assert respuesta.medio == Hoja.Medio.DOMICILIO
    assert respuesta.destino == "Jr. Junín 345, Cercado de Lima"
    assert respuesta.notificacion_id is None
    evento = hoja.eventos.get(codigo="respuesta.enviada")
    assert "09/10/2026" in evento.texto and "Serpost" in evento.texto


def test_con_propuesta_pendiente_la_respuesta_formal_la_deja_sin_efecto(
    hoja_del_5_de_octubre, representante_pe
):
    """S003/Ley 29571 art. 24: the answer is owed within PE-01 whatever the proposal; sent while
    the consumer decides, it closes the sheet, PE-02 stops and the suspension ends that day."""
    hoja = hoja_del_5_de_octubre
    _proponer(hoja, representante_pe)
    with viajar(2026, 10, 19, 9):
        services.responder_hoja(hoja, texto="Respuesta formal.", por=representante_pe)
    hoja.refresh_from_db()
    assert hoja.estado == EstadoHoja.RESPONDIDA
    assert hoja.propuesta.estado == Propuesta.Estado.SIN_EFECTO
    assert _plazo(hoja, "PE-02").estado == Plazo.Estado.CANCELADO
    pe01 = _plazo(hoja, "PE-01")
    assert pe01.estado == Plazo.Estado.CUMPLIDO
    assert (pe01.suspensiones.get().desde, pe01.suspensiones.get().hasta) == (
        D(2026, 10, 16),
        D(2026, 10, 19),
    )
    assert "propuesta.sin_efecto" in _codigos(hoja)
    with viajar(2026, 10, 19, 10), pytest.raises(ConflictoDeEstado):
        services.aceptar_propuesta(hoja)


def test_tras_el_rechazo_otra_propuesta_no_vuelve_a_suspender(
    hoja_del_5_de_octubre, representante_pe
):
    hoja = hoja_del_5_de_octubre
    _proponer(hoja, representante_pe)
    with viajar(2026, 10, 19, 9):
        services.rechazar_propuesta(hoja)
    hoja.refresh_from_db()
    assert hoja.vence_respuesta == D(2026, 10, 29)
    with viajar(2026, 10, 19, 10):
        segunda = services.enviar_propuesta(
            hoja, texto="Le devolvemos el dinero.", por=representante_pe
        )
        with pytest.raises(ConflictoDeEstado):  # one pending at a time
            services.enviar_propuesta(hoja, texto="Y otra", por=representante_pe)
    hoja.refresh_from_db()
    assert (segunda.numero, segunda.suspende, segunda.vence) == (2, False, None)
    assert hoja.estado == EstadoHoja.PROPUESTA_ENVIADA
    pe01 = _plazo(hoja, "PE-01")
    assert pe01.estado == Plazo.Estado.CORRIENDO and pe01.suspensiones.count() == 1
    assert hoja.vence_respuesta == D(2026, 10, 29) and not hoja.respuesta_suspendida
    assert len([p for p in plazos_de(hoja) if p.tipo == "PE-02"]) == 1
    assert "No suspende otra vez" in hoja.eventos.filter(codigo="propuesta.enviada").last().texto
    # Rejected too: the term keeps running, the answer is still owed on 29/10.
    with viajar(2026, 10, 20):
        services.rechazar_propuesta(hoja)
    hoja.refresh_from_db()
    assert hoja.vence_respuesta == D(2026, 10, 29)
    assert hoja.estado == EstadoHoja.PROPUESTA_RECHAZADA
    # PE-01 expires on its date: a later proposal never held it.
    with viajar(2026, 10, 30, 9):
        vencer_plazos()
    hoja.refresh_from_db()
    assert hoja.vencida


def test_la_segunda_propuesta_aceptada_cierra_con_acuerdo(
    hoja_del_5_de_octubre, representante_pe, mailoutbox, django_capture_on_commit_callbacks
):
    hoja = hoja_del_5_de_octubre
    _proponer(hoja, representante_pe)
    with viajar(2026, 10, 19, 9):
        services.rechazar_propuesta(hoja)
        services.enviar_propuesta(hoja, texto="Le devolvemos el dinero.", por=representante_pe)
    with viajar(2026, 10, 28), django_capture_on_commit_callbacks(execute=True):
        services.aceptar_propuesta(hoja)
    hoja.refresh_from_db()
    assert hoja.estado == EstadoHoja.ACUERDO_ACEPTADO
    assert _plazo(hoja, "PE-01").estado == Plazo.Estado.CUMPLIDO
    correo = next(m for m in mailoutbox if m.subject.startswith("Acuerdo aceptado"))
    assert "Le devolvemos el dinero." in correo.body
    assert correo.attachments and correo.attachments[0][2] == "application/pdf"


def test_rechazo_el_mismo_dia_del_envio_suspende_un_solo_dia(
    hoja_del_5_de_octubre, representante_pe
):
    hoja = hoja_del_5_de_octubre
    _proponer(hoja, representante_pe)
    with viajar(2026, 10, 15, 18):
        services.rechazar_propuesta(hoja)
    pe01 = _plazo(hoja, "PE-01")
    assert (pe01.suspensiones.get().desde, pe01.suspensiones.get().hasta) == (
        D(2026, 10, 16),
        D(2026, 10, 16),
    )
    assert pe01.vence == D(2026, 10, 28)


def test_recalificar_queja_como_reclamo_no_cambia_pe01(hoja_del_5_de_octubre, representante_pe):
    hoja = hoja_del_5_de_octubre
    Hoja.objects.filter(pk=hoja.pk).update(tipo=Hoja.Tipo.QUEJA)
    hoja.refresh_from_db()
    with viajar(2026, 10, 7):
        services.recalificar_hoja(
            hoja, tipo="reclamo", motivo="Se refiere al producto.", por=representante_pe
        )
    hoja.refresh_from_db()
    assert hoja.tipo == Hoja.Tipo.RECLAMO
    assert _plazo(hoja, "PE-01").vence == D(2026, 10, 27)
    evento = EventoHoja.objects.get(hoja=hoja, codigo="hoja.recalificada")
    assert evento.por == representante_pe
    assert evento.datos == {
        "anterior": "queja",
        "nuevo": "reclamo",
        "motivo": "Se refiere al producto.",
    }
    with pytest.raises(DatosInvalidos):
        services.recalificar_hoja(hoja, tipo="queja", motivo="  ", por=representante_pe)


def test_el_ultimo_dia_no_se_puede_suspender_con_una_propuesta(
    hoja_del_5_de_octubre, representante_pe
):
    hoja = hoja_del_5_de_octubre
    with viajar(2026, 10, 27, 9), pytest.raises(ConflictoDeEstado, match="Hoy vence"):
        services.enviar_propuesta(hoja, texto="Tarde", por=representante_pe)
    assert not Propuesta.objects.filter(hoja=hoja).exists()


def test_un_feriado_decretado_mueve_pe01_y_queda_en_la_linea_de_tiempo(
    hoja_del_5_de_octubre, administrador
):
    from plazos.services import registrar_dia_no_habil

    hoja = hoja_del_5_de_octubre
    with viajar(2026, 10, 9):
        registrar_dia_no_habil(
            fecha=D(2026, 10, 20),
            jurisdiccion="PE",
            tipo="feriado",
            calendarios=["PE-proveedor"],
            fuente="DS 999-2026-PCM",
            por=administrador,
        )
    hoja.refresh_from_db()
    assert hoja.vence_respuesta == D(2026, 10, 28)
    evento = hoja.eventos.get(codigo="plazo.recalculado")
    assert "27/10/2026" in evento.texto and "28/10/2026" in evento.texto
