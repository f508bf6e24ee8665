"""Pages of audiencias, one module per area: turnos (availability and booking), cedulas (notices
and their service), audiencia (the hearing, its outcomes and actas), mediacion (a hearing an
agency official conducts)."""

from django.urls import include, path

app_name = "audiencias"

urlpatterns = [
    path("", include("audiencias.urls.turnos")),
    path("", include("audiencias.urls.cedulas")),
    path("", include("audiencias.urls.audiencia")),
    path("", include("audiencias.urls.homologacion")),
    path("", include("audiencias.urls.mediacion")),
]
