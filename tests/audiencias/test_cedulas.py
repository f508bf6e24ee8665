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
