"""Small-cell suppression of the public figures (docs/decisions/0024).

Primary: a row with fewer than k claims received publishes none of its figures (`suprimido`).
Secondary, against differencing: the providers of one sector add up (near enough) to the
sector's row, and the sectors to the régimen's; when exactly one row of such a group is
suppressed, its figures could be read as the total minus the others, so the smallest published
row of the group is suppressed too. Rates and medians whose own denominator is below k are
left empty at read time (estadisticas/selectors.py). The staff's office rows are not public and
are never suppressed.
"""

from __future__ import annotations

from collections import defaultdict


def suprimir(filas: list, *, k: int) -> None:
    grupos: dict[tuple, list] = defaultdict(list)
    for fila in filas:
        if fila.corte == "oficina":
            continue
        fila.suprimido = fila.recibidos < k
        if fila.corte == "proveedor":
            grupos[
                ("proveedor", fila.periodo, fila.desde, fila.regimen_codigo, fila.sector)
            ].append(fila)
        elif fila.corte == "sector":
            grupos[("sector", fila.periodo, fila.desde, fila.regimen_codigo)].append(fila)
    for grupo in grupos.values():
        ocultas = [f for f in grupo if f.suprimido]
        visibles = [f for f in grupo if not f.suprimido]
        if len(ocultas) == 1 and visibles:
            min(visibles, key=lambda f: (f.recibidos, f.identificador, f.sector)).suprimido = True
