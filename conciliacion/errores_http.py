"""Friendly error pages in Spanish; under /api/ the API's JSON envelope instead of a page."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults

from conciliacion.errores import cuerpo_de_error

_API = "/api/"


def _es_api(request) -> bool:
    return request is not None and request.path.startswith(_API)


def _json(codigo: str, mensaje: str, status: int) -> JsonResponse:
    return JsonResponse(cuerpo_de_error(codigo, mensaje), status=status)


def error_400(request, exception=None):
    if _es_api(request):
        return _json("bad_request", "La solicitud no es válida.", 400)
    return defaults.bad_request(request, exception)


def error_403(request, exception=None):
    if _es_api(request):
        return _json("forbidden", "No tenés permiso para realizar esta acción.", 403)
    return render(request, "errores/403.html", status=403)


def error_404(request, exception=None):
    if _es_api(request):
        return _json("not_found", "No se encontró el recurso.", 404)
    return render(request, "errores/404.html", status=404)


def error_500(request):
    if _es_api(request):
        return _json(
            "internal_error",
            "Ocurrió un error inesperado. Reintentá más tarde; si persiste, informá el request_id.",
            500,
        )
    # No request and so no context processors: the failure may be the database itself, and the
    # template (base.html with an empty context) shows the anonymous header without touching it.
    return HttpResponseServerError(loader.get_template("errores/500.html").render())
