"""`{% load plazos_tags %}{% plazos_de reclamo %}`: the subject's running plazos with their due
date, business days left and the "¿Por qué esta fecha?" explanation — one query."""

from django import template

from plazos import selectors

register = template.Library()


@register.inclusion_tag("plazos/_plazos.html")
def plazos_de(sujeto, sin_los_del_consumidor=False, corriendo=None):
    """`sin_los_del_consumidor`: leave out the consumer's own terms (TipoPlazo.solo_consumidor),
    for a provider looking at the claim (Decision 0015). `corriendo`: the subject's running
    plazos (selectors.plazos_corriendo_de) when the page already read them (no query)."""
    if corriendo is None:
        corriendo = selectors.plazos_corriendo_de(sujeto)
    filas = []
    for plazo in corriendo:
        try:
            tp = plazo.tipo_plazo
            nombre, fuente = tp.nombre, tp.fuente
        except LookupError:
            tp, nombre, fuente = None, plazo.tipo, ""
        if sin_los_del_consumidor and tp is not None and tp.solo_consumidor:
            continue
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
