"""Writes of notificaciones: queue a notice, send it (called by the task), re-queue stragglers."""

import json
import logging
import smtplib
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, make_msgid
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string, select_template
from django.utils import timezone

from conciliacion.trabajos import publicar, publicar_ahora, publicar_en_lote
from notificaciones.domicilios import (
    direcciones_en_la_operacion,
    domicilio_electronico_de,
    es_domicilio_constituido,
    leer_direcciones_de,
)
from notificaciones.models import Notificacion

logger = logging.getLogger(__name__)

# A claim older than this is taken to belong to a worker that died mid-send.
RECLAMO_VENCIDO = timedelta(minutes=15)
# Waits for an attachment that is not ready yet (a PDF on the pdf queue) before giving up.
ESPERAS_ADJUNTO = 60
ESPERA_ADJUNTO_SEGUNDOS = 10


def _intentos_maximos() -> int:
    return getattr(settings, "NOTIFICACIONES_INTENTOS_MAXIMOS", 5)


def _espera(intentos: int) -> int:
    """Exponential backoff after the n-th failed attempt: base, 2·base, 4·base… capped at 6 h."""
    base = getattr(settings, "NOTIFICACIONES_ESPERA_BASE", 60)
    return min(base * 2 ** max(intentos - 1, 0), 6 * 3600)


def _referencia(objeto: models.Model) -> dict:
    if not hasattr(objeto, "como_adjunto"):
        raise TypeError(f"{type(objeto).__name__} no ofrece como_adjunto()")
    return {"modelo": objeto._meta.label_lower, "pk": objeto.pk}


# Peru's notices (the mediation of Reclama Virtual and the Libro de Reclamaciones) are written in
# es-PE's formal register; their HTML wrapper too.
PLANTILLAS_DE_PERU = ("libro/", "reclamos/mediacion/", "audiencias/mediacion/")


def _base_html(plantilla: str) -> str:
    return "correo/base_pe.html" if plantilla.startswith(PLANTILLAS_DE_PERU) else "correo/base.html"


def _renderizar(plantilla: str, contexto: dict) -> tuple[str, str]:
    texto = render_to_string(f"correo/{plantilla}.txt", contexto).strip() + "\n"
    html_plantilla = select_template([f"correo/{plantilla}.html", _base_html(plantilla)])
    html = html_plantilla.render({**contexto, "texto_plano": texto})
    return texto, html


def encolar_notificacion(
    *,
    destinatario=None,
    email: str | None = None,
    plantilla: str,
    contexto: dict,
    asunto: str,
    sujeto: models.Model | None = None,
    ics: str | None = None,
    adjuntos=(),
) -> Notificacion:
    """Stores the notice (with its rendered text) and queues the send after commit.

    `plantilla` names templates/correo/<plantilla>.txt (and optionally .html). Without `email`
    the notice goes to the recipient's constituted electronic address, else to the account
    e-mail. Runs in the caller's transaction: if the act rolls back, nothing is sent.
    """
    return encolar_notificaciones(
        [
            {
                "destinatario": destinatario,
                "email": email,
                "plantilla": plantilla,
                "contexto": contexto,
                "asunto": asunto,
                "sujeto": sujeto,
                "ics": ics,
                "adjuntos": adjuntos,
            }
        ]
    )[0]


def encolar_notificaciones(avisos: list[dict]) -> list[Notificacion]:
    """encolar_notificacion() of several notices of one act (each a dict of its keyword
    arguments), stored in one INSERT; each is sent, and copied to a confirmed address, exactly
    as if queued alone."""
    # Within one act's reading of addresses, every recipient's are read in one statement.
    leer_direcciones_de([aviso.get("destinatario") for aviso in avisos])
    preparadas = [_preparar(**aviso) for aviso in avisos]
    # The caller's act is the transaction (a savepoint per notice would only add two
    # statements each: a failed INSERT aborts the act anyway).
    with transaction.atomic(savepoint=False):
        if len(preparadas) == 1:
            preparadas[0][0].save()
            guardadas = [preparadas[0][0]]
        else:
            guardadas = Notificacion.objects.bulk_create([n for n, _aviso in preparadas])
        for notificacion, (_n, aviso) in zip(guardadas, preparadas, strict=True):
            _despues_de_guardar(notificacion, aviso)
    return guardadas


def _preparar(
    *,
    destinatario=None,
    email: str | None = None,
    plantilla: str,
    contexto: dict,
    asunto: str,
    sujeto: models.Model | None = None,
    ics: str | None = None,
    adjuntos=(),
) -> tuple[Notificacion, dict]:
    """The unsaved notice, rendered, and what _despues_de_guardar needs."""
    if destinatario is None and not email:
        raise ValueError("Indicá destinatario o email")
    propio = domicilio_electronico_de(destinatario) if destinatario is not None else None
    email = email or propio or destinatario.email
    validate_email(email)
    # Round-trip through JSON now, so the stored context is exactly what rendered the text.
    contexto = json.loads(json.dumps(contexto, cls=DjangoJSONEncoder))
    contexto.setdefault("sitio", settings.SITE_URL)
    texto, html = _renderizar(plantilla, {**contexto, "asunto": asunto})
    notificacion = Notificacion(
        destinatario=destinatario,
        email=email,
        a_domicilio_constituido=es_domicilio_constituido(destinatario, email, propio=propio),
        plantilla=plantilla,
        contexto=contexto,
        asunto=asunto[:250],
        cuerpo=texto,
        cuerpo_html=html,
        message_id=make_msgid(domain=_dominio()),
        sujeto_tipo=ContentType.objects.get_for_model(sujeto) if sujeto is not None else None,
        sujeto_id=sujeto.pk if sujeto is not None else None,
        ics=ics or "",
        adjuntos=[_referencia(a) for a in adjuntos],
    )
    aviso = {
        "destinatario": destinatario,
        "email": email,
        "plantilla": plantilla,
        "contexto": contexto,
        "asunto": asunto,
        "sujeto": sujeto,
        "ics": ics,
        "adjuntos": adjuntos,
    }
    return notificacion, aviso


def _despues_de_guardar(notificacion: Notificacion, aviso: dict) -> None:
    """Queues the send after commit (within un_mensaje_por_acto(), in the act's one message for
    all its notices: decision 0045); a notice to an address the recipient never confirmed gets
    its copy (docs/decisions/0011-domicilio-del-consumidor.md)."""
    from notificaciones.tasks import enviar_notificacion, enviar_notificaciones

    if not publicar_en_lote(enviar_notificaciones, notificacion.pk):
        publicar(enviar_notificacion, notificacion.pk)
    copia = (
        None
        if notificacion.a_domicilio_constituido
        else _destino_mientras_no_confirme(aviso["destinatario"], aviso["email"])
    )
    if copia:
        encolar_notificacion(**{**aviso, "email": copia})


def _destino_mientras_no_confirme(destinatario, email: str) -> str | None:
    """Where a copy goes of a notice sent to an address the recipient gave for notices and never
    confirmed (pending, or replaced by a later filing before confirmation): the constituted
    address (a previous one, still valid) or else the account e-mail. The notice at the
    unconfirmed address never counts as served; the copy counts only if it goes to a constituted
    address (docs/decisions/0011-domicilio-del-consumidor.md)."""
    from notificaciones.cambios_de_domicilio import es_correo_verificado
    from notificaciones.models import CambioDeDomicilio

    if destinatario is None or not getattr(destinatario, "pk", None):
        return None
    leidas = direcciones_en_la_operacion(destinatario)
    if leidas is not None:
        en_un_cambio = email.lower() in leidas.en_cambios
    else:
        en_un_cambio = CambioDeDomicilio.objects.filter(
            usuario=destinatario, email__iexact=email
        ).exists()
    sin_confirmar = en_un_cambio and not es_correo_verificado(destinatario, email)
    if not sin_confirmar:
        return None
    copia = domicilio_electronico_de(destinatario) or destinatario.email
    return copia if copia and copia.lower() != email.lower() else None


def _dominio() -> str:
    from urllib.parse import urlsplit

    return urlsplit(settings.SITE_URL).hostname or "conciliacion.local"


def _adjuntos_listos(notificacion: Notificacion) -> list[tuple[str, bytes, str]] | None:
    """The attachments' (name, bytes, type), or None while one of them is not ready."""
    listos = []
    for ref in notificacion.adjuntos:
        objeto = apps.get_model(ref["modelo"])._default_manager.filter(pk=ref["pk"]).first()
        if objeto is None:
            raise LookupError(f"adjunto inexistente: {ref}")
        adjunto = objeto.como_adjunto()
        if adjunto is None:
            return None
        listos.append(adjunto)
    return listos


def _mensaje(notificacion: Notificacion, adjuntos) -> EmailMultiAlternatives:
    mensaje = EmailMultiAlternatives(
        subject=notificacion.asunto,
        body=notificacion.cuerpo,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notificacion.email],
        headers={"Message-ID": notificacion.message_id},
    )
    if notificacion.cuerpo_html:
        mensaje.attach_alternative(notificacion.cuerpo_html, "text/html")
    for nombre, contenido, tipo in adjuntos:
        mensaje.attach(nombre, contenido, tipo)
    if notificacion.ics:
        mensaje.attach("invitacion.ics", notificacion.ics, "text/calendar")
    return mensaje


def _tomar(pk: int) -> bool:
    """Compare-and-swap claim: only one worker at a time sends a pending row."""
    ahora = timezone.now()
    return (
        Notificacion.objects.filter(pk=pk, estado=Notificacion.Estado.PENDIENTE)
        .filter(Q(tomada_en__isnull=True) | Q(tomada_en__lt=ahora - RECLAMO_VENCIDO))
        .update(tomada_en=ahora, intentos=F("intentos") + 1)
        == 1
    )


def _es_permanente(error: Exception) -> bool:
    """A 5xx refusal of every recipient will not improve by retrying."""
    return isinstance(error, smtplib.SMTPRecipientsRefused) and all(
        codigo >= 500 for codigo, _ in error.recipients.values()
    )


def enviar_pendiente(pk: int, *, esperas: int = 0) -> int | None:
    """Sends one pending notice. Returns the seconds to wait before retrying, or None when done.

    Safe to run twice: the row is claimed with a compare-and-swap, and a sent or failed row is
    left alone. Called only by the task (notificaciones.tasks).
    """
    notificacion = Notificacion.objects.filter(pk=pk).first()
    if notificacion is None or notificacion.estado != Notificacion.Estado.PENDIENTE:
        return None
    try:
        adjuntos = _adjuntos_listos(notificacion)
    except LookupError as error:
        _marcar_fallida(pk, str(error))
        return None
    if adjuntos is None:
        if esperas >= ESPERAS_ADJUNTO:
            _marcar_fallida(pk, "El adjunto no estuvo disponible a tiempo.")
            return None
        Notificacion.objects.filter(pk=pk, estado=Notificacion.Estado.PENDIENTE).update(
            proximo_intento=timezone.now() + timedelta(seconds=ESPERA_ADJUNTO_SEGUNDOS)
        )
        return ESPERA_ADJUNTO_SEGUNDOS
    if not _tomar(pk):
        return None
    notificacion.refresh_from_db()
    comienzo = timezone.now()
    try:
        _mensaje(notificacion, adjuntos).send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        return _registrar_fallo(notificacion, error)
    Notificacion.objects.filter(pk=pk, tomada_en=notificacion.tomada_en).update(
        estado=Notificacion.Estado.ENVIADA,
        enviada_en=comienzo,
        aceptada_en=timezone.now(),
        tomada_en=None,
        ultimo_error="",
    )
    return None


def _marcar_fallida(pk: int, motivo: str) -> None:
    Notificacion.objects.filter(pk=pk, estado=Notificacion.Estado.PENDIENTE).update(
        estado=Notificacion.Estado.FALLIDA, tomada_en=None, ultimo_error=motivo[:2000]
    )
    logger.warning("notificación %s fallida: %s", pk, motivo)


def _registrar_fallo(notificacion: Notificacion, error: Exception) -> int | None:
    motivo = f"{type(error).__name__}: {error}"
    if _es_permanente(error) or notificacion.intentos >= _intentos_maximos():
        _marcar_fallida(notificacion.pk, motivo)
        return None
    espera = _espera(notificacion.intentos)
    Notificacion.objects.filter(pk=notificacion.pk, tomada_en=notificacion.tomada_en).update(
        tomada_en=None,
        ultimo_error=motivo[:2000],
        proximo_intento=timezone.now() + timedelta(seconds=espera),
    )
    logger.info(
        "notificación %s: intento %s falló (%s)", notificacion.pk, notificacion.intentos, motivo
    )
    return espera


def pendientes_atrasadas(*, margen: timedelta | None = None):
    """Pending notices whose attempt is overdue by `margen` and nobody is sending (a lost broker
    message, a publish that failed, a restarted worker). Index: notificacion pending partial."""
    if margen is None:
        margen = timedelta(seconds=settings.NOTIFICACIONES_MARGEN_REENCOLAR)
    ahora = timezone.now()
    return Notificacion.objects.filter(
        estado=Notificacion.Estado.PENDIENTE, proximo_intento__lt=ahora - margen
    ).filter(Q(tomada_en__isnull=True) | Q(tomada_en__lt=ahora - RECLAMO_VENCIDO))


def reencolar_pendientes(*, margen: timedelta | None = None, limite: int = 500) -> int:
    """Re-queues pending notices whose retry is overdue. The claim in enviar_pendiente() makes a
    duplicate harmless."""
    from notificaciones.tasks import enviar_notificacion

    vencidas = list(
        pendientes_atrasadas(margen=margen)
        .order_by("proximo_intento")
        .values_list("pk", flat=True)[:limite]
    )
    for pk in vencidas:
        publicar_ahora(enviar_notificacion, pk)  # committed rows: no need to wait
    return len(vencidas)


def registrar_lectura(notificacion: Notificacion, *, por) -> Notificacion:
    """Records the first time the recipient opens the notice; later openings change nothing.

    Precondition: `por` is the recipient (acceder_notificacion).
    """
    if notificacion.destinatario_id != por.pk:
        raise PermissionError("solo el destinatario registra la lectura")
    Notificacion.objects.filter(pk=notificacion.pk, leida_en__isnull=True).update(
        leida_en=timezone.now()
    )
    notificacion.refresh_from_db(fields=["leida_en"])
    return notificacion
