"""Every persona of the demo walks the portal on a 360×740 phone: from their start page, the pages
their links reach (breadth first, every kind of page once) must not scroll sideways and must have
no critical or serious axe-core violation. A screenshot of each page is kept under
artefactos/movil/.

The number of pages checked per persona is printed (pytest -s shows it) and asserted to be more
than the start page alone, so a crawl that silently finds nothing fails.
"""

import io
import os
import re

import pytest
from django.core.management import call_command

from cuentas.management.commands.cargar_demo import CONTRASENA_DEMO, PERSONAS
from cuentas.models import Usuario
from tests.navegador.conftest import CAPTURAS
from tests.navegador.recorrido import desborde, elementos_anchos, recorrer, violaciones_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TELEFONO = {"width": 360, "height": 740}
# Every kind of page once per persona; the bound only stops a runaway walk.
LIMITE = int(os.environ.get("RECORRIDO_LIMITE", "150"))
DEMOS = (
    "cargar_demo",
    "cargar_demo_reclamos",
    "cargar_demo_libro",
    "cargar_demo_mediacion",
    "cargar_demo_audiencias",
    "cargar_demo_honorarios",
)


def _cargar_demo():
    for comando in DEMOS:
        call_command(comando, stdout=io.StringIO())


def _nombre_de_archivo(url: str) -> str:
    ruta = re.sub(r"^https?://[^/]+", "", url).strip("/") or "inicio"
    return re.sub(r"[^a-zA-Z0-9_-]+", "_", ruta)[:80]


def _recorrer_y_revisar(pagina, carpeta: str) -> tuple[list[str], list[str]]:
    fallas: list[str] = []
    destino = CAPTURAS.parent / "movil" / carpeta
    destino.mkdir(parents=True, exist_ok=True)

    def revisar(url, estado):
        sobra = desborde(pagina)
        if sobra > 0:
            fallas.append(f"{url}: {sobra}px de más; {elementos_anchos(pagina)}")
        for violacion in violaciones_axe(pagina):
            fallas.append(
                f"{url}: axe {violacion['impacto']} {violacion['id']} ({violacion['cantidad']}) "
                f"{violacion['ayuda']}: {violacion['nodos']}"
            )
        if estado >= 500:
            fallas.append(f"{url}: respuesta {estado}")
        pagina.screenshot(path=str(destino / f"{_nombre_de_archivo(url)}.png"), full_page=True)

    visitadas = recorrer(pagina, "/", LIMITE, revisar)
    return visitadas, fallas


@pytest.mark.parametrize("email", [persona[0] for persona in PERSONAS])
def test_cada_persona_recorre_el_portal_en_un_telefono_sin_desborde_ni_fallas_de_axe(
    pagina, ingresar_como, email
):
    _cargar_demo()
    usuario = Usuario.objects.get(email=email)
    pagina.set_viewport_size(TELEFONO)
    ingresar_como(usuario, contrasena=CONTRASENA_DEMO)

    visitadas, fallas = _recorrer_y_revisar(pagina, usuario.rol)

    print(f"\n{usuario.rol}: {len(visitadas)} páginas revisadas a 360 px")
    assert len(visitadas) > 3, visitadas
    assert fallas == [], "\n".join(fallas)


def test_quien_no_ingreso_recorre_las_paginas_publicas_en_un_telefono(pagina):
    _cargar_demo()
    pagina.set_viewport_size(TELEFONO)
    pagina.goto("/")

    visitadas, fallas = _recorrer_y_revisar(pagina, "anonimo")

    print(f"\nanónimo: {len(visitadas)} páginas revisadas a 360 px")
    assert len(visitadas) > 3, visitadas
    assert fallas == [], "\n".join(fallas)
