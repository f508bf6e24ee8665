"""The 3-day notice rule of art. 10 (AR-09; DOMAIN Decisions 3 and 4, Q5), in one place.

- A provider with a registered electronic domicile is served electronically: the cédula sent
  today is deemed served the next calendar day.
- Otherwise the cédula goes by reliable means (medio fehaciente) to the registered domicile; the
  earliest date it can be served is estimated as `DIAS_HABILES_MEDIO_FEHACIENTE` business days
  after today (an agency setting: the courier's or the postal service's delivery time), and the
  real service date is the one recorded later with its proof.
- A hearing is validly noticed when at least `anticipacion_minima` business days lie strictly
  between the service date and the hearing date (Q5).

The booking page offers a slot only when every party — each provider and the consumer — can be
served in time from its route; the cédula service re-checks with the actual date.
"""

from __future__ import annotations

import datetime

from django.conf import settings

from normativa.calendarios import calendario
from normativa.regimenes import Papel, obtener
from notificaciones.domicilios import domicilio_electronico_de

# AR-09: "al menos 3 días" before the hearing (D202-I.10), business days strictly between.
ANTICIPACION_MINIMA_DEFECTO = 3


def dias_medio_fehaciente() -> int:
    return int(getattr(settings, "DIAS_HABILES_MEDIO_FEHACIENTE", 2))


def anticipacion_minima(regimen_codigo: str) -> int:
    """The hearing notice's length from the régimen's catalogue (AR-09: 3 business days)."""
    regimen = obtener(regimen_codigo)
    tipo = regimen.plazos.get(regimen.codigo_o_vacio(Papel.AVISO_AUDIENCIA))
    return tipo.duracion if tipo is not None and tipo.duracion else ANTICIPACION_MINIMA_DEFECTO


def _calendario_del_regimen(regimen_codigo: str):
    regimen = obtener(regimen_codigo)
    tipo = regimen.plazos.get(regimen.codigo_o_vacio(Papel.AVISO_AUDIENCIA))
    return calendario(tipo.calendario if tipo is not None else regimen.calendario_por_defecto)


def via_de_notificacion(proveedor) -> str:
    """'electronica' when the provider's organisation registered an electronic domicile,
    else 'fehaciente' (Decision 3). `proveedor` is a reclamos.ReclamoProveedor."""
    organizacion = proveedor.organizacion
    if organizacion is not None and domicilio_electronico_de(organizacion):
        return "electronica"
    return "fehaciente"


def primera_fecha_de_servicio(proveedor, *, hoy: datetime.date, regimen_codigo: str):
    """The earliest date a cédula issued today can count as served for this provider."""
    if via_de_notificacion(proveedor) == "electronica":
        return hoy + datetime.timedelta(days=1)
    cal = _calendario_del_regimen(regimen_codigo)
    dia = hoy
    for _ in range(dias_medio_fehaciente()):
        dia = cal.habil_siguiente(dia)
    return dia


def habiles_intermedios(
    notificada_el: datetime.date, audiencia_el: datetime.date, *, regimen_codigo: str
) -> int:
    """Business days strictly between the service date and the hearing date."""
    if audiencia_el <= notificada_el:
        return 0
    cal = _calendario_del_regimen(regimen_codigo)
    return cal.habiles_entre(notificada_el, audiencia_el - datetime.timedelta(days=1))


def en_termino(
    notificada_el: datetime.date, audiencia_el: datetime.date, *, regimen_codigo: str
) -> bool:
    """Whether a cédula served on `notificada_el` validly summons to a hearing on `audiencia_el`."""
    return habiles_intermedios(
        notificada_el, audiencia_el, regimen_codigo=regimen_codigo
    ) >= anticipacion_minima(regimen_codigo)


def via_del_consumidor(reclamo) -> str:
    """'electronica' when the consumer constituted the claim's e-mail for notices (a verified
    account e-mail or a confirmed address: docs/decisions/0011), else 'fehaciente'. D202-I.10:
    "en todos los casos" the hearing must be notified 3 days ahead, the consumer included."""
    from notificaciones.domicilios import es_domicilio_constituido

    if es_domicilio_constituido(reclamo.consumidor, reclamo.consumidor_email):
        return "electronica"
    return "fehaciente"


def primera_fecha_de_servicio_al_consumidor(reclamo, *, hoy: datetime.date) -> datetime.date:
    """The earliest date the consumer can count as served of a hearing fixed today."""
    if via_del_consumidor(reclamo) == "electronica":
        return hoy + datetime.timedelta(days=1)
    cal = _calendario_del_regimen(reclamo.regimen_codigo)
    dia = hoy
    for _ in range(dias_medio_fehaciente()):
        dia = cal.habil_siguiente(dia)
    return dia


def primera_fecha_de_audiencia(
    reclamo, *, hoy: datetime.date, consumidor_presente: bool = False
) -> datetime.date:
    """The first date on which a hearing can be held so that every party of the claim — each
    provider and the consumer — can be served in time (the latest of their earliest valid
    hearing dates; D202-I.10 "en todos los casos"). `consumidor_presente`: the consumer is the
    one booking (notified in the act), so only the providers count."""
    cal = _calendario_del_regimen(reclamo.regimen_codigo)
    minimo = anticipacion_minima(reclamo.regimen_codigo)
    fecha = hoy + datetime.timedelta(days=1)
    servicios = (
        [] if consumidor_presente else [primera_fecha_de_servicio_al_consumidor(reclamo, hoy=hoy)]
    )
    servicios += [
        primera_fecha_de_servicio(proveedor, hoy=hoy, regimen_codigo=reclamo.regimen_codigo)
        for proveedor in reclamo.proveedores.all()
    ]
    for servicio in servicios:
        dia = servicio
        for _ in range(minimo):
            dia = cal.habil_siguiente(dia)
        # `dia` is the last of the required business days; the hearing comes after it.
        fecha = max(fecha, dia + datetime.timedelta(days=1))
    return fecha
