"""The régimen definitions: everything that differs between agencies, as data.

A régimen names its country, time zone, claim-number prefix, cap, legal basis, the catalogue of
its terms (TipoPlazo) and the part each term plays in the procedure (Papel), its transition table,
the staff roles that work its claims, and the flags the services read instead of asking for a
régimen's code (homologation, fees, the non-appearance fine, identifiers, what follows a failed
conciliation). Each claim stores the code and version of the régimen it runs under, so a past claim
stays explainable after a rule changes (STYLE.md "legal rules in one place"; decision 0030).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from normativa.estados import Transicion


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


class Papel(StrEnum):
    """The part a term plays in the procedure. Services ask a régimen for "the provider's
    justification term" (Regimen.plazo_de / codigo_de), never for "AR-11"; each régimen maps the
    papeles it has to its own codes (Regimen.papeles). New régimenes add members; none is renamed
    (the value is what other code and the definitions refer to)."""

    # Admission and the consumer's own terms
    ACREDITACION = "acreditacion"  # proof required of the consumer before admission
    RECONSIDERACION = "reconsideracion"  # appeal against non-admission (first instance)
    RECURSO_JERARQUICO = "recurso_jerarquico"  # hierarchical appeal against non-admission
    INFORMAR_CONCILIADOR = "informar_conciliador"  # consumer informs the agreed conciliator
    ADMISION = "admision"  # the agency's decision on admission
    REGISTRO = "registro"  # the agency registers the claim (Reclama Virtual)
    # Conciliator
    EXCUSACION = "excusacion"
    RESPUESTA_RECUSACION = "respuesta_recusacion"
    DECISION_RECUSACION = "decision_recusacion"
    # Hearings
    PRIMERA_AUDIENCIA = "primera_audiencia"  # hold the first hearing
    ASISTENCIA_LETRADA = "asistencia_letrada"  # suspension for legal assistance
    AVISO_AUDIENCIA = "aviso_audiencia"  # least notice of a hearing
    CONCILIACION = "conciliacion"  # length of the conciliation
    PRORROGA = "prorroga"  # its extension
    JUSTIFICACION_PROVEEDOR = "justificacion_proveedor"  # provider justifies its absence
    JUSTIFICACION_CONSUMIDOR = "justificacion_consumidor"  # consumer justifies her absence
    NUEVA_AUDIENCIA = "nueva_audiencia"  # new hearing after an excused absence
    RESPUESTA_MEDIACION = "respuesta_mediacion"  # provider answers in the mediation
    # Agreement
    RATIFICACION = "ratificacion"  # ratify an agreement signed by a representative
    HOMOLOGACION = "homologacion"
    CUMPLIMIENTO_ACUERDO = "cumplimiento_acuerdo"  # prove compliance after the summons
    # Closure, fees and fines
    INFORME_CIERRE = "informe_cierre"  # closure report to the agency
    PAGO_HONORARIO_BASICO = "pago_honorario_basico"
    EJECUTORIEDAD_HONORARIOS = "ejecutoriedad_honorarios"
    REINTEGRO_HONORARIO = "reintegro_honorario"
    CERTIFICACION_MULTA = "certificacion_multa"
    RECURSO_MULTA = "recurso_multa"
    # Second tier (Auditoría)
    CONTESTACION_AUDITORIA = "contestacion_auditoria"
    RECURSO_AUDITORIA = "recurso_auditoria"
    COMUNICACION_AUDITORIA = "comunicacion_auditoria"
    # Service levels (not law)
    CORREO_CONCILIADOR = "correo_conciliador"
    CORREO_ADMISION = "correo_admision"
    # Electronic domicile
    DOMICILIO_ELECTRONICO = "domicilio_electronico"  # provider constitutes an e-domicile
    # Sanction case after a failed conciliation (sumario)
    DESCARGO = "descargo"
    PRUEBA = "prueba"
    RESOLUCION = "resolucion"
    PUBLICACION = "publicacion"
    RECURSO_DIRECTO = "recurso_directo"
    APELACION_MEDIDA = "apelacion_medida"  # appeal against a preventive measure
    # Provider's complaints book (Libro de Reclamaciones)
    RESPUESTA_HOJA = "respuesta_hoja"
    PROPUESTA_HOJA = "propuesta_hoja"
    # Disciplinary regime of the conciliators' roll
    DISCIPLINA_COMUNICACION = "disciplina_comunicacion"
    DISCIPLINA_RATIFICACION = "disciplina_ratificacion"
    DISCIPLINA_DESCARGO = "disciplina_descargo"
    DISCIPLINA_SUMARIO = "disciplina_sumario"
    DISCIPLINA_ALEGATO = "disciplina_alegato"
    DISCIPLINA_INFORME = "disciplina_informe"
    DISCIPLINA_SUSPENSION = "disciplina_suspension"
    DISCIPLINA_REHABILITACION = "disciplina_rehabilitacion"
    DISCIPLINA_VENTANAS = "disciplina_ventanas"


class TrasFracaso(StrEnum):
    """What follows a conciliation that ends without agreement (issue 15)."""

    TRIBUNALES = "tribunales"  # the consumer goes to court; the agency's file closes
    AUDITORIA = "auditoria"  # a second tier of the same agency (COPREC: Auditoría, Title II)
    SUMARIO = "sumario"  # the same file turns into a sanction case (CABA)
    DENUNCIA = "denuncia"  # the consumer may file a complaint with the agency (Peru)


@dataclass(frozen=True)
class Multa:
    """A fine in dated values (normativa ValorReferencia): a fixed multiple (COPREC: 1 SMVM,
    Ley 26.993 art. 16) or a range the deciding authority grades (CABA: 300–20,000 UF)."""

    unidad: str  # code of the dated value (ValorReferencia.Tipo): "SMVM", "UF"…
    multiplo: Decimal | None = None
    minimo: Decimal | None = None
    maximo: Decimal | None = None
    fuente: str = ""
    confianza: str = "H"

    @property
    def fija(self) -> bool:
        return self.multiplo is not None


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
    # Minutes after the scheduled start before an absence may be recorded (CABA-05: 30); 0: none.
    tolerancia_minutos: int = 0


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
    # The URL name of the claim's own page when it is not the conciliation detail (Peru's
    # mediation page, CABA's denuncia page): reclamos:detalle and every link to it (notices,
    # calendar invitations) lead there.
    pagina: str = ""
    # Wording that differs by country (form of address, ids, currency), read by pages and notices
    # through Regimen.texto(); a missing key falls back to the key itself.
    textos: dict[str, str] = field(default_factory=dict)
    audiencias: ReglasDeAudiencia = field(default_factory=ReglasDeAudiencia)
    # None: the régimen has no second tier (Peru). Availability on a day: normativa.auditoria.
    auditoria: ReglasDeAuditoria | None = None
    # The transition table (action → reclamos.estados.Transicion), row for row as the law; the
    # claim's states are reclamos.estados.Estado. reclamos.estados.tabla() reads it.
    transiciones: dict[str, Transicion] = field(default_factory=dict)
    # Staff roles (cuentas.roles.Rol values) that work every claim of the régimen: they see its
    # claims (not other people's drafts) and act as its transition table allows. The parties
    # (consumer, provider's representatives) and a designated conciliator see only their own.
    roles: frozenset[str] = frozenset()
    # The part each term plays (Papel → code in `plazos`): what services ask for.
    papeles: dict[Papel, str] = field(default_factory=dict)
    # Terms whose subject is the claim and whose expiry reclamos.ganchos reports in the expediente
    # (and acts on, see `acciones_al_vencer`). Terms of other subjects (a complaints-book sheet, a
    # disciplinary case) are registered by their own apps.
    plazos_con_consecuencia: tuple[str, ...] = ()
    # Papel → action of the transition table taken by the portal when that term expires (not for
    # L-marked, requiere_confirmacion terms: DOMAIN Q18).
    acciones_al_vencer: dict[Papel, str] = field(default_factory=dict)
    # Agreements go to the agency for homologation before they bind (COPREC: Ley 26.993 art. 13).
    requiere_homologacion: bool = False
    # What follows a conciliation without agreement.
    tras_fracaso: TrasFracaso = TrasFracaso.TRIBUNALES
    # Conciliators' fees (honorarios app: basic fee by the Fondo, full fee by the provider).
    honorarios: bool = False
    # The fine for a provider's unjustified absence from a hearing; None: no such fine.
    multa_incomparecencia: Multa | None = None
    # Provider identifiers accepted (cuentas.identificadores.TipoIdentificador values); the first
    # is the default. An account's country follows the régimen that accepts its identifier.
    identificadores: tuple[str, ...] = ()
    # The "Acerca de" page's account of the régimen's law, under textos["acerca_titulo"]: shared
    # pages read the régimen's own wording, never another's law (decision 0038).
    acerca: tuple[str, ...] = ()

    def plazo(self, codigo: str) -> TipoPlazo:
        return self.plazos[codigo]

    def tiene(self, papel: Papel) -> bool:
        return papel in self.papeles

    def codigo_de(self, papel: Papel) -> str:
        """The code of the term playing `papel` in this régimen (LookupError if it has none)."""
        try:
            return self.papeles[papel]
        except KeyError:
            raise LookupError(f"{self.codigo} no tiene plazo para «{papel}»") from None

    def codigos(self, *papeles: Papel) -> list[str]:
        """The codes of those of `papeles` the régimen has (none missing is an error)."""
        return [self.papeles[p] for p in papeles if p in self.papeles]

    def codigo_o_vacio(self, papel: Papel) -> str:
        """The code of `papel`, or "" when the régimen has no such term."""
        return self.papeles.get(papel, "")

    def plazo_de(self, papel: Papel) -> TipoPlazo:
        return self.plazos[self.codigo_de(papel)]

    def papel_de(self, codigo: str) -> Papel | None:
        """The part the term `codigo` plays here, or None."""
        for papel, propio in self.papeles.items():
            if propio == codigo:
                return papel
        return None

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


def con(predicado) -> list[Regimen]:
    """The régimenes for which `predicado(regimen)` holds, e.g. those with conciliators' fees."""
    return [r for r in _REGISTRO.values() if predicado(r)]


def codigos_de(papel: Papel) -> list[str]:
    """The codes of `papel` across régimenes (for subjects with no régimen at hand, e.g. a
    disciplinary case of the conciliators' roll or a complaints-book sheet)."""
    return [r.papeles[papel] for r in _REGISTRO.values() if papel in r.papeles]


def codigo_unico(papel: Papel) -> str:
    """The one code of `papel` across régimenes; LookupError if none or several define it."""
    codigos = codigos_de(papel)
    if len(codigos) != 1:
        raise LookupError(f"«{papel}» está en {len(codigos)} régimenes")
    return codigos[0]


def registro_de_conciliadores() -> Regimen:
    """The régimen whose roll of conciliators the conciliadores app keeps (its hearings are
    conducted by a registered conciliator: ReglasDeAudiencia.conduce == "conciliador"); the
    disciplinary regime's terms and the conciliators' own calendar are its."""
    for regimen in _REGISTRO.values():
        if regimen.audiencias.conduce == "conciliador":
            return regimen
    raise LookupError("ningún régimen tiene registro de conciliadores")


def por_identificador(tipo: str) -> Regimen:
    """The régimen that accepts a provider identifier (CUIT, RUC…), the first registered."""
    for regimen in _REGISTRO.values():
        if tipo in regimen.identificadores:
            return regimen
    raise LookupError(f"ningún régimen acepta el identificador {tipo}")


def es_ofrecido(codigo: str) -> bool:
    """Whether this deployment offers the régimen (settings.REGIMENES_OFRECIDOS; empty = all).
    New filings, the forms' and lists' choices and the API take only offered régimenes; claims
    already filed under another one go on (decision 0031)."""
    from django.conf import settings

    ofrecidos = getattr(settings, "REGIMENES_OFRECIDOS", None) or []
    return not ofrecidos or codigo in ofrecidos


def ofrecidos() -> list[Regimen]:
    return [regimen for regimen in _REGISTRO.values() if es_ofrecido(regimen.codigo)]


def tipo_plazo(codigo: str) -> TipoPlazo:
    """Finds a kind of term by its code (AR-01, PE-01…) across régimenes."""
    for regimen in _REGISTRO.values():
        if codigo in regimen.plazos:
            return regimen.plazos[codigo]
    raise LookupError(f"tipo de plazo desconocido: {codigo}")


# Import the definitions so they register themselves.
# Registration order matters: the first régimen that accepts an identifier is its default
# (por_identificador, regimen_para_proveedor), so COPREC stays the CUIT default before CABA.
from normativa.regimenes import coprec, peru  # noqa: E402, F401, I001  (registration side effect)
from normativa.regimenes import caba  # noqa: E402, F401  (registration side effect)
