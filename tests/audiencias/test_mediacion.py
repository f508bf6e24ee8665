"""The conciliation hearing of a mediation claim (seed 001; DOMAIN §2.7): convened by the agency's
official through the audiencias machinery, conducted by that official, with attendance, an
outcome the régimen defines and the acta — and nothing of COPREC's hearing (no cédula, no
conciliator, no powers checked at the hearing, no fines or fees)."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from pypdf import PdfReader

from audiencias.models import Asistencia, Audiencia, Cedula
from audiencias.services import cedulas
from audiencias.services import mediacion as servicio
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.roles import Rol
from documentos.services import renderizar_documento
from reclamos.estados import Estado
from reclamos.services import mediacion
from tests.conftest import crear_usuario
from tests.reclamos.mediacion import RUC_SUR, consumidora_pe, en_mediacion, proveedor_pe

pytestmark = pytest.mark.django_db
LIMA = ZoneInfo("America/Lima")
CONVOCATORIA = dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA)
INICIO = dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)
DURANTE = dt.datetime(2026, 3, 10, 10, 40, tzinfo=LIMA)


@pytest.fixture
def carmen(db):
    return consumidora_pe()


@pytest.fixture
def andina(db):
    return proveedor_pe()


@pytest.fixture
def convocada(carmen, andina, funcionario):
    """A claim in mediation whose official convened a video hearing for 10/03/2026 10:00."""
    with time_machine.travel(CONVOCATORIA, tick=False):
        reclamo = en_mediacion(carmen, funcionario)
        mediacion.convocar_audiencia(reclamo, por=funcionario, inicio=INICIO)
    return Audiencia.objects.get(reclamo=reclamo)


def _asistencias(audiencia, *, consumidor=True, proveedor=True):
    proveedor_del_reclamo = audiencia.reclamo.proveedores.get()
    return [
        {"parte": "consumidor", "comparecio": consumidor, "nombre": "Carmen Huamán Torres"},
        {
            "parte": "proveedor",
            "proveedor": proveedor_del_reclamo.pk,
            "comparecio": proveedor,
            "nombre": "Jorge Salazar" if proveedor else "",
        },
    ]


def _texto(documento) -> str:
    renderizar_documento(documento.pk)
    documento.refresh_from_db()
    with documento.archivo.open("rb") as archivo:
        lector = PdfReader(io.BytesIO(archivo.read()))
    return " ".join(" ".join(p.extract_text().split()) for p in lector.pages)


# --- the model: who conducts ---------------------------------------------------------------------


def test_la_conduce_un_conciliador_o_un_funcionario_nunca_ambos_ni_ninguno(convocada):
    from tests.conciliadores.conftest import crear_conciliador

    assert convocada.conducida_por == convocada.funcionario
    assert convocada.nombre_de_quien_conduce == "rosa@indecopi.example"  # no name on file
    with transaction.atomic(), pytest.raises(IntegrityError):
        Audiencia.objects.filter(pk=convocada.pk).update(funcionario=None)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Audiencia.objects.filter(pk=convocada.pk).update(conciliador=crear_conciliador("PE-0001"))


# --- holding it: attendance, outcome, acta ------------------------------------------------------


@time_machine.travel(DURANTE, tick=False)
def test_acta_con_acuerdo_concluye_el_reclamo_y_luego_se_comunica_el_incumplimiento(
    client, convocada, carmen, funcionario, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        acta = servicio.celebrar_audiencia(
            convocada,
            por=funcionario,
            asistencias=_asistencias(convocada),
            resultado="acuerdo",
            texto="El proveedor devuelve S/ 1,234.50 el 20/03/2026.",
        )
    reclamo = convocada.reclamo
    reclamo.refresh_from_db()
    convocada.refresh_from_db()
    assert reclamo.estado == Estado.CONCLUIDO_CON_ACUERDO
    assert (convocada.estado, convocada.resultado) == ("celebrada", "acuerdo")
    assert Asistencia.objects.filter(audiencia=convocada, comparecio=True).count() == 2
    acto = reclamo.actuaciones.get(codigo="acta.conciliacion")
    assert acto.datos["acta"] == acta.numero_visible and acto.datos["audiencia"] == convocada.pk
    assert acta.titulo == f"Acta de conciliación — {reclamo.numero}"
    assert servicio.acta_de(convocada) == acta
    assert {d for m in mailoutbox if "Acta" in m.subject for d in m.to} >= {"carmen@example.pe"}

    mediacion.comunicar_cumplimiento(
        reclamo, por=carmen, cumplio=False, detalle="No devolvieron el dinero."
    )
    client.force_login(carmen)
    pagina = client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).content.decode()
    assert "procedimiento sumarísimo" in pagina  # the breach is a ground for a denuncia
    # Concluded claims keep their history: the hearing, its acta and the report.
    reclamo.refresh_from_db()
    mediacion.cerrar(reclamo, por=funcionario, accion="concluir")
    mediacion.cerrar(reclamo, por=funcionario, accion="archivar")
    pagina = client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).content.decode()
    assert "Acta de conciliación" in pagina and "No devolvieron el dinero." in pagina
    assert "Celebrada: Acuerdo" in pagina


@time_machine.travel(DURANTE, tick=False)
def test_el_acta_lleva_lo_del_regimen_peruano_y_nada_de_coprec(convocada, funcionario):
    acta = servicio.celebrar_audiencia(
        convocada,
        por=funcionario,
        asistencias=_asistencias(convocada),
        resultado="acuerdo",
        texto="Cambio de la refrigeradora en 5 días hábiles.",
    )
    texto = _texto(acta)
    assert "Acta de conciliación" in texto and convocada.reclamo.numero in texto
    assert "10/03/2026 10:00 (hora de Lima)" in texto
    assert "RUC 20100000009" in texto and "Indecopi" in texto
    # The company's powers to conciliate were reviewed at its registration (S001).
    assert "facultades de representación y conciliación acreditadas" in texto
    assert "Asistió: Jorge Salazar" in texto
    assert "procedimiento sumarísimo" in texto
    for coprec in ("CUIT", "matrícula", "art. 11", "Ley 26.993", "argentina", "honorarios"):
        assert coprec not in texto
    assert acta.regimen_codigo == "PE-INDECOPI"
    # No cédula was ever issued, no fee or fine exists for the claim.
    from honorarios.models import Honorario, Multa

    assert not Cedula.objects.exists()
    assert not Honorario.objects.filter(reclamo=convocada.reclamo).exists()
    assert not Multa.objects.filter(reclamo=convocada.reclamo).exists()


@time_machine.travel(DURANTE, tick=False)
def test_la_inasistencia_del_proveedor_concluye_sin_acuerdo(convocada, funcionario):
    with pytest.raises(DatosInvalidos, match="inasistencia"):
        servicio.celebrar_audiencia(
            convocada,
            por=funcionario,
            asistencias=_asistencias(convocada, proveedor=False),
            resultado="sin_acuerdo",
        )
    acta = servicio.celebrar_audiencia(
        convocada,
        por=funcionario,
        asistencias=_asistencias(convocada, proveedor=False),
        resultado="incomparecencia_proveedor",
        texto="Se esperó 15 minutos al proveedor.",
    )
    reclamo = convocada.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.SIN_ACUERDO
    acto = reclamo.actuaciones.get(codigo="reclamo.sin_acuerdo")
    assert acto.texto == (  # Peru's word
        f"Concluido sin acuerdo: inasistencia del proveedor (acta {acta.numero_visible})"
    )
    texto = _texto(acta)
    assert "Acta de inasistencia" in texto and "No asistió." in texto
    assert "Inasistencia del proveedor." in texto and "ncomparecencia" not in texto
    assert "denuncia ante el Indecopi" in texto


@time_machine.travel(DURANTE, tick=False)
@pytest.mark.parametrize(
    ("resultado", "consumidor", "proveedor", "texto", "error"),
    [
        ("acuerdo", True, True, "", "términos del acuerdo"),
        ("sin_acuerdo", False, True, "", "inasistencia"),
        ("incomparecencia_consumidor", True, True, "", "el consumidor asistió"),
        ("incomparecencia_proveedor", True, True, "", "el proveedor asistió"),
        ("nueva_audiencia", True, True, "x", "Elija el resultado"),  # COPREC's, not this régimen's
        ("excede_tope", True, True, "x", "Elija el resultado"),
    ],
)
def test_resultados_que_no_corresponden_se_rechazan_sin_cambiar_nada(
    convocada, funcionario, resultado, consumidor, proveedor, texto, error
):
    with pytest.raises(DatosInvalidos, match=error):
        servicio.celebrar_audiencia(
            convocada,
            por=funcionario,
            asistencias=_asistencias(convocada, consumidor=consumidor, proveedor=proveedor),
            resultado=resultado,
            texto=texto,
        )
    convocada.refresh_from_db()
    assert convocada.estado == "fijada" and not convocada.asistencias.exists()


def test_solo_el_funcionario_que_la_conduce_y_no_antes_de_empezar(convocada, funcionario):
    otra = crear_usuario("otra@indecopi.example", Rol.FUNCIONARIO, mfa=True)
    datos = {"asistencias": _asistencias(convocada), "resultado": "sin_acuerdo"}
    antes = time_machine.travel(INICIO - dt.timedelta(minutes=5), tick=False)
    with antes, pytest.raises(ConflictoDeEstado, match="todavía no empezó"):
        servicio.celebrar_audiencia(convocada, por=funcionario, **datos)
    with time_machine.travel(DURANTE, tick=False):
        with pytest.raises(AccesoDenegado):
            servicio.celebrar_audiencia(convocada, por=otra, **datos)
        servicio.celebrar_audiencia(convocada, por=funcionario, **datos)
        with pytest.raises(ConflictoDeEstado, match="ya fue registrado"):
            servicio.celebrar_audiencia(convocada, por=funcionario, **datos)


def test_el_recordatorio_del_dia_anterior_va_con_la_redaccion_del_regimen(
    convocada, funcionario, andina, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recordadas = cedulas.enviar_recordatorios(ahora=dt.datetime(2026, 3, 9, 9, 0, tzinfo=LIMA))
    assert recordadas == 1
    correos = [m for m in mailoutbox if m.subject.startswith("Mañana")]
    assert {d for m in correos for d in m.to} == {
        "carmen@example.pe",
        andina[1].email,
        funcionario.email,
    }
    assert "(hora de Lima)" in correos[0].body and "art. 11" not in correos[0].body


def test_al_desistir_se_cancela_la_audiencia_en_los_calendarios(
    convocada, carmen, funcionario, mailoutbox, django_capture_on_commit_callbacks
):
    reclamo = convocada.reclamo
    reclamo.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        mediacion.desistir(reclamo, por=carmen)
    convocada.refresh_from_db()
    assert convocada.estado == "cancelada" and convocada.secuencia_ics == 1
    cancelaciones = [m for m in mailoutbox if m.subject.startswith("Audiencia cancelada")]
    assert {d for m in cancelaciones for d in m.to} >= {"carmen@example.pe", funcionario.email}
    assert "METHOD:CANCEL" in cancelaciones[0].attachments[0][1]
    assert "quedó sin efecto" in cancelaciones[0].body
    assert cedulas.enviar_recordatorios(ahora=dt.datetime(2026, 3, 9, 9, 0, tzinfo=LIMA)) == 0


def test_con_audiencia_convocada_no_se_concluye_sin_su_acta(convocada, funcionario):
    reclamo = convocada.reclamo
    reclamo.refresh_from_db()
    with pytest.raises(ConflictoDeEstado, match="acta de la audiencia"):
        mediacion.concluir_mediacion_sin_acuerdo(reclamo, por=funcionario, motivo="No sigue.")


# --- pages -------------------------------------------------------------------------------------


def test_la_seccion_de_la_audiencia_en_la_pagina_de_la_mediacion(
    client, convocada, carmen, andina, funcionario
):
    url = reverse("reclamos:mediacion", args=[convocada.reclamo_id])
    for persona in (carmen, andina[1], funcionario):
        client.force_login(persona)
        pagina = client.get(url).content.decode()
        assert "el 10/03/2026 a las 10:00 (hora de Lima)" in pagina
        assert convocada.enlace_video in pagina
        conducir = reverse("audiencias:audiencia_mediacion", args=[convocada.pk])
        assert (conducir in pagina) is (persona == funcionario)


def test_la_pagina_de_la_audiencia_es_del_funcionario(
    client, convocada, carmen, andina, funcionario
):
    url = reverse("audiencias:audiencia_mediacion", args=[convocada.pk])
    client.force_login(carmen)
    assert client.get(url).status_code == 403
    client.force_login(andina[1])
    assert client.get(url).status_code == 403
    _sur, representante_sur = proveedor_pe(RUC_SUR, "Servicios del Sur S.A.")
    client.force_login(representante_sur)
    assert client.get(url).status_code == 404
    otra = crear_usuario("otra@indecopi.example", Rol.FUNCIONARIO, mfa=True)
    client.force_login(otra)
    pagina = client.get(url)
    assert (
        pagina.status_code == 200
        and "Solo el funcionario que la convocó" in pagina.content.decode()
    )
    client.force_login(funcionario)
    pagina = client.get(url).content.decode()
    assert "¿Asistió Comercial Andina S.A.C.?" in pagina and "Emitir el acta" in pagina
    # COPREC's hearing page never serves it (no conciliator), and no 500.
    assert client.get(reverse("audiencias:audiencia", args=[convocada.pk])).status_code == 403


def test_la_pagina_de_un_reclamo_coprec_no_ofrece_la_audiencia_del_funcionario(
    client, espera_turno, conciliadores_con_horario, consumidora, administrador, ahora
):
    from audiencias.services import turnos

    audiencia = turnos.elegir_turno(
        espera_turno,
        inicio=dt.datetime(2026, 3, 10, 9, tzinfo=ZoneInfo("America/Argentina/Buenos_Aires")),
        por=consumidora,
    )
    client.force_login(administrador)
    url = reverse("audiencias:audiencia_mediacion", args=[audiencia.pk])
    assert client.get(url).status_code == 404
    detalle = client.get(reverse("reclamos:detalle", args=[espera_turno.pk])).content.decode()
    assert "audiencia-virtual" not in detalle  # the mediation section is not COPREC's


@time_machine.travel(DURANTE, tick=False)
def test_el_formulario_del_acta_mantiene_lo_escrito_y_luego_la_emite(
    client, convocada, funcionario
):
    client.force_login(funcionario)
    url = reverse("audiencias:audiencia_mediacion", args=[convocada.pk])
    proveedor = convocada.reclamo.proveedores.get()
    datos = {
        "asistio_c": "1",
        "nombre_c": "Carmen Huamán Torres",
        f"asistio_p{proveedor.pk}": "1",
        f"nombre_p{proveedor.pk}": "",
        "resultado": "acuerdo",
        "texto": "Cambio del producto el 20/03/2026.",
    }
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 400
    contenido = respuesta.content.decode()
    assert "Indique el nombre de quien asistió." in contenido
    assert "Cambio del producto el 20/03/2026." in contenido
    respuesta = client.post(url, {**datos, f"nombre_p{proveedor.pk}": "Jorge Salazar"})
    assert respuesta.status_code == 302
    convocada.refresh_from_db()
    assert convocada.resultado == "acuerdo"
    pagina = client.get(url).content.decode()
    assert "Acta de conciliación" in pagina and "asistió Jorge Salazar" in pagina
