"""MFA is mandatory for staff and conciliators; staff sessions expire."""

import time

import pytest
from django.urls import reverse

from cuentas.roles import ROLES_CON_MFA, Rol
from tests.conftest import CONTRASENA, activar_mfa, codigo_totp, crear_usuario

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rol", sorted(ROLES_CON_MFA))
def test_personal_sin_mfa_no_ve_ninguna_pagina_del_panel(client, rol):
    usuario = crear_usuario(f"{rol}@autoridad.example", rol)
    client.force_login(usuario)
    respuesta = client.get(reverse("portal:inicio"))
    assert respuesta.status_code == 302
    assert respuesta["Location"] == reverse("mfa_activate_totp")
    api = client.get("/api/v1/yo/")
    assert api.status_code == 403
    assert api.json()["error"]["codigo"] == "mfa_required"


def test_la_pagina_de_activacion_de_mfa_sigue_accesible(client):
    usuario = crear_usuario("nuevo@autoridad.example", Rol.ADMISION)
    client.post(reverse("account_login"), {"login": usuario.email, "password": CONTRASENA})
    # The password typed at login seconds ago counts: the QR code shows without asking again.
    respuesta = client.get(reverse("mfa_activate_totp"))
    assert respuesta.status_code == 200
    assert respuesta.context["totp_svg"]  # the QR code to scan
    assert b'name="code"' in respuesta.content


def test_activar_mfa_mucho_despues_del_ingreso_pide_la_contrasena(client, time_machine):
    usuario = crear_usuario("tarde@autoridad.example", Rol.ADMISION)
    time_machine.move_to("2026-03-02 13:00:00+00:00", tick=False)
    client.post(reverse("account_login"), {"login": usuario.email, "password": CONTRASENA})
    time_machine.move_to("2026-03-02 13:06:00+00:00", tick=False)
    respuesta = client.get(reverse("mfa_activate_totp"))
    assert respuesta["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": CONTRASENA})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_consumidor_no_necesita_mfa(client, consumidora):
    client.force_login(consumidora)
    assert client.get(reverse("portal:inicio")).status_code == 200


def test_login_de_personal_con_mfa_pide_el_codigo_totp(client):
    usuario = crear_usuario("julian@autoridad.example", Rol.ADMISION)
    secreto = activar_mfa(usuario)
    respuesta = client.post(
        reverse("account_login"), {"login": usuario.email, "password": CONTRASENA}
    )
    assert respuesta.status_code == 302
    assert respuesta["Location"] == reverse("mfa_authenticate")
    # Not logged in yet: the panel still sends to login.
    assert "_auth_user_id" not in client.session
    respuesta = client.post(reverse("mfa_authenticate"), {"code": codigo_totp(secreto)})
    assert respuesta.status_code == 302
    assert client.session["_auth_user_id"] == str(usuario.pk)


def test_restablecer_contrasena_no_inicia_sesion_ni_saltea_mfa(client, mailoutbox):
    usuario = crear_usuario("carla@autoridad.example", Rol.HOMOLOGACION, mfa=True)
    client.post(reverse("account_reset_password"), {"email": usuario.email})
    assert len(mailoutbox) == 1
    enlace = next(
        line for line in mailoutbox[0].body.splitlines() if "/password/reset/key/" in line
    )
    ruta = enlace[enlace.index("/cuentas/") :].strip()
    respuesta = client.get(ruta, follow=True)
    formulario = respuesta.redirect_chain[-1][0] if respuesta.redirect_chain else ruta
    respuesta = client.post(
        formulario, {"password1": "otra-clave-segura-9", "password2": "otra-clave-segura-9"}
    )
    assert respuesta.status_code == 302
    assert "_auth_user_id" not in client.session
    # Logging in with the new password still stops at the TOTP step.
    respuesta = client.post(
        reverse("account_login"), {"login": usuario.email, "password": "otra-clave-segura-9"}
    )
    assert respuesta["Location"] == reverse("mfa_authenticate")


def test_sesion_de_personal_vence_tras_30_minutos_sin_uso(client, agente_admision):
    client.force_login(agente_admision)
    assert client.get(reverse("portal:inicio")).status_code == 200
    sesion = client.session
    sesion["sesion_ultimo"] = time.time() - 31 * 60
    sesion.save()
    respuesta = client.get(reverse("portal:inicio"))
    assert respuesta.status_code == 302
    assert respuesta["Location"] == reverse("account_login")
    assert "_auth_user_id" not in client.session


def test_sesion_de_personal_vence_a_las_12_horas_aunque_se_use(client, agente_admision):
    client.force_login(agente_admision)
    client.get(reverse("portal:inicio"))
    sesion = client.session
    sesion["sesion_inicio"] = time.time() - 12 * 3600 - 1
    sesion.save()
    assert client.get(reverse("portal:inicio"))["Location"] == reverse("account_login")


def test_logout_termina_la_sesion(client, consumidora):
    client.force_login(consumidora)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_cambiar_email_exige_reautenticacion(client, consumidora):
    client.force_login(consumidora)
    respuesta = client.post(
        reverse("account_email"), {"action_add": "", "email": "nueva@example.com"}
    )
    assert respuesta.status_code == 302
    assert "reauthenticate" in respuesta["Location"]
