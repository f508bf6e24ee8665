"""Dated legal values staff maintain (decision 0031): the catalogue, the seeded rows with their
sources and confidence, the staff page (create, correct, confirm, history), and the acts that
read them store what they used."""

import datetime as dt
from decimal import Decimal

import pytest

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.roles import Rol
from normativa import servicios, valores
from normativa.models import ValorReferencia
from tests.conftest import crear_usuario

D = dt.date
pytestmark = pytest.mark.django_db
URL = "/panel/valores-legales/"


def test_la_carga_inicial_trae_fuente_y_confianza():
    tope = ValorReferencia.vigente("TOPE-COPREC", D(2026, 1, 1))
    assert (tope.valor, tope.fuente, tope.confianza) == (Decimal(55), "Ley 26.993 art. 2", "H")
    assert not tope.a_verificar
    minimo = ValorReferencia.vigente("MULTA-INCOMPARECENCIA-CABA-MIN", D(2026, 1, 1))
    maximo = ValorReferencia.vigente("MULTA-INCOMPARECENCIA-CABA-MAX", D(2026, 1, 1))
    assert (minimo.valor, maximo.valor) == (Decimal(300), Decimal(20000))
    for codigo in ("PLAZO-CABA-06", "PLAZO-CABA-07", "PLAZO-CABA-09", "UMBRAL-HOMOLOGACION"):
        assert ValorReferencia.vigente(codigo, D(2026, 1, 1)).a_verificar, codigo
    # No peso value of the UF or the CBT was retrieved: nothing is invented.
    assert ValorReferencia.vigente("UF", D(2026, 1, 1)) is None
    assert ValorReferencia.vigente("CBT", D(2026, 1, 1)) is None


def test_el_valor_vigente_es_el_ultimo_anterior_a_la_fecha(administrador):
    servicios.crear_valor(
        tipo="UF",
        vigente_desde=D(2025, 1, 1),
        valor=Decimal("1000"),
        fuente="Ley Tarifaria 2025",
        por=administrador,
    )
    servicios.crear_valor(
        tipo="UF",
        vigente_desde=D(2026, 1, 1),
        valor=Decimal("1500"),
        fuente="Ley Tarifaria 2026",
        por=administrador,
    )
    assert valores.valor("UF", D(2025, 12, 31)) == Decimal("1000")
    assert valores.valor("UF", D(2026, 3, 1)) == Decimal("1500")
    assert valores.valor("UF", D(2024, 12, 31)) is None


def test_solo_la_administracion_mantiene_valores(agente_admision):
    with pytest.raises(AccesoDenegado):
        servicios.crear_valor(
            tipo="UF",
            vigente_desde=D(2026, 1, 1),
            valor=Decimal(1),
            fuente="x",
            por=agente_admision,
        )


@pytest.mark.parametrize(
    ("datos", "campo"),
    [
        ({"tipo": "INVENTADO"}, "tipo"),
        ({"valor": Decimal(0)}, "valor"),
        ({"fuente": "  "}, "fuente"),
        ({"confianza": "Z"}, "confianza"),
        ({"tipo": "TOPE-COPREC", "vigente_desde": D(2014, 9, 19)}, "vigente_desde"),
    ],
)
def test_datos_invalidos(administrador, datos, campo):
    base = {
        "tipo": "UF",
        "vigente_desde": D(2026, 1, 1),
        "valor": Decimal(10),
        "fuente": "Ley Tarifaria",
    }
    with pytest.raises(DatosInvalidos) as error:
        servicios.crear_valor(por=administrador, **{**base, **datos})
    assert campo in error.value.campos


def test_corregir_guarda_lo_anterior_y_pide_confirmar_de_nuevo(administrador):
    fila = ValorReferencia.vigente("PLAZO-CABA-07", D(2026, 1, 1))
    servicios.confirmar_valor(fila, por=administrador, fuente="Decreto 714/2010 art. 10")
    fila.refresh_from_db()
    assert not fila.a_verificar
    assert fila.confirmado_por == administrador and fila.confirmado_en is not None
    assert fila.fuente_confirmacion == "Decreto 714/2010 art. 10"
    with pytest.raises(ConflictoDeEstado):
        servicios.confirmar_valor(fila, por=administrador, fuente="otra")

    servicios.editar_valor(fila, por=administrador, valor=Decimal(10), fuente="Decreto 714/2010")
    fila.refresh_from_db()
    assert fila.valor == Decimal(10)
    assert fila.a_verificar  # a new figure of an L value needs a new confirmation
    assert fila.modificado_por == administrador
    assert fila.cambios[-1]["antes"]["valor"] == "5.00"
    assert fila.cambios[-1]["por"] == administrador.email


def test_confirmar_exige_norma(administrador):
    fila = ValorReferencia.vigente("PLAZO-CABA-09", D(2026, 1, 1))
    with pytest.raises(DatosInvalidos) as error:
        servicios.confirmar_valor(fila, por=administrador, fuente=" ")
    assert "fuente_confirmacion" in error.value.campos


class TestPagina:
    def test_lista_por_tipo_con_insignia_verificar(self, client, administrador):
        client.force_login(administrador)
        r = client.get(URL)
        assert r.status_code == 200
        html = r.content.decode()
        assert "Tope del reclamo COPREC" in html
        assert "verificar" in html
        assert "Sin valor cargado" in html  # UF and CBT
        r = client.get(URL, {"tipo": "PLAZO-CABA-07"})
        html = r.content.decode()
        assert "Historial: Plazo para el descargo (CABA-07)" in html
        assert "de memoria" in html

    def test_cargar_desde_la_pagina(self, client, administrador):
        client.force_login(administrador)
        r = client.post(
            URL,
            {
                "tipo": "CBT",
                "vigente_desde": "2026-01-01",
                "valor": "1234567.89",
                "fuente": "INDEC, Canasta Básica Total de enero de 2026",
                "confianza": "H",
            },
        )
        assert r.status_code == 302
        fila = ValorReferencia.objects.get(tipo="CBT")
        assert fila.cargado_por == administrador and fila.valor == Decimal("1234567.89")

    def test_datos_invalidos_en_castellano(self, client, administrador):
        client.force_login(administrador)
        r = client.post(
            URL,
            {
                "tipo": "TOPE-COPREC",
                "vigente_desde": "2014-09-19",
                "valor": "60",
                "fuente": "x",
                "confianza": "H",
            },
        )
        assert r.status_code == 400
        assert "Ya hay un valor desde esa fecha." in r.content.decode()
        r = client.post(URL, {"tipo": "UF", "vigente_desde": "mañana", "valor": "-1"})
        assert r.status_code == 400
        assert "Revisá lo que cargaste" in r.content.decode()

    def test_confirmar_y_corregir_desde_la_pagina(self, client, administrador):
        client.force_login(administrador)
        fila = ValorReferencia.vigente("PLAZO-CABA-06", D(2026, 1, 1))
        url = f"{URL}{fila.pk}/"
        assert "verificar" in client.get(url).content.decode()
        r = client.post(url, {"accion": "confirmar", "confirmar-fuente_confirmacion": ""})
        assert r.status_code == 400
        r = client.post(
            url, {"accion": "confirmar", "confirmar-fuente_confirmacion": "Disposición X/2026"}
        )
        assert r.status_code == 302
        html = client.get(url).content.decode()
        assert "Verificado por sofia@autoridad.example" in html
        r = client.post(
            url,
            {
                "accion": "editar",
                "editar-vigente_desde": "2000-01-01",
                "editar-valor": "3",
                "editar-fuente": "Disposición X/2026 art. 2",
                "editar-confianza": "H",
                "editar-nota": "",
            },
        )
        assert r.status_code == 302
        fila.refresh_from_db()
        assert fila.fuente == "Disposición X/2026 art. 2" and fila.confianza == "H"
        r = client.post(url, {"accion": "otra"})
        assert r.status_code == 302

    @pytest.mark.parametrize("rol", [Rol.ADMISION, Rol.REGISTRO, Rol.CONSUMIDOR])
    def test_otros_roles_no_entran(self, client, rol):
        usuario = crear_usuario(f"{rol}@x.example", rol, mfa=rol != Rol.CONSUMIDOR)
        client.force_login(usuario)
        assert client.get(URL).status_code == 403
        fila = ValorReferencia.objects.first()
        assert client.post(f"{URL}{fila.pk}/", {"accion": "confirmar"}).status_code == 403

    def test_anonimo_va_al_ingreso(self, client):
        assert client.get(URL).status_code == 302

    def test_consultas_planas(self, client, administrador, django_assert_max_num_queries):
        client.force_login(administrador)
        client.get(URL, {"tipo": "UF"})  # warm the per-user caches
        with django_assert_max_num_queries(14) as pocas:
            client.get(URL, {"tipo": "UF"})
        for n in range(60):
            ValorReferencia.objects.create(
                tipo="UF",
                vigente_desde=D(1990, 1, 1) + dt.timedelta(days=n),
                valor=n + 1,
                fuente="x",
                confianza="L",
                cargado_por=administrador,
            )
        with django_assert_max_num_queries(len(pocas)):
            r = client.get(URL, {"tipo": "UF"})
        assert r.content.decode().count('class="valor-fila"') == 50  # one page
        assert "Siguientes" in r.content.decode()


class TestActosGuardanElValorUsado:
    def test_el_tope_del_reclamo_sale_del_valor_fechado(self, administrador):
        from reclamos.services.presentacion import tope_en

        ValorReferencia.objects.create(
            tipo="SMVM", vigente_desde=D(2026, 1, 1), valor=Decimal(1000), fuente="Res. x"
        )
        assert tope_en("COPREC", D(2026, 2, 1)) == (Decimal(1000), Decimal(55000))
        servicios.crear_valor(
            tipo="TOPE-COPREC",
            vigente_desde=D(2026, 2, 1),
            valor=Decimal(60),
            fuente="Ley de prueba",
            por=administrador,
        )
        assert tope_en("COPREC", D(2026, 2, 1)) == (Decimal(1000), Decimal(60000))
        assert tope_en("COPREC", D(2026, 1, 31)) == (Decimal(1000), Decimal(55000))

    def test_el_umbral_de_homologacion_es_fechado(self, administrador, settings):
        from audiencias.services.homologacion import umbral_suma

        settings.HOMOLOGACION_UMBRAL_SUMA = "0.9"
        assert umbral_suma(D(2026, 1, 1)) == Decimal("0.50")  # the row wins over the setting
        servicios.crear_valor(
            tipo="UMBRAL-HOMOLOGACION",
            vigente_desde=D(2026, 6, 1),
            valor=Decimal("0.40"),
            fuente="Criterio de la Dirección",
            por=administrador,
        )
        assert umbral_suma(D(2026, 6, 2)) == Decimal("0.40")
        ValorReferencia.objects.filter(tipo="UMBRAL-HOMOLOGACION").delete()
        assert umbral_suma(D(2026, 6, 2)) == Decimal("0.9")  # no row: the setting

    def test_el_tope_de_la_auditoria_es_fechado(self, administrador):
        from types import SimpleNamespace

        from auditoria.services import tope_en
        from normativa.regimenes import obtener

        reclamo = SimpleNamespace(regimen=obtener("COPREC"), regimen_codigo="COPREC")
        ValorReferencia.objects.create(
            tipo="SMVM", vigente_desde=D(2026, 1, 1), valor=Decimal(1000), fuente="Res. x"
        )
        assert tope_en(reclamo, D(2026, 2, 1)) == (Decimal(1000), Decimal(15000))
        servicios.crear_valor(
            tipo="TOPE-AUDITORIA-COPREC",
            vigente_desde=D(2026, 2, 1),
            valor=Decimal(20),
            fuente="Ley provincial de prueba",
            por=administrador,
        )
        assert tope_en(reclamo, D(2026, 2, 1)) == (Decimal(1000), Decimal(20000))
