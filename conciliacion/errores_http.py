"""Friendly error pages in Spanish."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def error_403(request, exception=None):
    return render(request, "errores/403.html", status=403)


def error_404(request, exception=None):
    return render(request, "errores/404.html", status=404)


def error_500(request):
    # No request and so no context processors: the failure may be the database itself, and the
    # template (base.html with an empty context) shows the anonymous header without touching it.
    return HttpResponseServerError(loader.get_template("errores/500.html").render())
