"""Whether the Auditoría en las Relaciones de Consumo (Ley 26.993 Title II, Decreto 202/2015
Anexo I arts. 29–38) is available to a claim of a régimen on a day, and why not.

Two conditions, both data: the régimen defines the Auditoría's rules (Regimen.auditoria: cap,
terms; Peru's régimen has none), and the dated switch HabilitacionAuditoria is on for that day.
Pages, the closing acta's "Próximas instancias" and the services all ask here (one place).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from normativa.regimenes import obtener


@dataclass(frozen=True)
class Disponibilidad:
    disponible: bool
    motivo: str  # empty when available
    fuente: str


def disponibilidad(regimen_codigo: str, fecha: datetime.date) -> Disponibilidad:
    from normativa.models import HabilitacionAuditoria

    regimen = obtener(regimen_codigo)
    if regimen.auditoria is None:
        return Disponibilidad(
            False,
            _("La Auditoría en las Relaciones de Consumo no existe en el régimen de %(r)s.")
            % {"r": regimen.nombre},
            "",
        )
    fila = HabilitacionAuditoria.vigente(regimen_codigo, fecha)
    if fila is None:
        return Disponibilidad(
            False,
            _("La Auditoría en las Relaciones de Consumo no está habilitada en este portal."),
            "",
        )
    if not fila.habilitada:
        motivo = fila.motivo or _(
            "La Auditoría en las Relaciones de Consumo no está disponible desde el %(f)s (%(n)s)."
        ) % {"f": f"{fila.vigente_desde:%d/%m/%Y}", "n": fila.fuente}
        return Disponibilidad(False, motivo, fila.fuente)
    return Disponibilidad(True, "", fila.fuente)


def proximas_instancias(regimen_codigo: str, fecha: datetime.date) -> str:
    """The sentence the closing acta and the claim page add about the Auditoría."""
    estado = disponibilidad(regimen_codigo, fecha)
    if obtener(regimen_codigo).auditoria is None:
        return ""
    if estado.disponible:
        reglas = obtener(regimen_codigo).auditoria
        return _(
            "También podés reclamar, sin costo, ante la Auditoría en las Relaciones de Consumo "
            "si lo que reclamás no supera %(n)s Salarios Mínimos, Vitales y Móviles (Ley 26.993, "
            "Título II; Decreto 202/2015, arts. 29 a 38)."
        ) % {"n": reglas.tope_unidades}
    return _("Reclamo ante la Auditoría en las Relaciones de Consumo: no disponible. %(m)s") % {
        "m": estado.motivo
    }
