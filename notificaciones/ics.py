"""Calendar invitations (.ics, RFC 5545) attached to notices, built with icalendar.

The UID must stay the same for every version of one event (a hearing moved or cancelled), and
SEQUENCE must grow with each change, so calendar clients update the entry instead of adding one.
"""

from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

PRODID = "-//Conciliación en Consumo//Portal//ES"


def uid_estable(clave: str) -> str:
    """A UID derived from a stable key of our own (e.g. "audiencia-42") and the site's host."""
    dominio = urlsplit(settings.SITE_URL).hostname or "conciliacion.local"
    return f"{clave}@{dominio}"


@lru_cache(maxsize=32)
def vtimezone(tzid: str) -> Timezone | None:
    """The VTIMEZONE of one zone, built once per process (building it walks every transition of
    the zone from 1970 to 2038: tens of milliseconds). The component is only read afterwards
    (serialised into each calendar), never changed. None for a zone icalendar does not know."""
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:
        return None


def _agregar_zonas(calendario: Calendar) -> None:
    """Like Calendar.add_missing_timezones(), with the cached VTIMEZONE of each zone, placed
    before the event that uses it."""
    faltan = [z for z in (vtimezone(t) for t in sorted(calendario.get_missing_tzids())) if z]
    calendario.subcomponents[len(calendario.timezones) : len(calendario.timezones)] = faltan


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
    _agregar_zonas(calendario)
    return calendario.to_ical().decode()
