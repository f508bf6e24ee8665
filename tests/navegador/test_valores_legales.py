"""Browser, on a 360 px phone: an administrator confirms an L value ("verificar") citing a norm,
loads a new one, and corrects a decreed day of the Ciudad (decision 0031). Every page: no
sideways scroll and no critical or serious axe-core violation."""

import datetime as dt

import pytest

from normativa.models import DiaNoHabil, ValorReferencia
from tests.navegador.conftest import captura
from tests.navegador.recorrido import desborde, elementos_anchos, violaciones_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def datos_de_las_migraciones(db):
    """A browser test runs in a flushed database (transaction=True): an earlier one emptied the
    rows the data migrations loaded (the L values, the Ciudad's decreed days); load them again."""
    import importlib

    from django.apps import apps

    if not DiaNoHabil.objects.filter(fecha=dt.date(2020, 12, 24), jurisdiccion="AR-C").exists():
        importlib.import_module("normativa.migrations.0007_dias_caba").cargar(apps, None)
    if not ValorReferencia.objects.filter(tipo="PLAZO-CABA-07").exists():
        importlib.import_module("normativa.migrations.0009_valores_iniciales").cargar(apps, None)


def _revisar(pagina, nombre):
    assert desborde(pagina) <= 0, elementos_anchos(pagina)
    assert violaciones_axe(pagina) == [], nombre
    captura(pagina, f"valores-legales-{nombre}")


def test_la_administracion_verifica_carga_y_corrige(pagina, ingresar_como, administrador):
    pagina.set_viewport_size({"width": 360, "height": 740})
    ingresar_como(administrador)
    pagina.goto("/panel/valores-legales/")
    pagina.get_by_role("heading", name="Valores legales", exact=True).wait_for()
    _revisar(pagina, "lista")

    pagina.get_by_role("link", name="Plazo para el descargo (CABA-07)").click()
    pagina.get_by_role("heading", name="Historial: Plazo para el descargo (CABA-07)").wait_for()
    _revisar(pagina, "historial")
    pagina.locator(".valor-fila a").first.click()
    pagina.get_by_role("heading", name="Confirmar el valor").wait_for()
    _revisar(pagina, "valor")
    pagina.get_by_label("Norma con la que lo verificaste").fill("Decreto 714/2010 art. 10")
    pagina.get_by_role("button", name="Confirmar").click()
    pagina.get_by_text("Confirmaste el valor.").wait_for()
    fila = ValorReferencia.objects.get(tipo="PLAZO-CABA-07")
    assert fila.confirmado_por == administrador and not fila.a_verificar

    pagina.goto("/panel/valores-legales/?tipo=UF")
    pagina.get_by_label("Vigente desde").fill("2026-01-01")
    pagina.locator("#id_valor").fill("1500.50")
    pagina.get_by_label("Norma").fill("Ley Tarifaria 2026 de la Ciudad de Buenos Aires")
    pagina.get_by_role("button", name="Cargar").click()
    pagina.get_by_text("Cargaste el valor.").wait_for()
    assert ValorReferencia.objects.get(tipo="UF").valor == 1500.50
    _revisar(pagina, "cargado")

    dia = DiaNoHabil.objects.get(fecha=dt.date(2020, 12, 24), jurisdiccion="AR-C")
    pagina.goto(f"/panel/dias-no-habiles/{dia.pk}/")
    pagina.get_by_role("heading", name="Corregir el 24/12/2020").wait_for()
    _revisar(pagina, "dia")
    pagina.get_by_label("Norma").fill("Decreto 463/2020 del Jefe de Gobierno (prueba)")
    pagina.get_by_role("button", name="Guardar y recalcular").click()
    pagina.get_by_text("Corregiste el").wait_for()
    dia.refresh_from_db()
    assert dia.fuente == "Decreto 463/2020 del Jefe de Gobierno (prueba)"
