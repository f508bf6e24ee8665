"""Domain errors shared by every app: services raise them, views and the API map them.

Each carries a machine code in English and a message in Spanish. The API's exception handler
(conciliacion.api) turns them into structured 4xx bodies; browser views show the message.
"""


def cuerpo_de_error(codigo: str, mensaje: str, campos: dict | None = None) -> dict:
    """The API's one error body: {"error": {"codigo", "mensaje", "campos"?, "request_id"}}.

    Every error the API answers (DRF's handler, middleware, Django's 404/500 under /api/, the
    idempotency layer) is built here, so the documented envelope cannot drift."""
    from conciliacion.logging import request_id_actual

    error = {"codigo": codigo, "mensaje": mensaje}
    if campos:
        error["campos"] = campos
    error["request_id"] = request_id_actual() or ""
    return {"error": error}


class ErrorDeDominio(Exception):
    status = 400
    codigo = "domain_error"

    def __init__(self, mensaje: str, *, codigo: str | None = None, campos: dict | None = None):
        super().__init__(mensaje)
        self.mensaje = mensaje
        if codigo:
            self.codigo = codigo
        self.campos = campos or {}


class DatosInvalidos(ErrorDeDominio):
    status = 400
    codigo = "invalid"


class AccesoDenegado(ErrorDeDominio):
    status = 403
    codigo = "forbidden"


class NoEncontrado(ErrorDeDominio):
    status = 404
    codigo = "not_found"


class ConflictoDeEstado(ErrorDeDominio):
    """Another actor changed the record first, or the act is not allowed in its current state."""

    status = 409
    codigo = "conflict"
