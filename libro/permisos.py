"""Who may see and act on the book's sheets. A provider's representatives see only the sheets of
their own organisation's books; a consumer sees one sheet through its signed link. Pages and API
use the same functions; a sheet's existence is never disclosed to others (404)."""

from django.db.models import QuerySet
from django.http import Http404

from cuentas.permisos import administra_organizacion, organizaciones_representadas
from libro.enlaces import clave_de
from libro.models import Hoja, Libro


def libros_visibles(usuario, clave=None) -> QuerySet[Libro]:
    return Libro.objects.filter(organizacion__in=organizaciones_representadas(usuario, clave))


def hojas_visibles(usuario, clave=None) -> QuerySet[Hoja]:
    return Hoja.objects.filter(libro__organizacion__in=organizaciones_representadas(usuario, clave))


def acceder_hoja(usuario, pk, *, escribir=False, bloquear=False, clave=None) -> Hoja:
    """The sheet if `usuario` represents its provider, else 404. Every representative of the
    provider may act on its sheets (`escribir` kept for the house signature)."""
    qs = hojas_visibles(usuario, clave)
    if bloquear:
        qs = Hoja.objects.select_for_update(of=("self",)).filter(pk__in=qs.values("pk"))
    hoja = qs.select_related("libro__organizacion").filter(pk=pk).first()
    if hoja is None:
        raise Http404
    return hoja


def acceder_libro(usuario, codigo, *, escribir=False) -> Libro:
    """A book of a represented provider; `escribir` (open/close it) needs its administrator."""
    libro = libros_visibles(usuario).select_related("organizacion").filter(codigo=codigo).first()
    if libro is None or (escribir and not administra_organizacion(usuario, libro.organizacion)):
        raise Http404
    return libro


def hoja_por_token(token: str, *, bloquear=False) -> Hoja:
    """The one sheet a signed follow-up link names; a forged or altered token is a 404."""
    clave = clave_de(token)
    if clave is None:
        raise Http404
    qs = Hoja.objects.select_for_update(of=("self",)) if bloquear else Hoja.objects
    hoja = qs.select_related("libro__organizacion").filter(clave=clave).first()
    if hoja is None:
        raise Http404
    return hoja
