"""Who pays the conciliator's fee, as data (D202-I.17; DOMAIN §5 table), and how much; how a
paid fine is split (DOMAIN §2.3).

Pure functions: no database. The services read the claim, the autonomous document and the
dated values, and pass plain values in.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from honorarios.models import Honorario, Pagador
from reclamos.models import MetodoDesignacion

M = MetodoDesignacion

# DOMAIN §5: (homologated agreement?, designation method) → who pays. A homologated agreement
# gives the full fee, any other ending the basic one (refused homologation and the provider's
# no-show included, D202-I.17).
QUIEN_PAGA = {
    (True, M.SORTEO): Pagador.PROVEEDOR,
    (True, M.ACUERDO): Pagador.PROVEEDOR,
    (True, M.ELECCION): Pagador.PROVEEDOR,
    (False, M.SORTEO): Pagador.FONDO,
    (False, M.ACUERDO): Pagador.PROVEEDOR,  # "unless the autonomous document says otherwise"
    (False, M.ELECCION): Pagador.CONSUMIDOR,
}

# Method b: what the autonomous document may say about the basic fee (conciliadores'
# DocumentoAutonomo.honorario_basico; "" means it says nothing).
PACTABLES = {Pagador.PROVEEDOR, Pagador.CONSUMIDOR}


def quien_paga(metodo: str, *, homologado: bool, pacto_documento: str = "") -> str:
    """Who pays the fee of a claim designated by `metodo` that ended with (or without) a
    homologated agreement. In method b without agreement, the autonomous document's choice
    prevails when it made one."""
    if not homologado and metodo == M.ACUERDO and pacto_documento in PACTABLES:
        return Pagador(pacto_documento)
    return QUIEN_PAGA[(homologado, MetodoDesignacion(metodo))]


def tipo_de_honorario(*, homologado: bool) -> str:
    return Honorario.Tipo.TOTAL if homologado else Honorario.Tipo.BASICO


def liquidar(
    *,
    tipo: str,
    arancel,
    valor_unidad: Decimal | None,
    monto_reclamado: Decimal | None,
) -> tuple[Decimal | None, Decimal | None]:
    """(units, pesos) of a fee under a schedule and a UR value; None where data are missing."""
    if arancel is None:
        return None, None
    if tipo == Honorario.Tipo.BASICO:
        unidades = arancel.unidades_basico
    else:
        unidades = arancel.unidades_total(monto_reclamado)
    if unidades is None or valor_unidad is None:
        return unidades, None
    return unidades, (unidades * valor_unidad).quantize(Decimal("0.01"))


CENTAVO = Decimal("0.01")
# DOMAIN §2.3: "one third of the fine goes to the consumer" (abogados.com.ar, secondary source,
# M; docs/decisions/0010). The destination of the rest is not in the sources.
PARTES_DE_LA_MULTA = 3


def repartir_multa(monto: Decimal) -> tuple[Decimal, Decimal]:
    """(the consumer's share, the rest) of a fine. The share is one third rounded to the cent,
    half up (a third never falls on a half cent, so this is the nearest cent); the rest is the
    fine minus the share, so the two always add up to the fine exactly."""
    parte = (monto / PARTES_DE_LA_MULTA).quantize(CENTAVO, rounding=ROUND_HALF_UP)
    return parte, monto - parte
