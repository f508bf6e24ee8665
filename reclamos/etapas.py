"""What a claim's parties read about where it stands: the steps of its régimen (done / current /
next), what the reader must do and by when, and how long the agency usually takes.

The steps are data, one list per régimen, keyed by the states of reclamos.estados. Only the
running plazos of the current step are listed, so a term of an earlier step that is still open
(the conciliator's recusal term after homologation) is never shown as current. How long a step
usually takes comes from `DemoraDeEtapa` (maintained by the task `reclamos.calcular_demoras`
from an aggregate over the expediente, never per request); until the portal has enough cases,
the régimen's stated term is shown (COPREC's how-to: admission can take up to 15 days).

Legal references are written in plain words with a link to the text (`fuentes_legibles`); the
internal codes ("D202-I.7", "S000", "Decision 12") never reach a citizen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from normativa.regimenes import Papel
from reclamos.estados import Estado

E = Estado
P = Papel

# Where the texts are published: the laws on InfoLEG (Ley 26.993 is norma 233961, Ley 24.240 norma
# 638), the regulation on SAIJ (the address the source text of Decreto 202/2015 gives).
LEY_26993 = "https://servicios.infoleg.gob.ar/infolegInternet/anexos/230000-234999/233961/norma.htm"
DECRETO_202 = "https://www.saij.gob.ar/DN20150000202"
LEY_24240 = "https://servicios.infoleg.gob.ar/infolegInternet/anexos/0-4999/638/texact.htm"
RECLAMA_VIRTUAL = "https://enlinea.indecopi.gob.pe/reclamavirtual/"

# The minimum number of cases before the portal's own figure replaces the stated term.
CASOS_MINIMOS = 5


@dataclass(frozen=True)
class Etapa:
    clave: str
    titulo: str
    estados: frozenset[str]
    # What the consumer reads while the claim is in this step, by state (fallback: "").
    que_pasa: dict[str, str] = field(default_factory=dict)
    # The régimen's stated term for the agency, in words (shown until the portal has figures).
    demora_declarada: str = ""
    fuente: str = ""
    # The parts (Papel) of the plazos that belong to this step (the only ones listed while it is
    # current); the régimen maps each to its own code.
    plazos: frozenset[Papel] = frozenset()


def _e(clave, titulo, estados, **extra) -> Etapa:
    extra["plazos"] = frozenset(extra.get("plazos", ()))
    return Etapa(clave, titulo, frozenset(estados), **extra)


ETAPAS_COPREC = (
    _e(
        "admision",
        _("Admisión"),
        {E.PRESENTADO, E.EN_ADMISION, E.REQUERIMIENTO, E.INADMITIDO, E.RECURSO_EN_TRAMITE},
        que_pasa={
            E.EN_ADMISION: _(
                "La autoridad revisa que el reclamo cumpla los requisitos. No tenés que hacer "
                "nada por ahora: te avisamos por correo cuando lo admita o si necesita que "
                "acredites algo."
            ),
            E.REQUERIMIENTO: _(
                "La autoridad te pidió que acredites algunos datos: respondé el requerimiento "
                "antes de que venza el plazo."
            ),
            E.INADMITIDO: _("El reclamo no fue admitido. Podés recurrir esa decisión."),
            E.RECURSO_EN_TRAMITE: _("La autoridad está resolviendo tu recurso."),
        },
        demora_declarada=_("hasta 15 días"),
        fuente="D202-I.6",
        plazos={P.ACREDITACION, P.RECONSIDERACION, P.RECURSO_JERARQUICO, P.CORREO_ADMISION},
    ),
    _e(
        "designacion",
        _("Turno y conciliador/a"),
        {E.ADMITIDO, E.ESPERA_TURNO, E.ESPERA_DOC_AUTONOMO, E.CONCILIADOR_DESIGNADO},
        que_pasa={
            E.ESPERA_TURNO: _(
                "Elegí día y hora para la audiencia: al elegir el turno se designa el "
                "conciliador/a."
            ),
            E.ESPERA_DOC_AUTONOMO: _(
                "Presentá el documento de designación del conciliador/a que eligieron."
            ),
            E.ADMITIDO: _("El reclamo fue admitido: en breve se designa el conciliador/a."),
            E.CONCILIADOR_DESIGNADO: _("El conciliador/a designado fija la audiencia."),
            E.REDESIGNACION: _("Se está designando otro conciliador/a."),
        },
        demora_declarada=_("72 horas para recibir los datos del conciliador/a"),
        fuente="D202-I.7",
        plazos={
            P.INFORMAR_CONCILIADOR,
            P.EXCUSACION,
            P.RESPUESTA_RECUSACION,
            P.DECISION_RECUSACION,
            P.CORREO_CONCILIADOR,
        },
    ),
    _e(
        "audiencia",
        _("Audiencia de conciliación"),
        {E.REDESIGNACION, E.AUDIENCIA_FIJADA, E.EN_CONCILIACION, E.INCOMPARECENCIA_PROVEEDOR},
        que_pasa={
            E.AUDIENCIA_FIJADA: _(
                "Asistí a la audiencia el día y la hora de la cédula, con tu DNI."
            ),
            E.EN_CONCILIACION: _("Las partes están negociando con el conciliador/a."),
            E.INCOMPARECENCIA_PROVEEDOR: _(
                "El proveedor no se presentó: tiene unos días para justificarlo."
            ),
        },
        demora_declarada=_("la primera audiencia, dentro de los 10 días hábiles de la designación"),
        fuente="Ley 26.993 art. 7; D202-I.9",
        plazos={
            P.PRIMERA_AUDIENCIA,
            P.ASISTENCIA_LETRADA,
            P.AVISO_AUDIENCIA,
            P.CONCILIACION,
            P.PRORROGA,
            P.JUSTIFICACION_PROVEEDOR,
        },
    ),
    _e(
        "homologacion",
        _("Homologación del acuerdo"),
        {E.ACUERDO_FIRMADO, E.EN_HOMOLOGACION, E.OBSERVADO},
        que_pasa={
            E.ACUERDO_FIRMADO: _("El conciliador/a eleva el acuerdo firmado a la autoridad."),
            E.EN_HOMOLOGACION: _("La autoridad revisa el acuerdo para homologarlo."),
            E.OBSERVADO: _("La autoridad observó el acuerdo: el conciliador/a lo corrige."),
        },
        demora_declarada=_("3 días hábiles"),
        fuente="Ley 26.993 art. 13",
        plazos={P.RATIFICACION, P.HOMOLOGACION},
    ),
    _e(
        "cumplimiento",
        _("Cumplimiento del acuerdo"),
        {
            E.HOMOLOGADO,
            E.EN_CUMPLIMIENTO,
            E.INCUMPLIMIENTO_DENUNCIADO,
            E.INTIMADO,
            E.INCUMPLIMIENTO_VERIFICADO,
        },
        que_pasa={
            E.EN_CUMPLIMIENTO: _(
                "El proveedor debe cumplir lo acordado en las fechas del acuerdo. Si no cumple, "
                "podés denunciarlo desde esta página."
            ),
            E.HOMOLOGADO: _("El acuerdo fue homologado: es ejecutable."),
            E.INCUMPLIMIENTO_DENUNCIADO: _("La autoridad revisa tu denuncia de incumplimiento."),
            E.INTIMADO: _("La autoridad intimó al proveedor a cumplir."),
        },
        fuente="D202-I.19",
        plazos={P.CUMPLIMIENTO_ACUERDO},
    ),
)
ETAPAS_PERU = (
    _e(
        "registro",
        _("Registro del reclamo"),
        {E.SOLICITADO, E.REGISTRADO},
        que_pasa={
            E.SOLICITADO: _(
                "El Indecopi revisa su solicitud y la registra; luego la traslada al proveedor."
            ),
        },
        demora_declarada=_("3 días hábiles"),
        fuente="S001",
        plazos={P.REGISTRO},
    ),
    _e(
        "mediacion",
        _("Mediación"),
        {E.EN_MEDIACION, E.PROPUESTA_PROVEEDOR},
        que_pasa={
            E.EN_MEDIACION: _("El proveedor tiene unos días para responder su reclamo."),
            E.PROPUESTA_PROVEEDOR: _(
                "El proveedor le hizo una propuesta: puede aceptarla o rechazarla."
            ),
        },
        demora_declarada=_("7 días hábiles"),
        fuente="S001",
        plazos={P.RESPUESTA_MEDIACION, P.PROPUESTA_HOJA},
    ),
    _e(
        "audiencia",
        _("Audiencia de conciliación"),
        {E.AUDIENCIA_CONVOCADA},
        que_pasa={
            E.AUDIENCIA_CONVOCADA: _("Ingrese a la audiencia virtual el día y la hora fijados.")
        },
        fuente="S001",
    ),
    _e(
        "conclusion",
        _("Conclusión"),
        {E.CONCLUIDO_CON_ACUERDO, E.CUMPLIMIENTO_COMUNICADO},
        fuente="S001",
    ),
)


def etapas_de(regimen) -> tuple[Etapa, ...]:
    return ETAPAS_PERU if regimen.procedimiento == "mediacion" else ETAPAS_COPREC


# Who must act for each part a plazo plays, so each reader sees what is theirs.
RESPONSABLE = {
    P.ACREDITACION: "consumidor",
    P.RECONSIDERACION: "consumidor",
    P.RECURSO_JERARQUICO: "consumidor",
    P.JUSTIFICACION_PROVEEDOR: "proveedor",
    P.CUMPLIMIENTO_ACUERDO: "proveedor",
    P.PROPUESTA_HOJA: "consumidor",
    P.RESPUESTA_MEDIACION: "proveedor",
}


def fuentes_legibles(fuente: str) -> list[dict]:
    """ "D202-I.7; Ley 26.993 art. 12" → [{"texto": "Decreto 202/2015, Anexo I, art. 7",
    "url": ...}, ...]. Internal references (seeds, decisions, questions) are dropped."""
    salida = []
    for parte in re.split(r";", fuente or ""):
        parte = parte.strip()
        if m := re.match(r"D202-(I{1,2})\.(\d+)(.*)$", parte):
            extra = re.sub(r",?\s*I{1,2}\.(\d+)", r", \1", m.group(3)).strip(" ,")
            articulos = m.group(2) + (f", {extra}" if extra and extra[0].isdigit() else "")
            nombre = "arts." if "," in articulos else "art."
            texto = f"Decreto 202/2015, Anexo {m.group(1)}, {nombre} {articulos}"
            salida.append({"texto": texto, "url": DECRETO_202})
        elif parte.startswith("Ley 26.993"):
            salida.append({"texto": re.sub(r"\s*\(.*\)$", "", parte), "url": LEY_26993})
        elif parte.startswith("Ley 24.240"):
            salida.append({"texto": parte, "url": LEY_24240})
        elif parte.startswith(("Ley 29571", "S001")):
            salida.append(
                {"texto": _("Reclama Virtual del Indecopi (Ley 29571)"), "url": RECLAMA_VIRTUAL}
            )
        elif parte.startswith(("Decreto ", "CPCCN")):
            salida.append({"texto": parte.replace("CPCCN", "Código Procesal Civil"), "url": ""})
    return salida


def _estados_recorridos(actuaciones) -> list[str]:
    return [a.estado_desde for a in actuaciones if a.estado_desde]


def _indice_actual(etapas, reclamo, actuaciones) -> tuple[int, bool]:
    """The index of the current step and whether the claim ended (a closing state)."""
    for i, etapa in enumerate(etapas):
        if reclamo.estado in etapa.estados:
            return i, False
    # A closing state: the step the claim was in when it closed.
    for estado in reversed(_estados_recorridos(actuaciones)):
        for i, etapa in enumerate(etapas):
            if estado in etapa.estados:
                return i, True
    return 0, True


def _nombre_del_plazo(plazo) -> str:
    try:
        return plazo.tipo_plazo.nombre
    except LookupError:
        return ""


def _demora(etapa, reclamo, cifras) -> str:
    cifra = cifras.get(etapa.clave)
    if cifra is not None and cifra.casos >= CASOS_MINIMOS:
        return _("en este portal tarda en promedio %(d)s días (%(n)s reclamos recientes)") % {
            "d": f"{cifra.dias:.0f}",
            "n": cifra.casos,
        }
    return str(etapa.demora_declarada)


def linea_de_etapas(reclamo, *, actuaciones, plazos, rol_del_lector: str) -> list[dict]:
    """The steps of the claim's régimen for a party page. `actuaciones`: the expediente rows the
    page already loaded; `plazos`: its running plazos (one query by the caller);
    `rol_del_lector`: "consumidor" or "proveedor" (who must do what)."""
    from reclamos.models import DemoraDeEtapa

    regimen = reclamo.regimen
    etapas = etapas_de(regimen)
    actual, terminado = _indice_actual(etapas, reclamo, actuaciones)
    cifras = DemoraDeEtapa.cifras_de(reclamo.regimen_codigo)
    filas = []
    for i, etapa in enumerate(etapas):
        estado = "hecho" if i < actual or (i == actual and terminado) else "siguiente"
        if i == actual and not terminado:
            estado = "actual"
        fila = {"etapa": etapa, "estado": estado, "fuentes": fuentes_legibles(etapa.fuente)}
        if estado == "actual":
            fila["que_pasa"] = str(etapa.que_pasa.get(reclamo.estado, ""))
            fila["demora"] = _demora(etapa, reclamo, cifras)
            fila["plazos"] = [
                {
                    "plazo": p,
                    "nombre": _nombre_del_plazo(p),
                    "tuyo": RESPONSABLE.get(papel) == rol_del_lector,
                    "lineas": (p.explicacion or {}).get("lineas", []),
                }
                for p, papel in ((p, regimen.papel_de(p.tipo)) for p in plazos)
                if papel in etapa.plazos
                and RESPONSABLE.get(papel, rol_del_lector) == rol_del_lector
            ]
        filas.append(fila)
    if terminado:
        filas.append(
            {"etapa": None, "estado": "fin", "titulo": reclamo.get_estado_display(), "fuentes": []}
        )
    return filas
