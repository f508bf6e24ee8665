"""Charts drawn on the server as SVG: no script, no CDN. Each chart has a title and a
description for screen readers, and the page shows the same numbers in a table next to it."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ANCHO, ALTO = 640, 260
MARGEN_IZQ, MARGEN_INF, MARGEN_SUP = 48, 44, 16


def _numero(valor: float, porcentaje: bool) -> str:
    if porcentaje:
        return f"{valor * 100:.0f} %"
    return f"{valor:,.0f}".replace(",", ".") if float(valor).is_integer() else f"{valor:.1f}"


def barras(
    id_grafico: str,
    titulo: str,
    etiquetas: list[str],
    valores: list[float | None],
    *,
    porcentaje: bool = False,
) -> SafeString:
    """Vertical bars, one per label; None is drawn as a gap marked «s/d»."""
    presentes = [v for v in valores if v is not None]
    maximo = max(presentes) if presentes else 0
    if porcentaje:
        maximo = max(maximo, 1.0)
    maximo = maximo or 1
    n = max(len(valores), 1)
    ancho_util = ANCHO - MARGEN_IZQ - 8
    alto_util = ALTO - MARGEN_INF - MARGEN_SUP
    paso = ancho_util / n
    barra = max(paso * 0.7, 2)
    partes = [
        f'<svg class="grafico" viewBox="0 0 {ANCHO} {ALTO}" role="img" '
        f'aria-labelledby="{id_grafico}-t {id_grafico}-d" preserveAspectRatio="xMidYMid meet" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{id_grafico}-t">{escape(titulo)}</title>',
        f'<desc id="{id_grafico}-d">'
        + escape(
            "; ".join(
                f"{e}: {'sin dato' if v is None else _numero(v, porcentaje)}"
                for e, v in zip(etiquetas, valores, strict=True)
            )
        )
        + "</desc>",
        f'<line x1="{MARGEN_IZQ}" y1="{ALTO - MARGEN_INF}" x2="{ANCHO - 4}" '
        f'y2="{ALTO - MARGEN_INF}" class="eje"/>',
    ]
    for fraccion in (0.5, 1.0):
        y = ALTO - MARGEN_INF - alto_util * fraccion
        partes.append(
            f'<line x1="{MARGEN_IZQ}" y1="{y:.1f}" x2="{ANCHO - 4}" y2="{y:.1f}" class="guia"/>'
            f'<text x="{MARGEN_IZQ - 6}" y="{y + 4:.1f}" class="escala" text-anchor="end">'
            f"{escape(_numero(maximo * fraccion, porcentaje))}</text>"
        )
    cada = max(1, n // 8)
    for i, (etiqueta, valor) in enumerate(zip(etiquetas, valores, strict=True)):
        x = MARGEN_IZQ + i * paso + (paso - barra) / 2
        if valor is None:
            partes.append(
                f'<text x="{x + barra / 2:.1f}" y="{ALTO - MARGEN_INF - 4}" class="sd" '
                f'text-anchor="middle">s/d</text>'
            )
        else:
            alto = alto_util * (valor / maximo)
            partes.append(
                f'<rect x="{x:.1f}" y="{ALTO - MARGEN_INF - alto:.1f}" width="{barra:.1f}" '
                f'height="{alto:.1f}" class="barra"/>'
            )
        if i % cada == 0:
            partes.append(
                f'<text x="{x + barra / 2:.1f}" y="{ALTO - MARGEN_INF + 16}" class="etiqueta" '
                f'text-anchor="middle">{escape(etiqueta)}</text>'
            )
    partes.append("</svg>")
    return mark_safe("".join(partes))
