"""AR-D9: the counting windows of the grounds for suspension and exclusion, computed from the
portal's own records and raised to registry staff (D202-II.4 g, II.5 a, II.5 c).

- Refusals: more than 3 refusals to intervene without justified cause within the calendar year
  (art. 4 g) — conciliadores.Rechazo with justificado=False (registry staff qualify them).
- Unattended claims: more than 4 consumer claims not attended in 6 months (art. 5 c, abandonment)
  — a claim counts when its AR-07 (hold the first hearing within 10 days of the designation)
  expired while the conciliator was designated (decision 0027).
- Suspensions: 3 suspensions within 5 years (art. 5 a), counted by their effect date.

Each query is one aggregate over an index (rechazo_ventana, plazo_vencido_tipo_vence,
sancion_ventana); `evaluar` runs daily (beat) for the whole registry and on the events that
change a count (a refusal qualified, a sanction decided) for one conciliator.
"""

import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from conciliadores.elegibilidad import hoy_local
from conciliadores.models import AlertaDisciplinaria, Designacion, Rechazo, Sancion

C = AlertaDisciplinaria.Causal
# (more than N) for refusals and unattended claims; (at least N) for suspensions.
RECHAZOS_MAS_DE = 3
DESATENDIDOS_MAS_DE = 4
DESATENDIDOS_MESES = 6
SUSPENSIONES_AL_MENOS = 3
SUSPENSIONES_ANIOS = 5
# A designation whose AR-07 expired in the window started at most this long before it.
MARGEN_DESIGNACION = datetime.timedelta(days=120)


def _menos_meses(fecha: datetime.date, meses: int) -> datetime.date:
    anio, mes = divmod(fecha.year * 12 + fecha.month - 1 - meses, 12)
    mes += 1
    for dia in (fecha.day, 30, 29, 28):
        try:
            return datetime.date(anio, mes, dia)
        except ValueError:
            continue
    raise ValueError(fecha)


def _menos_anios(fecha: datetime.date, anios: int) -> datetime.date:
    return _menos_meses(fecha, anios * 12)


def rechazos(hoy: datetime.date, ids=None) -> dict[int, int]:
    qs = Rechazo.objects.filter(anio=hoy.year, justificado=False)
    if ids is not None:
        qs = qs.filter(conciliador_id__in=ids)
    filas = qs.values("conciliador_id").annotate(n=Count("pk")).filter(n__gt=RECHAZOS_MAS_DE)
    return {f["conciliador_id"]: f["n"] for f in filas}


def desatendidos(hoy: datetime.date, ids=None) -> dict[int, int]:
    from normativa.regimenes import Papel, codigos_de
    from plazos.models import Plazo
    from reclamos.models import Reclamo

    desde = _menos_meses(hoy, DESATENDIDOS_MESES)
    vencidos = Plazo.objects.filter(
        estado=Plazo.Estado.VENCIDO,
        tipo__in=codigos_de(Papel.PRIMERA_AUDIENCIA),
        content_type=ContentType.objects.get_for_model(Reclamo),
        vence__gte=desde,
        vence__lte=hoy,
    )
    if ids is not None:
        designaciones = list(
            Designacion.objects.filter(
                conciliador_id__in=ids,
                fecha__date__gte=desde - MARGEN_DESIGNACION,
            ).values("reclamo_id", "conciliador_id", "fecha", "fin_en")
        )
        vencidos = vencidos.filter(object_id__in=[d["reclamo_id"] for d in designaciones])
        filas = list(vencidos.values("object_id", "vence_en"))
    else:
        filas = list(vencidos.values("object_id", "vence_en"))
        designaciones = list(
            Designacion.objects.filter(reclamo_id__in=[f["object_id"] for f in filas]).values(
                "reclamo_id", "conciliador_id", "fecha", "fin_en"
            )
        )
    por_reclamo = defaultdict(list)
    for d in designaciones:
        por_reclamo[d["reclamo_id"]].append(d)
    reclamos_de: dict[int, set[int]] = defaultdict(set)
    for fila in filas:
        for d in por_reclamo[fila["object_id"]]:
            if d["fecha"] <= fila["vence_en"] and (
                d["fin_en"] is None or d["fin_en"] >= fila["vence_en"]
            ):
                reclamos_de[d["conciliador_id"]].add(fila["object_id"])
    return {c: len(r) for c, r in reclamos_de.items() if len(r) > DESATENDIDOS_MAS_DE}


def suspensiones(hoy: datetime.date, ids=None) -> dict[int, int]:
    qs = Sancion.objects.filter(
        tipo=Sancion.Tipo.SUSPENSION, desde__gte=_menos_anios(hoy, SUSPENSIONES_ANIOS)
    )
    if ids is not None:
        qs = qs.filter(conciliador_id__in=ids)
    filas = qs.values("conciliador_id").annotate(n=Count("pk")).filter(n__gte=SUSPENSIONES_AL_MENOS)
    return {f["conciliador_id"]: f["n"] for f in filas}


def ventana(causal: str, hoy: datetime.date) -> tuple[datetime.date, datetime.date, int]:
    """(from, to, threshold as the law words it) of a ground's window ending `hoy`."""
    if causal == C.RECHAZOS:
        return datetime.date(hoy.year, 1, 1), hoy, RECHAZOS_MAS_DE
    if causal == C.DESATENDIDOS:
        return _menos_meses(hoy, DESATENDIDOS_MESES), hoy, DESATENDIDOS_MAS_DE
    return _menos_anios(hoy, SUSPENSIONES_ANIOS), hoy, SUSPENSIONES_AL_MENOS


@transaction.atomic
def evaluar(
    *, conciliadores=None, hoy: datetime.date | None = None, avisar: bool = True
) -> list[AlertaDisciplinaria]:
    """Raises (or refreshes) one open alert per conciliator and exceeded ground; registry staff
    are e-mailed when an alert is new (unless the caller already told them, `avisar=False`).
    Returns the alerts raised or refreshed."""
    from conciliadores import avisos

    hoy = hoy or hoy_local()
    ids = list(conciliadores) if conciliadores is not None else None
    ahora = timezone.now()
    resultado = []
    for causal, conteo in (
        (C.RECHAZOS, rechazos(hoy, ids)),
        (C.DESATENDIDOS, desatendidos(hoy, ids)),
        (C.SUSPENSIONES, suspensiones(hoy, ids)),
    ):
        desde, hasta, umbral = ventana(causal, hoy)
        for conciliador_id, cantidad in conteo.items():
            alerta = (
                AlertaDisciplinaria.objects.select_for_update()
                .filter(conciliador_id=conciliador_id, causal=causal, atendida=False)
                .first()
            )
            if alerta is None:
                alerta = AlertaDisciplinaria.objects.create(
                    conciliador_id=conciliador_id,
                    causal=causal,
                    cantidad=cantidad,
                    umbral=umbral,
                    ventana_desde=desde,
                    ventana_hasta=hasta,
                )
                if avisar:
                    avisos.alerta_disciplinaria(alerta)
            else:
                AlertaDisciplinaria.objects.filter(pk=alerta.pk).update(
                    cantidad=cantidad,
                    ventana_desde=desde,
                    ventana_hasta=hasta,
                    actualizada_en=ahora,
                )
                alerta.refresh_from_db()
            resultado.append(alerta)
    return resultado
