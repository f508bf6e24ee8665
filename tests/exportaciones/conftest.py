"""A first quarter of 2026 built through the real services, to count by hand.

COPREC claims filed in the quarter (1/1–31/3/2026):
- A (2/3): admitted, drawn conciliator, hearing 10/3 09:00 where the provider did not appear,
  closed for non-appearance 18/3 (basic fee, Fondo, $ 60.000), fine certified and issued
  on 20/3 ($ 330.000, one SMVM), paid in April.
- B (20/3): hearing 10/3 with agreement, homologated 20/3 (full fee, 8 UR = $ 160.000).
- C (20/3, method b): hearing 10/3, closed without agreement 20/3 (basic fee, provider, $ 60.000).
- D (20/3): not admitted 20/3.
- G (20/3): filed at an office ("Sede Centro"), in admission.
Outside: E (COPREC, filed 5/4) and F (Peru, filed 20/3).
"""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest

from audiencias.models import Audiencia
from cuentas.models import Organizacion
from honorarios.services import multas as servicio_multas
from honorarios.services import seguimiento_multas as seguimiento
from reclamos.estados import Estado
from reclamos.services.admision import inadmitir_reclamo
from tests.honorarios.conftest import (  # noqa: F401  (fixtures)
    BA,
    ahora,
    arancel,
    cerrado_por_incomparecencia,
    cerrar,
    conciliadores_con_horario,
    en_la_audiencia,
    espera_turno,
    fijada,
    instrucciones_pago,
    media_privada,
    quien,
    smvm,
    textos_art_10,
    valores_de_multa,
)
from tests.reclamos.factories import reclamo_en

TODO = {clave: True for clave in servicio_multas.VERIFICACIONES}


@pytest.fixture(autouse=True)
def _solo_el_informe_en_pdf_real():
    """The scenario's own documents (cédulas, actas, certificates) are not what these tests
    check: they get a stub PDF, so building the quarter takes seconds. The quarterly report's
    document is rendered for real by WeasyPrint."""
    from documentos import pdf

    real = pdf.renderizar_pdf

    def renderizar(documento):
        if documento.tipo == "informe_trimestral":
            return real(documento)
        return b"%PDF-1.4 documento de prueba"

    with mock.patch("documentos.pdf.renderizar_pdf", renderizar):
        yield


@pytest.fixture
def oficina_centro(db):
    return Organizacion.objects.create(
        tipo=Organizacion.Tipo.OFICINA,
        tipo_identificador="CUIT",
        identificador="30999999996",
        razon_social="Sede Centro",
        domicilio_legal="Av. Julio A. Roca 651, CABA",
        estado=Organizacion.Estado.ACTIVA,
    )


@pytest.fixture
def escenario(
    arancel,  # noqa: F811
    valores_de_multa,  # noqa: F811
    cerrado_por_incomparecencia,  # noqa: F811
    en_la_audiencia,  # noqa: F811
    cerrar,  # noqa: F811
    agente_admision,
    consumidora,
    otra_consumidora,
    proveedor_activo,
    oficina_centro,
    time_machine,
    django_capture_on_commit_callbacks,
):
    return _construir(
        cerrado_por_incomparecencia,
        en_la_audiencia,
        cerrar,
        agente_admision,
        consumidora,
        otra_consumidora,
        proveedor_activo,
        oficina_centro,
        time_machine,
        django_capture_on_commit_callbacks,
    )


def _construir(
    a,
    en_la_audiencia,  # noqa: F811
    cerrar,  # noqa: F811
    agente_admision,
    consumidora,
    otra_consumidora,
    proveedor_activo,
    oficina_centro,
    time_machine,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        [multa] = servicio_multas.certificar_multa(a, por=quien(en_la_audiencia))
    time_machine.move_to(dt.datetime(2026, 3, 20, 15, tzinfo=dt.UTC), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        multa = servicio_multas.emitir_certificado_multa(
            multa, por=agente_admision, verificaciones=TODO, dictamen="Procede la multa."
        )
        b = cerrar("a", "homologar")
        c = cerrar("b", "cerrar_sin_acuerdo")
        Audiencia.objects.filter(reclamo=b).update(resultado=Audiencia.Resultado.ACUERDO)
        d = reclamo_en(
            Estado.EN_ADMISION, consumidor=otra_consumidora, organizacion=proveedor_activo
        )
        inadmitir_reclamo(d, por=agente_admision, motivos="No es una relación de consumo.")
        g = reclamo_en(
            Estado.EN_ADMISION,
            consumidor=otra_consumidora,
            organizacion=proveedor_activo,
            oficina=oficina_centro,
            cargado_por=agente_admision,
        )
        f = reclamo_en("SOLICITADO", consumidor=consumidora, regimen="PE-INDECOPI")
    # The fine is paid in April (second quarter).
    time_machine.move_to(dt.datetime(2026, 4, 5, 15, tzinfo=dt.UTC), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        multa = seguimiento.registrar_pago_multa(
            multa,
            por=agente_admision,
            fecha=dt.date(2026, 4, 3),
            monto=Decimal("330000.00"),
            referencia="Transferencia 1",
        )
        e = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    multa.refresh_from_db()
    return {
        "a": a,
        "b": b,
        "c": c,
        "d": d,
        "e": e,
        "f": f,
        "g": g,
        "multa": multa,
        "oficina": oficina_centro,
        "monto_multa": Decimal("330000.00"),
    }
