"""Local formats for templates: `{% load formato %}`.

- `moneda`: "$ 1.234,56" (Argentina, the default) or "S/ 1,234.56" (Peru, code "PEN"), whatever
  the active language, because the amount belongs to a régimen, not to the reader's browser.
- `fecha_larga`: "23 de noviembre de 2026" (and "a las 14:30" for a datetime, in the site's zone).
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

register = template.Library()

# Currency code (ISO 4217, as in Regimen.moneda) → symbol and separators (thousands, decimals).
MONEDAS = {
    "ARS": ("$", ".", ","),
    "PEN": ("S/", ",", "."),
}
CENTAVO = Decimal("0.01")


def _decimal(valor) -> Decimal | None:
    if valor is None or valor == "" or isinstance(valor, bool):
        return None
    try:
        numero = Decimal(str(valor).strip())
    except InvalidOperation:
        return None
    return numero if numero.is_finite() else None


@register.filter
def moneda(valor, codigo: str = "ARS") -> str:
    """1234.56 → "$ 1.234,56"; with "PEN" → "S/ 1,234.56". Empty for empty or non-numeric input."""
    numero = _decimal(valor)
    if numero is None:
        return ""
    simbolo, miles, decimales = MONEDAS.get(str(codigo).upper(), MONEDAS["ARS"])
    redondeado = numero.quantize(CENTAVO, rounding=ROUND_HALF_UP)
    # Python's "," grouping gives "1,234.56"; swap the separators for the currency's convention.
    cifras = f"{abs(redondeado):,.2f}".translate(str.maketrans({",": miles, ".": decimales}))
    signo = "-" if redondeado < 0 else ""
    return f"{signo}{simbolo} {cifras}"


@register.filter(expects_localtime=True)
def fecha_larga(valor) -> str:
    """A date → "23 de noviembre de 2026"; an aware datetime also gets "a las 14:30" in the
    site's time zone (America/Argentina/Buenos_Aires)."""
    if isinstance(valor, datetime):
        if timezone.is_aware(valor):
            valor = timezone.localtime(valor)
        return _("%(fecha)s a las %(hora)s") % {
            "fecha": dateformat.format(valor, r"j \d\e F \d\e Y"),
            "hora": dateformat.format(valor, "H:i"),
        }
    if isinstance(valor, date):
        return dateformat.format(valor, r"j \d\e F \d\e Y")
    return ""
