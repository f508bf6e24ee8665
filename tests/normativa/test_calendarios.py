"""Calendars: the `holidays` package facts we rely on (DOMAIN §8.1), the decreed days shipped as
data (§8.2) and the per-kind calendars of Decision 6 / Q13 / Q14."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from normativa.calendarios import calendario, calendario_en_memoria
from normativa.models import DiaNoHabil
from normativa.regimenes import Calendario

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fecha", "motivo"),
    [
        (D(2026, 2, 16), "Lunes de Carnaval"),
        (D(2026, 2, 17), "Martes de Carnaval"),
        (D(2026, 3, 23), "Feriado con fines turísticos"),
        (D(2026, 7, 10), "Feriado con fines turísticos"),
        (D(2026, 12, 7), "Feriado con fines turísticos"),
        (D(2026, 4, 3), "Viernes Santo"),
        (D(2025, 4, 17), "Jueves Santo"),
        (D(2025, 6, 27), "Día del Trabajador del Estado"),
        (D(2025, 12, 24), "Asueto administrativo — Decreto 883/2025"),
        (D(2025, 12, 31), "Asueto administrativo — Decreto 883/2025"),
        (D(2025, 10, 10), "Feriado trasladado — Decreto 614/2025 y Res. JGM 139/2025"),
        (D(2026, 1, 3), "sábado"),
        (D(2026, 1, 4), "domingo"),
    ],
)
def test_calendario_ar_explica_cada_dia_no_habil(fecha, motivo):
    assert calendario(Calendario.AR).motivo(fecha) == motivo
    assert not calendario(Calendario.AR).es_habil(fecha)


def test_jueves_santo_2026_coincide_con_malvinas_y_nombra_ambos():
    assert "Jueves Santo" in calendario("AR").motivo(D(2026, 4, 2))


def test_dias_habiles_comunes_en_ar():
    ar = calendario("AR")
    for fecha in (D(2025, 12, 23), D(2026, 1, 2), D(2026, 3, 25), D(2026, 7, 8)):
        assert ar.es_habil(fecha), fecha
        assert ar.motivo(fecha) is None


def test_27_de_junio_es_habil_en_peru_y_no_en_argentina():
    # 2025-06-27 was a Friday.
    assert not calendario("AR").es_habil(D(2025, 6, 27))
    assert calendario("PE-proveedor").es_habil(D(2025, 6, 27))


def test_dia_no_laborable_del_sector_publico_solo_afecta_a_la_entidad():
    """Q14: DS 042-2025-PCM days are business days for the provider, not for Indecopi."""
    for fecha in (D(2025, 5, 2), D(2025, 12, 26), D(2026, 1, 2), D(2024, 12, 23)):
        assert calendario("PE-proveedor").es_habil(fecha), fecha
        assert not calendario("PE-entidad").es_habil(fecha), fecha
    assert calendario("PE-entidad").motivo(D(2026, 1, 2)) == "Día no laborable — DS 042-2025-PCM"


def test_feriados_peruanos_con_nombre_en_castellano():
    pe = calendario("PE-proveedor")
    assert pe.motivo(D(2026, 10, 8)) == "Combate de Angamos"
    assert pe.motivo(D(2026, 6, 29)) == "San Pedro y San Pablo"
    assert pe.motivo(D(2026, 4, 2)) == "Jueves Santo"
    assert pe.es_habil(D(2026, 2, 16))  # no carnival in Peru


def test_la_carga_inicial_trae_los_dias_decretados_con_su_norma():
    filas = {(d.fecha, d.jurisdiccion): d for d in DiaNoHabil.objects.all()}
    assert len(filas) == 17
    assert filas[(D(2025, 12, 24), "AR")].fuente == "Decreto 883/2025"
    assert filas[(D(2022, 12, 30), "AR")].fuente == "Decreto 820/2022"
    assert filas[(D(2020, 12, 31), "AR-C")].calendarios == ["AR-CABA"]
    assert filas[(D(2024, 7, 26), "PE")].fuente == "DS 011-2024-PCM"
    assert filas[(D(2024, 7, 26), "PE")].calendarios == ["PE-entidad"]
    assert all(d.cargado_por is None for d in filas.values())


def test_la_version_cambia_cuando_cambia_un_dia_de_su_jurisdiccion():
    antes_ar, antes_pe = calendario("AR").version, calendario("PE-proveedor").version
    DiaNoHabil.objects.create(
        fecha=D(2026, 3, 20),
        jurisdiccion="AR",
        tipo=DiaNoHabil.Tipo.ASUETO,
        calendarios=["AR"],
        fuente="Decreto de prueba",
    )
    despues = calendario("AR")
    assert despues.version != antes_ar
    assert despues.version.startswith("holidays-0.109+AR.")
    assert not despues.es_habil(D(2026, 3, 20))
    assert calendario("PE-proveedor").version == antes_pe


def test_dia_habil_forzado_corrige_al_paquete():
    DiaNoHabil.objects.create(
        fecha=D(2026, 11, 9),  # the package's unconfirmed papal visit (DOMAIN §8.1)
        jurisdiccion="AR",
        tipo=DiaNoHabil.Tipo.HABIL_FORZADO,
        calendarios=["AR"],
        fuente="Verificación contra el Boletín Oficial",
    )
    assert calendario("AR").es_habil(D(2026, 11, 9))


def test_contar_no_consulta_la_base_por_cada_dia(django_assert_num_queries):
    calendario("AR")  # warm: rows loaded once per version
    with django_assert_num_queries(1):  # only the version check
        ar = calendario("AR")
    with django_assert_num_queries(0):
        assert ar.habiles_entre(D(2025, 1, 1), D(2026, 12, 31)) > 400
    assert calendario_en_memoria("AR", ar.version) is ar


def test_dia_no_habil_valida_calendarios_de_su_jurisdiccion():
    dia = DiaNoHabil(
        fecha=D(2026, 5, 4),
        jurisdiccion="AR",
        tipo="asueto",
        calendarios=["PE-entidad"],
        fuente="x",
    )
    with pytest.raises(ValidationError) as error:
        dia.full_clean()
    assert "calendarios" in error.value.message_dict
    dia.calendarios = []
    with pytest.raises(ValidationError):
        dia.full_clean()


def test_el_admin_no_permite_cambiar_dias_decretados(client, administrador):
    client.force_login(administrador)
    assert client.get("/admin/normativa/dianohabil/").status_code == 200
    assert client.get("/admin/normativa/dianohabil/add/").status_code == 403
    dia = DiaNoHabil.objects.first()
    respuesta = client.post(f"/admin/normativa/dianohabil/{dia.pk}/delete/", {"post": "yes"})
    assert respuesta.status_code == 403
    assert DiaNoHabil.objects.filter(pk=dia.pk).exists()
