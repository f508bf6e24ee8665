"""The migrations ship the dated values empty (DOMAIN Q10); the demo command loads them, marked
as demo values, and running it twice changes nothing."""

import pytest
from django.core.management import call_command

from normativa.models import ArancelHonorarios, TextoNormativo, ValorReferencia

pytestmark = pytest.mark.django_db


def test_los_valores_vienen_vacios_y_el_demo_los_carga_una_vez():
    assert not ArancelHonorarios.objects.exists()
    assert not ValorReferencia.objects.filter(tipo="UR").exists()
    call_command("cargar_demo_honorarios")
    call_command("cargar_demo_honorarios")
    arancel = ArancelHonorarios.objects.get()
    assert "demostración" in arancel.fuente
    assert arancel.unidades_total(None) is not None  # an open last band
    assert ValorReferencia.objects.filter(tipo="UR").count() == 1
    assert ValorReferencia.objects.filter(tipo="SMVM").count() == 1
    pago = TextoNormativo.objects.get(clave="multa_instrucciones_pago")
    assert pago.texto.startswith("[Texto de demostración")
