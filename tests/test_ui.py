"""The UI base: error pages in Spanish, CSP and no outside assets, es-AR formats, accessible
fields, the skip link, the panel layout, allauth in Spanish, the legal pages."""

import datetime
import gettext
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from conciliacion import errores_http
from cuentas.templatetags.formato import fecha_larga, moneda, numero

RAIZ = Path(settings.BASE_DIR)
PAGINAS_PUBLICAS = [
    "/",
    "/acerca/",
    "/privacidad/",
    "/cuentas/login/",
    "/cuentas/signup/",
    "/cuentas/password/reset/",
    "/plazos/calculadora",
    "/no-existe/",
]


class _Recursos(HTMLParser):
    """Collects what a page would load, and what the CSP would block if it were there."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.scripts_en_linea = 0
        self.estilos_en_linea = 0
        self.enlaces: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        datos = dict(attrs)
        if "id" in datos:
            self.ids.add(datos["id"])
        if "style" in datos:
            self.estilos_en_linea += 1
        if tag == "style":
            self.estilos_en_linea += 1
        if tag == "script" and "src" not in datos and datos.get("type") != "application/json":
            self.scripts_en_linea += 1
        if tag == "a" and "href" in datos:
            self.enlaces.append(datos["href"])
        for atributo in ("src", "href", "srcset", "poster", "data"):
            if atributo in datos and tag in {
                "script",
                "link",
                "img",
                "iframe",
                "source",
                "video",
                "audio",
                "embed",
                "object",
                "input",
            }:
                self.urls.append(datos[atributo] or "")


def _analizar(html: str) -> _Recursos:
    recursos = _Recursos()
    recursos.feed(html)
    return recursos


def _externas(urls):
    return [u for u in urls if re.match(r"^\s*(https?:)?//", u, re.IGNORECASE)]


# --- Error pages ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_la_pagina_404_esta_en_castellano_y_ofrece_volver(client):
    respuesta = client.get("/no-existe/")
    contenido = respuesta.content.decode()
    assert respuesta.status_code == 404
    assert '<html lang="es-AR">' in contenido
    assert "No encontramos esta página" in contenido
    assert 'href="/"' in contenido


@pytest.mark.django_db
def test_la_pagina_403_esta_en_castellano(client, consumidora):
    client.force_login(consumidora)
    respuesta = client.get("/panel/organizaciones/")
    contenido = respuesta.content.decode()
    assert respuesta.status_code == 403
    assert "No tenés permiso para ver esta página" in contenido
    assert "Volver al inicio" in contenido


def test_la_pagina_500_se_muestra_sin_tocar_la_base_de_datos():
    # No django_db mark: pytest-django makes any database access fail this test.
    respuesta = errores_http.error_500(RequestFactory().get("/"))
    contenido = respuesta.content.decode()
    assert respuesta.status_code == 500
    assert "Tuvimos un problema" in contenido
    assert "/static/css/portal.css" in contenido
    assert "Saltar al contenido" in contenido


def test_el_error_de_csrf_se_explica_en_castellano():
    contenido = render_to_string("403_csrf.html", {"reason": "CSRF token missing."})
    assert "No pudimos verificar el envío del formulario" in contenido


# --- CSP and assets ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("ruta", PAGINAS_PUBLICAS)
def test_cada_pagina_manda_la_politica_de_seguridad_de_contenido(client, ruta):
    politica = client.get(ruta).headers["Content-Security-Policy"]
    directivas = dict(d.strip().split(" ", 1) for d in politica.split(";") if d.strip())
    assert directivas["default-src"] == "'self'"
    assert directivas["script-src"] == "'self'"
    assert directivas["style-src"] == "'self'"
    assert directivas["frame-ancestors"] == "'none'"


def _paginas_con_sesion(client, consumidora, agente_admision, administrador):
    for usuario in (consumidora, agente_admision, administrador):
        client.force_login(usuario)
        for ruta in ("/", "/notificaciones/", "/cuentas/2fa/", "/cuentas/password/change/"):
            yield f"{usuario.rol} {ruta}", client.get(ruta)
    client.logout()


@pytest.mark.django_db
def test_ninguna_pagina_carga_nada_de_afuera_ni_usa_codigo_en_linea(
    client, consumidora, agente_admision, administrador
):
    respuestas = [(ruta, client.get(ruta)) for ruta in PAGINAS_PUBLICAS]
    respuestas += list(_paginas_con_sesion(client, consumidora, agente_admision, administrador))
    for ruta, respuesta in respuestas:
        assert respuesta.status_code in {200, 404}, ruta
        recursos = _analizar(respuesta.content.decode())
        assert recursos.urls, ruta
        assert _externas(recursos.urls) == [], ruta
        assert recursos.scripts_en_linea == 0, ruta
        assert recursos.estilos_en_linea == 0, ruta


@pytest.mark.django_db
def test_las_hojas_de_estilo_no_importan_nada_de_afuera(client):
    recursos = _analizar(client.get("/").content.decode())
    hojas = [u for u in recursos.urls if u.endswith(".css")]
    assert "/static/css/poncho.min.css" in hojas
    # The agency's colour (decision 0031) is a stylesheet the portal itself serves.
    assert "/agencia.css" in hojas
    for hoja in hojas:
        if hoja.startswith(settings.STATIC_URL):
            ruta = finders.find(hoja.removeprefix(settings.STATIC_URL))
            assert ruta, hoja
            texto = Path(ruta).read_text(encoding="utf-8-sig")
        else:
            texto = client.get(hoja).content.decode()
        assert "@import" not in texto, hoja
        assert re.findall(r"url\(\s*['\"]?(?:https?:)?//", texto) == [], hoja


def test_poncho_local_es_el_de_npm_sin_la_importacion_de_google_fonts():
    """static/css/poncho.min.css is npm's ar-poncho with its only outside reference removed.
    After upgrading ar-poncho, regenerate it: take dist/css/poncho.min.css, drop the
    `@import"https://fonts.googleapis.com/…";` and keep our first comment line."""
    original = RAIZ / "node_modules" / "ar-poncho" / "dist" / "css" / "poncho.min.css"
    assert original.exists(), "Faltan los paquetes de npm: corré `make setup`."
    npm = re.sub(r'@import\s*"[^"]*";', "", original.read_text(encoding="utf-8-sig"))
    _cabecera, nuestra = (RAIZ / "static/css/poncho.min.css").read_text().split("\n", 1)
    assert nuestra == npm


@pytest.mark.django_db
def test_htmx_no_inyecta_estilos_en_linea(client):
    contenido = client.get("/").content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in contenido
    assert "htmx-indicator" in (RAIZ / "static/css/portal.css").read_text()


# --- Formats -------------------------------------------------------------------------------------


def test_moneda_en_formato_argentino_y_peruano():
    assert moneda(Decimal("1234.56")) == "$ 1.234,56"
    assert moneda("1234567.005") == "$ 1.234.567,01"
    assert moneda(0) == "$ 0,00"
    assert moneda(Decimal("-5")) == "-$ 5,00"
    assert moneda(Decimal("1234.5"), "PEN") == "S/ 1,234.50"
    assert moneda(Decimal("1234.56"), "ARS") == "$ 1.234,56"
    assert moneda(None) == ""
    assert moneda("no es un número") == ""
    assert moneda(float("nan")) == ""


def test_numero_en_formato_argentino_sin_ceros_de_mas():
    """Units of a fine (unidades fijas, canastas) in the pages and PDFs of CABA."""
    assert numero(Decimal("20000")) == "20.000"
    assert numero("20000.00") == "20.000"
    assert numero(Decimal("0.5")) == "0,5"
    assert numero("1234.25") == "1.234,25"
    assert numero(Decimal("-3")) == "-3"
    assert numero(None) == "" and numero("x") == ""


def test_fecha_larga_en_castellano_y_en_hora_de_buenos_aires():
    with translation.override("es-ar"):
        assert fecha_larga(datetime.date(2026, 11, 23)) == "23 de noviembre de 2026"
        momento = datetime.datetime(2026, 11, 23, 17, 30, tzinfo=datetime.UTC)
        assert fecha_larga(momento) == "23 de noviembre de 2026 a las 14:30"
        assert fecha_larga(None) == ""


def test_las_plantillas_muestran_fechas_y_numeros_como_en_argentina():
    plantilla = Template(
        "{% load formato %}{{ fecha }}|{{ fecha|date }}|{{ momento }}|{{ monto|moneda }}|"
        "{{ monto|moneda:'PEN' }}|{{ fecha|fecha_larga }}"
    )
    contexto = Context(
        {
            "fecha": datetime.date(2026, 11, 23),
            "momento": datetime.datetime(2026, 11, 23, 17, 30, tzinfo=datetime.UTC),
            "monto": Decimal("1234.56"),
        }
    )
    with translation.override("es-ar"):
        salida = plantilla.render(contexto)
    assert salida == (
        "23/11/2026|23/11/2026|23/11/2026 14:30|$ 1.234,56|S/ 1,234.56|23 de noviembre de 2026"
    )


# --- Accessible forms ----------------------------------------------------------------------------


class _Formulario(forms.Form):
    cuit = forms.CharField(label="CUIT", help_text="Once dígitos, sin guiones.")
    tipo = forms.ChoiceField(
        label="Tipo", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    acepto = forms.BooleanField(label="Acepto")


def test_el_campo_con_error_queda_ligado_a_su_ayuda_y_su_error():
    formulario = _Formulario(data={"cuit": "", "tipo": ""})
    assert not formulario.is_valid()
    html = render_to_string("componentes/campo.html", {"campo": formulario["cuit"]})
    recursos = _analizar(html)
    assert 'aria-describedby="id_cuit_helptext id_cuit_error"' in html
    assert 'aria-invalid="true"' in html
    assert {"id_cuit", "id_cuit_helptext", "id_cuit_error"} <= recursos.ids
    assert '<label class="control-label" for="id_cuit">CUIT' in html


def test_un_grupo_de_opciones_es_un_fieldset_con_leyenda_y_descripcion():
    formulario = _Formulario(data={})
    formulario.is_valid()
    html = render_to_string("componentes/campo.html", {"campo": formulario["tipo"]})
    assert "<fieldset" in html
    assert "<legend" in html
    assert 'aria-describedby="id_tipo_error"' in html
    assert 'id="id_tipo_error"' in html


def test_el_formulario_con_errores_empieza_con_un_resumen_que_lleva_a_cada_campo():
    formulario = _Formulario(data={"cuit": "1"})
    formulario.is_valid()
    html = render_to_string("componentes/formulario.html", {"form": formulario})
    assert "data-resumen-errores" in html
    assert 'tabindex="-1"' in html
    assert 'href="#id_tipo"' in html
    assert 'href="#id_acepto"' in html
    assert html.index("data-resumen-errores") < html.index('name="cuit"')


# --- Layout: skip link, header, panel ------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("ruta", ["/", "/acerca/", "/cuentas/login/"])
def test_el_primer_enlace_salta_al_contenido(client, ruta):
    recursos = _analizar(client.get(ruta).content.decode())
    assert recursos.enlaces[0] == "#contenido"
    assert "contenido" in recursos.ids


@pytest.mark.django_db
def test_el_encabezado_muestra_quien_ingreso_su_rol_y_mis_tramites_sin_javascript(
    client, consumidora
):
    client.force_login(consumidora)
    contenido = client.get("/").content.decode()
    assert "Lucía Fernández" in contenido
    assert "lucia@example.com" in contenido
    assert "Consumidor/a" in contenido
    assert re.search(r"<details>\s*<summary>Mis trámites</summary>", contenido)
    assert "bootstrap.min.js" not in contenido
    assert "Panel de la autoridad" not in contenido


@pytest.mark.django_db
def test_el_personal_ve_el_panel_de_la_autoridad_con_sus_areas_de_trabajo(client, agente_admision):
    client.force_login(agente_admision)
    contenido = client.get("/").content.decode()
    assert "Panel de la autoridad" in contenido
    assert 'aria-labelledby="titulo-areas"' in contenido
    assert "/panel/admision/" in contenido
    assert 'class="panel"' in contenido


# --- allauth in Spanish --------------------------------------------------------------------------


@pytest.mark.django_db
def test_ingresar_esta_en_castellano_y_ofrece_pedir_una_nueva_contrasena(client):
    contenido = client.get("/cuentas/login/").content.decode()
    assert "<h1>Ingresar</h1>" in contenido
    assert 'for="id_login">Correo electrónico' in contenido
    assert 'for="id_password">Contraseña' in contenido
    assert "Solicitar una nueva contraseña" in contenido


@pytest.mark.django_db
def test_un_ingreso_fallido_lo_explica_en_castellano_y_conserva_el_correo(client, consumidora):
    respuesta = client.post(
        "/cuentas/login/", {"login": consumidora.email, "password": "otra-cosa-123"}
    )
    contenido = respuesta.content.decode()
    assert "El correo electrónico o la contraseña no son correctos." in contenido
    assert "data-resumen-errores" in contenido
    assert f'value="{consumidora.email}"' in contenido


@pytest.mark.django_db
def test_solicitar_una_nueva_contrasena_como_en_el_instructivo_del_coprec(client):
    contenido = client.get("/cuentas/password/reset/").content.decode()
    assert "<h1>Solicitar una nueva contraseña</h1>" in contenido
    assert "Nueva contraseña por correo electrónico" in contenido
    assert "No crees una cuenta nueva" in contenido


def _catalogo_po(ruta: Path) -> dict:
    """A small .po reader (msgid/msgid_plural/msgstr[n], continued lines) for the check below."""
    catalogo, entrada, clave = {}, {}, None
    for linea in [*ruta.read_text().splitlines(), ""]:
        if not linea.strip() or linea.startswith("#"):
            if entrada.get("msgid"):
                if "msgid_plural" in entrada:
                    for n in (0, 1):
                        catalogo[(entrada["msgid"], n)] = entrada[f"msgstr[{n}]"]
                else:
                    catalogo[entrada["msgid"]] = entrada["msgstr"]
            entrada, clave = ({}, None) if not linea.strip() else (entrada, clave)
            continue
        if linea.startswith('"'):
            entrada[clave] += linea[1:-1].replace('\\"', '"')
        else:
            clave, valor = linea.split(" ", 1)
            entrada[clave] = valor[1:-1].replace('\\"', '"')
    return catalogo


def test_el_catalogo_es_ar_esta_compilado_y_al_dia():
    carpeta = RAIZ / "locale" / "es_AR" / "LC_MESSAGES"
    with (carpeta / "django.mo").open("rb") as mo:
        compilado = gettext.GNUTranslations(mo)._catalog
    fuente = _catalogo_po(carpeta / "django.po")
    assert len(fuente) > 50
    assert {k: v for k, v in compilado.items() if k} == fuente


def test_allauth_habla_de_vos():
    with translation.override("es-ar"):
        assert translation.gettext("Incorrect code.").startswith("El código no es correcto")
        assert translation.gettext("Email") == "Correo electrónico"


# --- Legal pages ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_acerca_de_cita_la_base_legal_de_cada_regimen(client):
    contenido = client.get("/acerca/").content.decode()
    for norma in [
        "Ley 26.993",
        "Decreto 202/2015",
        "Decreto 55/2025",
        "03/02/2025",
        "Secretaría de Industria y Comercio",
        "Ley 29571",
        "Ley 31435",
        "011-2011-PCM",
        "006-2014-PCM",
        "101-2022-PCM",
        # CABA (DOMAIN-CABA §0 "Acerca de").
        "Ley 24.240 art. 41",
        "Ley 757",
        "Decreto 714/GCABA/2010",
        "Disposición 4366/DGDYPC/2020",
    ]:
        assert norma in contenido, norma
    assert "COPREC-2015" in contenido
    assert "PE-INDECOPI-2022" in contenido
    assert "AR-CABA-757-6347" in contenido
    assert contenido.count("Se admiten") == 3


@pytest.mark.django_db
def test_acerca_de_avisa_cuando_el_coprec_ya_no_admite_reclamos(client, settings):
    settings.REGIMENES_VIGENTE_HASTA = {"COPREC": "2025-03-01"}
    contenido = client.get("/acerca/").content.decode()
    assert "No se admiten desde el 01/03/2025" in contenido
    assert contenido.count("Se admiten") == 2  # Peru and CABA


@pytest.mark.django_db
def test_el_aviso_de_privacidad_cita_las_leyes_de_datos_personales(client):
    contenido = client.get("/privacidad/").content.decode()
    assert "Ley 25.326" in contenido
    assert "Ley 29733" in contenido
    assert "Agencia de Acceso a la Información Pública" in contenido


@pytest.mark.django_db
def test_el_menu_de_tramites_se_arma_una_vez_por_pedido(client, django_user_model):
    """Decision 0034: a staff page shows the menu in the header and in the side menu; the
    second copy is the first one's HTML, not a second rendering."""
    from unittest import mock

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.template import engines

    usuario = django_user_model.objects.create_user(
        email="admision-menu@example.com", password="x" * 12, rol="admision"
    )
    TOTP.activate(usuario, generate_totp_secret())
    client.force_login(usuario)
    motor = engines["django"].engine
    original = motor.get_template
    pedidas = []

    def contar(nombre, *args, **kwargs):
        pedidas.append(nombre)
        return original(nombre, *args, **kwargs)

    with mock.patch.object(motor, "get_template", side_effect=contar):
        respuesta = client.get("/panel/admision/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert html.count('href="/panel/admision/"') >= 2  # header and side menu
    assert pedidas.count("componentes/menu_tramites.html") == 1
