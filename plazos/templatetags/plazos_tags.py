"""`{% load plazos_tags %}{% plazos_de reclamo %}`: the subject's running plazos with their due
date, business days left and the "¿Por qué esta fecha?" explanation — one query."""

from django import template

from plazos import selectors

register = template.Library()


@register.inclusion_tag("plazos/_plazos.html")
def plazos_de(sujeto):
    filas = []
    for plazo in selectors.plazos_corriendo_de(sujeto):
        try:
            tp = plazo.tipo_plazo
            nombre, fuente = tp.nombre, tp.fuente
        except LookupError:
            nombre, fuente = plazo.tipo, ""
        filas.append(
            {
                "plazo": plazo,
                "nombre": nombre,
                "fuente": fuente,
                "dias": selectors.dias_restantes(plazo),
                "lineas": (plazo.explicacion or {}).get("lineas", []),
            }
        )
    return {"filas": filas}
