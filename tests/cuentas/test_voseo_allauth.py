"""allauth's generic Spanish uses tuteo; our catalogue (locale/es_AR) replaces what reaches our
pages with voseo (issue 16 item 10)."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_la_reautenticacion_no_tutea(client, consumidora):
    client.force_login(consumidora)
    html = client.get(reverse("account_reauthenticate")).content.decode()
    assert "Enviame un código de ingreso" in html
    assert "Envíame" not in html


@pytest.mark.parametrize(
    ("msgid", "voseo"),
    [
        ("Send me a sign-in code", "Enviame"),
        ("Enter Email Verification Code", "Ingresá"),
        (
            "You cannot generate recovery codes without having two-factor authentication enabled.",
            "No podés",
        ),
    ],
)
def test_el_catalogo_argentino_reemplaza_el_tuteo(msgid, voseo):
    with translation.override("es-ar"):
        assert voseo in translation.gettext(msgid)
