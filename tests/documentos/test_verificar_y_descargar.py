"""Public verification by code, and downloads only through the access registry."""

import hashlib

import pytest
from django.urls import reverse

from cuentas.models import Usuario
from documentos import permisos
from documentos.services import emitir_documento

SNAPSHOT = {"texto": "Lucía Fernández, DNI 30123456, presentó su reclamo."}


@pytest.fixture
def registro_limpio(monkeypatch):
    """An empty access registry for the test (other apps' rules are not under test here)."""
    monkeypatch.setattr(permisos, "_ACCESOS", {})
    return permisos


@pytest.fixture
def documento(consumidora, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        documento = emitir_documento(
            tipo="cedula",
            plantilla="generico",
            snapshot=SNAPSHOT,
            por=None,
            sujeto=consumidora,
            titulo="Cédula de Lucía Fernández",
        )
    documento.refresh_from_db()
    return documento


def _bytes(respuesta) -> bytes:
    return b"".join(respuesta.streaming_content)


def test_el_codigo_verifica_tipo_numero_fecha_y_hash_sin_datos_personales(
    client, documento, administrador
):
    respuesta = client.get(f"/verificar/{documento.codigo}")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Documento verificado" in html
    assert "Cédula de notificación" in html and documento.numero_visible in html
    assert documento.sha256 in html
    assert "Lucía" not in html and "30123456" not in html and "Fernández" not in html
    # The hash shown is the hash of the PDF an authorised person downloads.
    client.force_login(administrador)
    descargado = _bytes(client.get(documento.get_absolute_url()))
    assert hashlib.sha256(descargado).hexdigest() == documento.sha256


def test_la_barra_final_tambien_verifica(client, documento):
    assert client.get(f"/verificar/{documento.codigo}/").status_code == 200


@pytest.mark.parametrize(
    "alterar",
    [
        lambda c: c[:-1] + ("A" if c[-1] != "A" else "B"),
        lambda c: c[:-3],
        lambda c: c + "x",
        lambda c: c.upper() if c != c.upper() else c.lower(),
        lambda c: "<script>",
    ],
)
def test_un_codigo_alterado_no_verifica(client, documento, alterar):
    respuesta = client.get(f"/verificar/{alterar(documento.codigo)}")
    assert respuesta.status_code == 404
    html = respuesta.content.decode()
    assert "No pudimos verificar el documento" in html
    assert documento.sha256 not in html


def test_la_verificacion_avisa_si_fue_reemplazado(client, documento):
    correccion = emitir_documento(
        tipo="cedula",
        plantilla="generico",
        snapshot=SNAPSHOT,
        por=None,
        titulo="Cédula corregida",
        reemplaza=documento,
    )
    html = client.get(f"/verificar/{documento.codigo}").content.decode()
    assert "fue reemplazado" in html and correccion.numero_visible in html


def test_sin_regla_registrada_solo_el_administrador_descarga(
    client, documento, consumidora, agente_admision, administrador, registro_limpio
):
    for persona in (consumidora, agente_admision):
        client.force_login(persona)
        assert client.get(documento.get_absolute_url()).status_code == 404
    client.force_login(administrador)
    respuesta = client.get(documento.get_absolute_url())
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["Content-Disposition"].startswith("attachment;")
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in respuesta["Cache-Control"]
    assert _bytes(respuesta).startswith(b"%PDF-")


def test_una_regla_registrada_da_acceso_a_quien_corresponde(
    client, documento, consumidora, otra_consumidora, registro_limpio
):
    registro_limpio.registrar_acceso(Usuario, lambda usuario, sujeto: usuario == sujeto)
    client.force_login(consumidora)
    assert client.get(documento.get_absolute_url()).status_code == 200
    client.force_login(otra_consumidora)
    assert client.get(documento.get_absolute_url()).status_code == 404


def test_sin_sesion_pide_ingresar(client, documento):
    respuesta = client.get(documento.get_absolute_url())
    assert respuesta.status_code == 302 and reverse("account_login") in respuesta["Location"]


def test_un_pdf_en_preparacion_muestra_un_aviso(client, administrador):
    pendiente = emitir_documento(
        tipo="cedula", plantilla="generico", snapshot=SNAPSHOT, por=None, titulo="Cédula"
    )  # not committed: not rendered yet
    client.force_login(administrador)
    respuesta = client.get(pendiente.get_absolute_url())
    assert respuesta.status_code == 202
    assert "Estamos generando el PDF" in respuesta.content.decode()
    assert (
        "El PDF se está generando" in client.get(f"/verificar/{pendiente.codigo}").content.decode()
    )


def test_la_notificacion_adjunta_el_pdf_ya_generado(
    consumidora, mailoutbox, django_capture_on_commit_callbacks
):
    from notificaciones.services import encolar_notificacion

    with django_capture_on_commit_callbacks(execute=True):
        constancia = emitir_documento(
            tipo="constancia_presentacion",
            plantilla="generico",
            snapshot=SNAPSHOT,
            por=consumidora,
            sujeto=consumidora,
            titulo="Constancia",
        )
        notificacion = encolar_notificacion(
            destinatario=consumidora,
            plantilla="aviso",
            contexto={"texto": "Adjuntamos la constancia."},
            asunto="Constancia",
            sujeto=constancia,
            adjuntos=[constancia],
        )
    constancia.refresh_from_db()
    nombre, contenido, tipo = mailoutbox[0].attachments[0]
    assert nombre == f"constancia_presentacion-{constancia.numero}-{constancia.anio}.pdf"
    assert tipo == "application/pdf"
    assert hashlib.sha256(contenido).hexdigest() == constancia.sha256
    notificacion.refresh_from_db()
    assert notificacion.sujeto == constancia


def test_la_notificacion_espera_al_pdf_sin_gastar_intentos(consumidora, mailoutbox):
    from notificaciones import services as avisos
    from notificaciones.services import encolar_notificacion

    constancia = emitir_documento(
        tipo="constancia_presentacion",
        plantilla="generico",
        snapshot=SNAPSHOT,
        por=None,
        titulo="Constancia",
    )
    notificacion = encolar_notificacion(
        destinatario=consumidora,
        plantilla="aviso",
        contexto={"texto": "x"},
        asunto="Constancia",
        adjuntos=[constancia],
    )
    assert avisos.enviar_pendiente(notificacion.pk) == avisos.ESPERA_ADJUNTO_SEGUNDOS
    notificacion.refresh_from_db()
    assert notificacion.intentos == 0 and mailoutbox == []
    from documentos.services import renderizar_documento

    renderizar_documento(constancia.pk)
    assert avisos.enviar_pendiente(notificacion.pk) is None
    assert len(mailoutbox) == 1


def test_si_el_pdf_nunca_llega_la_notificacion_queda_fallida(consumidora, mailoutbox):
    from notificaciones import services as avisos
    from notificaciones.models import Notificacion
    from notificaciones.services import encolar_notificacion

    constancia = emitir_documento(
        tipo="constancia_presentacion",
        plantilla="generico",
        snapshot=SNAPSHOT,
        por=None,
        titulo="Constancia",
    )
    notificacion = encolar_notificacion(
        destinatario=consumidora,
        plantilla="aviso",
        contexto={"texto": "x"},
        asunto="Constancia",
        adjuntos=[constancia],
    )
    assert avisos.enviar_pendiente(notificacion.pk, esperas=avisos.ESPERAS_ADJUNTO) is None
    notificacion.refresh_from_db()
    assert notificacion.estado == Notificacion.Estado.FALLIDA
    assert "adjunto" in notificacion.ultimo_error and mailoutbox == []
