"""Constituting an electronic domicile that has not proved it receives mail: a request confirmed
from the new address.

Two kinds of request share this mechanism: an organisation's administrator changes its domicile,
and a consumer gives at filing an address for notices that is not a verified e-mail of the
account (docs/decisions/0011-domicilio-del-consumidor.md). A request belongs to exactly one of
them (CambioDeDomicilio.organizacion or .usuario, "the holder").

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
from cuentas.permisos import administra_organizacion
from normativa import regimenes
from notificaciones.domicilios import (
    constituir_domicilio_de_organizacion,
    constituir_domicilio_electronico,
    domicilio_electronico_de,
)
from notificaciones.models import CambioDeDomicilio, DomicilioElectronico

# How long a confirmation link works after it was sent (or resent).
VIGENCIA = timedelta(hours=72)
HORAS_DE_VIGENCIA = int(VIGENCIA.total_seconds() // 3600)
SAL = "notificaciones.cambio_de_domicilio"


Titular = Organizacion | Usuario


def _del_titular(titular: Titular) -> dict:
    if isinstance(titular, Organizacion):
        return {"organizacion": titular}
    return {"usuario": titular}


def cambio_pendiente(titular: Titular) -> CambioDeDomicilio | None:
    """The organisation's or person's change waiting for confirmation (expired or not), or None."""
    return (
        CambioDeDomicilio.objects.filter(
            **_del_titular(titular), estado=CambioDeDomicilio.Estado.PENDIENTE
        )
        .select_related("solicitado_por")
        .first()
    )


def _reemplazar_pendiente(titular: Titular, ahora) -> None:
    CambioDeDomicilio.objects.filter(
        **_del_titular(titular), estado=CambioDeDomicilio.Estado.PENDIENTE
    ).update(estado=CambioDeDomicilio.Estado.REEMPLAZADO, cerrado_en=ahora)


def _solicitar(titular: Titular, *, email: str, por: Usuario) -> CambioDeDomicilio:
    ahora = timezone.now()
    _reemplazar_pendiente(titular, ahora)
    cambio = CambioDeDomicilio.objects.create(
        **_del_titular(titular),
        email=email,
        solicitado_por=por,
        solicitado_en=ahora,
        enviado_en=ahora,
        vence_en=ahora + VIGENCIA,
        nonce=secrets.token_urlsafe(16),
    )
    _enviar_enlace(cambio)
    return cambio


def es_correo_verificado(usuario: Usuario, email: str) -> bool:
    """Whether `email` is a verified e-mail of the account (allauth): it proved it receives mail."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=usuario, email__iexact=email, verified=True).exists()


@transaction.atomic
def constituir_al_presentar(
    usuario: Usuario, *, email: str, por: Usuario
) -> CambioDeDomicilio | None:
    """The consumer constitutes at filing the address given for notices (DOMAIN Decision 3).

    A verified e-mail of the account is constituted at once (None is returned). Any other
    address is a pending request: the confirmation link goes there, and until somebody confirms
    it the consumer's constituted address stays the previous one, if any (the returned request).
    The address already constituted stays as it is.
    """
    email = email.strip().lower()
    usuario = Usuario.objects.select_for_update().get(pk=usuario.pk)
    vigente = domicilio_electronico_de(usuario)
    if es_correo_verificado(usuario, email) or (vigente or "").lower() == email:
        _reemplazar_pendiente(usuario, timezone.now())
        constituir_domicilio_electronico(usuario=usuario, email=email, por=por)
        return None
    pendiente = cambio_pendiente(usuario)
    if pendiente is not None and pendiente.email == email and not pendiente.vencido:
        return pendiente  # the link already sent still works: no second e-mail
    return _solicitar(usuario, email=email, por=por)


@transaction.atomic
def confirmar_por_verificacion(usuario: Usuario) -> DomicilioElectronico | None:
    """Confirms the person's pending address once it became a verified e-mail of the account
    (allauth's e-mail confirmation, or a password reset from an office-filed account): the
    account's verification already proved it receives mail."""
    cambio = (
        CambioDeDomicilio.objects.select_for_update()
        .filter(usuario=usuario, estado=CambioDeDomicilio.Estado.PENDIENTE)
        .first()
    )
    if cambio is None or not es_correo_verificado(usuario, cambio.email):
        return None
    return _confirmar(cambio)


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
    return _solicitar(organizacion, email=email, por=por)


@transaction.atomic
def reenviar_confirmacion(titular: Titular, *, por: Usuario) -> CambioDeDomicilio:
    """Sends a fresh link for the pending change, valid for VIGENCIA from now; the previous link
    stops working.

    Precondition: for an organisation, as solicitar_cambio_de_domicilio(); for a person, `por`
    is that person.
    """
    cambio = _pendiente_bloqueado(titular)
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


def _pendiente_bloqueado(titular: Titular) -> CambioDeDomicilio:
    cambio = (
        CambioDeDomicilio.objects.select_for_update()
        .filter(**_del_titular(titular), estado=CambioDeDomicilio.Estado.PENDIENTE)
        .first()
    )
    if cambio is None:
        raise ConflictoDeEstado(_("No hay un cambio de domicilio pendiente de confirmación."))
    return cambio


def _enviar_enlace(cambio: CambioDeDomicilio) -> None:
    from notificaciones.services import encolar_notificacion

    token = signing.dumps({"cambio": cambio.pk, "nonce": cambio.nonce}, salt=SAL)
    url = reverse("notificaciones:confirmar_domicilio", args=[token])
    if cambio.usuario_id is not None:
        usuario = cambio.usuario
        encolar_notificacion(
            email=cambio.email,
            plantilla="notificaciones/confirmar_correo_para_notificaciones",
            asunto=_("Confirmá tu correo para notificaciones"),
            contexto={
                "nombre": usuario.nombre_completo or usuario.email,
                "nuevo": cambio.email,
                "vigente": domicilio_electronico_de(usuario) or "",
                "cuenta": usuario.email,
                "vence": timezone.localtime(cambio.vence_en).strftime("%d/%m/%Y %H:%M"),
                "horas": HORAS_DE_VIGENCIA,
                "url": url,
            },
        )
        return
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
            "url": url,
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
        cambio = CambioDeDomicilio.objects.select_related(
            "organizacion", "usuario", "solicitado_por"
        ).get(pk=datos["cambio"])
    except (signing.BadSignature, CambioDeDomicilio.DoesNotExist, KeyError, TypeError):
        raise DatosInvalidos(
            _("El enlace no es válido. Revisá que lo hayas copiado completo."),
            codigo="invalid_link",
        ) from None
    _verificar_vigencia(cambio, nonce=str(datos.get("nonce", "")))
    return cambio


def _verificar_vigencia(cambio: CambioDeDomicilio, *, nonce: str) -> None:
    if cambio.usuario_id is not None:
        _verificar_vigencia_personal(cambio, nonce=nonce)
        return
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
    if not administra_organizacion(cambio.solicitado_por, cambio.organizacion):
        raise DatosInvalidos(
            _(
                "Quien pidió este cambio ya no administra la organización, así que el enlace ya "
                "no sirve. Si el cambio sigue haciendo falta, que lo pida otra persona que la "
                "administre."
            ),
            codigo="requester_not_admin",
        )


def _verificar_vigencia_personal(cambio: CambioDeDomicilio, *, nonce: str) -> None:
    motivos = {
        CambioDeDomicilio.Estado.CONFIRMADO: _(
            "Este enlace ya se usó: el correo para notificaciones ya está confirmado."
        ),
        CambioDeDomicilio.Estado.CANCELADO: _("Este pedido se canceló; el enlace ya no sirve."),
        CambioDeDomicilio.Estado.REEMPLAZADO: _(
            "Después se indicó otro correo para notificaciones; este enlace ya no sirve."
        ),
    }
    if cambio.estado in motivos:
        raise DatosInvalidos(motivos[cambio.estado], codigo="used_link")
    if not secrets.compare_digest(nonce, cambio.nonce):
        raise DatosInvalidos(
            _("Se envió un enlace más reciente: usá el último que recibiste."),
            codigo="used_link",
        )
    if cambio.vencido:
        raise DatosInvalidos(
            _(
                "El enlace venció. Ingresá al portal y pedí otro desde la página de tu reclamo "
                "(«Reenviar el enlace»)."
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
    if leido.organizacion_id is not None:
        Organizacion.objects.select_for_update().get(pk=leido.organizacion_id)
    else:
        Usuario.objects.select_for_update().get(pk=leido.usuario_id)
    cambio = CambioDeDomicilio.objects.select_for_update().get(pk=leido.pk)
    # Checked again under the lock: the link may have been used, resent or cancelled meanwhile.
    _verificar_vigencia(cambio, nonce=leido.nonce)
    return _confirmar(cambio)


def _confirmar(cambio: CambioDeDomicilio) -> DomicilioElectronico:
    """Constitutes the request's address. Precondition: the holder's row and the request are
    locked and the request is pending."""
    if cambio.organizacion_id is not None:
        organizacion = Organizacion.objects.get(pk=cambio.organizacion_id)
        domicilio = constituir_domicilio_de_organizacion(
            organizacion, email=cambio.email, por=cambio.solicitado_por
        )
    else:
        domicilio = constituir_domicilio_electronico(
            usuario=cambio.usuario, email=cambio.email, por=cambio.solicitado_por
        )
    cambio.estado = CambioDeDomicilio.Estado.CONFIRMADO
    cambio.cerrado_en = domicilio.constituido_en
    cambio.domicilio = domicilio
    cambio.save(update_fields=["estado", "cerrado_en", "domicilio"])
    return domicilio
