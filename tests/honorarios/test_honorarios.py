"""Who pays the fee for each method and ending; the Fondo's 15 days, the refund's 5 days and the
45-day enforceability."""

import datetime as dt
from decimal import Decimal

import pytest

from honorarios import services
from honorarios.models import Arancel, Honorario
from normativa.models import ValorReferencia
from plazos import barrido
from plazos.models import Plazo
from tests.audiencias.test_audiencia import _asistencia, _quien

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "metodo,homologado,pagador",
    [
        ("a", True, "proveedor"),
        ("b", True, "proveedor"),
        ("c", True, "proveedor"),
        ("a", False, "fondo"),
        ("b", False, "proveedor"),
        ("c", False, "consumidor"),
    ],
)
def test_quien_paga(metodo, homologado, pagador):
    assert services.quien_paga(metodo, homologado=homologado) == pagador


def test_metodo_b_respeta_lo_pactado_en_el_documento_autonomo():
    assert (
        services.quien_paga("b", homologado=False, acuerdo_en_documento="consumidor")
        == "consumidor"
    )


@pytest.fixture
def arancel(db):
    ValorReferencia.objects.create(
        tipo="UR", vigente_desde=dt.date(2026, 1, 1), valor=Decimal("20000"), fuente="demo"
    )
    return Arancel.objects.create(
        vigente_desde=dt.date(2026, 1, 1),
        unidades_basico=Decimal("3"),
        bandas_total=[{"hasta": "100000", "unidades": "5"}, {"hasta": None, "unidades": "8"}],
        fuente="demo",
    )


def _cerrar_sin_acuerdo(audiencia):
    _asistencia(audiencia)
    servicio = __import__("audiencias.services.audiencia", fromlist=["x"])
    servicio.registrar_resultado(audiencia, por=_quien(audiencia), resultado="sin_acuerdo")
    return Honorario.objects.get(reclamo=audiencia.reclamo)


def test_sin_acuerdo_en_sorteo_paga_el_fondo_y_su_recorrido(
    en_la_audiencia, arancel, agente_admision, time_machine
):
    honorario = _cerrar_sin_acuerdo(en_la_audiencia)
    assert (honorario.tipo, honorario.a_cargo, honorario.monto) == (
        "basico",
        "fondo",
        Decimal("60000.00"),
    )
    assert honorario.ultima_audiencia == dt.date(2026, 3, 10)
    ar16 = Plazo.objects.get(object_id=honorario.pk, tipo="AR-16")
    assert ar16.vence == dt.date(2026, 4, 24)  # 45 calendar days after 10/3
    services.emitir_constancia_fondo(honorario, por=agente_admision)
    services.registrar_presentacion_fondo(
        honorario, por=_quien(en_la_audiencia), fecha=dt.date(2026, 3, 10)
    )
    ar15 = Plazo.objects.get(object_id=honorario.pk, tipo="AR-15")
    assert ar15.estado == "corriendo"
    services.registrar_pago(honorario, por=_quien(en_la_audiencia), fecha=dt.date(2026, 3, 20))
    ar15.refresh_from_db()
    ar16.refresh_from_db()
    assert (ar15.estado, ar16.estado) == ("cumplido", "cumplido")
    services.registrar_cobro_total(
        honorario, por=_quien(en_la_audiencia), fecha=dt.date(2026, 3, 25)
    )
    assert Plazo.objects.get(object_id=honorario.pk, tipo="AR-17").estado == "corriendo"


def test_impago_a_los_45_dias_es_ejecutable(
    en_la_audiencia, time_machine, django_capture_on_commit_callbacks
):
    honorario = _cerrar_sin_acuerdo(en_la_audiencia)
    assert honorario.monto is None  # no schedule loaded: recorded without amount
    time_machine.move_to(dt.datetime(2026, 4, 25, 12, tzinfo=dt.UTC), tick=False)
    barrido.vencer_plazos()
    honorario.refresh_from_db()
    assert honorario.estado == "ejecutable"
    assert honorario.copia_certificada.tipo == "certificado_ejecutoriedad"


def test_sin_designacion_no_hay_honorario(consumidora, proveedor_activo, agente_admision):
    from reclamos.services.admision import desistir_reclamo
    from tests.conciliadores.conftest import admitido

    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    desistir_reclamo(reclamo, por=consumidora)
    assert not Honorario.objects.filter(reclamo=reclamo).exists()
