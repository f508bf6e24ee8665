"""Reads of a COPREC hearing shaped for its page and its API. Callers have already checked
access with acceder_audiencia."""

from __future__ import annotations

from django.db.models import QuerySet

from audiencias.models import Acuerdo, Asistencia, Audiencia
from audiencias.services.audiencia import convocados
from documentos.models import Documento, TipoDocumento

ACTAS = (
    TipoDocumento.ACTA_AUDIENCIA,
    TipoDocumento.ACTA_ACUERDO,
    TipoDocumento.ACTA_INCOMPARECENCIA,
    TipoDocumento.ACTA_CIERRE,
)


def filas_de_asistencia(
    audiencia: Audiencia, *, asistencias: list | None = None, proveedores: list | None = None
) -> list[tuple[str, object, Asistencia | None]]:
    """One row per party summoned to the hearing — (parte, proveedor or None, its recorded
    attendance or None) — the consumer first, then each summoned provider (art. 11).
    `asistencias` (all the hearing's) and `proveedores` (its `convocados`): when the caller
    already read them."""
    registradas = {
        (a.parte, a.proveedor_id): a
        for a in (audiencia.asistencias.all() if asistencias is None else asistencias)
        if a.coreclamante_id is None  # co-claimants: audiencias.views.audiencia
    }
    filas = [
        (Asistencia.Parte.CONSUMIDOR, None, registradas.get((Asistencia.Parte.CONSUMIDOR, None)))
    ]
    filas += [
        (Asistencia.Parte.PROVEEDOR, p, registradas.get((Asistencia.Parte.PROVEEDOR, p.pk)))
        for p in (convocados(audiencia) if proveedores is None else proveedores)
    ]
    return filas


def actas_de(audiencia: Audiencia) -> QuerySet[Documento]:
    """The actas issued for this hearing (of the hearing, of the agreement — every version —,
    of the provider's absence, of the close), oldest first."""
    from documentos.selectors import documentos_de

    return documentos_de(audiencia.reclamo).filter(
        tipo__in=ACTAS, snapshot__audiencia_id=audiencia.pk
    )


def acuerdo_vigente(audiencia: Audiencia) -> Acuerdo | None:
    """The latest version of the agreement reached at this hearing."""
    return audiencia.acuerdos.select_related("documento").order_by("-version").first()
