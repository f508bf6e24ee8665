"""Business-day calendars: the `holidays` package plus our table of decreed days (DOMAIN §8).

DOMAIN Decision 6 chooses the calendar per jurisdiction *and* kind of term:
- AR: weekends + `holidays` AR PUBLIC (with Jueves Santo and the tourism bridge days) + GOVERNMENT
  (27 June, Q13) + the DiaNoHabil rows for AR;
- AR-CABA (DOMAIN-CABA §7): weekends + `holidays` AR PUBLIC with subdivision "C" + the rows of
  the Ciudad (jurisdiction AR-C, e.g. 24 and 31 Dec 2020) + the national rows that list AR-CABA
  (a feriado trasladado). National asuetos (23 and 30 Dec 2022, Decreto 820/2022) and 27 June
  (national state workers, Q4) do not apply unless a CABA row says so;
- PE-proveedor: weekends + PE PUBLIC + the PE rows marked for the provider's calendar;
- PE-entidad: the same + the public-sector non-working days (rows marked for PE-entidad, Q14).

`calendario(codigo)` costs one small aggregate query (the version of the decreed days) and reuses
an in-memory calendar built once per version: counting never queries the database per day.
"""

from __future__ import annotations

import datetime
import hashlib
import threading
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import holidays

from normativa.regimenes import Calendario

DIAS_SEMANA = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


@dataclass(frozen=True)
class Definicion:
    codigo: Calendario
    nombre: str
    pais: str  # ISO code for `holidays` and DiaNoHabil.jurisdiccion
    categorias: tuple[str, ...]
    zona_horaria: str
    nombre_zona: str  # how the explanation names the zone
    # DiaNoHabil.jurisdiccion values whose rows may reach this calendar (a row applies only when
    # its `calendarios` lists the code); the last one is the calendar's own and wins a tie.
    jurisdicciones: tuple[str, ...] = ()
    subdivision: str | None = None  # `holidays` subdivision (CABA is "C")

    def __post_init__(self):
        if not self.jurisdicciones:
            object.__setattr__(self, "jurisdicciones", (self.pais,))


DEFINICIONES: dict[Calendario, Definicion] = {
    Calendario.AR: Definicion(
        Calendario.AR,
        "Argentina — Administración Pública Nacional",
        "AR",
        (holidays.PUBLIC, holidays.GOVERNMENT),
        "America/Argentina/Buenos_Aires",
        "hora oficial argentina",
    ),
    Calendario.AR_CABA: Definicion(
        Calendario.AR_CABA,
        "Ciudad Autónoma de Buenos Aires — Administración",
        "AR",
        (holidays.PUBLIC,),
        "America/Argentina/Buenos_Aires",
        "hora oficial argentina",
        jurisdicciones=("AR", "AR-C"),
        subdivision="C",
    ),
    Calendario.PE_PROVEEDOR: Definicion(
        Calendario.PE_PROVEEDOR,
        "Perú — plazos del proveedor",
        "PE",
        (holidays.PUBLIC,),
        "America/Lima",
        "hora de Lima",
    ),
    Calendario.PE_ENTIDAD: Definicion(
        Calendario.PE_ENTIDAD,
        "Perú — plazos de la entidad (sector público)",
        "PE",
        (holidays.PUBLIC,),
        "America/Lima",
        "hora de Lima",
    ),
}


def nombre_dia(fecha: datetime.date) -> str:
    return DIAS_SEMANA[fecha.weekday()]


def fecha_larga(fecha: datetime.date) -> str:
    """ "martes 23/12/2025": the day name avoids misreading dd/mm as mm/dd."""
    return f"{nombre_dia(fecha)} {fecha:%d/%m/%Y}"


class CalendarioHabil:
    """One calendar at one version of the decreed days. Immutable once built; thread-safe."""

    def __init__(self, definicion: Definicion, decretados: dict, version: str):
        self.definicion = definicion
        self.codigo = definicion.codigo
        self.nombre = definicion.nombre
        self.zona_horaria = definicion.zona_horaria
        self.nombre_zona = definicion.nombre_zona
        self.zona = ZoneInfo(definicion.zona_horaria)
        self.version = version
        # date -> (es_habil, motivo) from the DiaNoHabil rows of this calendar
        self._decretados: dict[datetime.date, tuple[bool, str]] = decretados
        self._feriados: dict[int, dict[datetime.date, str]] = {}
        self._lock = threading.Lock()

    def __repr__(self):
        return f"<CalendarioHabil {self.codigo} {self.version}>"

    def _feriados_del_anio(self, anio: int) -> dict[datetime.date, str]:
        feriados = self._feriados.get(anio)
        if feriados is None:
            with self._lock:
                paquete = holidays.country_holidays(
                    self.definicion.pais,
                    subdiv=self.definicion.subdivision,
                    years=anio,
                    categories=self.definicion.categorias,
                    language="es",
                )
                feriados = dict(paquete.items())
                self._feriados[anio] = feriados
        return feriados

    def motivo(self, fecha: datetime.date) -> str | None:
        """Why `fecha` is not a business day (in Spanish), or None when it is one."""
        decretado = self._decretados.get(fecha)
        if decretado is not None and decretado[0]:
            return None  # día hábil forzado: corrects the package
        dia = fecha.weekday()
        if dia >= 5:
            return DIAS_SEMANA[dia]
        if decretado is not None:
            return decretado[1]
        return self._feriados_del_anio(fecha.year).get(fecha)

    def es_habil(self, fecha: datetime.date) -> bool:
        return self.motivo(fecha) is None

    def habil_siguiente(self, fecha: datetime.date) -> datetime.date:
        """The first business day strictly after `fecha`."""
        dia = fecha + datetime.timedelta(days=1)
        while not self.es_habil(dia):
            dia += datetime.timedelta(days=1)
        return dia

    def hoy(self) -> datetime.date:
        from django.utils import timezone

        return timezone.now().astimezone(self.zona).date()

    def habiles_entre(self, desde: datetime.date, hasta: datetime.date) -> int:
        """Business days in (desde, hasta]: 0 when hasta <= desde."""
        total, dia = 0, desde + datetime.timedelta(days=1)
        while dia <= hasta:
            total += self.es_habil(dia)
            dia += datetime.timedelta(days=1)
        return total


_CACHE: dict[tuple[str, str], CalendarioHabil] = {}
_CACHE_MAXIMO = 16


def _version(definicion: Definicion) -> str:
    from django.db.models import Count, Max

    from normativa.models import DiaNoHabil

    datos = DiaNoHabil.objects.filter(jurisdiccion__in=definicion.jurisdicciones).aggregate(
        n=Count("id"), mayor=Max("id"), ultimo=Max("actualizado_en")
    )
    ultimo = datos["ultimo"].isoformat() if datos["ultimo"] else "-"
    huella = hashlib.sha256(f"{datos['n']}|{datos['mayor']}|{ultimo}".encode()).hexdigest()[:10]
    lugar = definicion.pais + (f"-{definicion.subdivision}" if definicion.subdivision else "")
    return f"holidays-{holidays.__version__}+{lugar}.{datos['n']}.{huella}"


def _construir(definicion: Definicion, version: str) -> CalendarioHabil:
    from normativa.models import DiaNoHabil

    decretados = {}
    orden = {jurisdiccion: n for n, jurisdiccion in enumerate(definicion.jurisdicciones)}
    filas = DiaNoHabil.objects.filter(jurisdiccion__in=definicion.jurisdicciones)
    # The calendar's own jurisdiction last: its row wins over a national one on the same day.
    for fila in sorted(filas, key=lambda f: orden[f.jurisdiccion]):
        if definicion.codigo.value in (fila.calendarios or []):
            decretados[fila.fecha] = (fila.es_habil, fila.motivo)
    return CalendarioHabil(definicion, decretados, version)


def calendario(codigo: Calendario | str) -> CalendarioHabil:
    """The current calendar for `codigo` (one aggregate query; rows loaded once per version)."""
    definicion = DEFINICIONES[Calendario(codigo)]
    version = _version(definicion)
    clave = (definicion.codigo.value, version)
    encontrado = _CACHE.get(clave)
    if encontrado is None:
        encontrado = _construir(definicion, version)
        if len(_CACHE) >= _CACHE_MAXIMO:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[clave] = encontrado
    return encontrado


def calendario_en_memoria(codigo: Calendario | str, version: str) -> CalendarioHabil | None:
    """The calendar of that exact version if this process already built it (no query)."""
    return _CACHE.get((Calendario(codigo).value, version))


def zona_horaria(codigo: Calendario | str) -> ZoneInfo:
    return ZoneInfo(DEFINICIONES[Calendario(codigo)].zona_horaria)
