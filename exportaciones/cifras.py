"""The quarterly report's figures: a few SQL aggregates, each bounded by the quarter over an
indexed date column (no Python loop over claims). What counts, and from which record, is in
docs/exportaciones.md and docs/decisions/0025.

Acts of the period (admissions, homologations, breaches) are counted from the expediente
(Actuacion, index actuacion_codigo_en): an act counts in the quarter it happened, whatever the
quarter its claim was filed in. The office is the claim's (where it was filed in person).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q, Sum

from audiencias.models import Audiencia
from exportaciones.flujo import limites
from honorarios.models import Honorario, Multa
from reclamos.models import Actuacion, Reclamo


def trimestre(anio: int, numero: int) -> tuple[dt.date, dt.date]:
    """First and last day of the quarter."""
    inicio = dt.date(anio, 3 * (numero - 1) + 1, 1)
    siguiente = dt.date(anio + 1, 1, 1) if numero == 4 else dt.date(anio, 3 * numero + 1, 1)
    return inicio, siguiente - dt.timedelta(days=1)


def _actos(codigos, inicio, fin, regimen, oficina) -> int:
    qs = Actuacion.objects.filter(
        codigo__in=codigos, en__gte=inicio, en__lt=fin, reclamo__regimen_codigo=regimen
    )
    if oficina is not None:
        qs = qs.filter(reclamo__oficina=oficina)
    return qs.count()


def _dinero(valor) -> str:
    return str((valor or Decimal("0")).quantize(Decimal("0.01")))


def calcular(*, anio: int, numero: int, regimen: str, oficina=None) -> dict:
    """Every figure of the report for one quarter, régimen and (optionally) office. Amounts are
    decimal strings (the document's snapshot is JSON); the PDF formats them with `moneda`."""
    desde, hasta = trimestre(anio, numero)
    inicio, fin = limites(desde, hasta, regimen)
    del_reclamo = Q(reclamo__regimen_codigo=regimen)
    if oficina is not None:
        del_reclamo &= Q(reclamo__oficina=oficina)

    presentados = Reclamo.objects.filter(
        regimen_codigo=regimen, presentado_en__gte=inicio, presentado_en__lt=fin
    )
    if oficina is not None:
        presentados = presentados.filter(oficina=oficina)

    # Index audiencia (estado, inicio): the held hearings of the quarter, one aggregate.
    audiencias = Audiencia.objects.filter(
        del_reclamo, estado=Audiencia.Estado.CELEBRADA, inicio__gte=inicio, inicio__lt=fin
    ).aggregate(
        celebradas=Count("pk"),
        acuerdos=Count("pk", filter=Q(resultado=Audiencia.Resultado.ACUERDO)),
        incomparecencias=Count(
            "pk", filter=Q(resultado=Audiencia.Resultado.INCOMPARECENCIA_PROVEEDOR)
        ),
    )
    # Indexes multa_emitida_en / multa_pagada_el / honorario_devengado_en / honorario_pagado_el.
    multas_emitidas = Multa.objects.filter(
        del_reclamo, emitida_en__gte=inicio, emitida_en__lt=fin
    ).aggregate(n=Count("pk"), monto=Sum("monto"))
    multas_pagadas = Multa.objects.filter(
        del_reclamo, pagada_el__gte=desde, pagada_el__lte=hasta
    ).aggregate(n=Count("pk"), monto=Sum("monto_pagado"))
    honorarios = Honorario.objects.filter(
        del_reclamo, devengado_en__gte=inicio, devengado_en__lt=fin
    ).aggregate(n=Count("pk"), monto=Sum("monto"))
    honorarios_pagados = Honorario.objects.filter(
        del_reclamo, pagado_el__gte=desde, pagado_el__lte=hasta
    ).aggregate(n=Count("pk"), monto=Sum("monto"))

    return {
        "desde": desde.isoformat(),
        "hasta": hasta.isoformat(),
        "presentados": presentados.count(),
        "admitidos": _actos(
            ("reclamo.admitido", "reclamo.recurso_admitido", "reclamo.registrado"),
            inicio,
            fin,
            regimen,
            oficina,
        ),
        "no_admitidos": _actos(("reclamo.inadmitido",), inicio, fin, regimen, oficina),
        "audiencias_celebradas": audiencias["celebradas"],
        "acuerdos": audiencias["acuerdos"],
        "incomparecencias_proveedor": audiencias["incomparecencias"],
        "homologaciones": _actos(("homologacion.homologado",), inicio, fin, regimen, oficina),
        "homologaciones_denegadas": _actos(
            ("homologacion.denegada",), inicio, fin, regimen, oficina
        ),
        "incumplimientos_denunciados": _actos(
            ("cumplimiento.incumplimiento_denunciado",), inicio, fin, regimen, oficina
        ),
        "incumplimientos_verificados": _actos(
            ("cumplimiento.incumplimiento_verificado",), inicio, fin, regimen, oficina
        ),
        "multas_emitidas": multas_emitidas["n"],
        "multas_emitidas_monto": _dinero(multas_emitidas["monto"]),
        "multas_pagadas": multas_pagadas["n"],
        "multas_pagadas_monto": _dinero(multas_pagadas["monto"]),
        "honorarios_devengados": honorarios["n"],
        "honorarios_devengados_monto": _dinero(honorarios["monto"]),
        "honorarios_pagados": honorarios_pagados["n"],
        "honorarios_pagados_monto": _dinero(honorarios_pagados["monto"]),
    }


# The report's rows, in order: (key, label, article). Amount keys end in "_monto".
RENGLONES = [
    ("presentados", "Reclamos presentados", "D202-I.6"),
    ("admitidos", "Reclamos admitidos", "D202-I.6"),
    ("no_admitidos", "Reclamos no admitidos", "D202-I.6"),
    ("audiencias_celebradas", "Audiencias celebradas", "Ley 26.993 art. 7; D202-I.10, I.11"),
    ("acuerdos", "Audiencias con acuerdo", "Ley 26.993 art. 11"),
    ("incomparecencias_proveedor", "Incomparecencias del proveedor", "Ley 26.993 art. 16"),
    ("homologaciones", "Acuerdos homologados", "D202-I.12, I.14"),
    ("homologaciones_denegadas", "Homologaciones denegadas", "D202-I.14"),
    ("incumplimientos_denunciados", "Incumplimientos denunciados", "D202-I.19"),
    ("incumplimientos_verificados", "Incumplimientos verificados", "D202-I.19"),
    (
        "multas_emitidas",
        "Multas emitidas (certificado definitivo)",
        "Ley 26.993 art. 16; D202-I.16",
    ),
    ("multas_pagadas", "Multas pagadas", "D202-I.16"),
    ("honorarios_devengados", "Honorarios devengados", "D202-I.15, I.17"),
    ("honorarios_pagados", "Honorarios pagados", "D202-I.17"),
]
