"""Counting rules (DOMAIN Decisions 2–8, §8): worked examples and properties."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normativa.calendarios import DEFINICIONES, CalendarioHabil, calendario
from normativa.regimenes import Calendario, Unidad
from plazos.computo import computar

D = dt.date
H, C = Unidad.HABILES, Unidad.CORRIDOS


def _ar_solo_paquete() -> CalendarioHabil:
    return CalendarioHabil(DEFINICIONES[Calendario.AR], {}, "prueba")


@pytest.mark.django_db
class TestEjemplosResueltos:
    def test_ar_diez_habiles_desde_el_22_12_2025_con_los_asuetos_decretados(self):
        r = computar(calendario=calendario("AR"), desde=D(2025, 12, 22), cantidad=10, unidad=H)
        assert r.vence == D(2026, 1, 9)
        assert r.computados[0] == D(2025, 12, 23)
        assert (D(2025, 12, 24), "Asueto administrativo — Decreto 883/2025") in r.excluidos
        assert (D(2025, 12, 25), "Navidad") in r.excluidos
        assert (D(2026, 1, 1), "Año Nuevo") in r.excluidos
        assert (
            "No se cuenta el miércoles 31/12/2025: Asueto administrativo — Decreto 883/2025."
            in (r.explicacion)
        )
        assert r.version_calendario == calendario("AR").version

    def test_ar_diez_habiles_con_el_paquete_solo_vence_el_7_de_enero(self):
        r = computar(calendario=_ar_solo_paquete(), desde=D(2025, 12, 22), cantidad=10, unidad=H)
        assert r.vence == D(2026, 1, 7)

    def test_pe_hoja_presentada_el_lunes_5_10_2026_vence_el_martes_27(self):
        r = computar(
            calendario=calendario("PE-proveedor"), desde=D(2026, 10, 5), cantidad=15, unidad=H
        )
        assert r.vence == D(2026, 10, 27)
        assert (D(2026, 10, 8), "Combate de Angamos") in r.excluidos

    def test_carnaval_se_saltea(self):
        r = computar(calendario=calendario("AR"), desde=D(2026, 2, 13), cantidad=1, unidad=H)
        assert r.vence == D(2026, 2, 18)
        assert [m for _, m in r.excluidos] == [
            "sábado",
            "domingo",
            "Lunes de Carnaval",
            "Martes de Carnaval",
        ]

    def test_semana_santa_y_malvinas(self):
        # Wed 1/4/2026 → Thu 2/4 (Malvinas; Jueves Santo), Fri 3/4 Viernes Santo, weekend.
        r = computar(calendario=calendario("AR"), desde=D(2026, 4, 1), cantidad=1, unidad=H)
        assert r.vence == D(2026, 4, 6)

    def test_jueves_y_viernes_santo_en_peru(self):
        r = computar(
            calendario=calendario("PE-proveedor"), desde=D(2026, 4, 1), cantidad=1, unidad=H
        )
        assert r.vence == D(2026, 4, 6)

    @pytest.mark.parametrize(
        ("desde", "vence"),
        [
            (D(2026, 3, 20), D(2026, 3, 25)),  # bridge 23/3 + 24/3 Memoria
            (D(2026, 7, 8), D(2026, 7, 13)),  # 9/7 Independencia + bridge 10/7
            (D(2026, 12, 4), D(2026, 12, 9)),  # bridge 7/12 + 8/12 Inmaculada
        ],
    )
    def test_dias_puente_turisticos(self, desde, vence):
        r = computar(calendario=calendario("AR"), desde=desde, cantidad=1, unidad=H)
        assert r.vence == vence

    def test_27_de_junio_no_se_cuenta_en_argentina(self):
        # Thu 26/6/2025 → Fri 27/6 (Día del Trabajador del Estado) → Mon 30/6.
        r = computar(calendario=calendario("AR"), desde=D(2025, 6, 26), cantidad=1, unidad=H)
        assert r.vence == D(2025, 6, 30)
        pe = computar(
            calendario=calendario("PE-proveedor"), desde=D(2025, 6, 26), cantidad=1, unidad=H
        )
        assert pe.vence == D(2025, 6, 27)

    def test_feriado_trasladado_por_decreto_614(self):
        r = computar(calendario=calendario("AR"), desde=D(2025, 10, 9), cantidad=1, unidad=H)
        assert r.vence == D(2025, 10, 13)

    def test_fin_de_anio_en_peru_entidad_con_dias_no_laborables(self):
        # PE-entidad skips 26/12/2025 and 2/1/2026 (DS 042-2025-PCM); the provider does not.
        entidad = computar(
            calendario=calendario("PE-entidad"), desde=D(2025, 12, 24), cantidad=3, unidad=H
        )
        proveedor = computar(
            calendario=calendario("PE-proveedor"), desde=D(2025, 12, 24), cantidad=3, unidad=H
        )
        assert proveedor.vence == D(2025, 12, 30)  # 26, 29, 30
        assert entidad.vence == D(2025, 12, 31)  # 29, 30, 31

    def test_suspension_con_ambos_extremos_incluidos(self):
        r = computar(
            calendario=calendario("AR"),
            desde=D(2026, 1, 5),
            cantidad=10,
            unidad=H,
            suspensiones=[(D(2026, 1, 7), D(2026, 1, 8))],
        )
        assert r.vence == D(2026, 1, 21)
        assert (D(2026, 1, 7), "plazo suspendido") in r.excluidos
        assert (D(2026, 1, 8), "plazo suspendido") in r.excluidos

    def test_corridos_que_terminan_en_dia_no_habil_se_trasladan(self):
        r = computar(calendario=calendario("AR"), desde=D(2025, 11, 21), cantidad=3, unidad=C)
        # 22, 23, 24/11 → 24/11/2025 is Día de la Soberanía (Monday): moves to Tue 25/11.
        assert r.vence == D(2025, 11, 25)
        assert r.trasladado_a_habil
        assert len(r.computados) == 3

    def test_corridos_de_espera_no_se_trasladan(self):
        r = computar(
            calendario=calendario("AR"),
            desde=D(2025, 11, 21),
            cantidad=3,
            unidad=C,
            mueve_a_habil=False,
        )
        assert r.vence == D(2025, 11, 24)
        assert not r.trasladado_a_habil

    def test_corridos_cuentan_fines_de_semana_pero_no_dias_suspendidos(self):
        r = computar(
            calendario=calendario("AR"),
            desde=D(2026, 1, 5),
            cantidad=10,
            unidad=C,
            suspensiones=[(D(2026, 1, 10), D(2026, 1, 11))],
        )
        # 6–9 count, 10–11 suspended, 12–17 count: day 10 is Saturday 17 → Monday 19.
        assert r.computados[-1] == D(2026, 1, 17)
        assert r.vence == D(2026, 1, 19)
        assert D(2026, 1, 10) not in r.computados

    def test_plazo_en_horas_desde_un_momento(self):
        zona = ZoneInfo("America/Argentina/Buenos_Aires")
        r = computar(
            calendario=calendario("AR"),
            desde=dt.datetime(2026, 1, 5, 14, 30, tzinfo=zona),
            cantidad=72,
            unidad=Unidad.HORAS,
        )
        assert r.vence == dt.datetime(2026, 1, 8, 14, 30, tzinfo=zona)

    def test_cantidad_invalida_y_suspension_al_reves(self):
        with pytest.raises(ValueError):
            computar(calendario=_ar_solo_paquete(), desde=D(2026, 1, 5), cantidad=0, unidad=H)
        with pytest.raises(ValueError, match="antes de empezar"):
            computar(
                calendario=_ar_solo_paquete(),
                desde=D(2026, 1, 5),
                cantidad=3,
                unidad=H,
                suspensiones=[(D(2026, 1, 9), D(2026, 1, 7))],
            )


# --- Properties (hypothesis) -------------------------------------------------------------------
# These run on in-memory calendars built from the package alone (plus generated decreed days), so
# they need no database and explore many years.

CALENDARIOS = st.sampled_from(list(Calendario))
FECHAS = st.dates(min_value=D(2000, 1, 1), max_value=D(2035, 12, 31))
CANTIDADES = st.integers(min_value=1, max_value=60)


def _cal(codigo, decretados=None) -> CalendarioHabil:
    return CalendarioHabil(DEFINICIONES[codigo], decretados or {}, "propiedad")


@settings(max_examples=150, deadline=None)
@given(codigo=CALENDARIOS, desde=FECHAS, cantidad=CANTIDADES)
def test_un_plazo_en_dias_habiles_vence_en_dia_habil(codigo, desde, cantidad):
    cal = _cal(codigo)
    r = computar(calendario=cal, desde=desde, cantidad=cantidad, unidad=H)
    assert cal.es_habil(r.vence)
    assert len(r.computados) == cantidad
    assert all(cal.es_habil(d) for d in r.computados)
    assert r.computados[0] == cal.habil_siguiente(desde)


@settings(max_examples=100, deadline=None)
@given(codigo=CALENDARIOS, desde=FECHAS, cantidad=CANTIDADES)
def test_un_plazo_corrido_para_actuar_vence_en_dia_habil(codigo, desde, cantidad):
    cal = _cal(codigo)
    r = computar(calendario=cal, desde=desde, cantidad=cantidad, unidad=C)
    assert cal.es_habil(r.vence)
    assert r.computados[-1] == desde + dt.timedelta(days=cantidad)


@settings(max_examples=150, deadline=None)
@given(
    codigo=CALENDARIOS,
    desde=FECHAS,
    cantidad=CANTIDADES,
    desplazamiento=st.integers(min_value=1, max_value=120),
    unidad=st.sampled_from([H, C]),
)
def test_agregar_un_dia_no_habil_nunca_adelanta_el_vencimiento(
    codigo, desde, cantidad, desplazamiento, unidad
):
    antes = computar(calendario=_cal(codigo), desde=desde, cantidad=cantidad, unidad=unidad)
    dia = desde + dt.timedelta(days=desplazamiento)
    con_dia = _cal(codigo, {dia: (False, "Asueto de prueba")})
    despues = computar(calendario=con_dia, desde=desde, cantidad=cantidad, unidad=unidad)
    assert despues.vence >= antes.vence
    if unidad == H and desde < dia <= antes.vence and _cal(codigo).es_habil(dia):
        assert despues.vence > antes.vence


@settings(max_examples=150, deadline=None)
@given(
    codigo=CALENDARIOS,
    desde=FECHAS,
    cantidad=st.integers(min_value=2, max_value=40),
    datos=st.data(),
)
def test_suspender_k_dias_habiles_dentro_del_plazo_lo_corre_k_dias_habiles(
    codigo, desde, cantidad, datos
):
    cal = _cal(codigo)
    base = computar(calendario=cal, desde=desde, cantidad=cantidad, unidad=H)
    inicio = datos.draw(st.sampled_from(base.computados), label="inicio")
    k = datos.draw(st.integers(min_value=1, max_value=10), label="k")
    fin = inicio
    for _ in range(k - 1):
        fin = cal.habil_siguiente(fin)
    suspendido = computar(
        calendario=cal, desde=desde, cantidad=cantidad, unidad=H, suspensiones=[(inicio, fin)]
    )
    esperado = base.vence
    for _ in range(k):
        esperado = cal.habil_siguiente(esperado)
    assert suspendido.vence == esperado


@settings(max_examples=100, deadline=None)
@given(
    codigo=CALENDARIOS,
    desde=FECHAS,
    cantidad=CANTIDADES,
    hora=st.times(),
    unidad=st.sampled_from([H, C]),
)
def test_la_hora_del_acto_inicial_no_importa(codigo, desde, cantidad, hora, unidad):
    cal = _cal(codigo)
    momento = dt.datetime.combine(desde, hora, tzinfo=cal.zona)
    por_fecha = computar(calendario=cal, desde=desde, cantidad=cantidad, unidad=unidad)
    por_momento = computar(calendario=cal, desde=momento, cantidad=cantidad, unidad=unidad)
    assert por_momento.vence == por_fecha.vence
    assert por_momento.computados == por_fecha.computados
    # The same instant seen in UTC is still that local day.
    en_utc = computar(
        calendario=cal, desde=momento.astimezone(dt.UTC), cantidad=cantidad, unidad=unidad
    )
    assert en_utc.vence == por_fecha.vence
