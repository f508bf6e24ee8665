"""Template tags other apps' templates use to show files attached to their subjects, e.g. the
power of attorney on the staff review of an organisation:

    {% load documentos_tags %}{% archivos_de organizacion %}
"""

from django import template

from documentos import selectors

register = template.Library()


@register.inclusion_tag("documentos/_archivos_de.html")
def archivos_de(sujeto, categoria=None, titulo=""):
    """Lists the files attached to `sujeto` with download links (the view checks access)."""
    return {"archivos": selectors.archivos_de(sujeto, categoria=categoria), "titulo": titulo}
