"""The Auditoría's entries in the COPREC claim's expediente (decision 0028): one small function
per act, called only by this app's services inside their transaction."""

from reclamos.expediente import _registrar
from reclamos.models import Actuacion, Reclamo


def registrar(
    reclamo: Reclamo, codigo: str, *, por, texto: str, fuente: str, datos: dict | None = None
) -> Actuacion:
    return _registrar(
        reclamo, f"auditoria.{codigo}", por=por, texto=texto, datos=datos or {}, fuente=fuente
    )
