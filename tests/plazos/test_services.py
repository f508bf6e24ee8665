"""Services of the deadline engine: open, meet, suspend, resume, extend, cancel, decreed days."""

import datetime as dt

import pytest

from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from normativa.calendarios import calendario
from normativa.models import DiaNoHabil
from plazos import services
from plazos.models import Plazo, Suspension
from plazos.selectors import plazos_corriendo_de, plazos_de

D = dt.date
pytestmark = pytest.mark.django_db


DIC_22 = D(2025, 12, 22)


def _abrir(sujeto, tipo="AR-01", desde=DIC_22, regimen="COPREC", **extra):
    return services.abrir_plazo(sujeto=sujeto, tipo=tipo, desde=desde, regimen=regimen, **extra)


def test_abrir_plazo_computa_vencimiento_version_y_explicacion(sujeto, agente_admision):
    plazo = _abrir(sujeto, por=agente_admision)
    assert plazo.estado == Plazo.Estado.CORRIENDO
    assert plazo.vence == D(2026, 1, 9)
    # Decision 5: 23:59:59 in Buenos Aires (UTC-3) is 02:59:59 UTC of the next day.
    assert plazo.vence_en == dt.datetime(2026, 1, 10, 2, 59, 59, tzinfo=dt.UTC)
    assert plazo.version_calendario == calendario("AR").version
    assert plazo.calendario == "AR"
    lineas = plazo.explicacion["lineas"]
    assert lineas[0].startswith("AR-01 — Acreditación de extremos")
    assert "D202-I.6" in lineas[0]
    assert any("Decreto 883/2025" in linea for linea in lineas)
    assert plazo.abierto_por == agente_admision
    assert plazo.sujeto == sujeto


def test_plazo_peruano_usa_el_calendario_del_proveedor_y_la_hora_de_lima(sujeto):
    plazo = _abrir(sujeto, tipo="PE-01", desde=D(2026, 10, 5), regimen="PE-INDECOPI")
    assert plazo.calendario == "PE-proveedor"
    assert plazo.vence == D(2026, 10, 27)
    assert plazo.vence_en == dt.datetime(2026, 10, 28, 4, 59, 59, tzinfo=dt.UTC)


def test_plazo_en_horas_vence_a_la_hora_exacta(sujeto):
    momento = dt.datetime(2026, 1, 5, 17, 0, tzinfo=dt.UTC)
    plazo = _abrir(sujeto, tipo="AR-24", desde=momento)
    assert plazo.vence_en == momento + dt.timedelta(hours=72)
    assert plazo.inicio == D(2026, 1, 5)


def test_tipo_desconocido_es_un_error_de_datos(sujeto):
    with pytest.raises(DatosInvalidos):
        _abrir(sujeto, tipo="XX-99")


def test_cumplir_un_plazo_dos_veces_da_conflicto(sujeto, conciliador):
    plazo = _abrir(sujeto)
    services.cumplir_plazo(plazo, por=conciliador)
    plazo.refresh_from_db()
    assert plazo.estado == Plazo.Estado.CUMPLIDO
    assert plazo.cerrado_por == conciliador
    with pytest.raises(ConflictoDeEstado):
        services.cumplir_plazo(plazo)


def test_cumplir_plazos_por_tipo_solo_cierra_los_abiertos_de_esos_tipos(sujeto, otro_proveedor):
    a, b = _abrir(sujeto, tipo="AR-01"), _abrir(sujeto, tipo="AR-05")
    ajeno = _abrir(otro_proveedor, tipo="AR-01")
    assert services.cumplir_plazos(sujeto=sujeto, tipos=["AR-01"]) == 1
    assert services.cumplir_plazos(sujeto=sujeto, tipos=["AR-01"]) == 0
    estados = {p.pk: p.estado for p in Plazo.objects.all()}
    assert estados == {a.pk: "cumplido", b.pk: "corriendo", ajeno.pk: "corriendo"}


def test_suspender_y_reanudar_corre_el_vencimiento(sujeto, agente_admision):
    plazo = _abrir(sujeto, desde=D(2026, 1, 5))
    assert plazo.vence == D(2026, 1, 19)
    n = services.suspender_plazos(
        sujeto=sujeto, desde=D(2026, 1, 7), motivo="Recusación", por=agente_admision
    )
    assert n == 1
    plazo.refresh_from_db()
    assert plazo.estado == Plazo.Estado.SUSPENDIDO
    assert services.reanudar_plazos(sujeto=sujeto, hasta=D(2026, 1, 8)) == 1
    plazo.refresh_from_db()
    assert plazo.estado == Plazo.Estado.CORRIENDO
    assert plazo.vence == D(2026, 1, 21)
    suspension = Suspension.objects.get(plazo=plazo)
    assert (suspension.desde, suspension.hasta, suspension.motivo) == (
        D(2026, 1, 7),
        D(2026, 1, 8),
        "Recusación",
    )
    assert any("Suspensión del 07/01/2026 al 08/01/2026" in x for x in plazo.explicacion["lineas"])


def test_reanudar_antes_del_inicio_de_la_suspension_es_un_error(sujeto):
    _abrir(sujeto, desde=D(2026, 1, 5))
    services.suspender_plazos(sujeto=sujeto, desde=D(2026, 1, 7), motivo="Pausa")
    with pytest.raises(DatosInvalidos):
        services.reanudar_plazos(sujeto=sujeto, hasta=D(2026, 1, 6))


def test_suspender_solo_los_tipos_pedidos(sujeto):
    a, b = _abrir(sujeto, tipo="AR-01"), _abrir(sujeto, tipo="AR-07")
    services.suspender_plazos(sujeto=sujeto, tipos=["AR-07"], desde=D(2025, 12, 23), motivo="x")
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.estado, b.estado) == ("corriendo", "suspendido")


def test_abrir_con_suspensiones_las_registra(sujeto):
    plazo = _abrir(sujeto, desde=D(2026, 1, 5), suspensiones=[(D(2026, 1, 7), D(2026, 1, 8))])
    assert plazo.vence == D(2026, 1, 21)
    assert plazo.suspensiones.count() == 1


def test_prorrogar_suma_dias_y_deja_constancia(sujeto):
    plazo = _abrir(sujeto, desde=D(2026, 1, 5))
    services.prorrogar_plazo(plazo, cantidad=5, motivo="Pedido de la parte")
    plazo.refresh_from_db()
    assert plazo.vence == D(2026, 1, 26)
    assert plazo.prorroga == 5
    assert "Pedido de la parte" in plazo.explicacion["lineas"][-1]
    with pytest.raises(DatosInvalidos):
        services.prorrogar_plazo(plazo, cantidad=0, motivo="x")


def test_prorrogar_un_plazo_cerrado_da_conflicto(sujeto):
    plazo = _abrir(sujeto)
    services.cancelar_plazos(sujeto=sujeto)
    with pytest.raises(ConflictoDeEstado):
        services.prorrogar_plazo(plazo, cantidad=2, motivo="tarde")


def test_cancelar_plazos_y_selectores(sujeto):
    _abrir(sujeto, tipo="AR-01")
    _abrir(sujeto, tipo="AR-05")
    assert plazos_corriendo_de(sujeto).count() == 2
    assert services.cancelar_plazos(sujeto=sujeto, tipos=["AR-05"]) == 1
    assert plazos_corriendo_de(sujeto).count() == 1
    assert plazos_de(sujeto).count() == 2


class TestDiaNoHabilRegistrado:
    def test_recalcula_los_plazos_que_lo_incluyen_y_llama_al_gancho(
        self, sujeto, administrador, registro_aislado
    ):
        llamadas = []
        registro_aislado.registrar_recalculo(
            "cuentas.organizacion", lambda p, anterior, dia: llamadas.append((p.pk, anterior, dia))
        )
        afectado = _abrir(sujeto, desde=D(2026, 3, 2))  # 10 business days → 16/3
        posterior = _abrir(sujeto, desde=D(2026, 3, 10))  # starts after the new day
        peruano = _abrir(sujeto, tipo="PE-01", desde=D(2026, 3, 2), regimen="PE-INDECOPI")
        assert afectado.vence == D(2026, 3, 16)
        antes = afectado.version_calendario
        no_afectados = {p.pk: (p.vence, p.version_calendario) for p in (posterior, peruano)}

        dia = services.registrar_dia_no_habil(
            fecha=D(2026, 3, 5),
            jurisdiccion="AR",
            tipo=DiaNoHabil.Tipo.ASUETO,
            calendarios=["AR"],
            fuente="Decreto 999/2026",
            por=administrador,
        )

        afectado.refresh_from_db()
        assert afectado.vence == D(2026, 3, 17)
        assert afectado.version_calendario != antes
        assert (
            "No se cuenta el jueves 05/03/2026: Asueto administrativo — Decreto 999/2026."
            in (afectado.explicacion["lineas"])
        )
        assert llamadas == [(afectado.pk, D(2026, 3, 16), dia)]
        assert dia.plazos_recalculados == 1
        assert dia.cargado_por == administrador
        for plazo in (posterior, peruano):
            plazo.refresh_from_db()
            assert (plazo.vence, plazo.version_calendario) == no_afectados[plazo.pk]

    def test_no_toca_plazos_vencidos_ni_cumplidos(self, sujeto, administrador):
        plazo = _abrir(sujeto, desde=D(2026, 3, 2))
        services.cumplir_plazo(plazo)
        services.registrar_dia_no_habil(
            fecha=D(2026, 3, 5),
            jurisdiccion="AR",
            tipo="asueto",
            calendarios=["AR"],
            fuente="Decreto 999/2026",
            por=administrador,
        )
        plazo.refresh_from_db()
        assert plazo.vence == D(2026, 3, 16)

    def test_dia_habil_forzado_adelanta_el_vencimiento(self, sujeto, administrador):
        plazo = _abrir(sujeto, desde=D(2026, 11, 2))  # crosses 9/11 (papal visit, unconfirmed)
        services.registrar_dia_no_habil(
            fecha=D(2026, 11, 9),
            jurisdiccion="AR",
            tipo="habil_forzado",
            calendarios=["AR"],
            fuente="Boletín Oficial: no fue feriado",
            por=administrador,
        )
        anterior = plazo.vence
        plazo.refresh_from_db()
        assert plazo.vence < anterior

    def test_datos_invalidos_no_guardan_nada(self, administrador):
        antes = DiaNoHabil.objects.count()
        with pytest.raises(DatosInvalidos) as error:
            services.registrar_dia_no_habil(
                fecha=D(2025, 12, 24),  # already loaded for AR
                jurisdiccion="AR",
                tipo="asueto",
                calendarios=["PE-entidad"],
                fuente="",
                por=administrador,
            )
        assert {"calendarios", "fuente"} <= set(error.value.campos)
        assert DiaNoHabil.objects.count() == antes

    def test_suspension_de_plazos_en_peru_afecta_a_la_entidad(self, sujeto, administrador):
        plazo = _abrir(sujeto, tipo="PE-SAC-1", desde=D(2026, 3, 2), regimen="PE-INDECOPI")
        proveedor = _abrir(sujeto, tipo="PE-01", desde=D(2026, 3, 2), regimen="PE-INDECOPI")
        services.registrar_dia_no_habil(
            fecha=D(2026, 3, 3),
            jurisdiccion="PE",
            tipo="no_laborable",
            calendarios=["PE-entidad"],
            fuente="DS 000-2026-PCM",
            por=administrador,
        )
        plazo.refresh_from_db()
        anterior_proveedor = proveedor.vence
        proveedor.refresh_from_db()
        assert plazo.vence == D(2026, 3, 6)
        assert proveedor.vence == anterior_proveedor
