"""Fines for non-appearance: only the provider, only after AR-11, only with a valid cédula."""

import datetime as dt
from decimal import Decimal

import pytest

from audiencias.models import Cedula
from audiencias.services import audiencia as servicio
from conciliacion.errores import ConflictoDeEstado
from honorarios import services
from honorarios.models import Multa
from normativa.models import ValorReferencia
from plazos import barrido
from reclamos.estados import Estado
from tests.audiencias.test_audiencia import _asistencia, _quien

pytestmark = pytest.mark.django_db


@pytest.fixture
def smvm(db):
    ValorReferencia.objects.create(
        tipo="SMVM", vigente_desde=dt.date(2026, 1, 1), valor=Decimal("330000"), fuente="demo"
    )
    ValorReferencia.objects.create(
        tipo="SMVM", vigente_desde=dt.date(2026, 4, 1), valor=Decimal("350000"), fuente="demo"
    )


def _ausencia_del_proveedor(audiencia):
    _asistencia(audiencia, proveedor=False)
    servicio.registrar_resultado(
        audiencia, por=_quien(audiencia), resultado="incomparecencia_proveedor"
    )
    return audiencia.reclamo


def test_la_multa_espera_que_venza_ar11(en_la_audiencia):
    reclamo = _ausencia_del_proveedor(en_la_audiencia)
    servicio.decidir_justificacion(
        reclamo, por=_quien(en_la_audiencia), aceptar=False, motivo="Sin justificación"
    )
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.CERRADO_SIN_ACUERDO
    with pytest.raises(ConflictoDeEstado) as error:
        services.certificar_multa(reclamo, por=_quien(en_la_audiencia))
    assert "AR-11" in error.value.mensaje


def test_flujo_de_la_multa_del_conciliador_al_personal(
    en_la_audiencia, smvm, agente_admision, time_machine, client, django_capture_on_commit_callbacks
):
    reclamo = _ausencia_del_proveedor(en_la_audiencia)
    time_machine.move_to(dt.datetime(2026, 3, 18, 12, tzinfo=dt.UTC), tick=False)
    barrido.vencer_plazos()
    with django_capture_on_commit_callbacks(execute=True):
        [multa] = services.certificar_multa(reclamo, por=_quien(en_la_audiencia))
    assert multa.estado == Multa.Estado.CERTIFICADA
    time_machine.move_to(dt.datetime(2026, 4, 20, 12, tzinfo=dt.UTC), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        multa = services.emitir_certificado_multa(multa, por=agente_admision, dictamen="Procede.")
    # Q11: the SMVM in force on the missed hearing's date (10/3), not today's.
    assert (multa.smvm, multa.monto, multa.estado) == (
        Decimal("330000"),
        Decimal("330000"),
        "definitiva",
    )
    multa.certificado.refresh_from_db()
    respuesta = client.get(f"/verificar/{multa.certificado.codigo}")
    assert respuesta.status_code == 200 and multa.certificado.sha256 in respuesta.content.decode()
    with pytest.raises(ConflictoDeEstado):
        services.certificar_multa(reclamo, por=_quien(en_la_audiencia))


def test_sin_notificacion_valida_no_hay_multa(en_la_audiencia, time_machine):
    reclamo = _ausencia_del_proveedor(en_la_audiencia)
    Cedula.objects.filter(audiencia=en_la_audiencia).update(en_termino=False)
    time_machine.move_to(dt.datetime(2026, 3, 18, 12, tzinfo=dt.UTC), tick=False)
    barrido.vencer_plazos()
    with pytest.raises(ConflictoDeEstado) as error:
        services.certificar_multa(reclamo, por=_quien(en_la_audiencia))
    assert "cédula" in error.value.mensaje


def test_el_consumidor_ausente_nunca_tiene_multa(en_la_audiencia, time_machine):
    _asistencia(en_la_audiencia, consumidor=False)
    servicio.registrar_resultado(
        en_la_audiencia, por=_quien(en_la_audiencia), resultado="incomparecencia_consumidor"
    )
    time_machine.move_to(dt.datetime(2026, 3, 30, 12, tzinfo=dt.UTC), tick=False)
    with pytest.raises(ConflictoDeEstado):
        services.certificar_multa(en_la_audiencia.reclamo, por=_quien(en_la_audiencia))
