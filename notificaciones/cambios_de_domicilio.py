"""Changing an organisation's electronic domicile: a request confirmed from the new address.

DOMAIN Decision 3 makes a notice to the constituted domicile count as served the next day, so an
address typed wrong would leave the provider "notified" where nobody reads. A change is therefore
only a request until somebody opens the link e-mailed to the new address and confirms it on a
page (a POST: mail scanners that follow links with GET do not confirm). Until then notices keep
going to the current domicile; the new one is valid from the confirmation on.

The link is signed (django.core.signing) and names the request and its nonce. It works once,
while the request is pending and for VIGENCIA after it was (re)sent. Resending draws a new nonce,
so only the latest link works; a new request replaces the pending one.
"""

import secrets
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from cuentas.models import Organizacion, Usuario
from normativa import regimenes
from notificaciones.domicilios import constituir_domicilio_de_organizacion
from notificaciones.models import CambioDeDomicilio, DomicilioElectronico

# How long a confirmation link works after it was sent (or resent).
VIGENCIA = timedelta(hours=72)
HORAS_DE_VIGENCIA = int(VIGENCIA.total_seconds() // 3600)
SAL = "notificaciones.cambio_de_domicilio"


def cambio_pendiente(organizacion: Organizacion) -> CambioDeDomicilio | None:
    """The organisation's change waiting for confirmation (expired or not), or None."""
    return (
        CambioDeDomicilio.objects.filter(
            organizacion=organizacion, estado=CambioDeDomicilio.Estado.PENDIENTE
        )
        .select_related("solicitado_por")
        .first()
    )


@transaction.atomic
def solicitar_cambio_de_domicilio(
    organizacion: Organizacion, *, email: str, por: Usuario
) -> CambioDeDomicilio:
    """Records the request and e-mails the confirmation link to the new address; a pending
    request of the organisation is replaced (its link stops working).

    Precondition: `por` was authorised by acceder_domicilio_de_organizacion(..., escribir=True,
    bloquear=True), which locks the organisation row.
    """
    email = email.strip().lower()
    if organizacion.domicilio_electronico.lower() == email:
        raise DatosInvalidos(
            _("Ese ya es el domicilio electrónico constituido."),
            campos={"email": [_("Es el domicilio vigente.")]},
        )
    ahora = timezone.now()
    CambioDeDomicilio.objects.filter(
        organizacion=organizacion, estado=CambioDeDomicilio.Estado.PENDIENTE
    ).update(estado=CambioDeDomicilio.Estado.REEMPLAZADO, cerrado_en=ahora)
    cambio = CambioDeDomicilio.objects.create(
        organizacion=organizacion,
        email=email,
        solicitado_por=por,
        solicitado_en=ahora,
        enviado_en=ahora,
        vence_en=ahora + VIGENCIA,
        nonce=secrets.token_urlsafe(16),
    )
    _enviar_enlace(cambio)
    return cambio


@transaction.atomic
def reenviar_confirmacion(organizacion: Organizacion, *, por: Usuario) -> CambioDeDomicilio:
    """Sends a fresh link for the pending change, valid for VIGENCIA from now; the previous link
    stops working.

    Precondition: as solicitar_cambio_de_domicilio().
    """
    cambio = _pendiente_bloqueado(organizacion)
    ahora = timezone.now()
    cambio.nonce = secrets.token_urlsafe(16)
    cambio.enviado_en = ahora
    cambio.vence_en = ahora + VIGENCIA
    cambio.save(update_fields=["nonce", "enviado_en", "vence_en"])
    _enviar_enlace(cambio)
    return cambio


@transaction.atomic
def cancelar_cambio_de_domicilio(organizacion: Organizacion, *, por: Usuario) -> CambioDeDomicilio:
    """Withdraws the pending change: its link stops working and the domicile stays as it is.

    Precondition: as solicitar_cambio_de_domicilio().
    """
    cambio = _pendiente_bloqueado(organizacion)
    cambio.estado = CambioDeDomicilio.Estado.CANCELADO
    cambio.cerrado_en = timezone.now()
    cambio.save(update_fields=["estado", "cerrado_en"])
    return cambio


def _pendiente_bloqueado(organizacion: Organizacion) -> CambioDeDomicilio:
    cambio = (
        CambioDeDomicilio.objects.select_for_update()
        .filter(organizacion=organizacion, estado=CambioDeDomicilio.Estado.PENDIENTE)
        .first()
    )
    if cambio is None:
        raise ConflictoDeEstado(_("No hay un cambio de domicilio pendiente de confirmación."))
    return cambio


def _enviar_enlace(cambio: CambioDeDomicilio) -> None:
    from notificaciones.services import encolar_notificacion

    token = signing.dumps({"cambio": cambio.pk, "nonce": cambio.nonce}, salt=SAL)
    organizacion = cambio.organizacion
    encolar_notificacion(
        email=cambio.email,
        plantilla="notificaciones/confirmar_domicilio",
        asunto=_("Confirmá el domicilio electrónico de %(o)s") % {"o": organizacion.razon_social},
        sujeto=organizacion,
        contexto={
            "organizacion": organizacion.razon_social,
            "nuevo": cambio.email,
            "vigente": organizacion.domicilio_electronico,
            "por": cambio.solicitado_por.nombre_completo or cambio.solicitado_por.email,
            "vence": timezone.localtime(cambio.vence_en, _zona(organizacion)).strftime(
                "%d/%m/%Y %H:%M"
            ),
            "horas": HORAS_DE_VIGENCIA,
            "url": reverse("notificaciones:confirmar_domicilio", args=[token]),
        },
    )


def _zona(organizacion: Organizacion) -> ZoneInfo:
    """The time zone of the régimen of the organisation's country (the server's otherwise)."""
    for regimen in regimenes.todos():
        if regimen.pais == organizacion.pais:
            return ZoneInfo(regimen.zona_horaria)
    return ZoneInfo(settings.TIME_ZONE)


def cambio_del_enlace(token: str) -> CambioDeDomicilio:
    """The pending change a confirmation link names, or DatosInvalidos saying (in Spanish) why
    the link no longer works: altered, already used, cancelled, replaced, resent or expired."""
    try:
        datos = signing.loads(token, salt=SAL)
        cambio = CambioDeDomicilio.objects.select_related("organizacion").get(pk=datos["cambio"])
    except (signing.BadSignature, CambioDeDomicilio.DoesNotExist, KeyError, TypeError):
        raise DatosInvalidos(
            _("El enlace no es válido. Revisá que lo hayas copiado completo."),
            codigo="invalid_link",
        ) from None
    _verificar_vigencia(cambio, nonce=str(datos.get("nonce", "")))
    return cambio


def _verificar_vigencia(cambio: CambioDeDomicilio, *, nonce: str) -> None:
    motivos = {
        CambioDeDomicilio.Estado.CONFIRMADO: _(
            "Este enlace ya se usó: el domicilio electrónico se confirmó."
        ),
        CambioDeDomicilio.Estado.CANCELADO: _(
            "La organización canceló este cambio de domicilio; el enlace ya no sirve."
        ),
        CambioDeDomicilio.Estado.REEMPLAZADO: _(
            "La organización pidió después otro cambio de domicilio; este enlace ya no sirve."
        ),
    }
    if cambio.estado in motivos:
        raise DatosInvalidos(motivos[cambio.estado], codigo="used_link")
    if not secrets.compare_digest(nonce, cambio.nonce):
        raise DatosInvalidos(
            _("Se envió un enlace más reciente para este cambio: usá el último que recibiste."),
            codigo="used_link",
        )
    if cambio.vencido:
        raise DatosInvalidos(
            _(
                "El enlace venció. Pedile a quien administra la organización que lo reenvíe "
                "desde el portal."
            ),
            codigo="expired_link",
        )


@transaction.atomic
def confirmar_cambio_de_domicilio(token: str) -> DomicilioElectronico:
    """Whoever holds the link confirms: the new address is the constituted domicile from now on,
    with the history starting at this moment, and the change is told through the outbox.

    No login: holding the link proves the address receives mail. The organisation row and the
    request are locked, so two confirmations of one link constitute the domicile once.
    """
    leido = cambio_del_enlace(token)
    organizacion = Organizacion.objects.select_for_update().get(pk=leido.organizacion_id)
    cambio = CambioDeDomicilio.objects.select_for_update().get(pk=leido.pk)
    # Checked again under the lock: the link may have been used, resent or cancelled meanwhile.
    _verificar_vigencia(cambio, nonce=leido.nonce)
    domicilio = constituir_domicilio_de_organizacion(
        organizacion, email=cambio.email, por=cambio.solicitado_por
    )
    cambio.estado = CambioDeDomicilio.Estado.CONFIRMADO
    cambio.cerrado_en = domicilio.constituido_en
    cambio.domicilio = domicilio
    cambio.save(update_fields=["estado", "cerrado_en", "domicilio"])
    return domicilio
