"""An express online act bound to an issued document (S001 "conformidad en línea"): the person
re-enters their password and sends the SHA-256 of the exact PDF they were shown. Used by the
consumer's conformidad with a proposal and by each party's signature of a hearing's acta
(audiencias.services.mediacion_firmas), so both check the same way."""

from __future__ import annotations

from django.utils.translation import gettext as _

from conciliacion.errores import ConflictoDeEstado, DatosInvalidos, ErrorDeDominio


def exigir_contrasena(usuario, contrasena: str) -> None:
    """Re-authentication: the account's password, typed again for this act. Views and API call
    it before the service."""
    if not usuario.check_password(contrasena or ""):
        mensaje = _("La contraseña no es correcta.")
        raise DatosInvalidos(mensaje, campos={"contrasena": [mensaje]})


def huella_del_documento(documento_id: int) -> str:
    """The SHA-256 of an issued document's PDF ("" while it is still being rendered)."""
    from documentos.models import Documento

    return Documento.objects.filter(pk=documento_id).values_list("sha256", flat=True).get()


def exigir_huella(
    documento_id: int, sha256_visto: str, *, distinta: type[ErrorDeDominio] = ConflictoDeEstado
) -> str:
    """The document's SHA-256 if it is the one the person saw. `distinta` is the error for a
    hash that does not match (the proposal answers 409, its API's contract; the acta 400)."""
    huella = huella_del_documento(documento_id)
    if not huella:
        raise ConflictoDeEstado(
            _("El documento todavía se está generando. Intente en unos segundos.")
        )
    if (sha256_visto or "").strip().lower() != huella:
        raise distinta(
            _("La huella del documento no coincide con la que usted vio: revise el documento."),
            codigo="hash_mismatch",
        )
    return huella
