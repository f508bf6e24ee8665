"""The catalogue of dated legal values (decision 0031): every figure a decree or a yearly law
changes is a ValorReferencia row of one of these kinds, with its source and a confidence mark.

Services ask `valor(codigo, fecha)` for the row in force on a date and store the figure they used
on the act (a fine keeps its SMVM or UF, a claim its cap, a homologation review its threshold).
A régimen module may `registrar` its own kinds (e.g. a term length the law does not fix).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ClaseDeValor:
    codigo: str
    nombre: str
    # What one unit of the value is: a currency ("ARS", "PEN"), another value's code ("SMVM",
    # "UF", "CBT"), "días hábiles" or "proporción".
    unidad: str
    regimen: str = ""  # "" when the value is not tied to one régimen
    descripcion: str = ""


CLASES: dict[str, ClaseDeValor] = {}


def registrar(clase: ClaseDeValor) -> ClaseDeValor:
    CLASES[clase.codigo] = clase
    return clase


def clase(codigo: str) -> ClaseDeValor | None:
    return CLASES.get(codigo)


def opciones() -> list[tuple[str, str]]:
    """Choices of ValorReferencia.tipo (a callable: a new kind needs no migration)."""
    return [(c.codigo, c.nombre) for c in CLASES.values()]


def vigente(codigo: str, fecha: datetime.date):
    from normativa.models import ValorReferencia

    return ValorReferencia.vigente(codigo, fecha)


def valor(codigo: str, fecha: datetime.date, por_defecto: Decimal | None = None) -> Decimal | None:
    fila = vigente(codigo, fecha)
    return fila.valor if fila is not None else por_defecto


# Money units.
SMVM = registrar(ClaseDeValor("SMVM", "Salario Mínimo, Vital y Móvil", "ARS"))
UR = registrar(ClaseDeValor("UR", "Unidad de referencia (honorarios)", "ARS"))
UIT = registrar(ClaseDeValor("UIT", "Unidad Impositiva Tributaria (Perú)", "PEN"))
UF = registrar(
    ClaseDeValor(
        "UF",
        "Unidad Fija (Ley Tarifaria de la Ciudad)",
        "ARS",
        "CABA",
        "Valor en pesos que fija cada año la Ley Tarifaria de la Ciudad de Buenos Aires.",
    )
)
CBT = registrar(
    ClaseDeValor(
        "CBT",
        "Canasta Básica Total — Hogar 3 (INDEC)",
        "ARS",
        "CABA",
        "Unidad de las multas de la LDC art. 47; vale la del día de la resolución.",
    )
)

# COPREC (Ley 26.993).
TOPE_COPREC = registrar(
    ClaseDeValor("TOPE-COPREC", "Tope del reclamo COPREC", "SMVM", "COPREC", "Ley 26.993 art. 2.")
)
TOPE_AUDITORIA_COPREC = registrar(
    ClaseDeValor(
        "TOPE-AUDITORIA-COPREC",
        "Tope del reclamo ante la Auditoría (COPREC)",
        "SMVM",
        "COPREC",
        "Ley 26.993 Título II (según DF).",
    )
)
MULTA_INCOMPARECENCIA_COPREC = registrar(
    ClaseDeValor(
        "MULTA-INCOMPARECENCIA-COPREC",
        "Multa por incomparecencia del proveedor (COPREC)",
        "SMVM",
        "COPREC",
        "Ley 26.993 art. 16: la vale el SMVM del día de la audiencia a la que no fue.",
    )
)
UMBRAL_HOMOLOGACION = registrar(
    ClaseDeValor(
        "UMBRAL-HOMOLOGACION",
        "Umbral de suma sustancialmente inferior (homologación)",
        "proporción",
        "COPREC",
        "Razón acordado/reclamado bajo la cual se marca la suma (art. 12 d). La ley no da cifra.",
    )
)

# CABA (Ley 757, DOMAIN-CABA §3, §5).
MULTA_INCOMPARECENCIA_CABA_MIN = registrar(
    ClaseDeValor(
        "MULTA-INCOMPARECENCIA-CABA-MIN",
        "Multa por incomparecencia (CABA): mínimo",
        "UF",
        "CABA",
        "Ley 757 art. 9 d (Ley 5.675).",
    )
)
MULTA_INCOMPARECENCIA_CABA_MAX = registrar(
    ClaseDeValor(
        "MULTA-INCOMPARECENCIA-CABA-MAX",
        "Multa por incomparecencia (CABA): máximo",
        "UF",
        "CABA",
        "Ley 757 art. 9 d (Ley 5.675).",
    )
)
MULTA_LDC_MIN = registrar(
    ClaseDeValor(
        "MULTA-LDC-MIN", "Multa de la LDC art. 47: mínimo", "CBT", "CABA", "Ley 24.240 art. 47."
    )
)
MULTA_LDC_MAX = registrar(
    ClaseDeValor(
        "MULTA-LDC-MAX", "Multa de la LDC art. 47: máximo", "CBT", "CABA", "Ley 24.240 art. 47."
    )
)
# Term lengths the sources did not fix (DOMAIN-CABA §3, Q7, Q14): configuration, L until verified.
for _codigo, _nombre in (
    ("CABA-06", "Anticipación mínima de la citación a audiencia"),
    ("CABA-07", "Plazo para el descargo"),
    ("CABA-09", "Plazo del recurso directo ante la Cámara CAyTyRC"),
    ("CABA-13", "Plazo de la apelación de una medida preventiva"),
):
    registrar(ClaseDeValor(f"PLAZO-{_codigo}", f"{_nombre} ({_codigo})", "días hábiles", "CABA"))


def tope_unidades(regimen, fecha: datetime.date) -> Decimal | None:
    """The claim cap of `regimen` on `fecha`, in its unit (TOPE-<código> row; the régimen's own
    figure when no row is loaded; None when the régimen has no cap)."""
    if regimen.tope_unidades is None:
        return None
    return valor(f"TOPE-{regimen.codigo}", fecha, Decimal(regimen.tope_unidades))
