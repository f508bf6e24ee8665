""" "Today" for tests, as the portal reckons it: in the time zone of the claim's régimen, never the
machine's (UTC) date. Between 21:00 and 24:00 in Buenos Aires the UTC date is already tomorrow
there, and the portal rightly refuses a "future" date (issue 18)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from normativa import regimenes


def zona_de(regimen="COPREC") -> ZoneInfo:
    """The zone of a régimen code, or of a claim (anything with `regimen_codigo`)."""
    codigo = getattr(regimen, "regimen_codigo", regimen)
    return ZoneInfo(regimenes.obtener(codigo).zona_horaria)


def hoy_en(regimen="COPREC") -> dt.date:
    """Today in the régimen's zone (a código such as "COPREC"/"PE-…" or a Reclamo)."""
    return timezone.now().astimezone(zona_de(regimen)).date()


def fecha_en(momento: dt.datetime, regimen="COPREC") -> dt.date:
    """The calendar date of an instant in the régimen's zone."""
    return momento.astimezone(zona_de(regimen)).date()
