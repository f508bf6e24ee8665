"""What each published figure counts, in one place: the states and acts behind it, and the data
dictionary every download, page and API answer follows (docs/decisions/0024).

A claim counts in the period of its filing (`Reclamo.presentado_en`, in the régimen's time
zone); later events of the same claim update that period's figures at the next refresh.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from reclamos.estados import Estado as E

LICENCIA = "CC BY 4.0"
LICENCIA_URL = "https://creativecommons.org/licenses/by/4.0/deed.es"

# Reached at some time (an expediente act whose `estado_hacia` is one of these).
ADMITIDO = (E.ADMITIDO, E.REGISTRADO)
CON_ACUERDO = (E.ACUERDO_FIRMADO, E.CONCLUIDO_CON_ACUERDO)
SIN_ACUERDO = (E.CERRADO_SIN_ACUERDO, E.SIN_ACUERDO)
CUMPLIDO = (E.CUMPLIDO, E.CUMPLIMIENTO_COMUNICADO)
INCUMPLIDO = (E.INCUMPLIMIENTO_VERIFICADO,)
# The end of the conciliation stage: the first act into any of these is the claim's closure.
CIERRE = (
    E.ACUERDO_FIRMADO,
    E.CONCLUIDO_CON_ACUERDO,
    E.CERRADO_SIN_ACUERDO,
    E.SIN_ACUERDO,
    E.CERRADO_EXCEDE_TOPE,
    E.DESISTIDO,
    E.INADMITIDO_FIRME,
    E.CADUCADO,
    E.CONCLUIDO,
)


class Sector(models.TextChoices):
    """Economic sector of a provider, for the open data (staff classify providers)."""

    TELECOMUNICACIONES = "telecomunicaciones", _("Telecomunicaciones e internet")
    FINANZAS = "finanzas", _("Bancos, tarjetas y financieras")
    SEGUROS = "seguros", _("Seguros")
    TRANSPORTE = "transporte", _("Transporte y turismo")
    COMERCIO = "comercio", _("Comercio y comercio electrónico")
    SERVICIOS_PUBLICOS = "servicios_publicos", _("Servicios públicos domiciliarios")
    SALUD = "salud", _("Medicina prepaga y salud")
    AUTOMOTORES = "automotores", _("Automotores")
    EDUCACION = "educacion", _("Educación")
    INMUEBLES = "inmuebles", _("Inmuebles y construcción")
    OTROS = "otros", _("Otros")
    SIN_CLASIFICAR = "sin_clasificar", _("Sin clasificar")


class Periodo(models.TextChoices):
    MES = "mes", _("Mes")
    SEMANA = "semana", _("Semana ISO")


@dataclass(frozen=True)
class Campo:
    nombre: str
    tipo: str  # JSON Schema-like: string, integer, number, date, boolean
    descripcion: str
    nulo: bool = False


# The data dictionary of the open data, in the column order of the CSV files.
_COMUNES_INICIO = [
    Campo("periodo", "string", "«mes» o «semana» (semana ISO 8601, de lunes a domingo)."),
    Campo("desde", "date", "Primer día del período (AAAA-MM-DD)."),
    Campo(
        "regimen",
        "string",
        "Régimen del reclamo: COPREC (Argentina, Ley 26.993) o PE-INDECOPI (Perú, "
        "Reclama Virtual).",
    ),
]
_CIFRAS = [
    Campo(
        "suprimido",
        "boolean",
        "Verdadero si la fila tiene menos de k reclamos (o se ocultó para que no se deduzca "
        "otra por diferencia): entonces todas las cifras van vacías.",
    ),
    Campo("reclamos_recibidos", "integer", "Reclamos presentados en el período.", True),
    Campo(
        "reclamos_admitidos",
        "integer",
        "De ellos, los que llegaron a «Admitido» (COPREC) o «Registrado» (Perú).",
        True,
    ),
    Campo(
        "audiencias_celebradas",
        "integer",
        "Audiencias en estado «celebrada» de esos reclamos (una por cada reunión).",
        True,
    ),
    Campo(
        "tasa_acuerdo",
        "number",
        "Reclamos con acuerdo («Acuerdo firmado» o «Concluido con acuerdo») sobre los que "
        "terminaron con o sin acuerdo («Cerrado sin acuerdo», «Sin acuerdo»); de 0 a 1.",
        True,
    ),
    Campo(
        "tasa_incomparecencia_proveedor",
        "number",
        "Reclamos con alguna audiencia celebrada cuyo resultado fue la incomparecencia del "
        "proveedor, sobre los reclamos con al menos una audiencia celebrada; de 0 a 1.",
        True,
    ),
    Campo(
        "tasa_cumplimiento",
        "number",
        "Reclamos que llegaron a «Cumplido» o «Cumplimiento comunicado» sobre esos más los que "
        "llegaron a «Incumplimiento verificado» sin cumplir; de 0 a 1.",
        True,
    ),
    Campo(
        "mediana_dias_primera_audiencia",
        "number",
        "Mediana de días corridos entre la presentación y el inicio de la primera audiencia "
        "celebrada.",
        True,
    ),
    Campo(
        "mediana_dias_cierre",
        "number",
        "Mediana de días corridos entre la presentación y el primer acto que cierra la etapa "
        "de conciliación (acuerdo, cierre sin acuerdo, exceso del tope, desistimiento, "
        "inadmisión firme, caducidad o conclusión).",
        True,
    ),
]
DICCIONARIO: dict[str, list[Campo]] = {
    "proveedores": [
        *_COMUNES_INICIO,
        Campo("tipo_identificador", "string", "CUIT (Argentina) o RUC (Perú)."),
        Campo("identificador", "string", "CUIT o RUC del proveedor, sin guiones."),
        Campo("proveedor", "string", "Razón social con que se lo citó en el último reclamo."),
        Campo("sector", "string", "Código del sector económico (ver «sectores»)."),
        *_CIFRAS,
    ],
    "sectores": [
        *_COMUNES_INICIO,
        Campo("sector", "string", "Código del sector económico."),
        *_CIFRAS,
    ],
    "regimenes": _COMUNES_INICIO + _CIFRAS,
}
# Rates and medians whose own denominator is below k are also left empty (see supresion.py).
DENOMINADORES = {
    "tasa_acuerdo": "concluidos",
    "tasa_incomparecencia_proveedor": "con_audiencia",
    "tasa_cumplimiento": "cumplimiento_resuelto",
    "mediana_dias_primera_audiencia": "con_audiencia",
    "mediana_dias_cierre": "cerrados",
}


def columnas(corte: str) -> list[str]:
    return [c.nombre for c in DICCIONARIO[corte]]
