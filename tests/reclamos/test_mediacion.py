"""The Reclama Virtual-style mediation (seed 001; DOMAIN §2.7): filing, registration, the thread
with read receipts, the proposal and the conformidad bound to the document's SHA-256, the
video hearing and its acta, the compliance report, and the agency's timers."""

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from documentos.models import Documento
from normativa.regimenes import Calendario, obtener
from plazos.models import Plazo
from plazos.selectors import plazos_de
from reclamos.estados import Estado
from reclamos.models import Actuacion, LecturaMensaje, MensajeMediacion, PropuestaMediacion
from reclamos.services import mediacion
from tests.conftest import CONTRASENA
from tests.reclamos.mediacion import (
    RUC_SUR,
    con_propuesta,
    consumidora_pe,
    en_mediacion,
    presentado,
    proveedor_pe,
)

pytestmark = pytest.mark.django_db
LIMA = ZoneInfo("America/Lima")


@pytest.fixture
def carmen(db):
    return consumidora_pe()


@pytest.fixture
def andina(db):
    return proveedor_pe()


@pytest.fixture
def representante(andina):
    return andina[1]


def _tipos(reclamo, estado=None):
    return {p.tipo for p in plazos_de(reclamo) if estado is None or p.estado == estado}


# --- filing and the agency's timers ----------------------------------------------------------


def test_presentar_numera_y_abre_el_plazo_de_registro_en_el_calendario_de_la_entidad(
    carmen, andina
):
    reclamo = presentado(carmen)
    assert reclamo.estado == Estado.SOLICITADO
    assert reclamo.regimen_codigo == "PE-INDECOPI"
    assert reclamo.numero.startswith("INDECOPI-")
    assert reclamo.proveedores.get().organizacion == andina[0]
    plazo = Plazo.objects.get(tipo="PE-SAC-1")
    assert plazo.calendario == Calendario.PE_ENTIDAD
    assert plazo.cantidad == obtener("PE-INDECOPI").plazo("PE-SAC-1").duracion


def test_pe_sac_1_cuenta_en_dias_habiles_de_la_entidad_y_al_vencer_alerta(
    client, carmen, andina, funcionario
):
    from plazos.tasks import vencer_plazos

    # Tue 23/12/2025: 25/12 is a holiday and 26/12 a public-sector non-working day (DS
    # 042-2025-PCM) that only the agency's calendar skips: 24, 29, 30 → due 30/12.
    with time_machine.travel(dt.datetime(2025, 12, 23, 10, 0, tzinfo=LIMA), tick=False):
        reclamo = presentado(carmen)
    plazo = Plazo.objects.get(tipo="PE-SAC-1")
    assert plazo.vence == dt.date(2025, 12, 30)
    with time_machine.travel(dt.datetime(2025, 12, 31, 9, 0, tzinfo=LIMA), tick=False):
        vencer_plazos()
        client.force_login(funcionario)
        bandeja = client.get(reverse("reclamos:mediacion_bandeja")).content.decode()
    plazo.refresh_from_db()
    assert plazo.estado == Plazo.Estado.VENCIDO
    assert reclamo.actuaciones.filter(codigo="plazo.vencido", datos__tipo="PE-SAC-1").exists()
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.SOLICITADO  # an alert, never an automatic consequence (Q16)
    assert "PE-SAC-1: 30/12/2025" in bandeja and "vencido" in bandeja


def test_los_plazos_de_servicio_salen_de_la_configuracion():
    from django.conf import settings

    peru = obtener("PE-INDECOPI")
    for codigo in ("PE-SAC-1", "PE-SAC-2"):
        assert peru.plazo(codigo).duracion == settings.PLAZOS_DE_SERVICIO[codigo]
        assert peru.plazo(codigo).confianza == "L"  # Q16: service levels, not law


def test_registrar_cumple_pe_sac_1_asigna_funcionario_y_avisa(
    carmen, andina, funcionario, mailoutbox, django_capture_on_commit_callbacks
):
    reclamo = presentado(carmen)
    with django_capture_on_commit_callbacks(execute=True):
        mediacion.registrar_reclamo(reclamo, por=funcionario)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.REGISTRADO
    assert reclamo.mediacion.funcionario == funcionario
    assert _tipos(reclamo, Plazo.Estado.CUMPLIDO) == {"PE-SAC-1"}
    correo = next(m for m in mailoutbox if "registrado" in m.subject.lower())
    assert correo.to == ["carmen@example.pe"] and reclamo.numero in correo.subject


def test_la_mediacion_abre_pe_sac_2_y_la_propuesta_lo_cumple(carmen, andina, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    assert reclamo.estado == Estado.EN_MEDIACION
    assert "PE-SAC-2" in _tipos(reclamo, Plazo.Estado.CORRIENDO)
    mediacion.proponer(reclamo, por=andina[1], texto="Devolvemos el dinero.")
    assert "PE-SAC-2" in _tipos(reclamo, Plazo.Estado.CUMPLIDO)


def test_sin_identidad_validada_no_se_puede_presentar(andina):
    pendiente = consumidora_pe("nueva@example.pe", validada=False)
    with pytest.raises(AccesoDenegado, match="regístrese"):
        presentado(pendiente, email="nueva@example.pe")


def test_el_regimen_lo_decide_la_configuracion_del_proveedor(andina, proveedor_activo):
    assert (
        mediacion.regimen_para_proveedor(
            tipo_identificador="RUC", identificador="20100000009"
        ).procedimiento
        == "mediacion"
    )
    # An Argentine provider's claims run under COPREC whatever the form used.
    assert (
        mediacion.regimen_para_proveedor(
            tipo_identificador="CUIT", identificador=proveedor_activo.identificador
        ).codigo
        == "COPREC"
    )
    # The organisation's own country wins over the identifier's.
    andina[0].pais = "AR"
    andina[0].save()
    assert (
        mediacion.regimen_para_proveedor(
            tipo_identificador="RUC", identificador="20100000009"
        ).codigo
        == "COPREC"
    )


def test_un_pais_sin_regimen_usa_el_de_la_instalacion(settings):
    settings.REGIMEN_POR_DEFECTO = "PE-INDECOPI"
    assert (
        mediacion.regimen_para_proveedor(tipo_identificador="XX", identificador="1").codigo
        == "PE-INDECOPI"
    )


def test_formulario_de_reclamo_mantiene_lo_escrito_si_el_ruc_es_invalido(client, carmen):
    client.force_login(carmen)
    respuesta = client.post(
        reverse("reclamos:mediacion_nuevo"),
        {"nombres": "Carmen", "ruc": "20100000001", "hechos": "Llegó roto."},
    )
    contenido = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "El RUC no es válido" in contenido and "Llegó roto." in contenido
    assert "Revise los datos ingresados" in contenido


def test_formulario_de_reclamo_presenta_y_lleva_al_expediente(client, carmen, andina):
    client.force_login(carmen)
    datos = {
        "nombres": "Carmen",
        "apellidos": "Huamán",
        "documento_tipo": "CE",
        "documento_numero": "001234567",
        "domicilio": "Jr. Junín 345",
        "email": "carmen@example.pe",
        "ruc": "20100000009",
        "razon_social": "Comercial Andina S.A.C.",
        "hechos": "Llegó abollada.",
        "pedido": "Cambio.",
        "monto": "99.90",
    }
    respuesta = client.post(reverse("reclamos:mediacion_nuevo"), datos, follow=True)
    reclamo = carmen.reclamos.get()
    assert respuesta.redirect_chain[-1][0] == reverse("reclamos:mediacion", args=[reclamo.pk])
    assert reclamo.mediacion.consumidor_documento_tipo == "CE"
    assert "S/ 99.90" in respuesta.content.decode()


# --- the thread ----------------------------------------------------------------------------


def test_cada_mensaje_queda_en_el_expediente_con_su_adjunto(carmen, andina, funcionario):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.documentos.muestras import pdf_en_blanco

    reclamo = en_mediacion(carmen, funcionario)
    adjunto = SimpleUploadedFile("boleta.pdf", pdf_en_blanco(), content_type="application/pdf")
    mensaje = mediacion.enviar_mensaje(
        reclamo, por=carmen, texto="Adjunto la boleta.", adjunto=adjunto
    )
    mediacion.enviar_mensaje(reclamo, por=andina[1], texto="Recibido, revisamos.")
    mediacion.enviar_mensaje(reclamo, por=funcionario, texto="Quedo atento.")
    entradas = Actuacion.objects.filter(reclamo=reclamo, codigo="mediacion.mensaje")
    assert [e.por for e in entradas] == [carmen, andina[1], funcionario]
    assert entradas[0].datos == {"mensaje": mensaje.pk, "adjunto": mensaje.adjunto.pk}
    assert "Adjunto la boleta." in entradas[0].texto
    assert mensaje.adjunto.sujeto == reclamo
    assert [m.rol for m in MensajeMediacion.objects.order_by("pk")] == [
        "consumidor",
        "proveedor",
        "funcionario",
    ]


def test_los_mensajes_no_se_modifican_ni_borran(carmen, andina, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    mensaje = mediacion.enviar_mensaje(reclamo, por=carmen, texto="Hola")
    with pytest.raises(PermissionError):
        MensajeMediacion.objects.filter(pk=mensaje.pk).update(texto="otro")
    with pytest.raises(PermissionError):
        mensaje.delete()


def test_confirmaciones_de_lectura_por_participante(client, carmen, andina, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    mensaje = mediacion.enviar_mensaje(reclamo, por=carmen, texto="¿Me pueden responder?")
    client.force_login(andina[1])
    pagina = client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).content.decode()
    assert "Sin leer por los demás participantes." not in pagina
    lectura = LecturaMensaje.objects.get(mensaje=mensaje)
    assert lectura.usuario == andina[1]
    # The author's own view does not count as a read; a second visit adds nothing.
    client.force_login(carmen)
    pagina = client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).content.decode()
    client.get(reverse("reclamos:mediacion", args=[reclamo.pk]))
    assert LecturaMensaje.objects.count() == 1
    assert "Leído por Jorge Salazar" in pagina


def test_mensaje_vacio_se_rechaza_sin_perder_el_adjunto_elegido(client, carmen, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    client.force_login(carmen)
    respuesta = client.post(reverse("reclamos:mediacion_mensaje", args=[reclamo.pk]), {"texto": ""})
    assert respuesta.status_code == 400
    assert "Revise los datos ingresados" in respuesta.content.decode()
    assert not MensajeMediacion.objects.exists()


def test_sin_dialogo_fuera_de_la_mediacion(carmen, andina, funcionario):
    reclamo = presentado(carmen)
    with pytest.raises(ConflictoDeEstado):
        mediacion.enviar_mensaje(reclamo, por=carmen, texto="Hola")


# --- access --------------------------------------------------------------------------------


def test_el_funcionario_ve_todo_el_reclamo_y_queda_registrado(client, carmen, andina, funcionario):
    from reclamos.models import AccesoPersonal

    reclamo = en_mediacion(carmen, funcionario)
    mediacion.enviar_mensaje(reclamo, por=carmen, texto="Mensaje de la consumidora")
    client.force_login(funcionario)
    pagina = client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).content.decode()
    assert "Mensaje de la consumidora" in pagina
    assert "45678912" in pagina  # the consumer's document: staff see personal data
    assert AccesoPersonal.objects.filter(reclamo=reclamo, usuario=funcionario).exists()


def test_el_proveedor_solo_ve_sus_reclamos(client, carmen, andina, funcionario):
    _sur, representante_sur = proveedor_pe(RUC_SUR, "Servicios del Sur S.A.")
    propio = en_mediacion(carmen, funcionario)
    ajeno = en_mediacion(carmen, funcionario, ruc=RUC_SUR, razon_social="Servicios del Sur S.A.")
    client.force_login(andina[1])
    assert client.get(reverse("reclamos:mediacion", args=[propio.pk])).status_code == 200
    pagina = client.get(reverse("reclamos:mediacion", args=[propio.pk])).content.decode()
    assert "45678912" not in pagina  # the consumer's document is not the provider's business
    assert client.get(reverse("reclamos:mediacion", args=[ajeno.pk])).status_code == 404
    respuesta = client.post(
        reverse("reclamos:mediacion_mensaje", args=[ajeno.pk]), {"texto": "Hola"}
    )
    assert respuesta.status_code == 404
    with pytest.raises(AccesoDenegado):
        mediacion.enviar_mensaje(ajeno, por=andina[1], texto="Intruso")
    assert not MensajeMediacion.objects.filter(reclamo=ajeno).exists()
    client.force_login(representante_sur)
    assert client.get(reverse("reclamos:mediacion", args=[ajeno.pk])).status_code == 200
    assert client.get(reverse("reclamos:mediacion", args=[propio.pk])).status_code == 404


def test_el_proveedor_no_ve_el_reclamo_hasta_el_traslado(
    client, carmen, andina, funcionario, mailoutbox, django_capture_on_commit_callbacks
):
    """S001 / DOMAIN §7.3: the agency registers the claim and then contacts the provider."""
    reclamo = presentado(carmen)
    url = reverse("reclamos:mediacion", args=[reclamo.pk])
    client.force_login(andina[1])
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        mediacion.registrar_reclamo(reclamo, por=funcionario)
        reclamo.refresh_from_db()
        mediacion.enviar_mensaje(reclamo, por=carmen, texto="Adjunto la boleta luego.")
    assert client.get(url).status_code == 404
    assert client.get(reverse("reclamos:detalle", args=[reclamo.pk])).status_code == 404
    assert reclamo.numero not in client.get(reverse("reclamos:mis_reclamos")).content.decode()
    assert andina[1].email not in {d for m in mailoutbox for d in m.to}
    assert mediacion.parte_de(andina[1], reclamo) is None
    with pytest.raises(AccesoDenegado):
        mediacion.enviar_mensaje(reclamo, por=andina[1], texto="Antes de tiempo")
    with django_capture_on_commit_callbacks(execute=True):
        mediacion.iniciar_mediacion(reclamo, por=funcionario)
    reclamo.refresh_from_db()
    assert reclamo.mediacion.trasladado_en is not None
    assert client.get(url).status_code == 200
    assert andina[1].email in {d for m in mailoutbox for d in m.to}
    # The thread is the claim's: once forwarded, the provider reads what came before.
    assert "Adjunto la boleta luego." in client.get(url).content.decode()


def test_un_reclamo_desistido_antes_del_traslado_nunca_llega_al_proveedor(
    client, carmen, andina, funcionario
):
    reclamo = presentado(carmen)
    mediacion.registrar_reclamo(reclamo, por=funcionario)
    mediacion.desistir(reclamo, por=carmen)
    client.force_login(andina[1])
    assert client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).status_code == 404


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False)
def test_convocar_desde_el_registro_traslada_el_reclamo(client, carmen, andina, funcionario):
    reclamo = presentado(carmen)
    mediacion.registrar_reclamo(reclamo, por=funcionario)
    reclamo.refresh_from_db()
    mediacion.convocar_audiencia(
        reclamo, por=funcionario, inicio=dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)
    )
    client.force_login(andina[1])
    assert client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).status_code == 200


def test_la_consumidora_solo_ve_los_suyos(client, carmen, andina, funcionario, extrano):
    reclamo = en_mediacion(carmen, funcionario)
    client.force_login(extrano)
    assert client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).status_code == 404
    assert (
        client.post(
            reverse("reclamos:mediacion_mensaje", args=[reclamo.pk]), {"texto": "x"}
        ).status_code
        == 404
    )


def test_el_personal_de_otro_regimen_no_ve_la_mediacion(client, carmen, andina, agente_admision):
    reclamo = presentado(carmen)
    client.force_login(agente_admision)
    assert client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).status_code == 404


def test_un_proveedor_sin_registro_aprobado_lee_pero_no_escribe(client, carmen, funcionario):
    _organizacion, representante = proveedor_pe(adherido=False)
    reclamo = en_mediacion(carmen, funcionario)
    client.force_login(representante)
    pagina = client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).content.decode()
    assert "regístrese en Reclama Virtual" in pagina
    assert "Enviar una propuesta" not in pagina
    with pytest.raises(AccesoDenegado):
        mediacion.proponer(reclamo, por=representante, texto="x")
    with pytest.raises(AccesoDenegado):
        mediacion.enviar_mensaje(reclamo, por=representante, texto="x")


def test_solo_el_personal_registra_y_convoca(client, carmen, andina):
    reclamo = presentado(carmen)
    client.force_login(carmen)
    assert (
        client.post(reverse("reclamos:mediacion_registrar", args=[reclamo.pk])).status_code == 403
    )
    with pytest.raises(AccesoDenegado):
        mediacion.registrar_reclamo(reclamo, por=carmen)


# --- proposal and conformidad -----------------------------------------------------------------


def test_conformidad_registra_el_sha256_del_documento_de_la_propuesta(carmen, andina, funcionario):
    propuesta = con_propuesta(carmen, funcionario, andina[1])
    documento = Documento.objects.get(pk=propuesta.documento_id)
    with documento.archivo.open("rb") as pdf:
        huella = hashlib.sha256(pdf.read()).hexdigest()
    assert documento.sha256 == huella

    mediacion.dar_conformidad(propuesta, por=carmen, sha256_visto=huella)

    propuesta.refresh_from_db()
    reclamo = propuesta.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CONCLUIDO_CON_ACUERDO
    assert propuesta.estado == PropuestaMediacion.Estado.ACEPTADA
    assert propuesta.sha256_conformidad == huella
    acto = reclamo.actuaciones.get(codigo="mediacion.conformidad")
    assert acto.por == carmen and acto.datos["sha256"] == huella
    assert huella in acto.texto


def test_conformidad_con_una_huella_distinta_se_rechaza(carmen, andina, funcionario):
    propuesta = con_propuesta(carmen, funcionario, andina[1])
    with pytest.raises(ConflictoDeEstado, match="no coincide"):
        mediacion.dar_conformidad(propuesta, por=carmen, sha256_visto="a" * 64)
    propuesta.refresh_from_db()
    assert propuesta.estado == PropuestaMediacion.Estado.PENDIENTE


def test_conformidad_espera_a_que_exista_el_pdf(carmen, andina, funcionario):
    propuesta = con_propuesta(carmen, funcionario, andina[1], renderizar=False)
    with pytest.raises(ConflictoDeEstado, match="generando"):
        mediacion.dar_conformidad(propuesta, por=carmen, sha256_visto="")


def test_solo_la_consumidora_da_conformidad(carmen, andina, funcionario):
    propuesta = con_propuesta(carmen, funcionario, andina[1])
    huella = mediacion.huella_de(propuesta)
    for otro in (andina[1], funcionario):
        with pytest.raises(AccesoDenegado):
            mediacion.dar_conformidad(propuesta, por=otro, sha256_visto=huella)


def test_conformidad_en_la_web_pide_la_contrasena(client, carmen, andina, funcionario):
    propuesta = con_propuesta(carmen, funcionario, andina[1])
    huella = mediacion.huella_de(propuesta)
    url = reverse("reclamos:mediacion_conformidad", args=[propuesta.reclamo_id, propuesta.pk])
    client.force_login(carmen)
    pagina = client.get(
        reverse("reclamos:mediacion_propuesta", args=[propuesta.reclamo_id, propuesta.pk])
    )
    assert huella in pagina.content.decode()
    mala = client.post(url, {"sha256": huella, "confirmo": "on", "contrasena": "otra"})
    assert mala.status_code == 400 and "La contraseña no es correcta." in mala.content.decode()
    propuesta.refresh_from_db()
    assert propuesta.estado == PropuestaMediacion.Estado.PENDIENTE
    buena = client.post(url, {"sha256": huella, "confirmo": "on", "contrasena": CONTRASENA})
    assert buena.status_code == 302
    propuesta.refresh_from_db()
    assert propuesta.sha256_conformidad == huella


def test_rechazo_vuelve_a_la_mediacion_y_reabre_pe_sac_2(carmen, andina, funcionario):
    propuesta = con_propuesta(carmen, funcionario, andina[1])
    with pytest.raises(DatosInvalidos):
        mediacion.rechazar_propuesta(propuesta, por=carmen, motivo=" ")
    mediacion.rechazar_propuesta(propuesta, por=carmen, motivo="Prefiero la devolución.")
    reclamo = propuesta.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_MEDIACION
    assert Plazo.objects.filter(tipo="PE-SAC-2", estado=Plazo.Estado.CORRIENDO).count() == 1
    segunda = mediacion.proponer(reclamo, por=andina[1], texto="Devolvemos el dinero.")
    assert segunda.numero == 2
    with pytest.raises(ConflictoDeEstado):
        mediacion.rechazar_propuesta(propuesta, por=carmen, motivo="otra vez")


# --- conciliation: the video hearing (an audiencias.Audiencia; its outcome: tests/audiencias) ---


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False)
def test_convocar_crea_la_audiencia_que_conduce_el_funcionario_con_su_invitacion(
    carmen, andina, funcionario, mailoutbox, django_capture_on_commit_callbacks
):
    from audiencias.models import Audiencia, Cedula

    reclamo = en_mediacion(carmen, funcionario)
    inicio = dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)
    with django_capture_on_commit_callbacks(execute=True):
        mediacion.convocar_audiencia(reclamo, por=funcionario, inicio=inicio, duracion_minutos=45)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_CONVOCADA
    audiencia = Audiencia.objects.get(reclamo=reclamo)
    assert audiencia.funcionario == funcionario and audiencia.conciliador is None
    assert (audiencia.inicio, audiencia.duracion_minutos, audiencia.modalidad) == (
        inicio,
        45,
        "video",
    )
    assert audiencia.enlace_video.startswith("https://")
    acto = reclamo.actuaciones.get(codigo="audiencia.convocada")
    assert acto.datos["enlace_video"] == audiencia.enlace_video
    assert acto.texto == (
        "Audiencia de conciliación convocada para el 10/03/2026 10:00 (hora de Lima), por video"
    )
    assert "PE-SAC-2" in _tipos(reclamo, Plazo.Estado.CUMPLIDO)
    # The régimen's notice: a calendar invitation in Peru's wording; no COPREC cédula.
    assert not Cedula.objects.exists()
    correos = [m for m in mailoutbox if "Audiencia" in m.subject]
    assert {d for m in correos for d in m.to} == {
        "carmen@example.pe",
        andina[1].email,
        funcionario.email,
    }
    cuerpo = correos[0].body
    assert "10/03/2026 10:00 (hora de Lima)" in cuerpo and audiencia.enlace_video in cuerpo
    assert "funcionario/a del Indecopi" in cuerpo
    assert "argentina" not in cuerpo and "art. 11" not in cuerpo
    ics = correos[0].attachments[0]
    assert "text/calendar" in ics[2] and "Funcionario/a del Indecopi" in ics[1]


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False)
def test_la_audiencia_se_convoca_en_dia_habil_de_la_entidad(carmen, andina, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    sabado = dt.datetime(2026, 3, 7, 10, 0, tzinfo=LIMA)
    jueves_santo = dt.datetime(2026, 4, 2, 10, 0, tzinfo=LIMA)
    for dia in (sabado, jueves_santo):
        with pytest.raises(DatosInvalidos, match="no es día hábil"):
            mediacion.convocar_audiencia(reclamo, por=funcionario, inicio=dia)


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False)
def test_la_audiencia_se_convoca_con_anticipacion_minima(carmen, andina, funcionario):
    """Monday 2/3 09:00: ten minutes ahead, tomorrow and the day after are too soon (two Indecopi
    business days, a régimen value); Wednesday 4/3 is the first day."""
    from reclamos.services.mediacion.conciliacion import primer_dia_convocable

    reclamo = en_mediacion(carmen, funcionario)
    assert reclamo.regimen.audiencias.anticipacion_minima_habiles == 2
    assert primer_dia_convocable(reclamo) == dt.date(2026, 3, 4)
    for inicio in (
        dt.datetime(2026, 3, 2, 9, 10, tzinfo=LIMA),
        dt.datetime(2026, 3, 3, 10, 0, tzinfo=LIMA),
    ):
        with pytest.raises(DatosInvalidos, match="anticipación") as error:
            mediacion.convocar_audiencia(reclamo, por=funcionario, inicio=inicio)
        assert "04/03/2026" in error.value.mensaje and "inicio" in error.value.campos
    mediacion.convocar_audiencia(
        reclamo, por=funcionario, inicio=dt.datetime(2026, 3, 4, 10, 0, tzinfo=LIMA)
    )


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False)
def test_la_audiencia_empieza_en_horario_de_atencion(carmen, andina, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    for hora in (dt.time(3, 0), dt.time(8, 0), dt.time(16, 30), dt.time(20, 0)):
        inicio = dt.datetime.combine(dt.date(2026, 3, 10), hora, tzinfo=LIMA)
        with pytest.raises(DatosInvalidos, match="horario de atención"):
            mediacion.convocar_audiencia(reclamo, por=funcionario, inicio=inicio)
    # 03:00 Lima typed as Buenos Aires' 05:00 is still 03:00 in Lima: refused too.
    with pytest.raises(DatosInvalidos, match="horario de atención"):
        mediacion.convocar_audiencia(
            reclamo,
            por=funcionario,
            inicio=dt.datetime(2026, 3, 10, 5, 0, tzinfo=ZoneInfo("America/Buenos_Aires")),
        )
    mediacion.convocar_audiencia(
        reclamo, por=funcionario, inicio=dt.datetime(2026, 3, 10, 8, 30, tzinfo=LIMA)
    )


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False)
def test_el_funcionario_no_convoca_dos_audiencias_superpuestas(carmen, andina, funcionario):
    from audiencias.models import Audiencia

    primero = en_mediacion(carmen, funcionario)
    segundo = en_mediacion(carmen, funcionario)
    mediacion.convocar_audiencia(
        primero, por=funcionario, inicio=dt.datetime(2026, 3, 10, 10, 0, tzinfo=LIMA)
    )
    with pytest.raises(DatosInvalidos, match="otra audiencia convocada"):
        mediacion.convocar_audiencia(
            segundo, por=funcionario, inicio=dt.datetime(2026, 3, 10, 10, 30, tzinfo=LIMA)
        )
    segundo.refresh_from_db()
    assert segundo.estado == Estado.EN_MEDIACION  # the whole act rolled back
    assert Audiencia.objects.count() == 1


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA), tick=False)
def test_el_formulario_de_convocatoria_mantiene_lo_escrito(client, carmen, andina, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    client.force_login(funcionario)
    url = reverse("reclamos:mediacion_convocar", args=[reclamo.pk])
    respuesta = client.post(
        url,
        {
            "inicio": "2026-03-07T10:00",
            "enlace_video": "https://sala.example/indecopi-1",
            "duracion_minutos": "60",
        },
    )
    assert respuesta.status_code == 400
    contenido = respuesta.content.decode()
    assert "no es día hábil" in contenido and "https://sala.example/indecopi-1" in contenido
    respuesta = client.post(
        url,
        {
            "inicio": "2026-03-09T10:00",
            "enlace_video": "https://sala.example/indecopi-1",
            "duracion_minutos": "60",
        },
    )
    assert respuesta.status_code == 302
    pagina = client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).content.decode()
    assert "el 09/03/2026 a las 10:00 (hora de Lima)" in pagina
    assert "Conducir la audiencia y emitir el acta" in pagina


def test_desistir_cancela_los_plazos(carmen, andina, funcionario):
    reclamo = en_mediacion(carmen, funcionario)
    mediacion.desistir(reclamo, por=carmen)
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.DESISTIDO
    assert not _tipos(reclamo, Plazo.Estado.CORRIENDO)


# --- the official's queue -----------------------------------------------------------------------


def test_bandeja_con_consultas_constantes_y_no_leidos(
    client, carmen, andina, funcionario, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(funcionario)
    primero = en_mediacion(carmen, funcionario)
    mediacion.enviar_mensaje(primero, por=carmen, texto="Hola")
    with CaptureQueriesContext(connection) as pocas:
        respuesta = client.get(reverse("reclamos:mediacion_bandeja"))
    assert '<span class="badge">1</span>' in respuesta.content.decode()
    for _ in range(8):
        otro = en_mediacion(carmen, funcionario)
        mediacion.enviar_mensaje(otro, por=carmen, texto="Hola")
    with django_assert_max_num_queries(len(pocas)):
        respuesta = client.get(reverse("reclamos:mediacion_bandeja"))
    assert respuesta.content.decode().count('<span class="badge">1</span>') == 9


def test_la_bandeja_es_solo_del_personal_del_regimen(client, carmen, agente_admision):
    client.force_login(agente_admision)
    assert client.get(reverse("reclamos:mediacion_bandeja")).status_code == 403
