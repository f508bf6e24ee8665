"""Public pages: a book's page where anyone files a hoja, and the consumer's follow-up page
reached through the signed link (no account needed)."""

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from conciliacion.errores import ErrorDeDominio
from conciliacion.red import ip_del_cliente
from libro import selectors, services, terminos
from libro.enlaces import token_de
from libro.forms import DecisionPropuestaForm, HojaForm, PruebaForm
from libro.models import Libro, Propuesta
from libro.permisos import hoja_por_token
from normativa.regimenes.peru import PERU

# A public form that sends e-mails: a ceiling per address, generous for a shop's own terminal.
ENVIOS_POR_HORA = 30


def _ip(request) -> str:
    return ip_del_cliente(request)


def _limite_superado(request) -> bool:
    clave = f"libro:envios:{_ip(request)}"
    cache.add(clave, 0, timeout=3600)
    try:
        return cache.incr(clave) > ENVIOS_POR_HORA
    except ValueError:  # evicted between add and incr
        return False


def _presentar(request, libro: Libro, form: HojaForm):
    if _limite_superado(request):
        form.add_error(None, _("Demasiados envíos desde su conexión. Inténtelo en una hora."))
        return None
    try:
        return services.presentar_hoja(libro=libro, datos=form.cleaned_data)
    except ErrorDeDominio as error:
        form.add_error(None, error.mensaje)
        for campo, errores in error.campos.items():
            for texto in errores:
                form.add_error(campo if campo in form.fields else None, texto)
        return None


@never_cache
@require_http_methods(["GET", "POST"])
def libro(request, codigo):
    libro = get_object_or_404(Libro.objects.select_related("organizacion"), codigo=codigo)
    abierto = libro.activo and libro.organizacion.activa
    form = HojaForm(request.POST or None)
    if request.method == "POST" and abierto and form.is_valid():
        hoja = _presentar(request, libro, form)
        if hoja is not None:
            request.session["libro_registrada"] = hoja.pk
            return redirect("libro:seguimiento", token=token_de(hoja))
    return render(
        request,
        "libro/publico.html",
        {"libro": libro, "abierto": abierto, "form": form, "plazo": PERU.plazo(terminos.RESPUESTA)},
    )


def _documentos(hoja):
    from documentos.selectors import documentos_de

    return documentos_de(hoja)


def _pruebas(hoja):
    from documentos.selectors import archivos_de

    return archivos_de(hoja, categoria=services.CATEGORIA_PRUEBA)


def _contexto_seguimiento(request, hoja, form=None, form_prueba=None) -> dict:
    propuesta = hoja.propuesta
    pendiente = propuesta is not None and propuesta.estado == Propuesta.Estado.PENDIENTE
    return {
        "pruebas": _pruebas(hoja),
        "form_prueba": form_prueba or (None if hoja.cerrada else PruebaForm()),
        "hoja": hoja,
        "libro": hoja.libro,
        "propuesta": propuesta,
        "respuesta": getattr(hoja, "respuesta", None),
        "eventos": selectors.linea_de_tiempo(hoja),
        "documentos": _documentos(hoja),
        "form": form or (DecisionPropuestaForm() if pendiente else None),
        "recien_registrada": request.session.pop("libro_registrada", None) == hoja.pk,
        "token": request.resolver_match.kwargs["token"],
    }


def _sin_indexar(respuesta):
    # The URL is the consumer's key: keep it out of search engines. (The site's "same-origin"
    # referrer policy already keeps it out of other sites' logs; "no-referrer" would make the
    # browser send "Origin: null" and fail the CSRF check of the page's own form.)
    respuesta["X-Robots-Tag"] = "noindex, nofollow"
    return respuesta


@never_cache
@require_http_methods(["GET"])
def seguimiento(request, token):
    hoja = hoja_por_token(token)
    return _sin_indexar(
        render(request, "libro/seguimiento.html", _contexto_seguimiento(request, hoja))
    )


def _decidir(hoja, form) -> bool:
    datos = form.cleaned_data
    try:
        if datos["decision"] == "aceptar":
            services.aceptar_propuesta(hoja)
        else:
            services.rechazar_propuesta(hoja, comentario=datos["comentario"])
    except ErrorDeDominio as error:
        form.add_error(None, error.mensaje)
        return False
    return True


@never_cache
@require_POST
def decidir_propuesta(request, token):
    """The consumer accepts or rejects the proposal (PE-02) through the signed link."""
    form = DecisionPropuestaForm(request.POST)
    with transaction.atomic():
        hoja = hoja_por_token(token, bloquear=True)
        if form.is_valid() and _decidir(hoja, form):
            aceptada = form.cleaned_data["decision"] == "aceptar"
            messages.success(
                request,
                _("Registramos su aceptación: la hoja queda cerrada con acuerdo aceptado.")
                if aceptada
                else _("Registramos su rechazo: el proveedor le debe una respuesta formal."),
            )
            return redirect("libro:seguimiento", token=token)
    hoja.refresh_from_db()
    return _sin_indexar(
        render(request, "libro/seguimiento.html", _contexto_seguimiento(request, hoja, form))
    )


@never_cache
@require_http_methods(["GET"])
def documento(request, token, pk):
    """The consumer downloads the sheet's constancia or answer through the signed link."""
    hoja = hoja_por_token(token)
    documento = _documentos(hoja).filter(pk=pk).first()
    if documento is None:
        raise Http404
    adjunto = documento.como_adjunto()
    if adjunto is None:
        messages.info(request, _("El PDF se está generando: inténtelo en unos segundos."))
        return redirect("libro:seguimiento", token=token)
    nombre, contenido, tipo = adjunto
    respuesta = HttpResponse(contenido, content_type=tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    respuesta["X-Content-Type-Options"] = "nosniff"
    return _sin_indexar(respuesta)


@never_cache
@require_POST
def adjuntar_prueba(request, token):
    """The consumer attaches evidence through the signed link (checked by content)."""
    form = PruebaForm(request.POST, request.FILES)
    with transaction.atomic():
        hoja = hoja_por_token(token, bloquear=True)
        if form.is_valid():
            try:
                services.adjuntar_prueba(hoja, form.cleaned_data["archivo"])
            except ErrorDeDominio as error:
                form.add_error(None, error.mensaje)
            else:
                messages.success(request, _("Recibimos su archivo: el proveedor ya puede verlo."))
                return redirect("libro:seguimiento", token=token)
    return _sin_indexar(
        render(
            request,
            "libro/seguimiento.html",
            _contexto_seguimiento(request, hoja, form_prueba=form),
            status=400,
        )
    )


@never_cache
@require_http_methods(["GET"])
def prueba(request, token, pk):
    """The consumer downloads a file they attached, through the signed link."""
    hoja = hoja_por_token(token)
    archivo = _pruebas(hoja).filter(pk=pk).first()
    if archivo is None:
        raise Http404
    respuesta = HttpResponse(archivo.archivo.open("rb").read(), content_type=archivo.tipo_contenido)
    respuesta["Content-Disposition"] = f'attachment; filename="{archivo.nombre_original}"'
    respuesta["X-Content-Type-Options"] = "nosniff"
    return _sin_indexar(respuesta)
