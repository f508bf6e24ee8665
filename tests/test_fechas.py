"""The tests' "today" is the régimen's, not the machine's (tests/fechas.py)."""

import datetime as dt

import time_machine

from tests.fechas import fecha_en, hoy_en

BA = dt.timezone(dt.timedelta(hours=-3))


def test_a_las_23_30_de_buenos_aires_hoy_es_hoy_alli_aunque_en_utc_sea_manana():
    with time_machine.travel(dt.datetime(2026, 12, 6, 23, 30, tzinfo=BA), tick=False):
        assert dt.datetime.now(dt.UTC).date() == dt.date(2026, 12, 7)
        assert hoy_en("COPREC") == dt.date(2026, 12, 6)
        assert fecha_en(dt.datetime.now(dt.UTC)) == dt.date(2026, 12, 6)


def test_el_hoy_de_un_reclamo_peruano_es_el_de_lima():
    # 00:30 in Buenos Aires is still 22:30 of the day before in Lima.
    with time_machine.travel(dt.datetime(2026, 12, 7, 0, 30, tzinfo=BA), tick=False):
        assert hoy_en("COPREC") == dt.date(2026, 12, 7)
        assert hoy_en("PE-INDECOPI") == dt.date(2026, 12, 6)

        class ReclamoPeruano:
            regimen_codigo = "PE-INDECOPI"

        assert hoy_en(ReclamoPeruano()) == dt.date(2026, 12, 6)
