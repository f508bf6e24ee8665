"""The sheet's terms through the deadline engine (plazos): PE-01, the 15 business days to answer,
and PE-02, the 5 business days the consumer has to accept a proposal. Called by libro.services
inside the transaction of each act; the sheet keeps a copy of PE-01's due date for its queue.

Counting is plazos' job (PE-proveedor calendar, first counted day = the first business day after
the start date, DOMAIN Q14).
"""

import datetime

from django.contrib.contenttypes.models import ContentType

from libro.models import Hoja
from normativa.calendarios import calendario
from normativa.regimenes import Calendario, Papel
from normativa.regimenes.peru import PERU

# The codes of the sheet's two terms in the régimen's definition (PE-01, PE-02).
RESPUESTA = PERU.codigo_de(Papel.RESPUESTA_HOJA)
PROPUESTA = PERU.codigo_de(Papel.PROPUESTA_HOJA)
UN_DIA = datetime.timedelta(days=1)


def hoy() -> datetime.date:
    """Today in Lima (the régimen's zone): dates of acts are Peruvian dates."""
    return calendario(Calendario.PE_PROVEEDOR).hoy()


def _plazo(hoja: Hoja, tipo: str):
    from plazos.models import Plazo

    return (
        Plazo.objects.filter(
            content_type=ContentType.objects.get_for_model(Hoja), object_id=hoja.pk, tipo=tipo
        )
        .order_by("-pk")
        .first()
    )


def _copiar_vencimiento(hoja: Hoja) -> None:
    plazo = _plazo(hoja, RESPUESTA)
    hoja.vence_respuesta = plazo.vence if plazo else None
    hoja.respuesta_suspendida = bool(plazo and plazo.estado == plazo.Estado.SUSPENDIDO)
    Hoja.objects.filter(pk=hoja.pk).update(
        vence_respuesta=hoja.vence_respuesta, respuesta_suspendida=hoja.respuesta_suspendida
    )


def abrir_respuesta(hoja: Hoja) -> datetime.date:
    """P1: PE-01 starts on the filing date (Lima)."""
    from plazos.services import abrir_plazo

    plazo = abrir_plazo(
        sujeto=hoja, tipo=RESPUESTA, desde=hoja.fecha_presentacion, regimen=PERU.codigo, por=None
    )
    _copiar_vencimiento(hoja)
    return plazo.vence


def abrir_propuesta(hoja: Hoja, *, enviada: datetime.date, por) -> datetime.date:
    """P3: PE-02 runs from the sending date; PE-01 is suspended from the next day on, so the
    suspension covers exactly the days PE-02 counts (at most 5 business days)."""
    from plazos.services import abrir_plazo, suspender_plazos

    plazo = abrir_plazo(sujeto=hoja, tipo=PROPUESTA, desde=enviada, regimen=PERU.codigo, por=por)
    suspender_plazos(
        sujeto=hoja,
        tipos=[RESPUESTA],
        desde=enviada + UN_DIA,
        motivo="Propuesta de solución pendiente de aceptación (DS 101-2022-PCM)",
        por=por,
    )
    _copiar_vencimiento(hoja)
    return plazo.vence


def reanudar_respuesta(
    hoja: Hoja, *, enviada: datetime.date, hasta: datetime.date, por=None
) -> datetime.date | None:
    """P5: the count resumes where it stopped. `enviada` is the suspending proposal's sending
    day, `hasta` the last suspended day; an answer on the sending day itself still leaves the
    one-day minimum the suspension rows allow."""
    from plazos.services import reanudar_plazos

    reanudar_plazos(sujeto=hoja, tipos=[RESPUESTA], hasta=max(hasta, enviada + UN_DIA), por=por)
    _copiar_vencimiento(hoja)
    return hoja.vence_respuesta


def cumplir(hoja: Hoja, *tipos: str, por=None) -> None:
    from plazos.services import cumplir_plazos

    cumplir_plazos(sujeto=hoja, tipos=list(tipos), por=por)
    _copiar_vencimiento(hoja)


def cancelar_propuesta(hoja: Hoja, *, por=None) -> None:
    """PE-02 stops without effect: the formal answer came while the consumer was deciding."""
    from plazos.services import cancelar_plazos

    cancelar_plazos(sujeto=hoja, tipos=[PROPUESTA], por=por)


def habiles_entre(desde: datetime.date, hasta: datetime.date) -> int:
    """Business days in (desde, hasta] on the provider's calendar."""
    return calendario(Calendario.PE_PROVEEDOR).habiles_entre(desde, hasta)
