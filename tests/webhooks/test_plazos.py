"""plazo.por_vencer: N business days before a term the provider must meet, once per plazo+N,
only to the organisations served with the claim."""

import datetime as dt

import pytest

from plazos.services import abrir_plazo
from reclamos.estados import Estado
from tests.reclamos.factories import reclamo_en
from webhooks import services
from webhooks.models import Entrega, Evento
from webhooks.plazos import avisar_plazos_por_vencer

pytestmark = pytest.mark.django_db


def test_avisa_una_sola_vez_n_dias_habiles_antes(
    proveedor, proveedor_activo, otro_proveedor, admin_otro, consumidora
):
    services.registrar(
        proveedor_activo, por=proveedor, url="https://crm.example/a", tipos=["plazo.por_vencer"]
    )
    services.registrar(
        otro_proveedor, por=admin_otro, url="https://crm.example/b", tipos=["plazo.por_vencer"]
    )
    reclamo = reclamo_en(Estado.INTIMADO, consumidor=consumidora, organizacion=proveedor_activo)
    plazo = abrir_plazo(sujeto=reclamo, tipo="AR-18", desde=dt.date(2026, 12, 1), regimen="COPREC")
    # Weeks before: nothing.
    assert avisar_plazos_por_vencer(ahora=plazo.vence_en - dt.timedelta(days=30)) == 0
    # The day before it falls due (within 2 business days): one event, for A only.
    momento = plazo.vence_en - dt.timedelta(days=1)
    assert avisar_plazos_por_vencer(ahora=momento) == 1
    assert avisar_plazos_por_vencer(ahora=momento) == 0
    assert avisar_plazos_por_vencer(ahora=momento + dt.timedelta(hours=3)) == 0
    evento = Evento.objects.get()
    assert evento.organizacion == proveedor_activo
    assert evento.tipo == "plazo.por_vencer"
    assert evento.datos["plazo"]["tipo"] == "AR-18"
    assert evento.datos["plazo"]["aviso_dias_habiles"] == 2
    assert evento.datos["reclamo"]["id"] == reclamo.pk
    assert Entrega.objects.count() == 1


def test_los_plazos_del_consumidor_no_se_avisan_al_proveedor(
    proveedor, proveedor_activo, consumidora
):
    services.registrar(
        proveedor_activo, por=proveedor, url="https://crm.example/a", tipos=["plazo.por_vencer"]
    )
    reclamo = reclamo_en(Estado.INADMITIDO, consumidor=consumidora, organizacion=proveedor_activo)
    plazo = abrir_plazo(sujeto=reclamo, tipo="AR-02", desde=dt.date(2026, 12, 1), regimen="COPREC")
    assert avisar_plazos_por_vencer(ahora=plazo.vence_en - dt.timedelta(days=1)) == 0
    assert not Evento.objects.exists()
