"""A sheet filed on paper, entered by the provider with its original date (S003 2), and the
provider's internal notes and calls (S003 7.1 c), never shown to the consumer."""

import datetime as dt

import pytest

from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from libro import services
from libro.enlaces import token_de
from libro.models import Hoja, NotaHoja
from plazos.models import Plazo
from plazos.selectors import plazos_de
from plazos.tasks import vencer_plazos
from tests.libro.conftest import datos_hoja, en_lima, presentar, viajar

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(client, representante_pe):
    client.force_login(representante_pe)
    return client


def _en_papel(libro, por, *, cuando, numero="F-0042", **cambios):
    return services.registrar_hoja_en_papel(
        libro=libro,
        datos=datos_hoja(**cambios),
        presentada_en=cuando,
        numero_en_papel=numero,
        por=por,
    )


def test_la_hoja_fisica_cuenta_pe01_desde_su_fecha_original(libro_web, representante_pe):
    with viajar(2026, 10, 14):
        hoja = _en_papel(libro_web, representante_pe, cuando=en_lima(2026, 10, 5, 11, 20))
    assert (hoja.en_papel, hoja.numero_en_papel, hoja.cargada_por) == (
        True,
        "F-0042",
        representante_pe,
    )
    assert hoja.fecha_presentacion == dt.date(2026, 10, 5)
    pe01 = next(p for p in plazos_de(hoja) if p.tipo == "PE-01")
    assert pe01.vence == dt.date(2026, 10, 27)  # as if filed online on 5/10
    assert "hoja.en_papel" in hoja.eventos.values_list("codigo", flat=True)


def test_una_hoja_fisica_cargada_tarde_vence_igual(libro_web, representante_pe):
    with viajar(2026, 11, 2):
        hoja = _en_papel(libro_web, representante_pe, cuando=en_lima(2026, 10, 1, 9))
        vencer_plazos()
    hoja.refresh_from_db()
    assert hoja.vencida
    assert next(p for p in plazos_de(hoja) if p.tipo == "PE-01").estado == Plazo.Estado.VENCIDO


def test_la_hoja_fisica_exige_numero_fecha_pasada_y_no_duplicada(libro_web, representante_pe):
    with viajar(2026, 10, 14):
        with pytest.raises(DatosInvalidos) as sin_numero:
            _en_papel(libro_web, representante_pe, cuando=en_lima(2026, 10, 5), numero=" ")
        assert "numero_en_papel" in sin_numero.value.campos
        with pytest.raises(DatosInvalidos, match="futura"):
            _en_papel(libro_web, representante_pe, cuando=en_lima(2026, 10, 15))
        with pytest.raises(DatosInvalidos, match="dos años"):
            _en_papel(libro_web, representante_pe, cuando=en_lima(2024, 9, 1))
        _en_papel(libro_web, representante_pe, cuando=en_lima(2026, 10, 5))
        with pytest.raises(ConflictoDeEstado, match="ya fue registrada"):
            _en_papel(libro_web, representante_pe, cuando=en_lima(2026, 10, 6))


def test_la_pagina_registra_la_hoja_fisica_en_hora_de_lima(panel, libro_web):
    datos = {k: ("on" if v is True else v) for k, v in datos_hoja().items() if v is not False}
    datos.update(libro=libro_web.pk, numero_en_papel="F-7", presentada_en="2026-10-05T11:20")
    with viajar(2026, 10, 14):
        assert panel.get("/libro/panel/hojas/en-papel/").status_code == 200
        sin_fecha = panel.post("/libro/panel/hojas/en-papel/", {**datos, "presentada_en": ""})
        assert sin_fecha.status_code == 400
        assert "F-7" in sin_fecha.content.decode()  # nothing typed is lost
        respuesta = panel.post("/libro/panel/hojas/en-papel/", datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    hoja = Hoja.objects.get(numero_en_papel="F-7")
    assert hoja.presentada_en == en_lima(2026, 10, 5, 11, 20)


def test_notas_y_llamadas_solo_para_el_proveedor(panel, client, libro_web, representante_pe):
    with viajar(2026, 10, 5, 10):
        hoja = presentar(libro_web)
    url = f"/libro/panel/hojas/{hoja.pk}/"
    with viajar(2026, 10, 5, 12):
        pagina = panel.get(url).content.decode()
        assert "Contacto telefónico con el consumidor pendiente" in pagina
        assert "07/10/2026 10:00" in pagina  # 48 hours after filing, Lima time
        sin_hora = panel.post(url + "notas/", {"tipo": "llamada", "texto": "Atendió."})
        assert sin_hora.status_code == 400 and "Atendió." in sin_hora.content.decode()
        panel.post(
            url + "notas/",
            {
                "tipo": "llamada",
                "texto": "Le explicamos el cambio.",
                "contacto_en": "2026-10-05T11:30",
            },
        )
        panel.post(url + "notas/", {"tipo": "nota", "texto": "Pedir stock a almacén."})
        pagina = panel.get(url).content.decode()
    assert NotaHoja.objects.filter(hoja=hoja).count() == 2
    llamada = NotaHoja.objects.get(hoja=hoja, tipo="llamada")
    assert llamada.contacto_en == en_lima(2026, 10, 5, 11, 30)
    assert "Primer contacto telefónico: 05/10/2026 11:30" in pagina
    assert "dentro de las 48 horas" in pagina
    client.logout()
    seguimiento = client.get(f"/libro/hoja/{token_de(hoja)}/").content.decode()
    assert "Pedir stock" not in seguimiento and "Le explicamos" not in seguimiento


def test_otro_proveedor_no_anota(client, libro_web, representante_otro):
    with viajar(2026, 10, 5):
        hoja = presentar(libro_web)
    client.force_login(representante_otro)
    respuesta = client.post(f"/libro/panel/hojas/{hoja.pk}/notas/", {"tipo": "nota", "texto": "x"})
    assert respuesta.status_code in (403, 404)
    assert not NotaHoja.objects.exists()


# --- the consumer's evidence -------------------------------------------------------------------


def test_el_consumidor_adjunta_pruebas_por_su_enlace_y_el_proveedor_las_ve(
    client, libro_web, representante_pe, representante_otro, mailoutbox, al_confirmar
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.documentos.muestras import pdf_en_blanco, png

    with viajar(2026, 10, 5):
        hoja = presentar(libro_web)
    enlace = f"/libro/hoja/{token_de(hoja)}/"
    with viajar(2026, 10, 6), al_confirmar():
        respuesta = client.post(
            enlace + "pruebas/",
            {"archivo": SimpleUploadedFile("boleta.pdf", pdf_en_blanco(), "application/pdf")},
        )
    assert respuesta.status_code == 302
    # A lying extension is refused with a message, on the same page.
    with viajar(2026, 10, 6):
        mentira = client.post(
            enlace + "pruebas/", {"archivo": SimpleUploadedFile("foto.pdf", png(), "image/png")}
        )
    assert mentira.status_code == 400
    pagina = client.get(enlace).content.decode()
    assert "boleta.pdf" in pagina
    subido = hoja.eventos.get(codigo="hoja.prueba")
    assert subido.datos["archivo"] == "boleta.pdf"
    assert any("adjuntó una prueba" in m.subject for m in mailoutbox)
    from documentos.models import ArchivoSubido

    archivo = ArchivoSubido.objects.get()
    assert archivo.subido_por is None and archivo.sujeto == hoja
    assert client.get(f"{enlace}pruebas/{archivo.pk}/").status_code == 200
    # The provider reads it on the sheet; another provider cannot.
    client.force_login(representante_pe)
    assert "boleta.pdf" in client.get(f"/libro/panel/hojas/{hoja.pk}/").content.decode()
    assert client.get(archivo.get_absolute_url()).status_code == 200
    client.force_login(representante_otro)
    assert client.get(archivo.get_absolute_url()).status_code == 404


def test_una_hoja_cerrada_no_admite_pruebas(client, libro_web, representante_pe):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.documentos.muestras import pdf_en_blanco

    with viajar(2026, 10, 5):
        hoja = presentar(libro_web)
        services.responder_hoja(hoja, texto="Listo.", por=representante_pe)
    respuesta = client.post(
        f"/libro/hoja/{token_de(hoja)}/pruebas/",
        {"archivo": SimpleUploadedFile("b.pdf", pdf_en_blanco(), "application/pdf")},
    )
    assert respuesta.status_code == 400
    assert "cerrada" in respuesta.content.decode()
