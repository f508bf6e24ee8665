"""The "Mis trámites" menu rendered once per request (decision 0034): staff pages show it in the
header and again in the panel's side menu; it depends only on the user and the language, so the
second copy reuses the first one's HTML instead of evaluating ~40 conditions and ~20 URL
reversals again."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

PLANTILLA = "componentes/menu_tramites.html"


@register.simple_tag(takes_context=True)
def menu_tramites(context):
    request = context.get("request")
    memo = getattr(request, "_menu_tramites_html", None) if request is not None else None
    if memo is None:
        memo = context.template.engine.get_template(PLANTILLA).render(context)
        if request is not None:
            request._menu_tramites_html = memo
    return mark_safe(memo)  # our own template's output, escaped when it was rendered
