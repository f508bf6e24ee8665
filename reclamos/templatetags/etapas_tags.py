"""`{% load etapas_tags %}`: legal references in plain words for citizens (reclamos.etapas)."""

from django import template

from reclamos.etapas import fuentes_legibles as _fuentes

register = template.Library()


@register.filter
def fuentes_legibles(fuente: str) -> list[dict]:
    """ "D202-I.7" → [{"texto": "Decreto 202/2015, Anexo I, art. 7", "url": ...}]."""
    return _fuentes(fuente)
