"""`{% load conciliadores_tags %}{% designacion_de reclamo %}`: who conciliates the claim (the
draw's commitment, proposals, excusaciones and recusaciones) and the acts the viewer has."""

from django import template

from conciliadores import selectors

register = template.Library()


@register.inclusion_tag("conciliadores/_designacion.html", takes_context=True)
def designacion_de(context, reclamo):
    request = context.get("request")
    usuario = getattr(request, "user", None)
    return {"request": request, **selectors.resumen_designacion(reclamo, usuario)}
