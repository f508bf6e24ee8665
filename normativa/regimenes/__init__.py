"""The régimen definitions: everything that differs between agencies, as data.

A régimen names its country, time zone, claim-number prefix, cap, legal basis and the catalogue of
its terms (TipoPlazo). Each claim stores the code and version of the régimen it runs under, so a
past claim stays explainable after a rule changes (STYLE.md "legal rules in one place").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum


class Unidad(StrEnum):
    HABILES = "habiles"
    CORRIDOS = "corridos"
    HORAS = "horas"


class Calendario(StrEnum):
    """DOMAIN Decision 6: calendars are chosen per jurisdiction and kind of term."""

    AR = "AR"
    # The Ciudad Autónoma de Buenos Aires' administration (DOMAIN-CABA §7): national holidays plus
    # its own decreed days; national asuetos apply only when a CABA row says so.
    AR_CABA = "AR-CABA"
    PE_PROVEEDOR = "PE-proveedor"
    PE_ENTIDAD = "PE-entidad"


@dataclass(frozen=True)
class TipoPlazo:
    codigo: str
    nombre: str
    duracion: int | None  # None: open-ended (runs until an act closes it)
    unidad: Unidad
    calendario: Calendario
    fuente: str
    inicio: str  # the start event, in words
    al_vencer: str  # the consequence, in words
    # DOMAIN Decision 7: a calendar-day term to perform an act moves to the next business day;
    # waiting periods and durations do not.
    mueve_a_habil: bool = True
    # DOMAIN Q18: L-marked consequences are flagged for staff, never applied automatically.
    requiere_confirmacion: bool = False
    recordatorio_dias: int = 2
    confianza: str = "H"
    # A term counted from another term's due date rather than from the act that opens it
    # (AR-19 runs from AR-11's expiry even when the claim closes earlier, D202-I.16).
    desde_vencimiento_de: str = ""
    # The consumer's own term before the claim is served on the provider (admission, appeal,
    # informing a proposed conciliator): the provider never sees it (Decision 0015).
    solo_consumidor: bool = False


@dataclass(frozen=True)
class ReglasDeAudiencia:
    """How the régimen's hearings run, read by the audiencias machinery (never by country).

    COPREC's defaults: a registered conciliator designated for the claim conducts them and the
    audiencias services decide every outcome (D202-I.7, I.10, I.11). Reclama Virtual (S001): the
    agency's official convenes and conducts a video hearing; each outcome ends in one act of the
    claim's own transition table.
    """

    # "conciliador" (conciliadores.Conciliador) or "funcionario" (the agency's official).
    conduce: str = "conciliador"
    # Prefix of the notice templates: correo/<prefijo>/invitacion.txt and recordatorio.txt.
    plantillas: str = "audiencias"
    # Outcome (audiencias.Audiencia.Resultado) → act of the transition table it leads to; empty
    # when the audiencias services decide (COPREC, with its cédulas, powers and fines).
    resultados: dict[str, str] = field(default_factory=dict)
    # The acta's template under templates/pdf/ when `resultados` is used.
    acta: str = ""
    # Hearings an official convenes (conduce="funcionario"): the least notice, in business days of
    # the agency's calendar between the convening day and the hearing's day, and the office hours
    # a hearing may start in (local time, [desde, hasta)). 0 / None: no such rule. COPREC's notice
    # rule is AR-09's, counted from each cédula's service (audiencias.anticipacion).
    anticipacion_minima_habiles: int = 0
    horario_desde: datetime.time | None = None
    horario_hasta: datetime.time | None = None


@dataclass(frozen=True)
class ReglasDeAuditoria:
    """The Auditoría en las Relaciones de Consumo of a régimen (Ley 26.993 Title II; Decreto
    202/2015 Anexo I arts. 29–38; DOMAIN §2.5). Whether it is offered on a day is a dated switch
    (normativa.auditoria); these are its rules. Decision 0028."""

    # Cap of the claim at the date of the Auditoría claim, in dated values (DF: 15 SMVM).
    tope_unidades: int
    unidad_tope: str
    # Business days after the closure without agreement to file; None: no term (the law's
    # article was not retrieved, Q2 — a deployment sets it here when verified).
    plazo_reclamo_habiles: int | None = None
    fuente_tope: str = "Ley 26.993 Título II (según DF, sin verificar en el texto)"
    # The kinds of plazo the procedure opens (codes of Regimen.plazos).
    plazo_contestacion: str = "AR-A1"
    plazo_recurso: str = "AR-A2"
    plazo_comunicacion: str = "AR-21"


@dataclass(frozen=True)
class Regimen:
    codigo: str
    version: str
    nombre: str
    pais: str
    zona_horaria: str
    moneda: str
    prefijo_numero: str
    base_legal: str
    tope_unidades: int | None  # cap in valores de referencia (SMVM for COPREC)
    unidad_tope: str  # code of the dated value the cap is expressed in (ValorReferencia.Tipo)
    plazos: dict[str, TipoPlazo] = field(default_factory=dict)
    # DOMAIN Decision 3: a party with a constituted electronic address is deemed served the
    # next calendar day after sending.
    notificacion_electronica_dia_siguiente: bool = True
    calendario_por_defecto: Calendario = Calendario.AR
    # The procedure the agency runs (Decision 1): "conciliacion" (COPREC: admission, a designated
    # conciliator, hearings) or "mediacion" (Reclama Virtual, S001: dialogue through the
    # platform first, a hearing convened by the agency's official only if needed).
    procedimiento: str = "conciliacion"
    # Wording that differs by country (form of address, ids, currency), read by pages and notices
    # through Regimen.texto(); a missing key falls back to the key itself.
    textos: dict[str, str] = field(default_factory=dict)
    audiencias: ReglasDeAudiencia = field(default_factory=ReglasDeAudiencia)
    # None: the régimen has no second tier (Peru). Availability on a day: normativa.auditoria.
    auditoria: ReglasDeAuditoria | None = None
    # The régimen's own transition table (act → reclamos.estados.Transicion); empty: the table
    # reclamos.estados.TABLAS keeps for it (COPREC, Peru).
    transiciones: dict = field(default_factory=dict)
    # Staff roles that work its claims (reclamos.permisos reads them).
    personal: frozenset[str] = frozenset()
    # Agreements need homologation (COPREC) or the acta closes the conciliation (CABA, Q2).
    requiere_homologacion: bool = True
    # Conciliators' fees exist (COPREC) or hearings are run by salaried staff (CABA).
    honorarios: bool = True
    # Provider identifiers accepted.
    identificadores: tuple[str, ...] = ("CUIT",)

    def plazo(self, codigo: str) -> TipoPlazo:
        return self.plazos[codigo]

    def texto(self, clave: str) -> str:
        return str(self.textos.get(clave, clave))

    @property
    def clave(self) -> str:
        return f"{self.codigo}-{self.version}"

    @property
    def idioma(self) -> str:
        """The BCP 47 tag of its pages, PDFs and e-mails ("es-AR", "es-PE"): the claim's régimen
        decides, never the deployment's default."""
        return f"es-{self.pais}"

    @property
    def formal(self) -> bool:
        """Peru's pages address people formally (usted); Argentina's use voseo."""
        return self.pais != "AR"


_REGISTRO: dict[str, Regimen] = {}


def registrar(regimen: Regimen) -> Regimen:
    _REGISTRO[regimen.codigo] = regimen
    return regimen


def obtener(codigo: str) -> Regimen:
    try:
        return _REGISTRO[codigo]
    except KeyError:
        raise LookupError(f"régimen desconocido: {codigo}") from None


def todos() -> list[Regimen]:
    return list(_REGISTRO.values())


def tipo_plazo(codigo: str) -> TipoPlazo:
    """Finds a kind of term by its code (AR-01, PE-01…) across régimenes."""
    for regimen in _REGISTRO.values():
        if codigo in regimen.plazos:
            return regimen.plazos[codigo]
    raise LookupError(f"tipo de plazo desconocido: {codigo}")


# Import the definitions so they register themselves.
from normativa.regimenes import caba, coprec, peru  # noqa: E402, F401  (registration side effect)
