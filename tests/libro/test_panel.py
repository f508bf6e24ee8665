"""The provider's pages: the queue by due date with overdue sheets flagged, the average response
time, the acts from the sheet page, the archive by year, the regulator's CSV and the books."""

import csv
import io

import pytest

from libro import services
from libro.models import Hoja, Libro
from plazos.tasks import vencer_plazos
from tests.libro.conftest import presentar, viajar

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(client, representante_pe):
    client.force_login(representante_pe)
    return client


def test_la_cola_ordena_por_vencimiento_y_marca_las_vencidas(panel, libro_web, libro_tienda):
    with viajar(2026, 9, 1):
        vieja = presentar(libro_tienda, apellidos="Vieja")
    with viajar(2026, 10, 5):
        nueva = presentar(libro_web, apellidos="Nueva")
    with viajar(2026, 10, 2, 0, 1):
        vencer_plazos.delay()
    with viajar(2026, 10, 6):
        texto = panel.get("/libro/panel/").content.decode()
    assert texto.index("Vieja") < texto.index("Nueva")
    assert "VENCIDA" in texto
    assert "27/10/2026" in texto
    assert Hoja.objects.get(pk=vieja.pk).vencida
    assert not Hoja.objects.get(pk=nueva.pk).vencida
    assert '<p class="h2" id="r-vencidas">1</p>' in texto
    # Filter by book.
    with viajar(2026, 10, 6):
        solo_web = panel.get("/libro/panel/?libro=andina-web").content.decode()
    assert "Nueva" in solo_web and "Vieja" not in solo_web


def test_el_promedio_de_respuesta_se_mide_en_dias_habiles(panel, libro_web, representante_pe):
    with viajar(2026, 10, 5):
        una = presentar(libro_web)
        otra = presentar(libro_web)
    with viajar(2026, 10, 7):  # 2 business days after filing
        services.responder_hoja(una, texto="Listo.", por=representante_pe)
        texto = panel.get("/libro/panel/").content.decode()
    assert "(1 hoja cerrada en 2026; 0 fuera de plazo)" in texto
    with viajar(2026, 10, 12):  # 6, 7, 9, 12: 4 business days (8/10 is a holiday)
        services.responder_hoja(otra, texto="Listo.", por=representante_pe)
        texto = panel.get("/libro/panel/").content.decode()
    assert '<p class="h2" id="r-promedio">3.0</p>' in texto
    assert "(2 hojas cerradas en 2026; 0 fuera de plazo)" in texto


def test_actos_desde_la_pagina_de_la_hoja(panel, hoja_del_5_de_octubre, mailoutbox, al_confirmar):
    hoja = hoja_del_5_de_octubre
    url = f"/libro/panel/hojas/{hoja.pk}/"
    with viajar(2026, 10, 6):
        assert panel.post(url + "atender/").status_code == 302
        vacia = panel.post(url + "propuesta/", {"texto": ""})
        assert vacia.status_code == 400
        assert "Este campo es requerido." in vacia.content.decode()
    with viajar(2026, 10, 7), al_confirmar():
        assert panel.post(url + "propuesta/", {"texto": "Cambio inmediato."}).status_code == 302
    hoja.refresh_from_db()
    assert hoja.estado == "PROPUESTA_ENVIADA"
    propuesta_correo = next(m for m in mailoutbox if "Propuesta de solución" in m.subject)
    assert "Cambio inmediato." in propuesta_correo.body
    with viajar(2026, 10, 7):
        pagina = panel.get(url).content.decode()
    assert "Plazo de respuesta suspendido" in pagina
    assert 'id="t-fresp"' in pagina  # the answer form is offered while the proposal waits
    with viajar(2026, 10, 8):
        panel.post(url + "recalificar/", {"tipo": "queja", "motivo": "Es sobre la atención."})
    hoja.refresh_from_db()
    assert hoja.tipo == "queja"
    with viajar(2026, 10, 8):
        texto = panel.get(url).content.decode()
    assert "Recalificada de Reclamo a Queja" in texto
    assert "Es sobre la atención." in texto
    # The formal answer may come while the proposal waits: the proposal loses its effect.
    with viajar(2026, 10, 9), al_confirmar():
        assert panel.post(url + "respuesta/", {"texto": "Respuesta formal."}).status_code == 302
    hoja.refresh_from_db()
    assert hoja.estado == "RESPONDIDA"
    assert hoja.propuesta.estado == "sin_efecto"


def test_respuesta_al_domicilio_desde_la_pagina(panel, libro_web):
    with viajar(2026, 10, 5):
        hoja = presentar(libro_web, email="", medio_respuesta="domicilio")
    url = f"/libro/panel/hojas/{hoja.pk}/respuesta/"
    with viajar(2026, 10, 9):
        sin_fecha = panel.post(url, {"texto": "Carta enviada."})
        assert sin_fecha.status_code == 400
        ok = panel.post(
            url,
            {"texto": "Carta enviada.", "despacho_fecha": "2026-10-09", "despacho_referencia": "X"},
        )
    assert ok.status_code == 302
    hoja.refresh_from_db()
    assert hoja.estado == "RESPONDIDA"


def test_el_archivo_filtra_por_anio(panel, libro_web, representante_pe):
    with viajar(2025, 6, 2):
        de_2025 = presentar(libro_web, apellidos="DelVeinticinco")
        services.responder_hoja(de_2025, texto="Ok", por=representante_pe)
    with viajar(2026, 6, 1):
        de_2026 = presentar(libro_web, apellidos="DelVeintiseis")
        services.responder_hoja(de_2026, texto="Ok", por=representante_pe)
        abierta = presentar(libro_web, apellidos="Abierta")
        texto = panel.get("/libro/panel/archivo/?anio=2025").content.decode()
        texto_2026 = panel.get("/libro/panel/archivo/?anio=2026").content.decode()
    assert "DelVeinticinco" in texto and "DelVeintiseis" not in texto
    assert "02/06/2027" in texto  # kept at least two years
    assert "DelVeintiseis" in texto_2026 and abierta.apellidos not in texto_2026


def test_csv_para_el_regulador(panel, libro_web, representante_pe):
    with viajar(2026, 10, 5, 9, 15):
        hoja = presentar(libro_web, detalle="=HYPERLINK(malicioso)")
    with viajar(2026, 10, 7):
        services.responder_hoja(hoja, texto="Respuesta formal.", por=representante_pe)
    with viajar(2026, 9, 1):
        presentar(libro_web, apellidos="FueraDelPeriodo")
    respuesta = panel.get("/libro/panel/exportar/?desde=2026-10-01&hasta=2026-10-31")
    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in respuesta["Content-Disposition"]
    filas = list(csv.DictReader(io.StringIO(respuesta.content.decode("utf-8-sig"))))
    assert len(filas) == 1
    fila = filas[0]
    assert fila["RUC"] == "20100000009"
    assert fila["N.º de hoja"] == "000001-2026"
    assert fila["Fecha de presentación"] == "05/10/2026"
    assert fila["Hora"] == "09:15"
    assert fila["Tipo"] == "Reclamo"
    assert fila["N.º de documento"] == "45678912"
    assert fila["Monto reclamado (S/)"] == "1234.50"
    assert fila["Detalle"] == "'=HYPERLINK(malicioso)"  # not run as a formula
    assert fila["Medio de respuesta elegido"] == "Correo electrónico"
    assert fila["Vencimiento de la respuesta"] == "27/10/2026"
    assert fila["Fecha de la respuesta"] == "07/10/2026"
    assert fila["Días hábiles hasta el cierre"] == "2"


def test_csv_descuenta_la_suspension_y_exporta_para_controla_tus_reclamos(
    panel, libro_web, representante_pe
):
    """Filed Mon 5/10; proposal Thu 15/10, rejected Mon 19/10 (16 and 19 suspended); answered
    Wed 21/10: 11 business days elapsed (8/10 is a holiday), 9 as PE-01 counts them."""
    with viajar(2026, 10, 5):
        hoja = presentar(libro_web)
        abierta = presentar(libro_web, apellidos="EnTramite")
    with viajar(2026, 10, 15, 16):
        services.enviar_propuesta(hoja, texto="Cambio.", por=representante_pe)
    with viajar(2026, 10, 19, 9):
        services.rechazar_propuesta(hoja)
    with viajar(2026, 10, 21):
        services.responder_hoja(hoja, texto="Le cambiamos el equipo.", por=representante_pe)
    completo = panel.get("/libro/panel/exportar/?desde=2026-10-01&hasta=2026-10-31")
    filas = list(csv.DictReader(io.StringIO(completo.content.decode("utf-8-sig"))))
    fila = next(f for f in filas if f["N.º de hoja"] == hoja.numero)
    assert fila["Días hábiles hasta el cierre"] == "11"
    assert fila["Días hábiles computables (sin la suspensión)"] == "9"
    assert fila["Propuestas enviadas"] == "1"
    sirec = panel.get("/libro/panel/exportar/?desde=2026-10-01&hasta=2026-10-31&formato=sirec")
    assert "controla-tus-reclamos" in sirec["Content-Disposition"]
    filas = {
        f["Código del reclamo"]: f
        for f in csv.DictReader(io.StringIO(sirec.content.decode("utf-8-sig")))
    }
    assert filas[hoja.numero]["Estado"] == "ATENDIDA"
    assert filas[hoja.numero]["Fecha de atención"] == "21/10/2026"
    assert filas[hoja.numero]["Días hábiles de atención"] == "9"
    assert filas[hoja.numero]["Solución"] == "Le cambiamos el equipo."
    assert filas[abierta.numero]["Estado"] == "EN TRÁMITE"
    assert filas[abierta.numero]["Fecha de atención"] == ""


def test_csv_con_periodo_invalido_vuelve_con_un_mensaje(panel, libro_web):
    respuesta = panel.get("/libro/panel/exportar/?desde=2026-10-31&hasta=2026-10-01", follow=True)
    assert "Indique un período válido" in respuesta.content.decode()


def test_abrir_y_cerrar_un_libro(panel, proveedor_pe):
    respuesta = panel.post(
        "/libro/panel/libros/",
        {
            "organizacion": proveedor_pe.pk,
            "nombre": "Tienda Arequipa",
            "codigo": "andina-arequipa",
            "direccion": "Calle Mercaderes 100, Arequipa",
            "canal": "fisico",
        },
    )
    assert respuesta.status_code == 302
    libro = Libro.objects.get(codigo="andina-arequipa")
    assert libro.organizacion == proveedor_pe
    reservado = panel.post(
        "/libro/panel/libros/",
        {
            "organizacion": proveedor_pe.pk,
            "nombre": "X",
            "codigo": "panel",
            "direccion": "X",
            "canal": "web",
        },
    )
    assert reservado.status_code == 400
    assert "reservado" in reservado.content.decode()
    panel.post("/libro/panel/libros/andina-arequipa/actividad/")
    libro.refresh_from_db()
    assert libro.activo is False


def test_un_proveedor_con_cuit_no_abre_libros(client, proveedor, proveedor_activo):
    client.force_login(proveedor)
    pagina = client.get("/libro/panel/libros/")
    assert "proveedor activo identificado con RUC" in pagina.content.decode()
    respuesta = client.post(
        "/libro/panel/libros/",
        {
            "organizacion": proveedor_activo.pk,
            "nombre": "X",
            "codigo": "x-ar",
            "direccion": "X",
            "canal": "web",
        },
    )
    assert respuesta.status_code == 400
    assert not Libro.objects.exists()


def test_crear_libro_con_datos_invalidos_es_un_error_de_datos(proveedor_pe, representante_pe):
    from conciliacion.errores import DatosInvalidos

    with pytest.raises(DatosInvalidos) as error:
        services.crear_libro(
            organizacion=proveedor_pe,
            nombre="X",
            codigo="hoja",
            direccion="X",
            canal="web",
            por=representante_pe,
        )
    assert "codigo" in error.value.campos
