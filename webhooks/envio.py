"""One attempt at a delivery: lease, order per claim, sign, send, record, back off or give up.

At-least-once: a delivery is marked delivered only after a 2xx; a crash between the send and
the record sends it again with the same webhook-id (the event's), which subscribers use to
drop duplicates. docs/decisions/0023-webhooks.md."""

from __future__ import annotations

import json
import logging
import random
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from webhooks import firma, red
from webhooks.models import Endpoint, Entrega, Evento

logger = logging.getLogger(__name__)

ARRIENDO = timedelta(seconds=60)


def _ajuste(nombre: str, defecto):
    return getattr(settings, nombre, defecto)


def espera(intentos: int, azar: random.Random | None = None) -> float:
    """Seconds before the next attempt after `intentos` failed ones: exponential from
    WEBHOOKS_ESPERA_BASE, capped at WEBHOOKS_ESPERA_TOPE, with "equal jitter" (half fixed, half
    random) so endpoints that failed together do not retry together."""
    base = float(_ajuste("WEBHOOKS_ESPERA_BASE", 10))
    tope = float(_ajuste("WEBHOOKS_ESPERA_TOPE", 3600))
    exponencial = min(base * 2 ** max(intentos - 1, 0), tope)
    return exponencial / 2 + (azar or random).uniform(0, exponencial / 2)


def vida_maxima() -> timedelta:
    return timedelta(seconds=int(_ajuste("WEBHOOKS_VIDA_MAXIMA", 3 * 24 * 3600)))


def cuerpo(evento: Evento) -> bytes:
    """The JSON body: a stable id (also the webhook-id header), type, time and data."""
    return json.dumps(
        {
            "id": evento.identificador,
            "type": evento.tipo,
            "timestamp": evento.creado_en.isoformat().replace("+00:00", "Z"),
            "organizacion": evento.organizacion_id,
            "data": evento.datos,
        },
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def _tomar(pk: int, ahora) -> bool:
    return bool(
        Entrega.objects.filter(
            Q(en_curso_hasta__isnull=True) | Q(en_curso_hasta__lt=ahora),
            pk=pk,
            estado=Entrega.Estado.PENDIENTE,
            proximo_intento__lte=ahora,
        ).update(en_curso_hasta=ahora + ARRIENDO)
    )


def _hay_anterior(entrega: Entrega) -> bool:
    """An earlier delivery of the same endpoint and claim still pending (index
    entrega_pendiente_orden)."""
    return (
        bool(entrega.clave_orden)
        and Entrega.objects.filter(
            endpoint_id=entrega.endpoint_id,
            clave_orden=entrega.clave_orden,
            estado=Entrega.Estado.PENDIENTE,
            pk__lt=entrega.pk,
        ).exists()
    )


def _siguiente(entrega: Entrega) -> None:
    """Once a delivery is settled, the next one of the same claim may go at once."""
    from conciliacion.trabajos import publicar
    from webhooks.tasks import entregar

    if not entrega.clave_orden:
        return
    siguiente = (
        Entrega.objects.filter(
            endpoint_id=entrega.endpoint_id,
            clave_orden=entrega.clave_orden,
            estado=Entrega.Estado.PENDIENTE,
            pk__gt=entrega.pk,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if siguiente:
        Entrega.objects.filter(pk=siguiente, proximo_intento__gt=timezone.now()).update(
            proximo_intento=timezone.now()
        )
        publicar(entregar, siguiente)


def _soltar(pk: int, **campos) -> None:
    Entrega.objects.filter(pk=pk).update(en_curso_hasta=None, **campos)


def intentar(pk: int) -> str:
    """One attempt at delivery `pk`. Returns what happened (for logs and tests)."""
    ahora = timezone.now()
    if not _tomar(pk, ahora):
        return "ocupada"
    entrega = Entrega.objects.select_related("endpoint", "evento").get(pk=pk)
    endpoint = entrega.endpoint
    if endpoint.estado != Endpoint.Estado.ACTIVO:
        # Paused or switched off: the delivery waits for the endpoint to be resumed.
        _soltar(pk)
        return "en_pausa"
    if ahora - entrega.creada_en > vida_maxima():
        with transaction.atomic():
            _soltar(pk, estado=Entrega.Estado.ABANDONADA)
            _siguiente(entrega)
        return "abandonada"
    if _hay_anterior(entrega):
        # The earlier one publishes this one when it settles; the recovery is the safety net.
        _soltar(pk, proximo_intento=ahora + timedelta(seconds=30))
        return "esperando_anterior"

    marca = int(ahora.timestamp())
    datos = cuerpo(entrega.evento)
    respuesta = red.enviar(
        endpoint.url,
        datos,
        firma.encabezados(
            endpoint.secretos_vigentes(ahora), entrega.evento.identificador, marca, datos
        ),
    )
    return _registrar(entrega, respuesta)


def _registrar(entrega: Entrega, respuesta: red.Respuesta) -> str:
    from conciliacion.trabajos import publicar_con_demora
    from webhooks.tasks import entregar

    ahora = timezone.now()
    comunes = {
        "intentos": F("intentos") + 1,
        "ultimo_codigo": respuesta.codigo,
        "ultima_latencia_ms": respuesta.latencia_ms,
        "ultimo_error": respuesta.error[:300],
        "ultimo_intento_en": ahora,
    }
    with transaction.atomic():
        if respuesta.exitosa:
            _soltar(entrega.pk, estado=Entrega.Estado.ENTREGADA, entregada_en=ahora, **comunes)
            Endpoint.objects.filter(pk=entrega.endpoint_id).update(fallos_seguidos=0)
            _siguiente(entrega)
            return "entregada"
        Endpoint.objects.filter(pk=entrega.endpoint_id).update(
            fallos_seguidos=F("fallos_seguidos") + 1
        )
        _pausar_si_corresponde(entrega.endpoint_id)
        demora = espera(entrega.intentos + 1)
        if ahora - entrega.creada_en + timedelta(seconds=demora) > vida_maxima():
            _soltar(entrega.pk, estado=Entrega.Estado.ABANDONADA, **comunes)
            _siguiente(entrega)
            return "abandonada"
        _soltar(entrega.pk, proximo_intento=ahora + timedelta(seconds=demora), **comunes)
        transaction.on_commit(lambda: publicar_con_demora(entregar, demora, entrega.pk))
    logger.info(
        "webhook %s falló (%s); próximo intento en %.0f s", entrega.pk, respuesta.error, demora
    )
    return "reintentar"


def _pausar_si_corresponde(endpoint_pk: int) -> None:
    umbral = int(_ajuste("WEBHOOKS_FALLOS_PARA_PAUSAR", 20))
    pausados = Endpoint.objects.filter(
        pk=endpoint_pk, estado=Endpoint.Estado.ACTIVO, fallos_seguidos__gte=umbral
    ).update(estado=Endpoint.Estado.PAUSADO, pausado_en=timezone.now())
    if pausados:
        from webhooks.avisos import avisar_pausa

        avisar_pausa(Endpoint.objects.select_related("organizacion").get(pk=endpoint_pk))


def atrasadas(margen: timedelta | None = None):
    """Pending deliveries of active endpoints overdue by more than `margen` (index
    entrega_pendiente_vence): what the recovery publishes again."""
    margen = margen if margen is not None else timedelta(seconds=60)
    return Entrega.objects.filter(
        estado=Entrega.Estado.PENDIENTE,
        proximo_intento__lte=timezone.now() - margen,
        endpoint__estado=Endpoint.Estado.ACTIVO,
    )


def reencolar_atrasadas(*, margen: timedelta | None = None, limite: int = 500) -> int:
    from conciliacion.trabajos import publicar
    from webhooks.tasks import entregar

    pks = list(atrasadas(margen).order_by("proximo_intento").values_list("pk", flat=True)[:limite])
    for pk in pks:
        publicar(entregar, pk)
    return len(pks)
