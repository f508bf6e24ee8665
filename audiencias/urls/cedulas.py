from django.urls import path

from audiencias.views import cedulas

urlpatterns = [
    path(
        "cedulas/<int:pk>/notificacion/",
        cedulas.registrar_notificacion,
        name="registrar_notificacion",
    ),
]
