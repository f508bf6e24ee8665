"""Registration to the mediation platform as seed 001 describes it: a natural person accepts the
terms and an official validates the identity (who, when, which document); a legal person uploads
the signed terms and the proof of its powers, which staff approve or observe from the
organisation's review."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas import services as cuentas
from cuentas.models import Membresia, Organizacion
from cuentas.roles import Rol
from normativa.regimenes import obtener
from reclamos.models import AdhesionMediacion, RevisionAdhesion
from reclamos.services import adhesion as servicio
from reclamos.services.adhesion import DOCUMENTOS_JURIDICA
from tests.conftest import crear_usuario
from tests.documentos.muestras import pdf_en_blanco
from tests.reclamos.mediacion import proveedor_pe

pytestmark = pytest.mark.django_db


@pytest.fixture
def rosa(db):
    return crear_usuario("rosa.c@example.pe", Rol.CONSUMIDOR)


def _solicitar(usuario, **cambios):
    datos = {
        "usuario": usuario,
        "nombres": "Rosa",
        "apellidos": "Quispe Mamani",
        "documento_tipo": "DNI",
        "documento_numero": "4567 8912",
        "telefono": "987654321",
        "acepta_terminos": True,
    }
    datos.update(cambios)
    return servicio.solicitar_adhesion_natural(**datos)


# --- natural persons --------------------------------------------------------------------------


def test_la_persona_natural_acepta_los_terminos_y_queda_pendiente(rosa):
    adhesion = _solicitar(rosa)
    assert adhesion.estado == AdhesionMediacion.Estado.PENDIENTE
    assert adhesion.documento_numero == "45678912"
    assert adhesion.terminos_version == servicio.TERMINOS_VERSION
    texto = servicio.texto_terminos(obtener("PE-INDECOPI"))
    assert adhesion.terminos_sha256 == hashlib.sha256(texto.encode()).hexdigest()
    assert adhesion.terminos_aceptados_por == rosa
    rosa.refresh_from_db()
    assert (rosa.nombre, rosa.dni) == ("Rosa", "45678912")  # blank account data filled in
    assert not servicio.usuario_habilitado(rosa)


def test_sin_aceptar_los_terminos_no_hay_registro(rosa):
    with pytest.raises(DatosInvalidos):
        _solicitar(rosa, acepta_terminos=False)
    with pytest.raises(DatosInvalidos, match="8 dígitos"):
        _solicitar(rosa, documento_numero="1234")
    assert not AdhesionMediacion.objects.exists()


def test_el_funcionario_valida_la_identidad_y_queda_registrado_quien_cuando_y_que_documento(
    rosa, funcionario, mailoutbox, django_capture_on_commit_callbacks
):
    adhesion = _solicitar(rosa)
    with django_capture_on_commit_callbacks(execute=True):
        revision = servicio.revisar_adhesion(
            adhesion,
            por=funcionario,
            decision="aprobar",
            documento_tipo="DNI",
            documento_numero="45678912",
            medio="videollamada",
        )
    adhesion.refresh_from_db()
    assert adhesion.estado == AdhesionMediacion.Estado.ACTIVA
    assert (revision.por, revision.documento_tipo, revision.documento_numero, revision.medio) == (
        funcionario,
        "DNI",
        "45678912",
        "videollamada",
    )
    assert revision.en is not None
    assert servicio.usuario_habilitado(rosa)
    assert any("Validamos su identidad" in m.body for m in mailoutbox if m.to == [rosa.email])
    with pytest.raises(PermissionError):
        revision.save()


def test_un_documento_distinto_del_declarado_no_se_aprueba(rosa, funcionario):
    adhesion = _solicitar(rosa)
    with pytest.raises(DatosInvalidos, match="no coincide"):
        servicio.revisar_adhesion(
            adhesion,
            por=funcionario,
            decision="aprobar",
            documento_tipo="DNI",
            documento_numero="45678913",
            medio="llamada",
        )
    with pytest.raises(DatosInvalidos, match="cómo validó"):
        servicio.revisar_adhesion(
            adhesion,
            por=funcionario,
            decision="aprobar",
            documento_tipo="DNI",
            documento_numero="45678912",
        )
    adhesion.refresh_from_db()
    assert adhesion.estado == AdhesionMediacion.Estado.PENDIENTE
    assert not RevisionAdhesion.objects.exists()


def test_observada_se_corrige_y_vuelve_a_revision(rosa, funcionario):
    adhesion = _solicitar(rosa)
    with pytest.raises(DatosInvalidos):
        servicio.revisar_adhesion(adhesion, por=funcionario, decision="observar")
    servicio.revisar_adhesion(
        adhesion, por=funcionario, decision="observar", observacion="No contestó el teléfono."
    )
    adhesion.refresh_from_db()
    assert adhesion.estado == AdhesionMediacion.Estado.OBSERVADA
    with pytest.raises(ConflictoDeEstado):
        servicio.revisar_adhesion(adhesion, por=funcionario, decision="aprobar")
    corregida = _solicitar(rosa, telefono="912345678")
    assert corregida.pk == adhesion.pk and corregida.estado == AdhesionMediacion.Estado.PENDIENTE
    assert corregida.revisiones.count() == 1  # the history stays


def test_solo_el_personal_del_indecopi_valida(rosa, agente_admision, client):
    adhesion = _solicitar(rosa)
    with pytest.raises(AccesoDenegado):
        servicio.revisar_adhesion(
            adhesion, por=agente_admision, decision="observar", observacion="x"
        )
    client.force_login(agente_admision)
    url = reverse("reclamos:mediacion_validar_identidad", args=[adhesion.pk])
    assert client.get(url).status_code == 403
    client.force_login(rosa)
    assert client.get(url).status_code == 403


def test_paginas_de_registro_y_validacion(client, rosa, funcionario):
    client.force_login(rosa)
    respuesta = client.post(
        reverse("reclamos:mediacion_registro"),
        {
            "nombres": "Rosa",
            "apellidos": "Quispe",
            "documento_tipo": "DNI",
            "documento_numero": "123",
            "telefono": "987654321",
            "acepta_terminos": "on",
        },
    )
    assert respuesta.status_code == 400
    contenido = respuesta.content.decode()
    assert "El DNI tiene 8 dígitos." in contenido and 'value="Quispe"' in contenido
    client.post(
        reverse("reclamos:mediacion_registro"),
        {
            "nombres": "Rosa",
            "apellidos": "Quispe",
            "documento_tipo": "DNI",
            "documento_numero": "45678912",
            "telefono": "987654321",
            "acepta_terminos": "on",
        },
    )
    pagina = client.get(reverse("reclamos:mediacion_registro")).content.decode()
    assert "lo contactaremos" in pagina
    assert client.get(reverse("reclamos:mediacion_nuevo")).status_code == 302

    adhesion = AdhesionMediacion.objects.get()
    client.force_login(funcionario)
    assert "Rosa Quispe" in client.get(reverse("reclamos:mediacion_identidades")).content.decode()
    respuesta = client.post(
        reverse("reclamos:mediacion_validar_identidad", args=[adhesion.pk]),
        {
            "decision": "aprobar",
            "documento_tipo": "DNI",
            "documento_numero": "45678912",
            "medio": "llamada",
        },
    )
    assert respuesta.status_code == 302
    client.force_login(rosa)
    assert client.get(reverse("reclamos:mediacion_nuevo")).status_code == 200


# --- legal persons ----------------------------------------------------------------------------


@pytest.fixture
def empresa(db):
    organizacion, representante = proveedor_pe(adherido=False)
    return organizacion, representante


def _subir_todo(organizacion, representante):
    for categoria in DOCUMENTOS_JURIDICA:
        servicio.subir_documento_juridica(
            organizacion,
            por=representante,
            categoria=categoria,
            archivo=SimpleUploadedFile(f"{categoria}.pdf", pdf_en_blanco(), "application/pdf"),
        )


def test_la_empresa_no_envia_el_registro_sin_los_tres_documentos(empresa):
    organizacion, representante = empresa
    servicio.subir_documento_juridica(
        organizacion,
        por=representante,
        categoria="rv_terminos",
        archivo=SimpleUploadedFile("t.pdf", pdf_en_blanco(), "application/pdf"),
    )
    with pytest.raises(DatosInvalidos) as error:
        servicio.solicitar_adhesion_juridica(organizacion, por=representante, acepta_terminos=True)
    assert "facultades de representación" in error.value.mensaje
    assert "facultades para conciliar" in error.value.mensaje
    assert "Términos" not in error.value.mensaje


def test_solo_quien_administra_la_empresa_sube_y_envia(empresa):
    organizacion, _representante = empresa
    empleado = crear_usuario("empleado@andina.example.pe", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=empleado, organizacion=organizacion)
    with pytest.raises(AccesoDenegado):
        _subir_todo(organizacion, empleado)
    with pytest.raises(AccesoDenegado):
        servicio.solicitar_adhesion_juridica(organizacion, por=empleado, acepta_terminos=True)


def test_revision_de_la_empresa_en_la_revision_de_organizaciones(client, empresa, funcionario):
    organizacion, representante = empresa
    _subir_todo(organizacion, representante)
    adhesion = servicio.solicitar_adhesion_juridica(
        organizacion, por=representante, acepta_terminos=True
    )
    client.force_login(funcionario)
    # The organisation is already active (it runs its Libro de Reclamaciones): the pending
    # registration still brings it to the review queue.
    cola = client.get(reverse("cuentas:revision_organizaciones")).content.decode()
    assert organizacion.razon_social in cola
    pagina = client.get(reverse("cuentas:revisar_organizacion", args=[organizacion.pk]))
    contenido = pagina.content.decode()
    assert "Registro en la plataforma de mediación" in contenido
    for nombre in DOCUMENTOS_JURIDICA.values():
        assert str(nombre) in contenido
    assert "rv_conciliacion.pdf" in contenido
    assert "Alta de la organización" not in contenido  # already active: no second decision

    url = reverse("reclamos:mediacion_revisar_empresa", args=[adhesion.pk])
    sin_motivo = client.post(url, {"decision": "observar", "observacion": ""})
    assert (
        sin_motivo.status_code == 400 and "Indique la observación." in sin_motivo.content.decode()
    )
    client.post(url, {"decision": "observar", "observacion": "El poder no faculta a conciliar."})
    adhesion.refresh_from_db()
    assert adhesion.estado == AdhesionMediacion.Estado.OBSERVADA
    assert (
        organizacion.razon_social
        not in client.get(reverse("cuentas:revision_organizaciones")).content.decode()
    )

    # The representative sees the observation, uploads a new power and sends again.
    client.force_login(representante)
    pagina = client.get(reverse("reclamos:mediacion_registro_empresa", args=[organizacion.pk]))
    assert "El poder no faculta a conciliar." in pagina.content.decode()
    servicio.subir_documento_juridica(
        organizacion,
        por=representante,
        categoria="rv_conciliacion",
        archivo=SimpleUploadedFile("poder2.pdf", pdf_en_blanco(), "application/pdf"),
    )
    client.post(
        reverse("reclamos:mediacion_registro_empresa", args=[organizacion.pk]),
        {"accion": "enviar", "acepta_terminos": "on"},
    )
    adhesion.refresh_from_db()
    assert adhesion.estado == AdhesionMediacion.Estado.PENDIENTE

    client.force_login(funcionario)
    assert client.post(url, {"decision": "aprobar"}).status_code == 302
    adhesion.refresh_from_db()
    assert adhesion.estado == AdhesionMediacion.Estado.ACTIVA
    assert servicio.organizacion_habilitada(organizacion)
    assert [r.decision for r in adhesion.revisiones.all()] == ["observar", "aprobar"]
    assert all(r.por == funcionario for r in adhesion.revisiones.all())


def test_una_empresa_pendiente_de_alta_se_aprueba_primero(empresa, funcionario):
    organizacion, representante = empresa
    Organizacion.objects.filter(pk=organizacion.pk).update(estado=Organizacion.Estado.PENDIENTE)
    organizacion.refresh_from_db()
    _subir_todo(organizacion, representante)
    adhesion = servicio.solicitar_adhesion_juridica(
        organizacion, por=representante, acepta_terminos=True
    )
    with pytest.raises(ConflictoDeEstado, match="Primero apruebe"):
        servicio.revisar_adhesion(adhesion, por=funcionario, decision="aprobar")
    cuentas.aprobar_organizacion(organizacion, por=funcionario)
    organizacion.refresh_from_db()
    servicio.revisar_adhesion(adhesion, por=funcionario, decision="aprobar")
    assert servicio.organizacion_habilitada(organizacion)


def test_el_personal_de_admision_ve_la_seccion_pero_no_decide(client, empresa, agente_admision):
    organizacion, representante = empresa
    _subir_todo(organizacion, representante)
    adhesion = servicio.solicitar_adhesion_juridica(
        organizacion, por=representante, acepta_terminos=True
    )
    client.force_login(agente_admision)
    pagina = client.get(reverse("cuentas:revisar_organizacion", args=[organizacion.pk]))
    assert "Registrar revisión del registro" not in pagina.content.decode()
    url = reverse("reclamos:mediacion_revisar_empresa", args=[adhesion.pk])
    assert client.post(url, {"decision": "aprobar"}).status_code == 403
