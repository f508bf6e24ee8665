"""Webhooks against a real local HTTPS receiver: signature (with the documented snippet),
retries with backoff after 500s and timeouts, de-duplication by event id, order per claim,
pausing, secret rotation with overlap, organisations kept apart, the payload's visibility."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from cuentas import services as cuentas
from notificaciones.models import Notificacion
from reclamos import expediente
from reclamos.estados import Estado
from reclamos.services.partes import registrar_citacion
from tests.reclamos.factories import reclamo_en
from webhooks import envio, services
from webhooks.eventos import TIPOS
from webhooks.models import Endpoint, Entrega, Evento, nuevo_secreto

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"


def snippet_documentado():
    """The exact Python block of docs/webhooks.md «Verificar la firma», executed as is."""
    texto = DOC.read_text()
    seccion = texto.split("## Verificar la firma (Python)", 1)[1]
    codigo = re.search(r"```python\n(.*?)```", seccion, re.S).group(1)
    espacio: dict = {}
    exec(compile(codigo, str(DOC), "exec"), espacio)  # noqa: S102
    return espacio["verificar"]


def _endpoint(organizacion, por, url, tipos=None):
    return services.registrar(organizacion, por=por, url=url, tipos=tipos or list(TIPOS))


def _fijar(reclamo, por=None, n=1):
    expediente._registrar(
        reclamo,
        "audiencia.fijada",
        por=por,
        texto=f"Audiencia fijada {n}",
        datos={"orden": n, "fecha": "10/12/2026"},
    )


def _vencer(entrega):
    """Time passes: the delivery's next attempt is due."""
    Entrega.objects.filter(pk=entrega.pk).update(proximo_intento=timezone.now())


def test_la_firma_se_verifica_con_el_fragmento_documentado(
    receptor, proveedor, proveedor_activo, consumidora, django_capture_on_commit_callbacks
):
    endpoint = _endpoint(proveedor_activo, proveedor, receptor.url())
    reclamo = reclamo_en(
        Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo
    )
    with django_capture_on_commit_callbacks(execute=True):
        _fijar(reclamo)
    assert len(receptor.pedidos) == 1
    pedido = receptor.pedidos[0]
    verificar = snippet_documentado()
    assert verificar(endpoint.secreto, pedido["encabezados"], pedido["cuerpo"])
    # A byte changed, another secret, or a stale timestamp: refused.
    assert not verificar(endpoint.secreto, pedido["encabezados"], pedido["cuerpo"] + b" ")
    assert not verificar(nuevo_secreto(), pedido["encabezados"], pedido["cuerpo"])
    viejo = {
        **pedido["encabezados"],
        "webhook-timestamp": str(int(pedido["encabezados"]["webhook-timestamp"]) - 3600),
    }
    assert not verificar(endpoint.secreto, viejo, pedido["cuerpo"])
    cuerpo = json.loads(pedido["cuerpo"])
    assert cuerpo["id"] == pedido["encabezados"]["webhook-id"]
    assert cuerpo["type"] == "audiencia.fijada"
    assert cuerpo["data"]["reclamo"]["numero"] == reclamo.numero
    assert Entrega.objects.get().estado == Entrega.Estado.ENTREGADA


def test_reintenta_con_espera_exponencial_tras_500_y_tras_demora(
    receptor, settings, proveedor, proveedor_activo, consumidora
):
    settings.WEBHOOKS_ESPERA_BASE = 10
    settings.WEBHOOKS_ESPERA_TOTAL = 0.5
    _endpoint(proveedor_activo, proveedor, receptor.url())
    reclamo = reclamo_en(
        Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo
    )
    _fijar(reclamo)
    entrega = Entrega.objects.get()
    receptor.guion = [(500, 0), (503, 0), (200, 1.5)]
    esperas = []
    for _ in range(3):
        antes = timezone.now()
        assert envio.intentar(entrega.pk) == "reintentar"
        entrega.refresh_from_db()
        esperas.append((entrega.proximo_intento - antes).total_seconds())
        _vencer(entrega)
    # Equal jitter: attempt n waits between half and all of base·2^(n-1).
    assert 5 <= esperas[0] <= 10.5
    assert 10 <= esperas[1] <= 20.5
    assert 20 <= esperas[2] <= 40.5
    entrega.refresh_from_db()
    assert entrega.ultimo_error == "Tiempo de espera agotado."
    assert entrega.ultimo_codigo is None
    assert entrega.intentos == 3
    assert envio.intentar(entrega.pk) == "entregada"
    entrega.refresh_from_db()
    assert (entrega.estado, entrega.ultimo_codigo, entrega.intentos) == ("entregada", 200, 4)
    # Every attempt carried the same event id.
    assert len({p["encabezados"]["webhook-id"] for p in receptor.pedidos}) == 1
    assert len(receptor.pedidos) == 4


def test_no_intenta_antes_de_tiempo_y_abandona_a_los_3_dias(
    receptor, proveedor, proveedor_activo, consumidora
):
    _endpoint(proveedor_activo, proveedor, receptor.url())
    reclamo = reclamo_en(
        Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo
    )
    _fijar(reclamo)
    entrega = Entrega.objects.get()
    receptor.guion = [(500, 0)]
    assert envio.intentar(entrega.pk) == "reintentar"
    assert envio.intentar(entrega.pk) == "ocupada"  # not due yet
    assert len(receptor.pedidos) == 1
    Entrega.objects.filter(pk=entrega.pk).update(
        creada_en=timezone.now() - dt.timedelta(days=3, minutes=1), proximo_intento=timezone.now()
    )
    assert envio.intentar(entrega.pk) == "abandonada"
    assert len(receptor.pedidos) == 1


def test_una_redireccion_no_se_sigue(receptor, proveedor, proveedor_activo):
    endpoint = _endpoint(proveedor_activo, proveedor, receptor.url())
    entrega = services.enviar_prueba(endpoint)
    receptor.guion = [(302, 0)]
    assert envio.intentar(entrega.pk) == "reintentar"
    entrega.refresh_from_db()
    assert (entrega.ultimo_codigo, entrega.ultimo_error) == (302, "Redirección no seguida.")
    assert len(receptor.pedidos) == 1


def test_reenviar_repite_el_id_y_el_receptor_descarta_el_duplicado(
    receptor, proveedor, proveedor_activo
):
    endpoint = _endpoint(proveedor_activo, proveedor, receptor.url())
    primera = services.enviar_prueba(endpoint)
    assert envio.intentar(primera.pk) == "entregada"
    segunda = services.reenviar(primera)
    assert envio.intentar(segunda.pk) == "entregada"
    assert segunda.pk != primera.pk
    ids = [p["encabezados"]["webhook-id"] for p in receptor.pedidos]
    assert len(ids) == 2 and ids[0] == ids[1]
    assert receptor.cuerpos()[0] == receptor.cuerpos()[1]
    assert receptor.ids_procesados == [ids[0]]


def test_en_orden_por_reclamo(
    receptor, proveedor, proveedor_activo, consumidora, django_capture_on_commit_callbacks
):
    _endpoint(proveedor_activo, proveedor, receptor.url())
    reclamo = reclamo_en(
        Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo
    )
    otro = reclamo_en(
        Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo
    )
    _fijar(reclamo, n=1)
    _fijar(reclamo, n=2)
    _fijar(otro, n=9)
    primera, segunda, del_otro = Entrega.objects.order_by("pk")
    receptor.guion = [(500, 0)]
    assert envio.intentar(primera.pk) == "reintentar"
    # The later event of the same claim waits; another claim's does not.
    assert envio.intentar(segunda.pk) == "esperando_anterior"
    assert envio.intentar(del_otro.pk) == "entregada"
    _vencer(primera)
    with django_capture_on_commit_callbacks(execute=True):
        # Delivered: it publishes the next one of its claim at once.
        assert envio.intentar(primera.pk) == "entregada"
    segunda.refresh_from_db()
    assert segunda.estado == Entrega.Estado.ENTREGADA
    textos = [c["data"]["actuacion"]["texto"] for c in receptor.cuerpos()]
    assert textos == [
        "Audiencia fijada 1",
        "Audiencia fijada 9",
        "Audiencia fijada 1",
        "Audiencia fijada 2",
    ]


def test_se_pausa_tras_fallos_seguidos_y_avisa_al_administrador(
    receptor, settings, client, proveedor, proveedor_activo
):
    settings.WEBHOOKS_FALLOS_PARA_PAUSAR = 3
    endpoint = _endpoint(proveedor_activo, proveedor, receptor.url())
    receptor.guion = [(500, 0)] * 3
    entregas = [services.enviar_prueba(endpoint) for _ in range(4)]
    for entrega in entregas[:3]:
        assert envio.intentar(entrega.pk) == "reintentar"
    endpoint.refresh_from_db()
    assert endpoint.estado == Endpoint.Estado.PAUSADO
    assert envio.intentar(entregas[3].pk) == "en_pausa"
    assert len(receptor.pedidos) == 3
    aviso = Notificacion.objects.get(email=proveedor.email)
    assert "Pausamos un webhook" in aviso.asunto
    client.force_login(proveedor)
    pagina = client.get(f"/organizaciones/{proveedor_activo.pk}/webhooks/").content.decode()
    assert "Pausamos el webhook" in pagina
    # Resumed: the waiting deliveries go.
    services.reanudar(endpoint)
    assert envio.intentar(entregas[3].pk) == "entregada"


def test_rotacion_con_solapamiento_firma_con_ambos_secretos(receptor, proveedor, proveedor_activo):
    verificar = snippet_documentado()
    endpoint = _endpoint(proveedor_activo, proveedor, receptor.url())
    viejo = endpoint.secreto
    endpoint = services.rotar_secreto(endpoint, horas=24)
    assert endpoint.secreto != viejo
    envio.intentar(services.enviar_prueba(endpoint).pk)
    pedido = receptor.pedidos[-1]
    assert len(pedido["encabezados"]["webhook-signature"].split(" ")) == 2
    assert verificar(viejo, pedido["encabezados"], pedido["cuerpo"])
    assert verificar(endpoint.secreto, pedido["encabezados"], pedido["cuerpo"])
    # After the overlap only the new secret signs.
    Endpoint.objects.filter(pk=endpoint.pk).update(anterior_vence_en=timezone.now())
    envio.intentar(services.enviar_prueba(endpoint).pk)
    pedido = receptor.pedidos[-1]
    assert len(pedido["encabezados"]["webhook-signature"].split(" ")) == 1
    assert not verificar(viejo, pedido["encabezados"], pedido["cuerpo"])
    assert verificar(endpoint.secreto, pedido["encabezados"], pedido["cuerpo"])


def test_una_organizacion_nunca_recibe_eventos_de_otra(
    receptor,
    proveedor,
    proveedor_activo,
    otro_proveedor,
    admin_otro,
    consumidora,
    django_capture_on_commit_callbacks,
):
    _endpoint(proveedor_activo, proveedor, receptor.url("/a"))
    _endpoint(otro_proveedor, admin_otro, receptor.url("/b"))
    solo_a = reclamo_en(
        Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo
    )
    # Named on B's side too but not served on it yet (Decision 0015): B sees nothing.
    no_citado = reclamo_en(
        Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=otro_proveedor, citado=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        _fijar(solo_a)
        _fijar(no_citado)
        expediente._registrar(
            solo_a, "audiencia.fijada", por=None, texto="interna", visible_para_partes=False
        )
    assert [c["data"]["reclamo"]["id"] for c in receptor.cuerpos("/a")] == [solo_a.pk]
    assert receptor.cuerpos("/b") == []
    assert not Evento.objects.filter(organizacion=otro_proveedor).exists()
    # Once served on B, B receives reclamo.citado for its claim, and A nothing about it.
    with django_capture_on_commit_callbacks(execute=True):
        registrar_citacion(no_citado.proveedores.all())
    assert [(c["type"], c["data"]["reclamo"]["id"]) for c in receptor.cuerpos("/b")] == [
        ("reclamo.citado", no_citado.pk)
    ]
    assert len(receptor.cuerpos("/a")) == 1


def test_el_contenido_es_lo_que_la_api_le_muestra_a_esa_organizacion(
    receptor, proveedor, proveedor_activo, consumidora, django_capture_on_commit_callbacks
):
    _endpoint(proveedor_activo, proveedor, receptor.url())
    reclamo = reclamo_en(
        Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo
    )
    with django_capture_on_commit_callbacks(execute=True):
        _fijar(reclamo)
    api = APIClient()
    _, clave = cuentas.crear_clave_api(proveedor_activo, por=proveedor, nombre="crm")
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    por_api = api.get(f"/api/v1/reclamos/{reclamo.pk}/").json()
    assert receptor.cuerpos()[0]["data"]["reclamo"] == por_api
    linea = api.get(f"/api/v1/reclamos/{reclamo.pk}/linea-de-tiempo/").json()["results"]
    assert receptor.cuerpos()[0]["data"]["actuacion"] in linea


def test_sin_webhooks_el_acto_no_escribe_filas(proveedor_activo, consumidora):
    reclamo = reclamo_en(
        Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo
    )
    _fijar(reclamo)
    assert not Evento.objects.exists()
    assert not Entrega.objects.exists()


def test_la_recuperacion_reencola_las_entregas_atrasadas(
    receptor, proveedor, proveedor_activo, django_capture_on_commit_callbacks
):
    from conciliacion import operaciones

    endpoint = _endpoint(proveedor_activo, proveedor, receptor.url())
    entrega = services.enviar_prueba(endpoint)  # its publish is lost (never committed here)
    Entrega.objects.filter(pk=entrega.pk).update(
        proximo_intento=timezone.now() - dt.timedelta(minutes=10)
    )
    assert operaciones.tipo("webhooks").cifras()["atrasados"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        hechos = operaciones.recuperar_trabajos()
    assert hechos["webhooks"] == 1
    entrega.refresh_from_db()
    assert entrega.estado == Entrega.Estado.ENTREGADA
    assert len(receptor.pedidos) == 1
