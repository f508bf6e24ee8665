"""Cédulas (art. 10): contents, the block without the arts. 11/16 texts, electronic and reliable
service, the 3-day check with the actual date, and calendar invitations."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pypdf import PdfReader

from audiencias.models import Cedula
from audiencias.services import cedulas, turnos
from conciliacion.errores import DatosInvalidos
from normativa.models import TextoNormativo
from notificaciones.models import Notificacion
from tests.documentos.muestras import pdf_en_blanco, subido

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = pytest.mark.django_db


def _texto(documento) -> str:
    documento.refresh_from_db()
    with documento.archivo.open("rb") as archivo:
        lector = PdfReader(io.BytesIO(archivo.read()))
    return " ".join(" ".join(p.extract_text().split()) for p in lector.pages)


def _elegir(reclamo, consumidora, hora=9, dia=10):
    return turnos.elegir_turno(
        reclamo, inicio=dt.datetime(2026, 3, dia, hora, tzinfo=BA), por=consumidora
    )


def test_la_cedula_tiene_cada_dato_del_art_10(
    espera_turno, conciliadores_con_horario, consumidora, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        audiencia = _elegir(espera_turno, consumidora)
    cedula = Cedula.objects.get(audiencia=audiencia)
    texto = _texto(cedula.documento)
    proveedor = espera_turno.proveedores.get()
    conciliador = audiencia.conciliador
    for dato in (
        proveedor.razon_social,
        proveedor.identificador,
        proveedor.domicilio_legal,
        conciliador.nombre,
        conciliador.matricula,
        conciliador.domicilio_profesional,
        f"{espera_turno.consumidor_nombre} {espera_turno.consumidor_apellido}",
        espera_turno.consumidor_email,
        espera_turno.numero,
        espera_turno.objeto,
        "150.000,00",
        "10/03/2026",
        "09:00",
        "Av. Julio A. Roca 651",
        "Texto de prueba del artículo 11",
        "Texto de prueba del artículo 16",
    ):
        assert dato in texto, dato
    # The claim number is on every page, with the verification code.
    assert texto.count(f"Reclamo {espera_turno.numero}") >= 1
    assert cedula.documento.codigo in texto


def test_sin_los_textos_de_los_arts_11_y_16_no_hay_cedula(
    espera_turno, conciliadores_con_horario, consumidora
):
    TextoNormativo.objects.filter(clave="ley26993_art16").delete()
    with pytest.raises(DatosInvalidos) as error:
        _elegir(espera_turno, consumidora)
    assert "art. 16" in error.value.mensaje
    espera_turno.refresh_from_db()
    assert espera_turno.estado == "ESPERA_TURNO"  # the whole booking rolled back


def test_via_electronica_se_tiene_por_notificada_al_dia_siguiente(
    espera_turno, conciliadores_con_horario, consumidora, proveedor_activo
):
    proveedor_activo.domicilio_electronico = "cedulas@telefonia.example"
    proveedor_activo.save()
    audiencia = _elegir(espera_turno, consumidora)
    cedula = Cedula.objects.get(audiencia=audiencia)
    assert cedula.via == Cedula.Via.ELECTRONICA
    assert cedula.notificada_el == dt.date(2026, 3, 3)
    assert cedula.en_termino is True
    assert cedula.notificacion.email == "cedulas@telefonia.example"
    assert cedula.notificacion.adjuntos


def test_notificacion_fehaciente_con_constancia_y_control_de_termino(
    client, espera_turno, conciliadores_con_horario, consumidora, agente_admision
):
    audiencia = _elegir(espera_turno, consumidora)
    cedula = Cedula.objects.get(audiencia=audiencia)
    assert (cedula.via, cedula.notificada_el, cedula.en_termino) == ("fehaciente", None, None)
    client.force_login(consumidora)
    url = reverse("audiencias:registrar_notificacion", args=[cedula.pk])
    assert client.get(url).status_code == 403
    client.force_login(agente_admision)
    respuesta = client.post(url, {"notificada_el": "2026-03-02", "medio": "Carta documento"})
    assert respuesta.status_code == 200 and 'value="Carta documento"' in respuesta.content.decode()
    respuesta = client.post(
        url,
        {
            "notificada_el": "2026-03-02",
            "medio": "Carta documento",
            "constancia": subido("acuse.pdf", pdf_en_blanco(), "application/pdf"),
        },
    )
    assert respuesta.status_code == 302
    cedula.refresh_from_db()
    # Served Mon 2/3: Tue, Wed, Thu, Fri… lie before Tue 10/3 → in time.
    assert (cedula.notificada_el, cedula.en_termino) == (dt.date(2026, 3, 2), True)
    assert cedula.constancia is not None
    detalle = client.get(reverse("reclamos:detalle", args=[espera_turno.pk])).content.decode()
    assert "Carta documento" in detalle and "en término" in detalle


def test_notificada_tarde_queda_fuera_de_termino(
    espera_turno, conciliadores_con_horario, consumidora, agente_admision, time_machine
):
    audiencia = _elegir(espera_turno, consumidora)
    cedula = Cedula.objects.get(audiencia=audiencia)
    time_machine.move_to(dt.datetime(2026, 3, 6, 15, tzinfo=dt.UTC), tick=False)
    cedula = cedulas.registrar_notificacion_fehaciente(
        cedula,
        por=agente_admision,
        notificada_el=dt.date(2026, 3, 6),
        medio="Notificador",
        constancia=subido("acuse.pdf", pdf_en_blanco(), "application/pdf"),
    )
    assert cedula.en_termino is False
    assert "fuera del término" in espera_turno.actuaciones.last().texto


def test_invitaciones_con_uid_estable_y_secuencia(
    espera_turno, conciliadores_con_horario, consumidora, conciliador
):
    audiencia = _elegir(espera_turno, consumidora)
    invitaciones = Notificacion.objects.filter(plantilla="audiencias/invitacion")
    destinatarios = set(invitaciones.values_list("destinatario_id", flat=True))
    assert {consumidora.pk, audiencia.conciliador.usuario_id} <= destinatarios
    assert all(f"UID:{audiencia.uid_ics}" in n.ics for n in invitaciones)
    turnos.cancelar_audiencia(audiencia, por=consumidora, motivo="Viaje")
    cancelacion = (
        Notificacion.objects.filter(plantilla="audiencias/invitacion").order_by("pk").last()
    )
    assert "METHOD:CANCEL" in cancelacion.ics and "SEQUENCE:1" in cancelacion.ics


def test_sin_efecto_en_la_pagina_cuando_se_cancela(
    client, espera_turno, conciliadores_con_horario, consumidora
):
    audiencia = _elegir(espera_turno, consumidora)
    turnos.cancelar_audiencia(audiencia, por=consumidora, motivo="Viaje")
    client.force_login(consumidora)
    detalle = client.get(reverse("reclamos:detalle", args=[espera_turno.pk])).content.decode()
    assert "Cédula (PDF)" in detalle and ">cancelada<" in detalle


# --- Reminders the day before (beat task) ------------------------------------------------------


def test_recordatorio_el_dia_anterior_una_sola_vez(fijada, consumidora, time_machine, settings):
    assert settings.CELERY_BEAT_SCHEDULE["audiencias-recordar"]["task"] == (
        "audiencias.recordar_audiencias"
    )
    from audiencias.tasks import recordar_audiencias

    # Sunday 8/3: the hearing (Tue 10/3) is not tomorrow yet.
    time_machine.move_to(dt.datetime(2026, 3, 8, 23, 0, tzinfo=dt.UTC), tick=False)
    assert recordar_audiencias() == 0
    # Monday 9/3, 21:30 in Buenos Aires (00:30 UTC of the 10th): tomorrow in the régimen's zone.
    time_machine.move_to(dt.datetime(2026, 3, 10, 0, 30, tzinfo=dt.UTC), tick=False)
    assert recordar_audiencias() == 1
    recordatorios = Notificacion.objects.filter(plantilla="audiencias/recordatorio")
    assert set(recordatorios.values_list("destinatario_id", flat=True)) >= {
        consumidora.pk,
        fijada.conciliador.usuario_id,
    }
    assert "10/03/2026 09:00" in recordatorios.first().cuerpo
    assert recordar_audiencias() == 0  # once per hearing
    fijada.refresh_from_db()
    assert fijada.recordatorio_enviado


def test_sin_recordatorio_para_una_audiencia_cancelada(fijada, consumidora, time_machine):
    turnos.cancelar_audiencia(fijada, por=consumidora, motivo="Viaje")
    time_machine.move_to(dt.datetime(2026, 3, 9, 15, tzinfo=dt.UTC), tick=False)
    assert cedulas.enviar_recordatorios() == 0


# --- Electronic service: the deemed date follows the real acceptance ---------------------------


def test_aceptada_tarde_mueve_la_fecha_y_el_control_de_termino(fijada):
    cedula = Cedula.objects.get(audiencia=fijada)
    assert (cedula.notificada_el, cedula.en_termino) == (dt.date(2026, 3, 3), True)
    # The mail server accepted it only on Thu 5/3 (a backlog): deemed served Fri 6/3; only
    # Mon 9/3 lies between then and Tue 10/3.
    Notificacion.objects.filter(pk=cedula.notificacion_id).update(
        estado=Notificacion.Estado.ENVIADA,
        aceptada_en=dt.datetime(2026, 3, 5, 18, tzinfo=dt.UTC),
    )
    assert cedulas.actualizar_cedulas_electronicas() == 1
    cedula.refresh_from_db()
    assert (cedula.notificada_el, cedula.en_termino) == (dt.date(2026, 3, 6), False)
    assert "fuera del término" in fijada.reclamo.actuaciones.last().texto
    assert cedulas.actualizar_cedulas_electronicas() == 0  # nothing new


def test_aceptada_a_tiempo_no_cambia_nada(fijada):
    cedula = Cedula.objects.get(audiencia=fijada)
    Notificacion.objects.filter(pk=cedula.notificacion_id).update(
        estado=Notificacion.Estado.ENVIADA,
        aceptada_en=dt.datetime(2026, 3, 2, 13, 1, tzinfo=dt.UTC),
    )
    assert cedulas.actualizar_cedulas_electronicas() == 0


def test_envio_fallido_pasa_a_medio_fehaciente(fijada, agente_admision):
    cedula = Cedula.objects.get(audiencia=fijada)
    Notificacion.objects.filter(pk=cedula.notificacion_id).update(
        estado=Notificacion.Estado.FALLIDA, ultimo_error="550 mailbox unavailable"
    )
    assert cedulas.actualizar_cedulas_electronicas() == 1
    cedula.refresh_from_db()
    assert (cedula.via, cedula.notificada_el, cedula.en_termino) == ("fehaciente", None, None)
    assert cedula.domicilio == "Av. Corrientes 1234, CABA"
    assert cedulas.quien_notifica(cedula, agente_admision)
    assert fijada.reclamo.actuaciones.filter(codigo="audiencia.cedula_no_entregada").exists()


# --- AR-07 suspensions: domicile search (T17) and legal assistance (T18, AR-08) ----------------


@pytest.fixture
def designado_c(ahora, consumidora, proveedor_activo, agente_admision, conciliador):
    from conciliadores.services.designacion import designar
    from tests.conciliadores.conftest import admitido, crear_conciliador

    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="c")
    designar(
        reclamo,
        conciliador=crear_conciliador("S-0001", usuario=conciliador),
        por=conciliador,
        notificacion_ficta=False,
    )
    reclamo.refresh_from_db()
    return reclamo


def _ar07(reclamo):
    from plazos.models import Plazo

    return Plazo.objects.get(object_id=reclamo.pk, tipo="AR-07")


def test_busqueda_de_domicilio_suspende_ar07_hasta_que_llegan_los_datos(
    client, designado_c, conciliador, consumidora, time_machine
):
    from audiencias.services import suspensiones
    from conciliacion.errores import AccesoDenegado, ConflictoDeEstado

    assert _ar07(designado_c).vence == dt.date(2026, 3, 16)
    proveedor = designado_c.proveedores.get()
    with pytest.raises(AccesoDenegado):
        suspensiones.iniciar_busqueda_de_domicilio(
            designado_c, por=consumidora, proveedor=proveedor, motivo="x"
        )
    client.force_login(conciliador)
    url = reverse("audiencias:buscar_domicilio", args=[designado_c.pk])
    vacio = client.post(url, {"proveedor": proveedor.pk, "motivo": ""})
    assert vacio.status_code == 200 and "Revisá lo que cargaste" in vacio.content.decode()
    respuesta = client.post(
        url, {"proveedor": proveedor.pk, "motivo": "La carta documento volvió: «se mudó»."}
    )
    assert respuesta.status_code == 302
    assert _ar07(designado_c).estado == "suspendido"
    assert designado_c.pausas.get(hasta__isnull=True).tipo == "busqueda_domicilio"
    with pytest.raises(ConflictoDeEstado):
        suspensiones.iniciar_busqueda_de_domicilio(
            designado_c, por=conciliador, proveedor=proveedor, motivo="otra"
        )

    # The registry answers on Wed 4/3: Mon 2/3–Wed 4/3 suspended, so Tue 3 and Wed 4 do not
    # count and AR-07 ends two business days later (Wed 18/3).
    time_machine.move_to(dt.datetime(2026, 3, 4, 15, tzinfo=dt.UTC), tick=False)
    client.force_login(conciliador)  # a new session two days later
    respuesta = client.post(
        reverse("audiencias:domicilio_hallado", args=[designado_c.pk]),
        {"proveedor": proveedor.pk, "domicilio": "Av. Belgrano 900, piso 3, CABA"},
    )
    assert respuesta.url == reverse("reclamos:detalle", args=[designado_c.pk])
    plazo = _ar07(designado_c)
    assert (plazo.estado, plazo.vence) == ("corriendo", dt.date(2026, 3, 18))
    proveedor.refresh_from_db()
    assert proveedor.domicilio_legal == "Av. Belgrano 900, piso 3, CABA"
    assert not designado_c.pausas.filter(hasta__isnull=True).exists()
    assert designado_c.actuaciones.filter(codigo="pausa.cerrada").exists()


def test_asistencia_letrada_suspende_ar07_tres_dias_y_se_reanuda_sola(
    designado_c, conciliador, consumidora, agente_admision
):
    from audiencias.services import suspensiones
    from conciliacion.errores import AccesoDenegado
    from plazos.barrido import vencer_plazos
    from plazos.models import Plazo

    with pytest.raises(AccesoDenegado):
        suspensiones.notificar_asistencia_letrada(designado_c, por=agente_admision, motivo="x")
    suspensiones.notificar_asistencia_letrada(
        designado_c, por=conciliador, motivo="El proveedor vendrá con abogados."
    )
    ar08 = Plazo.objects.get(object_id=designado_c.pk, tipo="AR-08")
    assert ar08.vence == dt.date(2026, 3, 5)  # Tue 3, Wed 4, Thu 5
    assert _ar07(designado_c).estado == "suspendido"
    aviso = Notificacion.objects.get(plantilla="audiencias/asistencia_letrada")
    assert aviso.destinatario_id == consumidora.pk and "05/03/2026" in aviso.cuerpo

    assert vencer_plazos(ahora=dt.datetime(2026, 3, 5, 20, tzinfo=dt.UTC)) == 0
    # After Thu 5/3 23:59:59 in Buenos Aires the sweeper expires AR-08 and resumes AR-07,
    # three business days later than before (Thu 19/3 instead of Mon 16/3).
    vencer_plazos(ahora=dt.datetime(2026, 3, 6, 3, 1, tzinfo=dt.UTC))
    plazo = _ar07(designado_c)
    assert (plazo.estado, plazo.vence) == ("corriendo", dt.date(2026, 3, 19))
    assert not designado_c.pausas.filter(hasta__isnull=True).exists()


def test_acciones_de_suspension_en_la_pagina_del_reclamo(
    client, designado_c, conciliador, consumidora
):
    client.force_login(conciliador)
    pagina = client.get(reverse("reclamos:detalle", args=[designado_c.pk])).content.decode()
    assert "Registrar búsqueda de domicilio" in pagina
    assert "Avisar que hace falta asistencia letrada" in pagina
    client.force_login(consumidora)
    pagina = client.get(reverse("reclamos:detalle", args=[designado_c.pk])).content.decode()
    assert "Registrar búsqueda de domicilio" not in pagina
    assert (
        client.get(reverse("audiencias:asistencia_letrada", args=[designado_c.pk])).status_code
        == 403
    )
