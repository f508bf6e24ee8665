"""The vocabulary of the claim's life shared by every régimen definition: its states and the
shape of a transition row. It lives in normativa (the lowest layer) because the definitions'
transition tables (normativa/regimenes/*_transiciones.py) are written in it; reclamos.estados
re-exports it with the readers of the tables (decision 0030)."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

SISTEMA = "sistema"  # acts of the portal itself (the sweeper, an automatic step)


class Estado(models.TextChoices):
    BORRADOR = "BORRADOR", _("Borrador")
    PRESENTADO = "PRESENTADO", _("Presentado")
    EN_ADMISION = "EN_ADMISION", _("En admisión")
    REQUERIMIENTO = "REQUERIMIENTO", _("Requerimiento de acreditación")
    INADMITIDO = "INADMITIDO", _("No admitido")
    RECURSO_EN_TRAMITE = "RECURSO_EN_TRAMITE", _("Recurso en trámite")
    INADMITIDO_FIRME = "INADMITIDO_FIRME", _("No admitido (firme)")
    ADMITIDO = "ADMITIDO", _("Admitido")
    ESPERA_TURNO = "ESPERA_TURNO", _("En espera de selección de turno")
    ESPERA_DOC_AUTONOMO = "ESPERA_DOC_AUTONOMO", _("En espera del documento de designación")
    CADUCADO = "CADUCADO", _("Caducado")
    CONCILIADOR_DESIGNADO = "CONCILIADOR_DESIGNADO", _("Conciliador designado")
    REDESIGNACION = "REDESIGNACION", _("Nueva designación de conciliador")
    AUDIENCIA_FIJADA = "AUDIENCIA_FIJADA", _("Audiencia fijada")
    EN_CONCILIACION = "EN_CONCILIACION", _("En conciliación")
    INCOMPARECENCIA_PROVEEDOR = "INCOMPARECENCIA_PROVEEDOR", _("Incomparecencia del proveedor")
    ACUERDO_FIRMADO = "ACUERDO_FIRMADO", _("Acuerdo firmado")
    EN_HOMOLOGACION = "EN_HOMOLOGACION", _("En homologación")
    OBSERVADO = "OBSERVADO", _("Acuerdo observado")
    HOMOLOGADO = "HOMOLOGADO", _("Acuerdo homologado")
    HOMOLOGACION_DENEGADA = "HOMOLOGACION_DENEGADA", _("Homologación denegada")
    CERRADO_SIN_ACUERDO = "CERRADO_SIN_ACUERDO", _("Cerrado sin acuerdo")
    CERRADO_EXCEDE_TOPE = "CERRADO_EXCEDE_TOPE", _("Cerrado: excede el tope")
    EN_CUMPLIMIENTO = "EN_CUMPLIMIENTO", _("En cumplimiento")
    INCUMPLIMIENTO_DENUNCIADO = "INCUMPLIMIENTO_DENUNCIADO", _("Incumplimiento denunciado")
    INTIMADO = "INTIMADO", _("Proveedor intimado")
    CUMPLIDO = "CUMPLIDO", _("Cumplido")
    INCUMPLIMIENTO_VERIFICADO = "INCUMPLIMIENTO_VERIFICADO", _("Incumplimiento verificado")
    ARCHIVADO = "ARCHIVADO", _("Archivado")
    DESISTIDO = "DESISTIDO", _("Desistido")
    # Peru, Reclama Virtual (DOMAIN §2.7)
    SOLICITADO = "SOLICITADO", _("Solicitado")
    REGISTRADO = "REGISTRADO", _("Registrado")
    EN_MEDIACION = "EN_MEDIACION", _("En mediación")
    PROPUESTA_PROVEEDOR = "PROPUESTA_PROVEEDOR", _("Propuesta del proveedor")
    CONCLUIDO_CON_ACUERDO = "CONCLUIDO_CON_ACUERDO", _("Concluido con acuerdo")
    CUMPLIMIENTO_COMUNICADO = "CUMPLIMIENTO_COMUNICADO", _("Cumplimiento comunicado")
    AUDIENCIA_CONVOCADA = "AUDIENCIA_CONVOCADA", _("Audiencia de conciliación convocada")
    SIN_ACUERDO = "SIN_ACUERDO", _("Sin acuerdo")
    CONCLUIDO = "CONCLUIDO", _("Concluido")
    # CABA (Ley 757): the file turned into a sanction case (sumarios app).
    EN_SUMARIO = "EN_SUMARIO", _("En sumario")


@dataclass(frozen=True)
class Transicion:
    desde: frozenset[str]
    hacia: str
    roles: frozenset[str]
    fuente: str
    actuacion: str  # dotted expediente code
    texto: str  # short human text in Spanish for the expediente
    abre: tuple[str, ...] = ()  # kinds of plazo opened (DOMAIN §3)
    cierra: tuple[str, ...] = ()  # kinds of plazo met
    cancela_todos: bool = False  # every running plazo of the claim is cancelled
    datos_obligatorios: tuple[str, ...] = field(default=())


def T(desde, hacia, roles, fuente, actuacion, texto, **extra) -> Transicion:
    return Transicion(frozenset(desde), hacia, frozenset(roles), fuente, actuacion, texto, **extra)
