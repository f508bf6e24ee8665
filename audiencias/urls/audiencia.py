from django.urls import path

from audiencias.views import audiencia

urlpatterns = [
    path("audiencias/<int:pk>/", audiencia.audiencia, name="audiencia"),
    path("acuerdos/<int:pk>/firmar/", audiencia.firmar, name="firmar"),
    path("reclamos/<int:pk>/justificacion/", audiencia.justificacion, name="justificacion"),
]
