"""`{% load tabla_reclamos %}`: the rows of a list of claims ("Mis reclamos", the provider's list,
pending acts), of the admission queue and of the mediation tray, rendered in Python.

Issue 13: the template loop cost about 0.1 ms of template-language work per row (two loops over
the providers, a URL reversal, three filters, a loop over the pending acts); 50 rows made the
list page several times the baseline. The markup is the one the template had (decision 0035; the
queue and the tray, decision 0043).
"""

from django import template
from django.template.defaultfilters import date, timesince_filter
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
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


def _fecha(valor, formato: str) -> str:
    """`{{ valor|date:formato }}`: in the current time zone, as the template did."""
    return date(template_localtime(valor), formato)


@register.simple_tag
def filas_de_la_cola(reclamos) -> str:
    """The admission queue's <tr> (reclamos.selectors.cola_admision's annotations)."""
    revisar, tope, detalle = (
        url_de("reclamos:revisar"),
        url_de("reclamos:tope"),
        url_de("reclamos:detalle"),
    )
    aviso_vencido = format_html(
        '<br><strong class="text-danger">{}</strong>',
        _("Venció el plazo para acreditar: confirmá la no admisión"),
    )
    aviso_tope = format_html(
        '<br><strong class="text-danger">{}</strong>',
        _("Suspendido por revisión del tope: decidí si continúa"),
    )
    filas = []
    for r in reclamos:
        if r.revision_tope:
            url = tope(r.pk)
        elif r.estado == "EN_ADMISION":
            url = revisar(r.pk)
        else:
            url = detalle(r.pk)
        filas.append(
            format_html(
                '\n  <tr><td><a href="{}">{}</a></td>\n    <td>{}, {}</td>\n    <td>{}</td>\n'
                "    <td>{}{}{}</td><td>{}</td>\n    <td>{}</td></tr>\n  ",
                url,
                r.numero,
                r.consumidor_apellido,
                r.consumidor_nombre,
                format_html_join("; ", "{}", ((p.razon_social,) for p in r.proveedores.all())),
                r.get_estado_display(),
                aviso_vencido if r.requerimiento_vencido else "",
                aviso_tope if r.revision_tope else "",
                _fecha(r.presentado_en, "SHORT_DATETIME_FORMAT"),
                timesince_filter(r.presentado_en),
            )
        )
    if not filas:
        return format_html('<tr><td colspan="6">{}</td></tr>', _("No hay reclamos en la cola."))
    # Every value above went through format_html.
    return mark_safe("".join(filas))


@register.simple_tag
def filas_de_la_bandeja(filas) -> str:
    """The mediation tray's <tr>: (claim, its agency timers) as reclamos.views.mediacion.bandeja
    pairs them; dates in the zone of the tray's {% timezone %}."""
    expediente = url_de("reclamos:mediacion")
    vencido = format_html(' <strong class="text-danger">{}</strong>', _("vencido"))
    html = []
    for r, plazos in filas:
        funcionario = r.mediacion.funcionario if hasattr(r, "mediacion") else None
        a_cargo = (funcionario.nombre_completo or funcionario.email) if funcionario else "—"
        html.append(
            format_html(
                '<tr>\n  <td><a href="{}">{}</a><br><small>{}</small></td>\n  <td>{}</td>\n'
                "  <td>{}</td>\n  <td>{}</td>\n  <td>{}</td>\n  <td>{}</td>\n</tr>",
                expediente(r.pk),
                r.numero,
                _fecha(r.presentado_en, "d/m/Y"),
                format_html_join("", "{}", ((p.razon_social,) for p in r.proveedores.all())),
                r.get_estado_display(),
                a_cargo,
                format_html_join(
                    mark_safe("<br>"),
                    "{}: {}{}",
                    (
                        (p.tipo, _fecha(p.vence, "d/m/Y"), vencido if p.estado == "vencido" else "")
                        for p in plazos
                    ),
                )
                or "—",
                format_html('<span class="badge">{}</span>', localize(r.sin_leer))
                if r.sin_leer
                else "0",
            )
        )
    if not html:
        return format_html('<tr><td colspan="6">{}</td></tr>', _("No hay reclamos."))
    # Every value above went through format_html.
    return mark_safe("".join(html))
