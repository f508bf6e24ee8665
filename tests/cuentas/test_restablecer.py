"""An account created without a password (office filing, invitations) is claimed through
"Solicitar una nueva contraseña": following the reset link proves the address, so the first login
does not ask for a second confirmation e-mail."""

import re

import pytest
from allauth.account.models import EmailAddress

from cuentas.models import Usuario
from cuentas.roles import Rol
from cuentas.services import crear_cuenta_sin_contrasena
from tests.conftest import crear_usuario

pytestmark = pytest.mark.django_db

CLAVE = "Una-clave-nueva-2026"


def _restablecer_e_ingresar(client, mailoutbox, email):
    client.post("/cuentas/password/reset/", {"email": email})
    enlace = re.search(r"/cuentas/password/reset/key/\S+", mailoutbox[-1].body).group()
    formulario = client.get(enlace, follow=True)
    client.post(
        formulario.redirect_chain[-1][0] if formulario.redirect_chain else enlace,
        {"password1": CLAVE, "password2": CLAVE},
    )
    return client.post("/cuentas/login/", {"login": email, "password": CLAVE})


@pytest.mark.parametrize("con_direccion", [True, False])
def test_la_cuenta_sin_contrasena_se_reclama_y_el_correo_queda_verificado(
    client, mailoutbox, con_direccion
):
    usuario, _ = crear_cuenta_sin_contrasena(email="rosa@example.com", rol=Rol.CONSUMIDOR, por=None)
    if con_direccion:  # office filing records the address unverified
        EmailAddress.objects.create(user=usuario, email=usuario.email, primary=True)

    respuesta = _restablecer_e_ingresar(client, mailoutbox, "rosa@example.com")

    assert respuesta.status_code == 302 and "confirm-email" not in respuesta.url
    assert client.session.get("_auth_user_id") == str(usuario.pk)
    assert EmailAddress.objects.get(user=usuario).verified


def test_con_otra_direccion_sin_verificar_no_se_da_por_verificada(client, mailoutbox):
    usuario = crear_usuario("lucia@example.com", Rol.CONSUMIDOR)
    EmailAddress.objects.filter(user=usuario).update(verified=False)
    EmailAddress.objects.create(user=usuario, email="otra@example.com", verified=False)

    _restablecer_e_ingresar(client, mailoutbox, "otra@example.com")

    assert not EmailAddress.objects.filter(user=usuario, verified=True).exists()
    assert Usuario.objects.get(pk=usuario.pk).check_password(CLAVE)
