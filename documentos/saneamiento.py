"""Checking and cleaning uploaded files: type by content, PDFs without active content, images
re-encoded without metadata.

Only PDF, JPEG and PNG are accepted, whatever the name says; a name whose extension contradicts
the content is refused (a PNG called "factura.pdf" is a mistake at best and a trick at worst).
"""

import io
import warnings

import magic
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from conciliacion.errores import DatosInvalidos

TIPOS = {
    "application/pdf": ("pdf", {".pdf"}),
    "image/jpeg": ("jpg", {".jpg", ".jpeg"}),
    "image/png": ("png", {".png"}),
}
NOMBRES = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}
# Larger than any scan at 600 dpi of an A3 page; beyond that it is a decompression bomb.
PIXELES_MAXIMOS = 60_000_000

# Dictionary keys that carry active content or embedded files, anywhere in the PDF.
CLAVES_PROHIBIDAS = {
    "/OpenAction",
    "/AA",
    "/JS",
    "/JavaScript",
    "/EmbeddedFiles",
    "/EmbeddedFile",
    "/EF",
    "/XFA",
    "/RichMediaContent",
}
# Action types that run code, launch programs, or send data elsewhere.
ACCIONES_PROHIBIDAS = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/ResetForm",
    "/GoToE",
    "/GoToR",
    "/RichMediaExecute",
    "/Rendition",
    "/Sound",
    "/Movie",
}
ANOTACIONES_PROHIBIDAS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound"}


def _no_valido() -> DatosInvalidos:
    return DatosInvalidos(
        _("El archivo no es un PDF, JPG o PNG válido."), campos={"archivo": ["tipo"]}
    )


def detectar_tipo(contenido: bytes) -> str:
    """The MIME type libmagic reads from the bytes; raises if it is not one we accept."""
    tipo = magic.from_buffer(contenido[:65536], mime=True)
    if tipo not in TIPOS:
        raise _no_valido()
    return tipo


def validar_extension(nombre: str, tipo: str) -> None:
    extension = "." + nombre.rsplit(".", 1)[-1].lower() if "." in nombre else ""
    if extension not in TIPOS[tipo][1]:
        raise DatosInvalidos(
            _(
                "La extensión del archivo (%(extension)s) no coincide con su contenido "
                "(%(tipo)s). Subí el archivo original."
            )
            % {"extension": extension or _("sin extensión"), "tipo": NOMBRES[tipo]},
            campos={"archivo": ["extension"]},
        )


def _accion_prohibida(valor) -> bool:
    accion = valor.get_object() if isinstance(valor, IndirectObject) else valor
    return isinstance(accion, DictionaryObject) and accion.get("/S") in ACCIONES_PROHIBIDAS


def _limpiar_diccionario(objeto: DictionaryObject) -> None:
    for clave in list(objeto.keys()):
        if clave in CLAVES_PROHIBIDAS or (
            clave in {"/A", "/Next"} and _accion_prohibida(objeto[clave])
        ):
            del objeto[clave]
    if objeto.get("/S") in ACCIONES_PROHIBIDAS:
        objeto[NameObject("/S")] = NameObject("/GoTo")  # defused: an action that does nothing
        objeto[NameObject("/D")] = ArrayObject()
    anotaciones = objeto.get("/Annots")
    if anotaciones is not None:
        lista = anotaciones.get_object()
        objeto[NameObject("/Annots")] = ArrayObject(
            a for a in lista if a.get_object().get("/Subtype") not in ANOTACIONES_PROHIBIDAS
        )


def _hijos(objeto):
    if isinstance(objeto, DictionaryObject):
        return list(objeto.values())
    if isinstance(objeto, ArrayObject):
        return list(objeto)
    return []


def _recorrer(raiz) -> None:
    """Visits every object reachable from the catalogue once, cleaning each dictionary."""
    vistos: set[tuple[int, int]] = set()
    pendientes = [raiz]
    while pendientes:
        objeto = pendientes.pop()
        if isinstance(objeto, IndirectObject):
            clave = (objeto.idnum, objeto.generation)
            if clave in vistos:
                continue
            vistos.add(clave)
            objeto = objeto.get_object()
        if isinstance(objeto, DictionaryObject):
            _limpiar_diccionario(objeto)
        pendientes.extend(_hijos(objeto))


def _quitar_huerfanos(escritor: PdfWriter) -> None:
    """What was cut off stays in the file until unreferenced objects are dropped; pypdf drops
    one level of a chain per pass (a name tree → its file spec → the embedded file)."""
    for _pasada in range(50):
        vivos = sum(objeto is not None for objeto in escritor._objects)
        escritor.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        if sum(objeto is not None for objeto in escritor._objects) == vivos:
            return


def _abrir_cifrado(lector: PdfReader) -> bool:
    try:
        return bool(lector.decrypt(""))
    except (PyPdfError, DependencyError):
        return False


def sanear_pdf(contenido: bytes) -> bytes:
    """A copy of the PDF without JavaScript, automatic or launch actions, or embedded files."""
    try:
        lector = PdfReader(io.BytesIO(contenido))
        # Owner-password-only PDFs open with an empty password; others cannot be checked.
        if lector.is_encrypted and not _abrir_cifrado(lector):
            raise DatosInvalidos(
                _("El PDF está protegido con contraseña. Subí una copia sin protección."),
                campos={"archivo": ["cifrado"]},
            )
        escritor = PdfWriter(clone_from=lector)
        _recorrer(escritor.root_object)
        _quitar_huerfanos(escritor)
        salida = io.BytesIO()
        escritor.write(salida)
    except DatosInvalidos:
        raise
    except Exception as error:
        # Untrusted input: whatever the parser trips on (PyPdfError, KeyError, zlib.error,
        # RecursionError…) means the file is not a PDF we can vouch for.
        raise _no_valido() from error
    return salida.getvalue()


def _decodificar(contenido: bytes) -> Image.Image:
    # WeasyPrint sets this process-wide when imported; a truncated upload must be refused, not
    # padded with grey. (Our own PDFs embed only whole static images, so they do not need it.)
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        imagen = Image.open(io.BytesIO(contenido))
        if imagen.width * imagen.height > PIXELES_MAXIMOS:
            raise DatosInvalidos(
                _("La imagen es demasiado grande. Subí una de menor resolución."),
                campos={"archivo": ["pixeles"]},
            )
        imagen.load()
        return ImageOps.exif_transpose(imagen)


def _codificar(imagen: Image.Image, tipo: str) -> bytes:
    transparencia = imagen.info.get("transparency")
    imagen.info = {} if transparencia is None else {"transparency": transparencia}
    salida = io.BytesIO()
    if tipo == "image/jpeg":
        if imagen.mode not in {"RGB", "L", "CMYK"}:
            imagen = imagen.convert("RGB")
        imagen.save(salida, format="JPEG", quality=90, optimize=True)
    else:
        imagen.save(salida, format="PNG", optimize=True)
    return salida.getvalue()


def reencodar_imagen(contenido: bytes, tipo: str) -> bytes:
    """Decodes and re-encodes the image: drops EXIF (GPS, camera), comments and anything hidden
    after the image data; refuses decompression bombs before decoding the pixels."""
    try:
        return _codificar(_decodificar(contenido), tipo)
    except DatosInvalidos:
        raise
    except Exception as error:
        # Untrusted input: OSError, DecompressionBombError/Warning, struct.error… all mean no.
        raise _no_valido() from error


def sanear(contenido: bytes, nombre: str) -> tuple[bytes, str]:
    """Returns (clean bytes, MIME type) or raises DatosInvalidos with a message for the person."""
    tipo = detectar_tipo(contenido)
    validar_extension(nombre, tipo)
    if tipo == "application/pdf":
        return sanear_pdf(contenido), tipo
    return reencodar_imagen(contenido, tipo), tipo
