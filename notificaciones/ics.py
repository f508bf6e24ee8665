"""Calendar invitations (.ics, RFC 5545) attached to notices, built with icalendar.

The UID must stay the same for every version of one event (a hearing moved or cancelled), and
SEQUENCE must grow with each change, so calendar clients update the entry instead of adding one.
"""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Conciliación en Consumo//Portal//ES"


def uid_estable(clave: str) -> str:
    """A UID derived from a stable key of our own (e.g. "audiencia-42") and the site's host."""
    dominio = urlsplit(settings.SITE_URL).hostname or "conciliacion.local"
    return f"{clave}@{dominio}"


def construir_ics(
    *,
    clave: str,
    secuencia: int,
    inicio: datetime,
    fin: datetime,
    resumen: str,
    descripcion: str = "",
    lugar: str = "",
    url: str = "",
    organizador: str = "",
    cancelado: bool = False,
) -> str:
    """Returns the text of a one-event calendar (METHOD REQUEST, or CANCEL when `cancelado`).

    `inicio` and `fin` must be aware datetimes; they are written with their TZID and the matching
    VTIMEZONE, so the hearing shows at the right local hour in any client.
    """
    if timezone.is_naive(inicio) or timezone.is_naive(fin):
        raise ValueError("inicio y fin deben tener zona horaria")
    if fin <= inicio:
        raise ValueError("fin debe ser posterior a inicio")
    calendario = Calendar()
    calendario.add("prodid", PRODID)
    calendario.add("version", "2.0")
    calendario.add("method", "CANCEL" if cancelado else "REQUEST")
    evento = Event()
    evento.add("uid", uid_estable(clave))
    evento.add("sequence", secuencia)
    evento.add("dtstamp", timezone.now())
    evento.add("dtstart", inicio)
    evento.add("dtend", fin)
    evento.add("summary", resumen)
    evento.add("status", "CANCELLED" if cancelado else "CONFIRMED")
    if descripcion:
        evento.add("description", descripcion)
    if lugar:
        evento["location"] = vText(lugar)
    if url:
        evento.add("url", url)
    if organizador:
        evento["organizer"] = vCalAddress(f"mailto:{organizador}")
    calendario.add_component(evento)
    calendario.add_missing_timezones()
    return calendario.to_ical().decode()
