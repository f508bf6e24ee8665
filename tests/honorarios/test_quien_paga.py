"""Who pays the conciliator's fee (DOMAIN §5 table, D202-I.17): the pure rule for every method ×
outcome, and the fee each closing act records through its transition hook."""

from decimal import Decimal

import pytest

from honorarios import reglas
from honorarios.models import Honorario
from plazos.models import Plazo

# (method, homologated agreement?) → who pays
TABLA = [
    ("a", True, "proveedor"),
    ("b", True, "proveedor"),
    ("c", True, "proveedor"),
    ("a", False, "fondo"),
    ("b", False, "proveedor"),
    ("c", False, "consumidor"),
]


@pytest.mark.parametrize("metodo,homologado,pagador", TABLA)
def test_quien_paga_por_metodo_y_resultado(metodo, homologado, pagador):
    assert reglas.quien_paga(metodo, homologado=homologado) == pagador


@pytest.mark.parametrize(
    "metodo,homologado,pacto,pagador",
    [
        ("b", False, "consumidor", "consumidor"),  # the autonomous document says otherwise
        ("b", False, "proveedor", "proveedor"),
        ("b", False, "", "proveedor"),  # silent: the provider (art. 17)
        ("b", True, "consumidor", "proveedor"),  # an agreement: always the provider
        ("a", False, "consumidor", "fondo"),  # a pact only counts in method b
        ("c", False, "proveedor", "consumidor"),
    ],
)
def test_el_documento_autonomo_solo_cuenta_en_el_metodo_b_sin_acuerdo(
    metodo, homologado, pacto, pagador
):
    assert reglas.quien_paga(metodo, homologado=homologado, pacto_documento=pacto) == pagador


def test_liquidar_sin_arancel_no_da_monto(arancel):
    assert reglas.liquidar(
        tipo="basico", arancel=None, valor_unidad=Decimal("1"), monto_reclamado=None
    ) == (None, None)
    assert reglas.liquidar(
        tipo="total", arancel=arancel, valor_unidad=None, monto_reclamado=Decimal("50000")
    ) == (Decimal("5.00"), None)
    assert reglas.liquidar(
        tipo="total", arancel=arancel, valor_unidad=Decimal("20000"), monto_reclamado=None
    ) == (Decimal("8"), Decimal("160000.00"))  # unknown amount: only the open band applies


FINALES = [
    # (closing act, homologated?)
    ("homologar", True),
    ("cerrar_sin_acuerdo", False),
    ("cerrar_por_incomparecencia", False),
    ("cerrar_por_denegacion", False),
    ("registrar_incomparecencia_consumidor", False),
    ("desistir", False),
    ("cerrar_por_tope", False),
]


@pytest.mark.django_db
@pytest.mark.parametrize("metodo", ["a", "b", "c"])
@pytest.mark.parametrize("accion,homologado", FINALES)
def test_cada_cierre_devenga_el_honorario_de_su_metodo(cerrar, arancel, metodo, accion, homologado):
    reclamo = cerrar(metodo, accion)
    honorario = Honorario.objects.get(reclamo=reclamo)
    esperado = dict(((m, h), p) for m, h, p in TABLA)[(metodo, homologado)]
    assert honorario.a_cargo == esperado
    assert honorario.tipo == ("total" if homologado else "basico")
    assert honorario.accion == accion
    # Liquidated with the schedule in force at closing: 3 UR basic; full fee for $ 150.000 → 8 UR.
    assert honorario.monto == Decimal("160000.00" if homologado else "60000.00")
    assert reclamo.actuaciones.filter(codigo="honorarios.devengado").count() == 1


@pytest.mark.django_db
def test_metodo_b_con_pacto_en_el_documento_autonomo(cerrar, arancel):
    reclamo = cerrar("b", "cerrar_sin_acuerdo", pacto="consumidor")
    honorario = reclamo.honorario
    assert (honorario.a_cargo, honorario.pactado_en_documento) == ("consumidor", True)


@pytest.mark.django_db
def test_el_honorario_se_devenga_una_sola_vez_y_abre_los_45_dias(cerrar, arancel):
    reclamo = cerrar("c", "cerrar_sin_acuerdo")
    from honorarios.services.honorarios import devengar

    assert devengar(reclamo, accion="cerrar_sin_acuerdo") is None
    assert Honorario.objects.filter(reclamo=reclamo).count() == 1
    ar16 = Plazo.objects.get(object_id=reclamo.honorario.pk, tipo="AR-16")
    assert (ar16.inicio.isoformat(), ar16.vence.isoformat()) == ("2026-03-10", "2026-04-24")


@pytest.mark.django_db
def test_conciliador_empleado_publico_deposita_en_el_fondo(cerrar, arancel):
    sorteo = cerrar("a", "cerrar_sin_acuerdo", tipo_conciliador="b")
    assert sorteo.honorario.deposito_en_fondo
    # The Fondo would pay into its own account: nothing to collect, no enforceability.
    assert sorteo.honorario.estado == "depositado_fondo"
    assert not Plazo.objects.filter(object_id=sorteo.honorario.pk, tipo="AR-16").exists()
    homologado = cerrar("a", "homologar", tipo_conciliador="b")
    assert (homologado.honorario.estado, homologado.honorario.a_cargo) == ("devengado", "proveedor")


@pytest.mark.django_db
def test_sin_designacion_no_hay_honorario(consumidora, proveedor_activo, agente_admision):
    from reclamos.services.admision import desistir_reclamo
    from tests.conciliadores.conftest import admitido

    reclamo = admitido(consumidora, proveedor_activo, agente_admision, metodo="a")
    desistir_reclamo(reclamo, por=consumidora)
    assert not Honorario.objects.filter(reclamo=reclamo).exists()
