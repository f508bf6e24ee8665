"""Whether a régimen accepts new filings (DOMAIN Decision 1).

`vigente_hasta` is deployment data: settings.REGIMENES_VIGENTE_HASTA maps a régimen code to the
last day new claims are accepted (empty in the demo, so filing is open). Pending claims go on.
"""

import datetime

from django.conf import settings

NORMA_CIERRE = {
    "COPREC": "Decreto 55/2025 (B.O. 03/02/2025), que disolvió el COPREC",
}


def vigente_hasta(codigo: str) -> datetime.date | None:
    valor = settings.REGIMENES_VIGENTE_HASTA.get(codigo)
    if not valor:
        return None
    return valor if isinstance(valor, datetime.date) else datetime.date.fromisoformat(valor)


def admite_presentaciones(codigo: str, fecha: datetime.date) -> bool:
    """Open for new claims: offered by this deployment (REGIMENES_OFRECIDOS) and not closed."""
    from normativa.regimenes import es_ofrecido

    if not es_ofrecido(codigo):
        return False
    limite = vigente_hasta(codigo)
    return limite is None or fecha <= limite


def motivo_cierre(codigo: str) -> str:
    from normativa.regimenes import es_ofrecido

    if not es_ofrecido(codigo):
        return (
            "Este portal no recibe reclamos de ese régimen. Los expedientes en trámite continúan."
        )
    limite = vigente_hasta(codigo)
    norma = NORMA_CIERRE.get(codigo, "la norma que dispuso su cierre")
    fecha = f"{limite:%d/%m/%Y}" if limite else ""
    return (
        f"Este régimen no admite nuevos reclamos desde el {fecha} por {norma}. "
        "Los expedientes en trámite continúan."
    )
