"""Mis notificaciones: the recipient's proof of notice, the read receipt and the API."""

import pytest
from django.urls import reverse

from notificaciones.models import Notificacion
from notificaciones.services import encolar_notificacion


@pytest.fixture
def aviso(consumidora, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notificacion = encolar_notificacion(
            destinatario=consumidora,
            plantilla="aviso",
            contexto={"nombre": "Lucía", "texto": "Se fijó la audiencia para el 10 de marzo."},
            asunto="Audiencia fijada",
        )
    notificacion.refresh_from_db()
    return notificacion


def test_la_lista_muestra_solo_las_propias_con_envio_y_lectura(
    client, consumidora, otra_consumidora, aviso
):
    encolar_notificacion(
        destinatario=otra_consumidora, plantilla="aviso", contexto={"texto": "x"}, asunto="Ajena"
    )
    client.force_login(consumidora)
    respuesta = client.get(reverse("notificaciones:mis_notificaciones"))
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Audiencia fijada" in html
    assert "Ajena" not in html
    assert "Sin abrir" in html
    assert "Mis notificaciones" in html  # the menu link


def test_abrirla_registra_la_lectura_una_sola_vez(client, consumidora, aviso):
    client.force_login(consumidora)
    respuesta = client.get(aviso.get_absolute_url())
    assert respuesta.status_code == 200
    assert "Se fijó la audiencia para el 10 de marzo." in respuesta.content.decode()
    aviso.refresh_from_db()
    primera = aviso.leida_en
    assert primera is not None
    client.get(aviso.get_absolute_url())
    aviso.refresh_from_db()
    assert aviso.leida_en == primera


@pytest.mark.parametrize("persona", ["otra_consumidora", "administrador", "agente_admision"])
def test_nadie_mas_puede_abrirla_ni_marcarla_leida(client, aviso, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(aviso.get_absolute_url()).status_code == 404
    aviso.refresh_from_db()
    assert aviso.leida_en is None


def test_sin_sesion_pide_ingresar(client, aviso):
    respuesta = client.get(aviso.get_absolute_url())
    assert respuesta.status_code == 302
    assert reverse("account_login") in respuesta["Location"]
    assert Notificacion.objects.get(pk=aviso.pk).leida_en is None


def test_la_api_lista_solo_las_propias(client, consumidora, otra_consumidora, aviso):
    encolar_notificacion(
        destinatario=otra_consumidora, plantilla="aviso", contexto={"texto": "x"}, asunto="Ajena"
    )
    client.force_login(consumidora)
    cuerpo = client.get("/api/v1/notificaciones/").json()
    assert [n["asunto"] for n in cuerpo["results"]] == ["Audiencia fijada"]
    fila = cuerpo["results"][0]
    assert fila["aceptada_en"] and fila["leida_en"] is None
    assert fila["message_id"] == aviso.message_id


def test_la_api_sin_sesion_es_401_o_403(client, aviso):
    assert client.get("/api/v1/notificaciones/").status_code in {401, 403}
