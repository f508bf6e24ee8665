from django.urls import path

from audiencias.views import mediacion

urlpatterns = [
    path("audiencias/<int:pk>/conciliacion/", mediacion.audiencia, name="audiencia_mediacion"),
]
