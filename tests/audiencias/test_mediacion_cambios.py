"""Rescheduling and cancelling a hearing the agency's official convened (mediation procedure):
only while pending, with a reason, by that official or an administrator; every participant's
calendar moves or drops the entry; a cancellation returns the claim to the mediation."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from audiencias.models import Audiencia
from audiencias.services import mediacion_cambios as servicio
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.roles import Rol
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.services import mediacion
from tests.conftest import crear_usuario
from tests.reclamos.mediacion import consumidora_pe, en_mediacion, proveedor_pe

pytestmark = pytest.mark.django_db
LIMA = ZoneInfo("America/Lima")
CONVOCATORIA = dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA)
INICIO = dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)  # Tuesday
NUEVO = dt.datetime(2026, 3, 12, 15, 0, tzinfo=LIMA)  # Thursday
SABADO = dt.datetime(2026, 3, 14, 10, 0, tzinfo=LIMA)


@pytest.fixture
def carmen(db):
    return consumidora_pe()


@pytest.fixture
def andina(db):
    return proveedor_pe()


@pytest.fixture
def convocada(carmen, andina, funcionario, time_machine):
    """A claim in mediation whose official convened a video hearing for 10/03/2026 10:00; the
    clock stays at the convocation."""
    time_machine.move_to(CONVOCATORIA, tick=False)
    reclamo = en_mediacion(carmen, funcionario)
    mediacion.convocar_audiencia(reclamo, por=funcionario, inicio=INICIO)
    return Audiencia.objects.get(reclamo=reclamo)


def _correos(mailoutbox, inicio_del_asunto):
    return [m for m in mailoutbox if m.subject.startswith(inicio_del_asunto)]


# --- services ----------------------------------------------------------------------------------


def test_reprogramar_mueve_la_misma_cita_del_calendario_de_cada_participante(
    convocada, carmen, andina, funcionario, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        nueva = servicio.reprogramar_audiencia_convocada(
            convocada, por=funcionario, inicio=NUEVO, motivo="La funcionaria tiene capacitación."
        )
    convocada.refresh_from_db()
    assert convocada.estado == Audiencia.Estado.REPROGRAMADA
    assert (nueva.estado, nueva.inicio, nueva.funcionario, nueva.reemplaza) == (
        Audiencia.Estado.FIJADA,
        NUEVO,
        funcionario,
        convocada,
    )
    assert nueva.enlace_video == convocada.enlace_video and nueva.secuencia_ics == 1
    assert nueva.uid_ics != convocada.uid_ics
    reclamo = nueva.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_CONVOCADA
    acto = reclamo.actuaciones.get(codigo="audiencia.reprogramada")
    assert acto.fuente == "S001" and acto.datos["fecha"] == "12/03/2026 15:00"
    assert acto.datos["fecha_anterior"] == "10/03/2026 10:00"
    correos = _correos(mailoutbox, "Audiencia del reclamo")
    assert {d for m in correos for d in m.to} >= {
        "carmen@example.pe",
        funcionario.email,
        andina[1].email,
    }
    assert "reprogramó" in correos[0].body and "capacitación" in correos[0].body
    assert "Nueva fecha y hora: 12/03/2026 15:00 (hora de Lima)" in correos[0].body
    ics = correos[0].attachments[0][1]
    assert "METHOD:REQUEST" in ics and "SEQUENCE:1" in ics and str(nueva.uid_ics) in ics


SALA = "https://video.indecopi.example/sala/nueva"


def _evento(correo):
    """The VEVENT of a notice's .ics attachment (parsed: long lines are folded)."""
    return Calendar.from_ical(correo.attachments[0][1]).walk("VEVENT")[0]


def test_reprogramar_con_otro_enlace_y_duracion_los_lleva_a_la_invitacion(
    convocada, funcionario, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        nueva = servicio.reprogramar_audiencia_convocada(
            convocada,
            por=funcionario,
            inicio=NUEVO,
            motivo="Cambio de sala.",
            enlace_video=f"  {SALA}  ",
            duracion_minutos=90,
        )
    assert (nueva.enlace_video, nueva.duracion_minutos) == (SALA, 90)
    convocada.refresh_from_db()
    assert convocada.enlace_video != SALA and convocada.duracion_minutos == 60
    acto = nueva.reclamo.actuaciones.get(codigo="audiencia.reprogramada")
    assert (acto.datos["enlace_video"], acto.datos["duracion_minutos"]) == (SALA, 90)
    evento = _evento(_correos(mailoutbox, "Audiencia del reclamo")[0])
    assert str(evento["location"]) == SALA
    assert evento.decoded("dtend") - evento.decoded("dtstart") == dt.timedelta(minutes=90)


@pytest.mark.parametrize("vacio", [{}, {"enlace_video": "", "duracion_minutos": None}])
def test_reprogramar_sin_enlace_ni_duracion_mantiene_los_de_la_audiencia(
    convocada, funcionario, vacio
):
    nueva = servicio.reprogramar_audiencia_convocada(
        convocada, por=funcionario, inicio=NUEVO, motivo="Cambio", **vacio
    )
    assert (nueva.enlace_video, nueva.duracion_minutos) == (
        convocada.enlace_video,
        convocada.duracion_minutos,
    )


@pytest.mark.parametrize(
    "cambio,campo",
    [
        ({"enlace_video": "http://video.example/sala"}, "enlace_video"),
        ({"enlace_video": "https://video.example/" + "x" * 200}, "enlace_video"),
        ({"duracion_minutos": 10}, "duracion_minutos"),
        ({"duracion_minutos": 241}, "duracion_minutos"),
    ],
)
def test_reprogramar_valida_enlace_y_duracion_como_al_convocar(
    convocada, funcionario, cambio, campo
):
    with pytest.raises(DatosInvalidos) as error:
        servicio.reprogramar_audiencia_convocada(
            convocada, por=funcionario, inicio=NUEVO, motivo="Cambio", **cambio
        )
    assert campo in error.value.campos
    convocada.refresh_from_db()
    assert convocada.estado == Audiencia.Estado.FIJADA


def test_la_nueva_duracion_cuenta_para_la_agenda_de_la_funcionaria(convocada, funcionario):
    otro = en_mediacion(consumidora_pe("lucia@example.pe"), funcionario)
    mediacion.convocar_audiencia(otro, por=funcionario, inicio=NUEVO + dt.timedelta(hours=1))
    # 60 minutes end when the other starts; 90 would overlap it.
    with pytest.raises(DatosInvalidos, match="otra audiencia convocada"):
        servicio.reprogramar_audiencia_convocada(
            convocada, por=funcionario, inicio=NUEVO, motivo="Cambio", duracion_minutos=90
        )
    nueva = servicio.reprogramar_audiencia_convocada(
        convocada, por=funcionario, inicio=NUEVO, motivo="Cambio"
    )
    assert nueva.duracion_minutos == 60


@pytest.mark.parametrize(
    "inicio,motivo,campo",
    [
        (NUEVO, "  ", "motivo"),
        (dt.datetime(2026, 3, 1, 10, 0, tzinfo=LIMA), "Cambio", "inicio"),  # past
        (SABADO, "Cambio", "inicio"),  # not a business day of the agency
        (dt.datetime(2026, 3, 3, 10, 0, tzinfo=LIMA), "Cambio", "inicio"),  # less notice than 2
        (dt.datetime(2026, 3, 12, 3, 0, tzinfo=LIMA), "Cambio", "inicio"),  # outside office hours
    ],
)
def test_reprogramar_exige_motivo_y_un_dia_habil_futuro(
    convocada, funcionario, inicio, motivo, campo
):
    with pytest.raises(DatosInvalidos) as error:
        servicio.reprogramar_audiencia_convocada(
            convocada, por=funcionario, inicio=inicio, motivo=motivo
        )
    assert campo in error.value.campos
    convocada.refresh_from_db()
    assert convocada.estado == Audiencia.Estado.FIJADA


def test_reprogramar_respeta_la_agenda_de_la_funcionaria_salvo_la_misma_audiencia(
    convocada, funcionario, carmen
):
    otro = en_mediacion(consumidora_pe("lucia@example.pe"), funcionario)
    mediacion.convocar_audiencia(otro, por=funcionario, inicio=NUEVO)
    with pytest.raises(DatosInvalidos, match="otra audiencia convocada"):
        servicio.reprogramar_audiencia_convocada(
            convocada, por=funcionario, inicio=NUEVO + dt.timedelta(minutes=30), motivo="Cambio"
        )
    # Moving it half an hour overlaps only itself.
    nueva = servicio.reprogramar_audiencia_convocada(
        convocada, por=funcionario, inicio=INICIO + dt.timedelta(minutes=30), motivo="Cambio"
    )
    assert nueva.estado == Audiencia.Estado.FIJADA


def test_solo_la_funcionaria_que_la_convoco_o_un_administrador_la_cambian(
    convocada, carmen, andina, funcionario, administrador
):
    otra = crear_usuario("otra@indecopi.example", Rol.FUNCIONARIO, mfa=True)
    for quien in (carmen, andina[1], otra):
        with pytest.raises(AccesoDenegado):
            servicio.reprogramar_audiencia_convocada(
                convocada, por=quien, inicio=NUEVO, motivo="Cambio"
            )
        with pytest.raises(AccesoDenegado):
            servicio.cancelar_audiencia_convocada(convocada, por=quien, motivo="Cambio")
    assert not servicio.puede_cambiarla(otra, convocada)
    nueva = servicio.reprogramar_audiencia_convocada(
        convocada, por=administrador, inicio=NUEVO, motivo="Reasignación interna."
    )
    # The official who convened it still conducts it.
    assert nueva.funcionario == funcionario and nueva.fijada_por == administrador


def test_cancelar_devuelve_el_reclamo_a_la_mediacion_y_quita_la_cita_de_los_calendarios(
    convocada, carmen, funcionario, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reclamo = servicio.cancelar_audiencia_convocada(
            convocada, por=funcionario, motivo="El proveedor pidió una propuesta previa."
        )
    convocada.refresh_from_db()
    assert convocada.estado == Audiencia.Estado.CANCELADA and convocada.secuencia_ics == 1
    assert convocada.motivo_cancelacion == "El proveedor pidió una propuesta previa."
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_MEDIACION
    acto = reclamo.actuaciones.get(codigo="audiencia.cancelada")
    assert (acto.estado_desde, acto.estado_hacia) == (
        Estado.AUDIENCIA_CONVOCADA,
        Estado.EN_MEDIACION,
    )
    assert "propuesta previa" in acto.texto and acto.datos["motivo"]
    # The mediation goes on: the provider's answer is awaited again (service term PE-SAC-2).
    assert Plazo.objects.filter(
        object_id=reclamo.pk, tipo="PE-SAC-2", estado=Plazo.Estado.CORRIENDO
    ).exists()
    cancelaciones = _correos(mailoutbox, "Audiencia cancelada")
    assert {d for m in cancelaciones for d in m.to} >= {"carmen@example.pe", funcionario.email}
    assert "METHOD:CANCEL" in cancelaciones[0].attachments[0][1]
    assert "Motivo: El proveedor pidió una propuesta previa." in cancelaciones[0].body
    # Nothing more to change on it; a new hearing can be convened.
    with pytest.raises(ConflictoDeEstado):
        servicio.cancelar_audiencia_convocada(convocada, por=funcionario, motivo="Otra vez")
    with pytest.raises(ConflictoDeEstado):
        servicio.reprogramar_audiencia_convocada(
            convocada, por=funcionario, inicio=NUEVO, motivo="Otra vez"
        )
    mediacion.convocar_audiencia(reclamo, por=funcionario, inicio=NUEVO)
    assert reclamo.audiencias.get(estado=Audiencia.Estado.FIJADA).orden == 1


def test_cancelar_exige_motivo(convocada, funcionario):
    with pytest.raises(DatosInvalidos):
        servicio.cancelar_audiencia_convocada(convocada, por=funcionario, motivo="")
    convocada.reclamo.refresh_from_db()
    assert convocada.reclamo.estado == Estado.AUDIENCIA_CONVOCADA


# --- pages -------------------------------------------------------------------------------------


def test_la_pagina_ofrece_reprogramar_y_cancelar_solo_a_quien_la_convoco(
    client, convocada, carmen, andina, funcionario
):
    pagina = reverse("audiencias:audiencia_mediacion", args=[convocada.pk])
    reprogramar = reverse("audiencias:reprogramar_audiencia_mediacion", args=[convocada.pk])
    cancelar = reverse("audiencias:cancelar_audiencia_mediacion", args=[convocada.pk])
    client.force_login(funcionario)
    contenido = client.get(pagina).content.decode()
    assert reprogramar in contenido and cancelar in contenido
    otra = crear_usuario("otra@indecopi.example", Rol.FUNCIONARIO, mfa=True)
    client.force_login(otra)
    assert reprogramar not in client.get(pagina).content.decode()
    datos = {"reprogramar-inicio": "2026-03-12T15:00", "reprogramar-motivo": "Cambio"}
    for quien in (carmen, andina[1], otra):
        client.force_login(quien)
        assert client.post(reprogramar, datos).status_code == 403, quien
        assert client.post(cancelar, {"cancelar-motivo": "Cambio"}).status_code == 403, quien
    convocada.refresh_from_db()
    assert convocada.estado == Audiencia.Estado.FIJADA


def test_reprogramar_desde_la_pagina_en_hora_de_lima_y_errores_en_el_formulario(
    client, convocada, funcionario
):
    client.force_login(funcionario)
    url = reverse("audiencias:reprogramar_audiencia_mediacion", args=[convocada.pk])
    sabado = client.post(url, {"reprogramar-inicio": "2026-03-14T10:00", "reprogramar-motivo": "x"})
    assert sabado.status_code == 400 and "no es día hábil" in sabado.content.decode()
    sin_motivo = client.post(url, {"reprogramar-inicio": "2026-03-12T15:00"})
    assert sin_motivo.status_code == 400
    respuesta = client.post(
        url, {"reprogramar-inicio": "2026-03-12T15:00", "reprogramar-motivo": "Capacitación"}
    )
    nueva = convocada.reclamo.audiencias.get(estado=Audiencia.Estado.FIJADA)
    assert respuesta.status_code == 302
    assert respuesta["Location"] == reverse("audiencias:audiencia_mediacion", args=[nueva.pk])
    assert nueva.inicio == NUEVO


def test_reprogramar_desde_la_pagina_con_otro_enlace_y_duracion(client, convocada, funcionario):
    client.force_login(funcionario)
    pagina = client.get(reverse("audiencias:audiencia_mediacion", args=[convocada.pk]))
    # The form shows the current link and length, which a blank field keeps.
    assert f'value="{convocada.enlace_video}"' in pagina.content.decode()
    url = reverse("audiencias:reprogramar_audiencia_mediacion", args=[convocada.pk])
    datos = {"reprogramar-inicio": "2026-03-12T15:00", "reprogramar-motivo": "Cambio de sala"}
    corta = client.post(url, {**datos, "reprogramar-duracion_minutos": "10"})
    assert corta.status_code == 400
    http = client.post(url, {**datos, "reprogramar-enlace_video": "http://video.example/sala"})
    assert http.status_code == 400 and "https://" in http.content.decode()
    respuesta = client.post(
        url, {**datos, "reprogramar-enlace_video": SALA, "reprogramar-duracion_minutos": "90"}
    )
    assert respuesta.status_code == 302
    nueva = convocada.reclamo.audiencias.get(estado=Audiencia.Estado.FIJADA)
    assert (nueva.inicio, nueva.enlace_video, nueva.duracion_minutos) == (NUEVO, SALA, 90)


def test_cancelar_desde_la_pagina(client, convocada, funcionario):
    client.force_login(funcionario)
    url = reverse("audiencias:cancelar_audiencia_mediacion", args=[convocada.pk])
    assert client.post(url, {"cancelar-motivo": ""}).status_code == 400
    respuesta = client.post(url, {"cancelar-motivo": "La consumidora viaja."})
    assert respuesta.status_code == 302
    convocada.refresh_from_db()
    assert convocada.estado == Audiencia.Estado.CANCELADA
    # A hearing no longer pending offers neither form.
    client.force_login(funcionario)
    pagina = client.get(reverse("audiencias:audiencia_mediacion", args=[convocada.pk]))
    assert "Reprogramar la audiencia" not in pagina.content.decode()
