"""The operations page and /metricas: staff only, the same figures, flat query counts."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from documentos.models import Documento
from plazos import services as plazos
from plazos.models import Plazo
from reclamos.estados import Estado
from tests.reclamos.factories import reclamo_en
from tests.trabajos.test_publicacion import atrasar, emitir

pytestmark = pytest.mark.django_db

PAGINA = reverse("operaciones:pagina")


def _consultas(client, url, **extra) -> int:
    client.get(url, **extra)  # the first request of a session writes it: measure the next one
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url, **extra)
    assert respuesta.status_code == 200
    return len(consultas)


def test_solo_el_personal_con_mfa_ve_la_pagina(client, consumidora, agente_admision):
    assert client.get(PAGINA).status_code == 302  # to the login
    client.force_login(consumidora)
    assert client.get(PAGINA).status_code == 403
    assert client.post(reverse("operaciones:reintentar", args=["documentos"])).status_code == 403
    client.force_login(agente_admision)
    respuesta = client.get(PAGINA)
    assert respuesta.status_code == 200
    assert "Generación de PDF de documentos" in respuesta.text


def test_la_pagina_lista_los_atrasados_paginados_con_consultas_constantes(client, agente_admision):
    client.force_login(agente_admision)
    for _ in range(3):
        atrasar(emitir(agente_admision))
    pocas = _consultas(client, PAGINA)
    for _ in range(22):
        atrasar(emitir(agente_admision))
    assert _consultas(client, PAGINA) == pocas
    primera = client.get(PAGINA)
    assert primera.text.count("<li><strong>") == 20
    assert re.search(r"<dt>Atrasados</dt>\s*<dd>25</dd>", primera.text)
    siguiente = re.search(r'href="\?tipo=documentos&amp;despues=([^"]+)"', primera.text).group(1)
    segunda = client.get(f"{PAGINA}?tipo=documentos&despues={siguiente.replace('&amp;', '&')}")
    assert segunda.text.count("<li><strong>") == 5
    assert "Siguientes" not in segunda.text


def test_un_cursor_invalido_muestra_la_primera_pagina_con_un_aviso(client, agente_admision):
    client.force_login(agente_admision)
    respuesta = client.get(f"{PAGINA}?tipo=documentos&despues=AAA")
    assert respuesta.status_code == 200
    assert "La página pedida no es válida" in respuesta.text


def test_el_boton_reintentar_reencola_los_atrasados_y_los_fallidos(
    client, agente_admision, settings, django_capture_on_commit_callbacks
):
    atrasado = emitir(agente_admision)
    fallido = emitir(agente_admision)
    atrasar(atrasado)
    atrasar(fallido)
    Documento.objects.filter(pk=fallido.pk).update(
        render_intentos=settings.DOCUMENTOS_RENDER_INTENTOS
    )
    client.force_login(agente_admision)
    url = reverse("operaciones:reintentar", args=["documentos"])
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(url, follow=True)
    assert "se volvieron a encolar 2 trabajos" in respuesta.text
    assert not Documento.objects.filter(sha256="").exists()  # eager: rendered in place
    assert client.post(reverse("operaciones:reintentar", args=["nada"])).status_code == 404


# --- /metricas ----------------------------------------------------------------------------------


def test_las_metricas_piden_personal_con_mfa_o_el_token(
    client, consumidora, agente_admision, settings
):
    settings.METRICAS_TOKEN = "secreto-de-prometheus"
    assert client.get("/metricas").status_code == 401
    assert client.get("/metricas", HTTP_AUTHORIZATION="Bearer otro").status_code == 401
    con_token = client.get("/metricas", HTTP_AUTHORIZATION="Bearer secreto-de-prometheus")
    assert con_token.status_code == 200
    assert con_token["Content-Type"].startswith("text/plain; version=0.0.4")
    client.force_login(consumidora)
    assert client.get("/metricas").status_code == 403
    client.force_login(agente_admision)
    assert client.get("/metricas").status_code == 200


def test_sin_token_configurado_ningun_token_vale(client, settings):
    settings.METRICAS_TOKEN = ""
    assert client.get("/metricas", HTTP_AUTHORIZATION="Bearer ").status_code == 401


def _valor(texto: str, serie: str) -> float:
    return float(re.search(rf"^{re.escape(serie)} (\S+)$", texto, re.MULTILINE).group(1))


def test_las_metricas_exportan_latencia_colas_atrasos_y_plazos(
    client, agente_admision, consumidora
):
    client.force_login(agente_admision)
    client.get(PAGINA)
    atrasar(emitir(agente_admision))
    atrasar(emitir(agente_admision))
    reclamo = reclamo_en(Estado.ADMITIDO, consumidor=consumidora)
    ahora = timezone.now()
    debido = plazos.abrir_plazo(
        sujeto=reclamo, tipo="AR-05", desde=dt.date(2026, 1, 5), regimen="COPREC"
    )
    proximo = plazos.abrir_plazo(
        sujeto=reclamo, tipo="AR-05", desde=dt.date(2026, 1, 5), regimen="COPREC"
    )
    Plazo.objects.filter(pk=debido.pk).update(vence_en=ahora - dt.timedelta(hours=2))
    Plazo.objects.filter(pk=proximo.pk).update(vence_en=ahora + dt.timedelta(hours=12))
    texto = client.get("/metricas").text
    assert (
        _valor(
            texto, 'conciliacion_solicitud_segundos_count{vista="operaciones:pagina",metodo="GET"}'
        )
        >= 1
    )
    assert (
        'conciliacion_solicitud_segundos_bucket{vista="operaciones:pagina",metodo="GET",le="+Inf"}'
        in texto
    )
    assert "# TYPE conciliacion_solicitud_segundos histogram" in texto
    assert _valor(texto, "conciliacion_cola_disponible") == 1
    assert 'conciliacion_cola_mensajes{cola="pdf"}' in texto
    assert _valor(texto, "conciliacion_documentos_atascados") == 2
    assert _valor(texto, 'conciliacion_trabajos_atrasados{tipo="documentos"}') == 2
    assert _valor(texto, 'conciliacion_trabajos_antiguedad_segundos{tipo="documentos"}') >= 3600
    assert _valor(texto, 'conciliacion_trabajos_atrasados{tipo="plazos"}') == 1
    assert 7000 <= _valor(texto, "conciliacion_barrido_retraso_segundos") < 7400
    assert _valor(texto, "conciliacion_plazos_vencen_proximo_dia") == 1
    assert _valor(texto, "conciliacion_notificaciones_pendientes") >= 0


def test_las_metricas_hacen_las_mismas_consultas_con_mas_atrasados(client, agente_admision):
    client.force_login(agente_admision)
    atrasar(emitir(agente_admision))
    pocas = _consultas(client, "/metricas")
    for _ in range(10):
        atrasar(emitir(agente_admision))
    assert _consultas(client, "/metricas") == pocas


def test_el_menu_del_administrador_lleva_a_operaciones(client):
    from cuentas.roles import Rol
    from tests.conftest import crear_usuario

    client.force_login(crear_usuario("admin@autoridad.example", Rol.ADMINISTRADOR, mfa=True))
    assert f'href="{PAGINA}"' in client.get("/").text
