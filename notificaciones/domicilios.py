"""Constituted electronic addresses and when an electronic notice counts as served.

DOMAIN Decision 3: a notice to a party counts as served electronically only if that party has
constituted an electronic address in the portal (a consumer at filing, a provider by registering
its electronic domicile). It is then deemed served the next calendar day after sending, in the
régimen's time zone (a per-régimen switch: Regimen.notificacion_electronica_dia_siguiente).
Business-day terms start on the first business day after that date: the plazos app applies that
rule on top of fecha_notificacion_ficta().
"""

from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from cuentas.models import Organizacion, Usuario
from normativa import regimenes
from notificaciones.models import DomicilioElectronico


def domicilio_electronico_de(parte: Usuario | Organizacion) -> str | None:
    """The constituted electronic address of a person or organisation, or None.

    The account e-mail is *not* a constituted address: without one the notice must go by
    reliable means (medio fehaciente).
    """
    if isinstance(parte, Organizacion):
        return parte.domicilio_electronico or None
    if isinstance(parte, Usuario):
        vigente = (
            DomicilioElectronico.objects.filter(usuario=parte, revocado_en__isnull=True)
            .values_list("email", flat=True)
            .first()
        )
        return vigente or None
    return getattr(parte, "domicilio_electronico", None) or None


def es_domicilio_constituido(usuario: Usuario | None, email: str) -> bool:
    """Whether `email` is the address `usuario` constituted, personally or as a representative
    of an organisation."""
    if usuario is None or not email:
        return False
    email = email.strip().lower()
    propio = domicilio_electronico_de(usuario)
    if propio and propio.lower() == email:
        return True
    return Organizacion.objects.filter(
        membresias__usuario=usuario,
        membresias__activa=True,
        domicilio_electronico__iexact=email,
    ).exists()


@transaction.atomic
def constituir_domicilio_electronico(
    *, usuario: Usuario, email: str, por: Usuario | None
) -> DomicilioElectronico:
    """Records `email` as the person's constituted address, replacing the previous one.

    Called by the filing service of the claim (the consumer constitutes it at filing).
    """
    email = email.strip().lower()
    vigente = (
        DomicilioElectronico.objects.select_for_update()
        .filter(usuario=usuario, revocado_en__isnull=True)
        .first()
    )
    if vigente is not None:
        if vigente.email == email:
            return vigente
        vigente.revocado_en = timezone.now()
        vigente.save(update_fields=["revocado_en"])
    return DomicilioElectronico.objects.create(usuario=usuario, email=email, constituido_por=por)


def fecha_notificacion_ficta(enviada_en: datetime, *, regimen_tz: str | tzinfo) -> date:
    """The date an electronic notice is deemed served: the next calendar day after sending.

    `enviada_en` is an aware timestamp (stored in UTC); the calendar day is the one in the
    régimen's time zone, so a notice sent at 23:30 in Buenos Aires (02:30 UTC) counts from the
    Buenos Aires date. No business-day rule here: plazos moves the start of a business-day term.
    """
    if timezone.is_naive(enviada_en):
        raise ValueError("enviada_en debe tener zona horaria")
    zona = ZoneInfo(regimen_tz) if isinstance(regimen_tz, str) else regimen_tz
    return enviada_en.astimezone(zona).date() + timedelta(days=1)


def fecha_de_notificacion(notificacion, *, regimen_codigo: str) -> date | None:
    """The deemed service date of an outbox row under a régimen, or None when the notice does not
    count as served electronically (no constituted address, not accepted yet, or the régimen
    does not apply the next-day rule)."""
    regimen = regimenes.obtener(regimen_codigo)
    if not (
        notificacion.a_domicilio_constituido
        and notificacion.aceptada_en
        and regimen.notificacion_electronica_dia_siguiente
    ):
        return None
    return fecha_notificacion_ficta(notificacion.aceptada_en, regimen_tz=regimen.zona_horaria)
