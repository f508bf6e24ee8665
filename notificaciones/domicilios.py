"""Constituted electronic addresses and when an electronic notice counts as served.

DOMAIN Decision 3: a notice to a party counts as served electronically only if that party has
constituted an electronic address in the portal (a consumer at filing, a provider by registering
its electronic domicile). It is then deemed served the next calendar day after sending, in the
régimen's time zone (a per-régimen switch: Regimen.notificacion_electronica_dia_siguiente).
Business-day terms start on the first business day after that date: the plazos app applies that
rule on top of fecha_notificacion_ficta().
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import DatosInvalidos
from cuentas.models import Membresia, Organizacion, Usuario
from normativa import regimenes
from notificaciones.models import DomicilioElectronico

_DIRECCIONES: ContextVar[dict | None] = ContextVar("direcciones_por_operacion", default=None)


@contextmanager
def una_lectura_de_domicilios_por_operacion():
    """Within one act (a booking: audiencias.services.turnos), each person's addresses that
    decide where a notice goes and whether it counts as served (their constituted address, the
    electronic domiciles of the organisations they represent, the addresses of their domicile
    changes) are read once, in one statement, and reused until the act ends. Only for acts that
    do not change those addresses themselves; a change committed by another transaction while
    the act runs is seen by the next act, as if it had been committed just after."""
    if _DIRECCIONES.get() is not None:
        yield
        return
    token = _DIRECCIONES.set({})
    try:
        yield
    finally:
        _DIRECCIONES.reset(token)


def memo_de_la_operacion() -> dict | None:
    """The act's memo of una_lectura_de_domicilios_por_operacion() (None outside it), for other
    reads that decide a notice's recipients (an organisation's active representatives)."""
    return _DIRECCIONES.get()


@dataclass(frozen=True)
class Direcciones:
    propio: str | None
    de_organizaciones: frozenset[str]  # lower-cased
    en_cambios: frozenset[str]  # lower-cased


def direcciones_en_la_operacion(usuario) -> Direcciones | None:
    """The person's addresses read once in this act, or None outside
    una_lectura_de_domicilios_por_operacion() (callers then read as usual)."""
    memo = _DIRECCIONES.get()
    if memo is None or not isinstance(usuario, Usuario) or usuario.pk is None:
        return None
    if usuario.pk not in memo:
        leer_direcciones_de([usuario])
    return memo[usuario.pk]


def leer_direcciones_de(usuarios) -> None:
    """Within una_lectura_de_domicilios_por_operacion(), reads the addresses of every person in
    `usuarios` not read yet in this act, all in one statement (the recipients of one batch of
    notices: decision 0045). Outside it, does nothing."""
    memo = _DIRECCIONES.get()
    if memo is None:
        return
    ids = sorted(
        {u.pk for u in usuarios if isinstance(u, Usuario) and u.pk is not None} - memo.keys()
    )
    if not ids:
        return
    from notificaciones.models import CambioDeDomicilio

    domicilio = DomicilioElectronico._meta.db_table
    organizacion = Organizacion._meta.db_table
    membresia = Membresia._meta.db_table
    cambio = CambioDeDomicilio._meta.db_table
    lista = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            # Table names from model meta; every value is a parameter.
            f"SELECT 'p', email, id, usuario_id FROM {domicilio} "  # noqa: S608 (table names from model meta)
            f"WHERE usuario_id IN ({lista}) AND revocado_en IS NULL "
            f"UNION ALL SELECT 'o', o.domicilio_electronico, o.id, m.usuario_id "
            f"FROM {organizacion} o JOIN {membresia} m ON m.organizacion_id = o.id "
            f"WHERE m.usuario_id IN ({lista}) AND m.activa = %s AND o.domicilio_electronico <> '' "
            f"UNION ALL SELECT 'c', email, id, usuario_id FROM {cambio} "
            f"WHERE usuario_id IN ({lista})",
            [*ids, *ids, True, *ids],
        )
        filas = cursor.fetchall()
    for persona in ids:
        suyas = [(f, e, pk) for f, e, pk, u in filas if u == persona]
        propios = sorted((pk, email) for fuente, email, pk in suyas if fuente == "p")
        memo[persona] = Direcciones(
            propio=(propios[0][1] or None) if propios else None,
            de_organizaciones=frozenset(e.lower() for f, e, _pk in suyas if f == "o"),
            en_cambios=frozenset(e.lower() for f, e, _pk in suyas if f == "c"),
        )


def cuenta_nueva_en_la_operacion(usuario: Usuario) -> None:
    """Within una_lectura_de_domicilios_por_operacion(): `usuario`'s account was created in
    this act, so it has no constituted address, no membership and no domicile change yet (no
    other transaction can reference a row it cannot see): nothing to read for it."""
    memo = _DIRECCIONES.get()
    if memo is not None and usuario.pk is not None:
        memo[usuario.pk] = Direcciones(
            propio=None, de_organizaciones=frozenset(), en_cambios=frozenset()
        )


def domicilio_electronico_de(parte: Usuario | Organizacion) -> str | None:
    """The constituted electronic address of a person or organisation, or None.

    The account e-mail is *not* a constituted address: without one the notice must go by
    reliable means (medio fehaciente).
    """
    if isinstance(parte, Organizacion):
        return parte.domicilio_electronico or None
    if isinstance(parte, Usuario):
        leidas = direcciones_en_la_operacion(parte)
        if leidas is not None:
            return leidas.propio
        vigente = (
            DomicilioElectronico.objects.filter(usuario=parte, revocado_en__isnull=True)
            .values_list("email", flat=True)
            .first()
        )
        return vigente or None
    return getattr(parte, "domicilio_electronico", None) or None


_SIN_LEER = object()


def es_domicilio_constituido(usuario: Usuario | None, email: str, *, propio=_SIN_LEER) -> bool:
    """Whether `email` is the address `usuario` constituted, personally or as a representative
    of an organisation. `propio`: the person's own constituted address when the caller already
    read it (domicilio_electronico_de), so it is not read twice."""
    if usuario is None or not email:
        return False
    email = email.strip().lower()
    if propio is _SIN_LEER:
        propio = domicilio_electronico_de(usuario)
    if propio and propio.lower() == email:
        return True
    leidas = direcciones_en_la_operacion(usuario)
    if leidas is not None:
        return email in leidas.de_organizaciones
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


def historial_de_domicilios(organizacion: Organizacion) -> list[DomicilioElectronico]:
    """The organisation's electronic domiciles, the valid one first. An address registered with
    the organisation and never changed has no row yet: it is shown as valid since registration."""
    filas = list(
        DomicilioElectronico.objects.filter(organizacion=organizacion)
        .select_related("constituido_por")
        .order_by("-constituido_en", "-pk")
    )
    if not filas and organizacion.domicilio_electronico:
        filas = [_domicilio_registrado(organizacion)]
    return filas


def _domicilio_registrado(organizacion: Organizacion) -> DomicilioElectronico:
    return DomicilioElectronico(
        organizacion=organizacion,
        email=organizacion.domicilio_electronico,
        constituido_en=organizacion.creada_en,
    )


@transaction.atomic
def constituir_domicilio_de_organizacion(
    organizacion: Organizacion, *, email: str, por: Usuario
) -> DomicilioElectronico:
    """Constitutes `email` as the organisation's electronic domicile from now on (Decision 3).

    The previous address stays on record with the dates it was valid. Notices already sent keep
    the address they went to (Notificacion.email, Cedula.domicilio and the cédula's document);
    every notice queued after this commit goes to the new one. The representatives and the
    previous address are told through the outbox.

    Precondition: called by notificaciones.cambios_de_domicilio.confirmar_cambio_de_domicilio
    once the new address proved it receives mail, with the organisation row locked; `por` is
    the administrator who asked for the change.
    """
    email = email.strip().lower()
    anterior = organizacion.domicilio_electronico
    if anterior.lower() == email:
        raise DatosInvalidos(
            _("Ese ya es el domicilio electrónico constituido."),
            campos={"email": [_("Es el domicilio vigente.")]},
        )
    ahora = timezone.now()
    vigente = (
        DomicilioElectronico.objects.select_for_update()
        .filter(organizacion=organizacion, revocado_en__isnull=True)
        .first()
    )
    if vigente is None and anterior:
        vigente = _domicilio_registrado(organizacion)
    if vigente is not None:
        vigente.revocado_en = ahora
        vigente.save()
    nuevo = DomicilioElectronico.objects.create(
        organizacion=organizacion, email=email, constituido_en=ahora, constituido_por=por
    )
    Organizacion.objects.filter(pk=organizacion.pk).update(domicilio_electronico=email)
    organizacion.domicilio_electronico = email
    _avisar_cambio(organizacion, anterior=anterior, nuevo=nuevo, por=por)
    return nuevo


def _avisar_cambio(
    organizacion: Organizacion, *, anterior: str, nuevo: DomicilioElectronico, por: Usuario
) -> None:
    from notificaciones.services import encolar_notificacion

    contexto = {
        "organizacion": organizacion.razon_social,
        "anterior": anterior,
        "nuevo": nuevo.email,
        "desde": timezone.localtime(nuevo.constituido_en).strftime("%d/%m/%Y %H:%M"),
        "por": por.nombre_completo or por.email,
        "url": reverse("notificaciones:domicilio_organizacion", args=[organizacion.pk]),
    }
    asunto = _("Cambió el domicilio electrónico de %(o)s") % {"o": organizacion.razon_social}
    representantes = Membresia.objects.filter(
        organizacion=organizacion, activa=True
    ).select_related("usuario")
    avisados = set()
    for membresia in representantes:
        aviso = encolar_notificacion(
            destinatario=membresia.usuario,
            plantilla="notificaciones/domicilio_cambiado",
            contexto=contexto,
            asunto=asunto,
            sujeto=organizacion,
        )
        avisados.add(aviso.email.lower())
    # The previous address hears of it too: a change nobody there expected shows up at once.
    if anterior and anterior.lower() not in avisados:
        encolar_notificacion(
            email=anterior,
            plantilla="notificaciones/domicilio_cambiado",
            contexto=contexto,
            asunto=asunto,
            sujeto=organizacion,
        )


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
