from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def cifra(valor, columna: str = ""):
    """A published figure as the pages show it: rates in percent, days with one decimal, an
    empty figure as «s/d» (suppressed or too few cases)."""
    if valor is None or valor == "":
        return _("s/d")
    if isinstance(valor, bool):
        return _("sí") if valor else _("no")
    if columna.startswith("tasa") or columna == "porcentaje":
        return f"{float(valor) * 100:.1f} %".replace(".", ",")
    if isinstance(valor, float):
        return f"{valor:.1f}".replace(".", ",")
    return valor


@register.filter
def item(diccionario, clave):
    return diccionario.get(clave)
