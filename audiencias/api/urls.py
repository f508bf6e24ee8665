"""API of audiencias, one module per area (see audiencias/urls)."""

from django.urls import include, path

urlpatterns = [
    path("", include("audiencias.api.turnos")),
    path("", include("audiencias.api.cedulas")),
    path("", include("audiencias.api.audiencia")),
    path("", include("audiencias.api.acuerdo")),
    path("", include("audiencias.api.incomparecencia")),
    path("", include("audiencias.api.conciliacion")),
    path("", include("audiencias.api.homologacion")),
    path("", include("audiencias.api.mediacion")),
]
