"""The `_plazos.html` fragment (via `{% plazos_de %}`) and the staff page of decreed days."""

import datetime as dt

import pytest
from django.template import Context, Template

from normativa.models import DiaNoHabil
from plazos import services
from plazos.models import Plazo

D = dt.date
pytestmark = pytest.mark.django_db
URL_DIAS = "/panel/dias-no-habiles/"


def _render(sujeto) -> str:
    return Template("{% load plazos_tags %}{% plazos_de sujeto %}").render(
        Context({"sujeto": sujeto})
    )


class TestFragmento:
    def test_lista_los_plazos_en_curso_con_su_explicacion(self, sujeto):
        services.abrir_plazo(sujeto=sujeto, tipo="AR-01", desde=D(2025, 12, 22), regimen="COPREC")
        cumplido = services.abrir_plazo(
            sujeto=sujeto, tipo="AR-05", desde=D(2025, 12, 22), regimen="COPREC"
        )
        services.cumplir_plazo(cumplido)
        html = _render(sujeto)
        assert "Acreditación de extremos requerida al consumidor" in html
        assert "D202-I.6" in html
        assert "09/01/2026" in html
        assert "<details>" in html and "<summary>¿Por qué esta fecha?</summary>" in html
        assert (
            "No se cuenta el miércoles 24/12/2025: Asueto administrativo — Decreto 883/2025."
            in html
        )
        assert "Excusación del conciliador" not in html  # met: not running
        assert "style=" not in html and "<script" not in html

    def test_dias_habiles_restantes(self, sujeto):
        plazo = services.abrir_plazo(
            sujeto=sujeto, tipo="AR-01", desde=D(2025, 12, 22), regimen="COPREC"
        )
        from plazos.selectors import dias_restantes

        assert dias_restantes(plazo, hoy=D(2026, 1, 5)) == 4  # 6, 7, 8, 9
        assert dias_restantes(plazo, hoy=D(2026, 1, 9)) == 0
        assert plazo.dias_restantes is not None

    def test_una_sola_consulta(self, sujeto, django_assert_num_queries):
        for tipo in ("AR-01", "AR-05", "AR-07"):
            services.abrir_plazo(sujeto=sujeto, tipo=tipo, desde=D(2026, 1, 5), regimen="COPREC")
        with django_assert_num_queries(1):
            _render(sujeto)

    def test_suspendido_lo_indica(self, sujeto):
        services.abrir_plazo(sujeto=sujeto, tipo="AR-07", desde=D(2026, 1, 5), regimen="COPREC")
        services.suspender_plazos(sujeto=sujeto, desde=D(2026, 1, 6), motivo="Recusación")
        html = _render(sujeto)
        assert "Suspendido" in html

    def test_sin_plazos(self, sujeto):
        assert "No hay plazos en curso." in _render(sujeto)

    def test_la_biblioteca_tambien_carga_como_plazos(self, sujeto):
        html = Template("{% load plazos %}{% plazos_de sujeto %}").render(
            Context({"sujeto": sujeto})
        )
        assert "No hay plazos en curso." in html


class TestPaginaDeDiasNoHabiles:
    def test_solo_administradores(self, client, agente_admision, extrano):
        assert client.get(URL_DIAS).status_code == 302  # to login
        client.force_login(extrano)
        assert client.get(URL_DIAS).status_code == 403
        client.force_login(agente_admision)
        assert client.get(URL_DIAS).status_code == 403

    def test_lista_la_carga_inicial(self, client, administrador):
        client.force_login(administrador)
        html = client.get(URL_DIAS).content.decode()
        assert "24/12/2025" in html and "Decreto 883/2025" in html
        assert "DS 042-2025-PCM" in html

    def test_registrar_un_dia_recalcula_los_plazos(self, client, administrador, sujeto):
        plazo = services.abrir_plazo(
            sujeto=sujeto, tipo="AR-01", desde=D(2026, 3, 2), regimen="COPREC"
        )
        client.force_login(administrador)
        r = client.post(
            URL_DIAS,
            {
                "fecha": "2026-03-05",
                "jurisdiccion": "AR",
                "tipo": "asueto",
                "calendarios": ["AR"],
                "fuente": "Decreto 999/2026",
                "descripcion": "Asueto de prueba",
            },
            follow=True,
        )
        assert r.status_code == 200
        assert "Plazos recalculados: 1." in r.content.decode()
        dia = DiaNoHabil.objects.get(fecha=D(2026, 3, 5))
        assert dia.cargado_por == administrador
        plazo.refresh_from_db()
        assert plazo.vence == D(2026, 3, 17)

    def test_error_conserva_lo_ingresado(self, client, administrador):
        client.force_login(administrador)
        r = client.post(
            URL_DIAS,
            {
                "fecha": "2026-03-05",
                "jurisdiccion": "AR",
                "tipo": "asueto",
                "calendarios": ["PE-entidad"],
                "fuente": "Decreto 999/2026",
            },
        )
        html = r.content.decode()
        assert r.status_code == 400
        assert "Los calendarios no corresponden a la jurisdicción elegida." in html
        assert 'value="Decreto 999/2026"' in html
        assert not DiaNoHabil.objects.filter(fecha=D(2026, 3, 5)).exists()
        assert Plazo.objects.count() == 0


def test_enlaces_a_la_calculadora_y_a_los_dias_no_habiles(client, administrador, consumidora):
    assert 'href="/plazos/calculadora"' in client.get("/").content.decode()
    client.force_login(consumidora)
    assert URL_DIAS not in client.get("/").content.decode()
    client.force_login(administrador)
    assert URL_DIAS in client.get("/").content.decode()
