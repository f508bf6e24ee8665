"""Decision 0015 (issue 16 item 4): a provider sees a claim only from its service onwards; never
a claim not admitted or not yet served, never the admission's reasons or internal notes, never
the consumer's own deadlines. Pages and API alike."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cuentas import services as cuentas
from plazos.models import Plazo
from reclamos import expediente
from reclamos.estados import Estado
from reclamos.models import Actuacion, Reclamo, ReclamoProveedor
from reclamos.permisos import reclamos_visibles
from reclamos.services.partes import registrar_citacion
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db

NO_CITADOS = [
    Estado.EN_ADMISION,
    Estado.REQUERIMIENTO,
    Estado.INADMITIDO,
    Estado.RECURSO_EN_TRAMITE,
    Estado.INADMITIDO_FIRME,
    Estado.ADMITIDO,
    Estado.ESPERA_TURNO,
    Estado.CONCILIADOR_DESIGNADO,
]


def _api_del_proveedor(proveedor, organizacion):
    api = APIClient()
    _, clave = cuentas.crear_clave_api(organizacion, por=proveedor, nombre="crm")
    api.credentials(HTTP_AUTHORIZATION=f"Clave {clave}")
    return api


@pytest.mark.parametrize("estado", NO_CITADOS)
def test_el_proveedor_no_ve_un_reclamo_que_no_le_fue_notificado(
    client, proveedor, consumidora, proveedor_activo, estado
):
    reclamo = reclamo_en(estado, consumidor=consumidora, organizacion=proveedor_activo)
    client.force_login(proveedor)
    assert client.get(reverse("reclamos:detalle", args=[reclamo.pk])).status_code == 404
    assert reclamo.numero not in client.get(reverse("reclamos:mis_reclamos")).content.decode()
    api = _api_del_proveedor(proveedor, proveedor_activo)
    assert api.get("/api/v1/reclamos/").json()["results"] == []
    assert api.get(f"/api/v1/reclamos/{reclamo.pk}/").status_code == 404
    assert api.get(f"/api/v1/reclamos/{reclamo.pk}/linea-de-tiempo/").status_code == 404


def test_desde_la_citacion_lo_ve_y_solo_lo_posterior(
    client, proveedor, consumidora, proveedor_activo, agente_admision
):
    reclamo = reclamo_en(
        Estado.RECURSO_EN_TRAMITE, consumidor=consumidora, organizacion=proveedor_activo
    )
    antes = timezone.now() - timezone.timedelta(days=3)
    Actuacion.objects.create(
        reclamo=reclamo,
        codigo="reclamo.inadmitido",
        por=agente_admision,
        texto="Motivo de no admisión: falta la factura",
        en=antes,
    )
    expediente._registrar(
        reclamo,
        "nota.interna",
        por=agente_admision,
        texto="Nota interna del personal",
        visible_para_partes=False,
    )
    Plazo.objects.create(
        content_type=ContentType.objects.get_for_model(Reclamo),
        object_id=reclamo.pk,
        tipo="AR-02",
        regimen="COPREC",
        calendario="AR",
        unidad="habiles",
        cantidad=20,
        inicio=antes.date(),
        vence=(antes + timezone.timedelta(days=30)).date(),
        vence_en=antes + timezone.timedelta(days=30),
        version_calendario="t",
    )
    Reclamo.objects.filter(pk=reclamo.pk).update(estado=Estado.AUDIENCIA_FIJADA)
    assert not reclamos_visibles(proveedor).filter(pk=reclamo.pk).exists()

    registrar_citacion(reclamo.proveedores.all())
    expediente._registrar(
        reclamo, "audiencia.fijada", por=agente_admision, texto="Audiencia fijada para el lunes"
    )

    client.force_login(proveedor)
    pagina = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "Audiencia fijada para el lunes" in pagina
    assert "falta la factura" not in pagina
    assert "Nota interna" not in pagina
    assert "Recurso contra la no admisión" not in pagina  # the consumer's own term (AR-02)
    api = _api_del_proveedor(proveedor, proveedor_activo)
    linea = api.get(f"/api/v1/reclamos/{reclamo.pk}/linea-de-tiempo/").json()
    textos = [a["texto"] for a in linea["results"]]
    assert textos == ["Audiencia fijada para el lunes"]
    # The consumer and staff still see all of it.
    client.force_login(consumidora)
    pagina = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "falta la factura" in pagina
    # (The parties read their own terms in the claim's timeline, by stage; the coded box of
    # every term is the staff's.)
    client.force_login(agente_admision)
    pagina = client.get(reverse("reclamos:detalle", args=[reclamo.pk])).content.decode()
    assert "falta la factura" in pagina and "Recurso contra la no admisión" in pagina


def test_la_citacion_es_por_proveedor(
    client, proveedor, consumidora, proveedor_activo, otro_proveedor
):
    """A provider added later (D202-I.11) sees the claim when its own cédula is issued."""
    reclamo = reclamo_en(
        Estado.EN_CONCILIACION, consumidor=consumidora, organizacion=otro_proveedor
    )
    ReclamoProveedor.objects.create(
        reclamo=reclamo,
        organizacion=proveedor_activo,
        identificador=proveedor_activo.identificador,
        razon_social=proveedor_activo.razon_social,
        domicilio_legal="x",
    )
    assert not reclamos_visibles(proveedor).exists()
    registrar_citacion(reclamo.proveedores.filter(organizacion=proveedor_activo))
    assert list(reclamos_visibles(proveedor)) == [reclamo]


def test_la_segunda_citacion_conserva_la_primera_fecha(consumidora, proveedor_activo):
    reclamo = reclamo_en(
        Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo
    )
    primera = reclamo.proveedores.get().citado_en
    registrar_citacion(reclamo.proveedores.all())
    assert reclamo.proveedores.get().citado_en == primera


def test_reclamos_visibles_no_repite_filas_ni_usa_distinct(
    consumidora, proveedor, proveedor_activo
):
    from cuentas.models import Organizacion

    segunda = Organizacion.objects.create(
        tipo="proveedor",
        tipo_identificador="CUIT",
        identificador="30500010084",
        razon_social="Segunda S.A.",
        estado=Organizacion.Estado.ACTIVA,
    )
    proveedor.membresias.create(organizacion=segunda)
    reclamo = reclamo_en(
        Estado.AUDIENCIA_FIJADA, consumidor=consumidora, organizacion=proveedor_activo
    )
    ReclamoProveedor.objects.create(
        reclamo=reclamo,
        organizacion=segunda,
        identificador=segunda.identificador,
        razon_social=segunda.razon_social,
        domicilio_legal="x",
        citado_en=timezone.now(),
    )
    qs = reclamos_visibles(proveedor)
    assert list(qs) == [reclamo]
    assert "DISTINCT" not in str(qs.query).upper()
