from django.urls import path

from audiencias.views import audiencia, conciliacion

urlpatterns = [
    path("audiencias/<int:pk>/", audiencia.audiencia, name="audiencia"),
    path("acuerdos/<int:pk>/firmar/", audiencia.firmar, name="firmar"),
    path("reclamos/<int:pk>/justificacion/", audiencia.justificacion, name="justificacion"),
    path(
        "reclamos/<int:pk>/conciliacion/",
        conciliacion.duracion_de_la_conciliacion,
        name="duracion",
    ),
    path(
        "reclamos/<int:pk>/informe-de-cierre/",
        conciliacion.informe_de_cierre,
        name="informe_de_cierre",
    ),
]
