"""`{% load agenda %}`: the rows of the conciliator's fixed hearings on their agenda, rendered in
Python.

Issue 13 (decision 0042): 50 rows of a date filter, a URL reversal and two lookups in the
template language were about a fifth of the agenda's rendering. The markup is the one the
template had; the claim's URL is reversed once per page (as `filas_de_reclamos`, decision 0035).
"""

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from reclamos.templatetags.tabla_reclamos import url_de

register = template.Library()


@register.simple_tag
def filas_de_audiencias(audiencias) -> str:
    """The <tr> of each hearing: day and time, the claim's number (a link), the modality."""
    detalle = url_de("reclamos:detalle")
    filas = [
        format_html(
            '<tr><td>{}</td><td><a href="{}">{}</a></td><td>{}</td></tr>\n',
            formats.date_format(timezone.localtime(a.inicio), "DATETIME_FORMAT"),
            detalle(a.reclamo_id),
            a.reclamo.numero,
            a.get_modalidad_display(),
        )
        for a in audiencias
    ]
    if not filas:
        return format_html('<tr><td colspan="3">{}</td></tr>', _("No tenés audiencias fijadas."))
    # Every value above went through format_html.
    return mark_safe("".join(filas))
