"""Domain errors shared by every app: services raise them, views and the API map them.

Each carries a machine code in English and a message in Spanish. The API's exception handler
(conciliacion.api) turns them into structured 4xx bodies; browser views show the message.
"""


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
