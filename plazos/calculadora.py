"""The public deadline calculator: one parser and validator shared by the page, the API and the
`plazo` management command, so the three accept and refuse exactly the same input.

The calculator computes a term to perform an act (Decision 7: a calendar-day term ending on a
non-business day moves to the next business day), counted from `desde` as given. `PE` uses the
provider's calendar (PE-proveedor); `AR-CABA` the Ciudad de Buenos Aires' administrative one.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from conciliacion.errores import DatosInvalidos
from normativa.calendarios import calendario
from normativa.regimenes import Calendario, Unidad
from plazos.computo import Computo, computar

# The calculator's "país" is a calendar: AR-CABA is the Ciudad de Buenos Aires' administration
# (DOMAIN-CABA §7), which does not follow every national asueto.
CALENDARIO_POR_PAIS = {
    "AR": Calendario.AR,
    Calendario.AR_CABA.value: Calendario.AR_CABA,
    "PE": Calendario.PE_PROVEEDOR,
}
UNIDADES = {
    "habiles": Unidad.HABILES,
    "hábiles": Unidad.HABILES,
    "corridos": Unidad.CORRIDOS,
}
DIAS_MAXIMOS = 1000
SUSPENSIONES_MAXIMAS = 20
SUSPENSION_MAXIMA_DIAS = 3660
ANIO_MINIMO, ANIO_MAXIMO = 1990, 2099
FORMATOS_FECHA = ("%Y-%m-%d", "%d/%m/%Y")


@dataclass(frozen=True)
class Consulta:
    pais: str
    calendario: Calendario
    desde: datetime.date
    dias: int
    unidad: Unidad
    suspensiones: tuple[tuple[datetime.date, datetime.date], ...] = ()


class _Errores(dict):
    def agregar(self, campo: str, mensaje: str) -> None:
        self.setdefault(campo, []).append(mensaje)


def _fecha(texto: str) -> datetime.date | None:
    texto = (texto or "").strip()
    for formato in FORMATOS_FECHA:
        try:
            fecha = datetime.datetime.strptime(texto, formato).date()
        except ValueError:
            continue
        if ANIO_MINIMO <= fecha.year <= ANIO_MAXIMO:
            return fecha
    return None


def _mensaje_fecha(texto: str, que: str) -> str:
    if not (texto or "").strip():
        return _("Ingresá %(que)s.") % {"que": que}
    return _(
        "«%(texto)s» no es una fecha válida para %(que)s: usá AAAA-MM-DD (por ejemplo "
        "2026-01-05) o DD/MM/AAAA, entre %(minimo)s y %(maximo)s."
    ) % {"texto": texto, "que": que, "minimo": ANIO_MINIMO, "maximo": ANIO_MAXIMO}


def _pais(texto: str, errores: _Errores) -> str | None:
    pais = (texto or "").strip().upper()
    if pais in CALENDARIO_POR_PAIS:
        return pais
    if not pais:
        mensaje = _("Elegí el país: AR (Argentina), AR-CABA (Ciudad de Buenos Aires) o PE (Perú).")
        errores.agregar("pais", mensaje)
    else:
        mensaje = _(
            "País desconocido «%(pais)s»: usá AR (Argentina), AR-CABA (Ciudad de Buenos Aires) "
            "o PE (Perú)."
        )
        errores.agregar("pais", mensaje % {"pais": texto})
    return None


def _dias(texto, errores: _Errores) -> int | None:
    texto = str(texto if texto is not None else "").strip()
    try:
        dias = int(texto)
    except ValueError:
        mensaje = _("Ingresá la cantidad de días como un número entero (por ejemplo 10).")
        errores.agregar("dias", mensaje)
        return None
    if dias <= 0:
        errores.agregar("dias", _("La cantidad de días debe ser mayor que cero."))
        return None
    if dias > DIAS_MAXIMOS:
        mensaje = _("La calculadora admite hasta %(n)s días.")
        errores.agregar("dias", mensaje % {"n": DIAS_MAXIMOS})
        return None
    return dias


def _unidad(texto: str, errores: _Errores) -> Unidad | None:
    unidad = UNIDADES.get((texto or "habiles").strip().lower())
    if unidad is None:
        mensaje = _("Unidad desconocida «%(unidad)s»: usá habiles o corridos.")
        errores.agregar("unidad", mensaje % {"unidad": texto})
    return unidad


def _partir(item) -> tuple[str, str]:
    if isinstance(item, str):
        desde, _, hasta = item.partition(":")
        return desde, hasta
    desde, hasta = item
    return desde or "", hasta or ""


def _suspension(item, numero: int, errores: _Errores):
    texto_desde, texto_hasta = _partir(item)
    desde, hasta = _fecha(texto_desde), _fecha(texto_hasta)
    if desde is None or hasta is None:
        mensaje = _(
            "Suspensión %(n)s: usá dos fechas AAAA-MM-DD:AAAA-MM-DD "
            "(por ejemplo 2026-01-07:2026-01-08)."
        )
        errores.agregar("suspension", mensaje % {"n": numero})
        return None
    if hasta < desde:
        mensaje = _("Suspensión %(n)s: termina (%(hasta)s) antes de empezar (%(desde)s).")
        fechas = {"n": numero, "hasta": f"{hasta:%d/%m/%Y}", "desde": f"{desde:%d/%m/%Y}"}
        errores.agregar("suspension", mensaje % fechas)
        return None
    if (hasta - desde).days > SUSPENSION_MAXIMA_DIAS:
        mensaje = _("Suspensión %(n)s: no puede durar más de diez años.")
        errores.agregar("suspension", mensaje % {"n": numero})
        return None
    return desde, hasta


# The calculator's voseo verbs and their formal (usted) forms, for Peru.
FORMAS_USTED = {"Ingresá": "Ingrese", "Elegí": "Elija", "usá": "use", "Revisá": "Revise"}


def _formal(texto: str) -> str:
    for voseo, usted in FORMAS_USTED.items():
        texto = re.sub(rf"\b{voseo}(?!\w)", usted, texto)
    return texto


def _vacia(item) -> bool:
    desde, hasta = _partir(item)
    return not desde.strip() and not hasta.strip()


def interpretar(
    *,
    pais: str,
    desde: str,
    dias,
    unidad: str = "habiles",
    suspensiones: Iterable[str | Sequence[str]] = (),
) -> Consulta:
    """Validates the calculator's input. Raises DatosInvalidos whose `campos` maps each field to
    Spanish messages (the page shows them next to the input, the API returns them, the CLI
    prints them)."""
    errores = _Errores()
    pais_ok = _pais(pais, errores)
    fecha = _fecha(desde)
    if fecha is None:
        errores.agregar("desde", _mensaje_fecha(desde, _("la fecha de inicio")))
    cantidad = _dias(dias, errores)
    unidad_ok = _unidad(unidad, errores)
    items = [item for item in suspensiones if not _vacia(item)]
    if len(items) > SUSPENSIONES_MAXIMAS:
        mensaje = _("Se admiten hasta %(n)s suspensiones.")
        errores.agregar("suspension", mensaje % {"n": SUSPENSIONES_MAXIMAS})
        items = []
    rangos = [_suspension(item, n, errores) for n, item in enumerate(items, start=1)]
    if errores:
        # Peru's pages use the formal register (usted); Argentina's, voseo.
        registro = _formal if pais_ok == "PE" else str
        campos = {campo: [registro(m) for m in ms] for campo, ms in errores.items()}
        raise DatosInvalidos(
            registro(_("Revisá los datos: %(errores)s"))
            % {"errores": " ".join(m for ms in campos.values() for m in ms)},
            campos=campos,
        )
    return Consulta(
        pais=pais_ok,
        calendario=CALENDARIO_POR_PAIS[pais_ok],
        desde=fecha,
        dias=cantidad,
        unidad=unidad_ok,
        suspensiones=tuple(sorted(rangos)),
    )


def calcular(consulta: Consulta) -> Computo:
    return computar(
        calendario=calendario(consulta.calendario),
        desde=consulta.desde,
        cantidad=consulta.dias,
        unidad=consulta.unidad,
        suspensiones=consulta.suspensiones,
        mueve_a_habil=True,
    )


def resultado_json(consulta: Consulta, computo: Computo) -> dict:
    """The JSON body of the API and of `manage.py plazo --json`."""
    return {"pais": consulta.pais, **computo.como_dict()}
