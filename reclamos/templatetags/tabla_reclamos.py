"""`{% load tabla_reclamos %}`: the rows of a list of claims ("Mis reclamos", the provider's list,
pending acts), rendered in Python.

Issue 13: the template loop cost about 0.1 ms of template-language work per row (two loops over
the providers, a URL reversal, three filters, a loop over the pending acts); 50 rows made the
list page several times the baseline. The markup is the one the template had (decision 0035).
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cuentas.templatetags.formato import fecha, moneda

register = template.Library()

_PK = 918273645  # a pk no claim has: reversed once per page, replaced per row


def url_de(nombre: str):
    """`nombre`'s URL for a pk: reversed once, the pk replaced per row (the agenda uses it too)."""
    modelo = reverse(nombre, args=[_PK])
    return lambda pk: modelo.replace(str(_PK), str(pk))


def _unidos(valores) -> str:
    """The values escaped, one per line."""
    return format_html_join(mark_safe("<br>"), "{}", ((v,) for v in valores))


@register.simple_tag
def filas_de_reclamos(reclamos, acciones=None) -> str:
    """The <tr> of each claim; `acciones` ({estado: text}) adds the "what to do" column."""
    detalle, continuar = url_de("reclamos:detalle"), url_de("reclamos:continuar")
    filas = []
    for r in reclamos:
        # In the order they were named (the prefetch has no ORDER BY: on PostgreSQL an updated
        # row may come back after a newer one).
        proveedores = sorted(r.proveedores.all(), key=lambda p: p.pk)
        regimen = r.regimen
        url = detalle(r.pk) if r.numero else continuar(r.pk)
        fecha_presentado = fecha(r.presentado_en, regimen.zona_horaria) or "—"
        celdas = [
            format_html('<td><a href="{}">{}</a></td>', url, r.numero or _("Borrador")),
            format_html("<td>{}</td>", _unidos(p.identificador for p in proveedores)),
            format_html("<td>{}</td>", _unidos(p.razon_social for p in proveedores)),
            format_html(
                "<td>{}</td>",
                moneda(r.monto, regimen.moneda) if r.monto else _("Desconocido"),
            ),
            format_html("<td>{}</td>", r.get_estado_display()),
            format_html("<td>{}</td>", fecha_presentado),
        ]
        if acciones:
            celdas.append(format_html('<td class="accion">{}</td>', acciones.get(r.estado, "")))
        filas.append("\n  <tr>\n    " + "\n    ".join(celdas) + "\n  </tr>")
    if not filas:
        return format_html('<tr><td colspan="7">{}</td></tr>', _("No hay reclamos."))
    # Every value above went through format_html.
    return mark_safe("".join(filas) + "\n")
