"""Provider organisations: CUIT/RUC check digits and the activation gate."""

import pytest
from django.urls import reverse

from conciliacion.errores import AccesoDenegado
from cuentas import services
from cuentas.models import Organizacion, Usuario
from cuentas.roles import Rol

pytestmark = pytest.mark.django_db


def _datos(**extra):
    datos = {
        "razon_social": "Nueva Empresa S.A.",
        "tipo_identificador": "CUIT",
        "identificador": "30-71234567-1",
        "domicilio_legal": "Calle 1, CABA",
        "email": "repre@nueva.example",
        "password": "una-clave-larga-1",
    }
    datos.update(extra)
    return datos


def test_registrar_proveedor_crea_cuenta_y_organizacion_pendiente(client):
    respuesta = client.post(reverse("cuentas:registrar_proveedor"), _datos())
    assert respuesta.status_code == 302
    organizacion = Organizacion.objects.get(identificador="30712345671")
    assert organizacion.estado == Organizacion.Estado.PENDIENTE
    usuario = Usuario.objects.get(email="repre@nueva.example")
    assert usuario.rol == Rol.REPRESENTANTE
    assert organizacion.membresias.get().es_administrador


def test_cuit_con_digito_verificador_erroneo_se_rechaza_sin_perder_lo_cargado(client):
    respuesta = client.post(
        reverse("cuentas:registrar_proveedor"), _datos(identificador="30712345672")
    )
    assert respuesta.status_code == 200
    contenido = respuesta.content.decode()
    assert "no es válido" in contenido
    assert 'value="Nueva Empresa S.A."' in contenido
    assert not Organizacion.objects.exists()


def test_ruc_peruano_valido(client):
    client.post(
        reverse("cuentas:registrar_proveedor"),
        _datos(tipo_identificador="RUC", identificador="20100000009"),
    )
    assert Organizacion.objects.get(identificador="20100000009").pais == "PE"


def test_proveedor_pendiente_no_aparece_en_la_api_ni_puede_invitar(client):
    client.post(reverse("cuentas:registrar_proveedor"), _datos())
    usuario = Usuario.objects.get(email="repre@nueva.example")
    organizacion = Organizacion.objects.get()
    assert client.get("/api/v1/organizaciones/").json()["results"] == []
    with pytest.raises(AccesoDenegado):
        services.invitar_representante(organizacion, por=usuario, email="otro@nueva.example")


def test_reclamar_un_cuit_ajeno_no_da_acceso(client, proveedor_activo):
    """A second person cannot register an already registered CUIT to see its claims."""
    respuesta = client.post(
        reverse("cuentas:registrar_proveedor"), _datos(identificador="30712345671")
    )
    assert respuesta.status_code == 200
    assert "ya está registrado" in respuesta.content.decode()
    assert not Usuario.objects.filter(email="repre@nueva.example").exists()


def test_personal_aprueba_y_la_organizacion_queda_activa(
    client, agente_admision, mailoutbox, django_capture_on_commit_callbacks
):
    client.post(reverse("cuentas:registrar_proveedor"), _datos())
    organizacion = Organizacion.objects.get()
    client.force_login(agente_admision)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(
            reverse("cuentas:revisar_organizacion", args=[organizacion.pk]), {"decision": "aprobar"}
        )
    assert respuesta.status_code == 302
    organizacion.refresh_from_db()
    assert organizacion.activa
    assert organizacion.revisada_por == agente_admision
    assert "Activa" in mailoutbox[-1].body


def test_observar_exige_motivo(client, agente_admision):
    client.post(reverse("cuentas:registrar_proveedor"), _datos())
    organizacion = Organizacion.objects.get()
    client.force_login(agente_admision)
    respuesta = client.post(
        reverse("cuentas:revisar_organizacion", args=[organizacion.pk]),
        {"decision": "observar", "observacion": ""},
    )
    assert respuesta.status_code == 200
    assert "Indicá el motivo" in respuesta.content.decode()
    organizacion.refresh_from_db()
    assert organizacion.estado == Organizacion.Estado.PENDIENTE


def test_administrador_de_proveedor_activo_invita_y_el_invitado_recibe_usuario(
    proveedor, proveedor_activo, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membresia = services.invitar_representante(
            proveedor_activo, por=proveedor, email="nuevo@telefonia.example"
        )
    assert membresia.usuario.rol == Rol.REPRESENTANTE
    assert not membresia.usuario.has_usable_password()
    assert "Solicitar una nueva contraseña" in mailoutbox[-1].body
