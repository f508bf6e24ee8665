"""Local formats for templates: `{% load formato %}`.

- `moneda`: "$ 1.234,56" (Argentina, the default) or "S/ 1,234.56" (Peru, code "PEN"), whatever
  the active language, because the amount belongs to a régimen, not to the reader's browser.
- `fecha_larga`: "23 de noviembre de 2026" (and "a las 14:30" for a datetime, in the site's zone).
- `fecha`: "30/12/2026" from a date, an aware datetime (in the active zone) or the ISO text a
  document's snapshot keeps ("2026-12-30"); any other text passes unchanged (already formatted).
- `fecha_hora`: "30/12/2026 14:30 (hora oficial argentina)": the time always names its zone, the
  régimen's when given (`|fecha_hora:"America/Lima"` → "hora de Lima").

Every page, PDF and e-mail formats money and dates with these filters, so one place decides.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

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


@register.filter
def numero(valor) -> str:
    """A quantity in the Argentine way, without trailing zeros: 20000 → "20.000", 0.5 → "0,5",
    1234.25 → "1.234,25" (units of a fine: unidades fijas, canastas). Empty for non-numbers."""
    cifra = _decimal(valor)
    if cifra is None:
        return ""
    texto = f"{abs(cifra):,f}"
    if "." in texto:
        texto = texto.rstrip("0").rstrip(".")
    texto = texto.translate(str.maketrans({",": ".", ".": ","}))
    return f"-{texto}" if cifra < 0 else texto


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


# How the portal names each time zone next to a time (as the calendars' explanations do).
NOMBRES_DE_ZONA = {
    "America/Argentina/Buenos_Aires": "hora oficial argentina",
    "America/Lima": "hora de Lima",
}


def _como_fecha(valor):
    """A date or datetime from a value or its ISO text; None when it is neither."""
    if isinstance(valor, date):
        return valor
    if isinstance(valor, str) and len(valor) >= 10 and valor[4:5] == "-":
        try:
            return datetime.fromisoformat(valor) if len(valor) > 10 else date.fromisoformat(valor)
        except ValueError:
            return None
    return None


@register.filter(expects_localtime=True)
def fecha(valor, zona: str = "") -> str:
    """2026-12-30 (a date, a datetime or its ISO text) → "30/12/2026"; a datetime's day in
    `zona` (the régimen's, e.g. "America/Lima") or the active zone."""
    convertido = _como_fecha(valor)
    if convertido is None:
        return "" if valor is None else str(valor)
    if isinstance(convertido, datetime) and timezone.is_aware(convertido):
        convertido = timezone.localtime(convertido, ZoneInfo(str(zona)) if zona else None)
    return convertido.strftime("%d/%m/%Y")


@register.filter
def fecha_hora(valor, zona: str = "") -> str:
    """An aware datetime → "30/12/2026 14:30 (hora oficial argentina)", in `zona` (an IANA name)
    or the active one."""
    convertido = _como_fecha(valor)
    if not isinstance(convertido, datetime):
        return fecha(valor)
    if isinstance(zona, ZoneInfo):
        destino = zona
    else:
        destino = ZoneInfo(zona) if zona else timezone.get_current_timezone()
    if timezone.is_aware(convertido):
        convertido = convertido.astimezone(destino)
    nombre = NOMBRES_DE_ZONA.get(str(destino), str(destino))
    return f"{convertido:%d/%m/%Y %H:%M} ({nombre})"
