"""Peruvian formats for the book's pages: S/ 1,234.50 and dates in Lima's time zone."""

from zoneinfo import ZoneInfo

from django import template
from django.utils import dateformat

from cuentas.templatetags.formato import moneda
from normativa.regimenes.peru import PERU

register = template.Library()
LIMA = ZoneInfo(PERU.zona_horaria)


@register.filter
def soles(valor) -> str:
    """Decimal → "S/ 1,234.50" (comma for thousands, dot for decimals, as used in Peru)."""
    return moneda(valor, "PEN")


@register.filter
def lima(momento, formato: str = "d/m/Y H:i") -> str:
    """An aware datetime formatted in Lima's zone. (|date would convert it back to the site's
    zone, Buenos Aires, before formatting.)"""
    if not momento:
        return ""
    return dateformat.format(momento.astimezone(LIMA), formato)
