"""Reclama Virtual-style mediation and conciliation, the agency side (seed 001; DOMAIN §2.7,
§7.2, §7.3, Q16).

A claim runs under the régimen of its provider's country (configuration, not code: the
provider organisation's `pais`, else the deployment's REGIMEN_POR_DEFECTO); when that régimen's
procedure is "mediacion" the claim goes through these acts: the consumer files (SOLICITADO), an
official registers it (REGISTRADO) and opens the mediation (EN_MEDIACION); consumer, provider
and official talk in a thread recorded in the expediente; the provider sends a proposal issued
as a document and the consumer gives conformidad (bound to the document's SHA-256) or rejects
it; or the official convenes a video hearing (an audiencias.Audiencia the official conducts,
whose acta ends the conciliation); after an agreement the consumer reports whether the provider
complied. The provider takes part from the forwarding (traslado) on.

Every act goes through transicionar(); the agency's timers PE-SAC-1/2 are opened and met by the
rows of the régimen's table (normativa/regimenes/peru_transiciones.py). Views authorise with
acceder_reclamo() first; these functions check the participant's part and registration again
(the same rules for pages and any future API).
"""

from reclamos.services.mediacion.conciliacion import (
    cerrar,
    comunicar_cumplimiento,
    concluir_mediacion_sin_acuerdo,
    convocar_audiencia,
    desistir,
)
from reclamos.services.mediacion.hilo import LARGO_MAXIMO_MENSAJE, enviar_mensaje, marcar_leidos
from reclamos.services.mediacion.partes import (
    CON_DIALOGO,
    MEDIACION,
    PAIS_DEL_IDENTIFICADOR,
    Parte,
    es_de_mediacion,
    organizacion_en_el_reclamo,
    parte_de,
    puede_escribir,
    regimen_para_proveedor,
    trasladado,
)
from reclamos.services.mediacion.presentacion import (
    iniciar_mediacion,
    presentar_reclamo_mediacion,
    registrar_reclamo,
)
from reclamos.services.mediacion.propuestas import (
    dar_conformidad,
    huella_de,
    proponer,
    rechazar_propuesta,
)

__all__ = [
    "CON_DIALOGO",
    "LARGO_MAXIMO_MENSAJE",
    "MEDIACION",
    "PAIS_DEL_IDENTIFICADOR",
    "Parte",
    "cerrar",
    "comunicar_cumplimiento",
    "concluir_mediacion_sin_acuerdo",
    "convocar_audiencia",
    "dar_conformidad",
    "desistir",
    "enviar_mensaje",
    "es_de_mediacion",
    "huella_de",
    "iniciar_mediacion",
    "marcar_leidos",
    "organizacion_en_el_reclamo",
    "parte_de",
    "presentar_reclamo_mediacion",
    "proponer",
    "puede_escribir",
    "rechazar_propuesta",
    "regimen_para_proveedor",
    "registrar_reclamo",
    "trasladado",
]
