"""Amounts written as the claim's régimen writes them ("S/ 1,234.50", "$ 1.234,50")."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def monto(valor, regimen) -> str:
    if valor in (None, ""):
        return ""
    return regimen.formatear_monto(Decimal(valor))
