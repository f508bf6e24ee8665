"""The deploying agency's name, logo and colour (decision 0031): settings the base templates show.

The colour reaches the pages as a CSS variable in /agencia.css (a stylesheet of our own origin:
the CSP allows no inline styles). `manage.py check` refuses a malformed or too light colour, an
unknown régimen in REGIMENES_OFRECIDOS and a logo URL that is not https; at run time a bad value
falls back to the portal's default, never a 500.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core import checks
from django.http import HttpResponse
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

COLOR_POR_DEFECTO = "#242c4f"
HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
CONTRASTE_MINIMO = 4.5  # WCAG AA for white text on the colour


def _largo(color: str) -> str:
    color = color.lower()
    if len(color) == 4:
        color = "#" + "".join(c * 2 for c in color[1:])
    return color


def contraste_con_blanco(color: str) -> float:
    def canal(hexa: str) -> float:
        c = int(hexa, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    largo = _largo(color)
    r, g, b = (canal(largo[i : i + 2]) for i in (1, 3, 5))
    luminancia = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminancia + 0.05)


def problema_del_color(color: str) -> str | None:
    if not isinstance(color, str) or not HEX.match(color):
        return "AGENCIA_COLOR debe ser un color hexadecimal (#RGB o #RRGGBB)."
    if contraste_con_blanco(color) < CONTRASTE_MINIMO:
        return "AGENCIA_COLOR es muy claro: el texto blanco sobre él no se lee (contraste < 4,5)."
    return None


def color() -> str:
    valor = getattr(settings, "AGENCIA_COLOR", COLOR_POR_DEFECTO)
    return COLOR_POR_DEFECTO if problema_del_color(valor) else _largo(valor)


def nombre() -> str:
    return (getattr(settings, "AGENCIA_NOMBRE", "") or "").strip() or _("Conciliación en Consumo")


def logo() -> str:
    """The logo's URL, or "" for the portal's own seal."""
    valor = (getattr(settings, "AGENCIA_LOGO", "") or "").strip()
    if not valor:
        return ""
    if valor.startswith("https://") or valor.startswith("/"):
        return valor
    if valor.startswith("http:") or ":" in valor.split("/")[0]:
        return ""  # refused by the check: no mixed content, no other schemes
    return static(valor)


def agencia(request) -> dict:
    """Context processor: the base templates read `agencia`."""
    return {"agencia": {"nombre": nombre(), "logo": logo(), "color": color()}}


@require_GET
def hoja_de_estilo(request):
    css = f":root {{ --agencia-color: {color()}; --azul: var(--agencia-color); }}\n"
    respuesta = HttpResponse(css, content_type="text/css; charset=utf-8")
    respuesta["Cache-Control"] = "public, max-age=300"
    return respuesta


@checks.register()
def revisar_agencia(app_configs=None, **kwargs):
    from normativa.regimenes import todos

    errores = []
    problema = problema_del_color(getattr(settings, "AGENCIA_COLOR", COLOR_POR_DEFECTO))
    if problema:
        errores.append(checks.Error(problema, id="agencia.E001"))
    valor = (getattr(settings, "AGENCIA_LOGO", "") or "").strip()
    if valor and not logo():
        errores.append(
            checks.Error("AGENCIA_LOGO: usá una ruta de static o una URL https.", id="agencia.E002")
        )
    conocidos = {r.codigo for r in todos()}
    desconocidos = sorted(set(getattr(settings, "REGIMENES_OFRECIDOS", []) or []) - conocidos)
    if desconocidos:
        errores.append(
            checks.Error(
                f"REGIMENES_OFRECIDOS nombra régimenes que no existen: {', '.join(desconocidos)}.",
                hint=f"Conocidos: {', '.join(sorted(conocidos))}.",
                id="agencia.E003",
            )
        )
    return errores
