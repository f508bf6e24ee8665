"""The public page of a book: the fields and legends of the hoja (DOMAIN §4.15), validation that
keeps what the consumer typed, and the constancia e-mailed at once with the follow-up link."""

from decimal import Decimal

import pytest

from libro.models import Hoja
from tests.libro.conftest import viajar

pytestmark = pytest.mark.django_db


def _formulario(**cambios) -> dict:
    datos = {
        "nombres": "Carmen",
        "apellidos": "Huamán Torres",
        "tipo_documento": "DNI",
        "numero_documento": "45678912",
        "domicilio": "Jr. Junín 345, Cercado de Lima",
        "telefono": "987654321",
        "email": "carmen@example.pe",
        "tipo_bien": "producto",
        "monto_reclamado": "S/ 1,234.50",
        "descripcion_bien": "Refrigeradora de 300 litros.",
        "numero_pedido": "",
        "tipo": "reclamo",
        "detalle": "Llegó abollada y no enfría.",
        "pedido": "Cambio del producto.",
        "medio_respuesta": "email",
        "declaracion": "on",
    }
    datos.update(cambios)
    return {k: v for k, v in datos.items() if v is not None}


def test_la_pagina_muestra_el_proveedor_las_definiciones_y_las_leyendas(client, libro_web):
    texto = client.get("/libro/andina-web/").content.decode()
    assert "Comercial Andina S.A.C." in texto and "20100000009" in texto
    assert "Disconformidad relacionada a los productos o servicios" in texto
    assert "malestar o descontento respecto a la atención al público" in texto
    assert "ni es requisito previo para interponer una denuncia ante el Indecopi" in texto
    assert "15 días hábiles improrrogables" in texto
    assert "Registre su reclamo" in texto


def test_presentar_desde_la_pagina_registra_envia_la_constancia_y_lleva_al_seguimiento(
    client, libro_web, mailoutbox, al_confirmar
):
    with viajar(2026, 10, 5), al_confirmar():
        respuesta = client.post("/libro/andina-web/", _formulario())
    hoja = Hoja.objects.get()
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith("/libro/hoja/")
    assert hoja.monto_reclamado == Decimal("1234.50")
    assert hoja.numero == "000001-2026"
    correo = next(m for m in mailoutbox if m.to == ["carmen@example.pe"])
    assert "000001-2026" in correo.subject
    assert "Llegó abollada y no enfría." in correo.body  # the full sheet
    assert "S/ 1,234.50" in correo.body
    assert "27/10/2026" in correo.body
    assert respuesta["Location"] in correo.body  # the signed follow-up link
    _nombre, contenido, tipo = correo.attachments[0]
    assert tipo == "application/pdf" and contenido.startswith(b"%PDF")
    with viajar(2026, 10, 5, 10, 5):
        pagina = client.get(respuesta["Location"]).content.decode()
    assert "quedó registrada" in pagina
    assert "S/ 1,234.50" in pagina


def test_el_proveedor_recibe_aviso_de_la_hoja_nueva(
    client, libro_web, representante_pe, mailoutbox, al_confirmar
):
    with viajar(2026, 10, 5), al_confirmar():
        client.post("/libro/andina-web/", _formulario())
    aviso = next(m for m in mailoutbox if m.to == [representante_pe.email])
    assert "Nueva hoja de reclamación" in aviso.subject
    assert "27/10/2026" in aviso.body


def test_sin_correo_ni_domicilio_no_se_registra_y_conserva_lo_escrito(client, libro_web):
    respuesta = client.post(
        "/libro/andina-web/", _formulario(email="", domicilio="", detalle="Mi detalle escrito")
    )
    texto = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert Hoja.objects.count() == 0
    assert "no puede registrarse sin un correo electrónico ni un domicilio" in texto
    assert "Mi detalle escrito" in texto


def test_el_medio_elegido_debe_tener_su_dato(client, libro_web):
    respuesta = client.post(
        "/libro/andina-web/", _formulario(domicilio="", medio_respuesta="domicilio")
    )
    assert Hoja.objects.count() == 0
    assert "Indique el domicilio donde desea recibir la respuesta." in respuesta.content.decode()


def test_solo_domicilio_se_acepta_sin_correo(client, libro_web, mailoutbox, al_confirmar):
    with viajar(2026, 10, 5), al_confirmar():
        respuesta = client.post(
            "/libro/andina-web/", _formulario(email="", medio_respuesta="domicilio")
        )
    assert respuesta.status_code == 302
    hoja = Hoja.objects.get()
    assert hoja.medio_respuesta == "domicilio"
    assert not any(m.to == [""] for m in mailoutbox)
    assert not hoja.eventos.filter(codigo="constancia.enviada").exists()


def test_un_menor_debe_indicar_a_su_padre_madre_o_representante(client, libro_web):
    respuesta = client.post("/libro/andina-web/", _formulario(es_menor="on"))
    assert Hoja.objects.count() == 0
    assert "Obligatorio cuando el consumidor es menor de edad." in respuesta.content.decode()


@pytest.mark.parametrize(
    ("tipo", "numero", "error"),
    [
        ("DNI", "1234", "El DNI tiene 8 dígitos."),
        ("RUC", "20100000001", "no es válido"),
        ("CE", "12", "carné de extranjería"),
    ],
)
def test_documento_invalido_muestra_un_mensaje_claro(client, libro_web, tipo, numero, error):
    respuesta = client.post(
        "/libro/andina-web/", _formulario(tipo_documento=tipo, numero_documento=numero)
    )
    assert Hoja.objects.count() == 0
    assert error in respuesta.content.decode()


def test_monto_con_formato_invalido(client, libro_web):
    respuesta = client.post("/libro/andina-web/", _formulario(monto_reclamado="1.234,50"))
    assert Hoja.objects.count() == 0
    assert "1,234.50" in respuesta.content.decode()


def test_sin_declaracion_no_se_registra(client, libro_web):
    client.post("/libro/andina-web/", _formulario(declaracion=None))
    assert Hoja.objects.count() == 0


def test_un_libro_cerrado_no_recibe_hojas(client, libro_web):
    libro_web.activo = False
    libro_web.save(update_fields=["activo"])
    pagina = client.get("/libro/andina-web/").content.decode()
    assert "no está recibiendo hojas" in pagina
    client.post("/libro/andina-web/", _formulario())
    assert Hoja.objects.count() == 0


def test_libro_inexistente_da_404(client, db):
    assert client.get("/libro/no-existe/").status_code == 404


def _texto_pdf(contenido: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)


def test_la_constancia_es_un_documento_emitido_con_la_hoja_completa(
    client, libro_web, libro_otro, representante_pe, representante_otro, al_confirmar
):
    from documentos.selectors import documentos_de
    from libro.enlaces import token_de
    from tests.libro.conftest import presentar

    with viajar(2026, 10, 5), al_confirmar():
        hoja = presentar(libro_web)
        ajena = presentar(libro_otro)
    constancia = documentos_de(hoja).get()
    assert constancia.tipo == "hoja_reclamacion"
    assert constancia.snapshot["numero"] == "000001-2026"
    # The consumer downloads it through the signed link; another sheet's document is a 404.
    url = f"/libro/hoja/{token_de(hoja)}/documentos/{constancia.pk}/"
    descarga = client.get(url)
    assert descarga.status_code == 200 and descarga["Content-Type"] == "application/pdf"
    texto = _texto_pdf(descarga.content)
    for esperado in (
        "000001-2026",
        "Comercial Andina",
        "S/ 1,234.50",
        "Llegó abollada",
        "Indecopi",
    ):
        assert esperado in texto
    otro = documentos_de(ajena).get()
    assert client.get(f"/libro/hoja/{token_de(hoja)}/documentos/{otro.pk}/").status_code == 404
    # The provider's representatives download it from documentos; another provider cannot.
    client.force_login(representante_pe)
    assert client.get(constancia.get_absolute_url()).status_code == 200
    client.force_login(representante_otro)
    assert client.get(constancia.get_absolute_url()).status_code == 404


def test_demasiados_envios_desde_una_conexion(client, libro_web, monkeypatch):
    from libro.views import publico

    monkeypatch.setattr(publico, "ENVIOS_POR_HORA", 1)
    with viajar(2026, 10, 5):
        assert client.post("/libro/andina-web/", _formulario()).status_code == 302
        segunda = client.post("/libro/andina-web/", _formulario(detalle="Otra vez"))
    assert segunda.status_code == 200
    assert "Demasiados envíos" in segunda.content.decode()
    assert "Otra vez" in segunda.content.decode()
    assert Hoja.objects.count() == 1
