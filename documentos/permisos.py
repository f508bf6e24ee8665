"""Who may see issued documents and uploaded files: a registry the owning apps fill in.

documentos cannot know who may see a claim or a hearing (those apps are downstream), so each app
registers, for the model its documents hang from, a function (usuario, sujeto) -> bool:

    registrar_acceso(Reclamo, lambda usuario, reclamo: puede_ver_reclamo(usuario, reclamo))

Default deny: a subject nobody registered is visible only to the portal's administrators.
"""

from collections.abc import Callable

from django.db import models
from django.http import Http404

from cuentas.permisos import autenticado, es_administrador
from documentos.models import ArchivoSubido, Documento

_ACCESOS: dict[str, list[Callable]] = {}


def _etiqueta(modelo) -> str:
    if isinstance(modelo, str):
        return modelo.lower()
    return modelo._meta.label_lower


def registrar_acceso(modelo_sujeto: type[models.Model] | str, funcion: Callable) -> Callable:
    """`funcion(usuario, sujeto) -> bool` says whether `usuario` may see the documents and files
    attached to `sujeto`. Several apps may register for one model; any True grants access."""
    funciones = _ACCESOS.setdefault(_etiqueta(modelo_sujeto), [])
    if funcion not in funciones:
        funciones.append(funcion)
    return funcion


def puede_ver_sujeto(usuario, sujeto: models.Model | None) -> bool:
    if not autenticado(usuario):
        return False
    if es_administrador(usuario):
        return True
    if sujeto is None:
        return False
    return any(funcion(usuario, sujeto) for funcion in _ACCESOS.get(_etiqueta(type(sujeto)), []))


# A document can concern more than its subject (the one acta of a joint hearing of joined claims
# is filed on the lead claim and covers the others): functions (usuario, documento) -> bool that
# grant access to such a document only, registered by the app that issues it.
_ACCESOS_A_DOCUMENTOS: list[Callable] = []


def registrar_acceso_a_documento(funcion: Callable) -> Callable:
    if funcion not in _ACCESOS_A_DOCUMENTOS:
        _ACCESOS_A_DOCUMENTOS.append(funcion)
    return funcion


def acceder_documento(usuario, pk, *, escribir=False, bloquear=False) -> Documento:
    """The document if `usuario` may see it; 404 otherwise (its existence is not disclosed).
    Documents are never written, so `escribir` and `bloquear` grant nothing more."""
    documento = Documento.objects.filter(pk=pk).first()
    if documento is None:
        raise Http404
    if not puede_ver_sujeto(usuario, documento.sujeto) and not (
        autenticado(usuario) and any(f(usuario, documento) for f in _ACCESOS_A_DOCUMENTOS)
    ):
        raise Http404
    return documento


def acceder_archivo(usuario, pk, *, escribir=False, bloquear=False) -> ArchivoSubido:
    """An uploaded file, for whoever uploaded it or may see its subject; 404 otherwise."""
    archivo = ArchivoSubido.objects.filter(pk=pk).first()
    if archivo is None:
        raise Http404
    propio = autenticado(usuario) and archivo.subido_por_id == usuario.pk
    if not (propio or puede_ver_sujeto(usuario, archivo.sujeto)):
        raise Http404
    return archivo
