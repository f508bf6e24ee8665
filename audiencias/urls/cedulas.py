from django.urls import path

from audiencias.views import cedulas

urlpatterns = [
    path(
        "cedulas/<int:pk>/notificacion/",
        cedulas.registrar_notificacion,
        name="registrar_notificacion",
    ),
    path(
        "audiencias/<int:pk>/notificacion-al-consumidor/",
        cedulas.notificacion_al_consumidor,
        name="notificacion_al_consumidor",
    ),
    path(
        "reclamos/<int:pk>/busqueda-de-domicilio/",
        cedulas.buscar_domicilio,
        name="buscar_domicilio",
    ),
    path(
        "reclamos/<int:pk>/domicilio-hallado/",
        cedulas.domicilio_hallado,
        name="domicilio_hallado",
    ),
    path(
        "reclamos/<int:pk>/asistencia-letrada/",
        cedulas.asistencia_letrada,
        name="asistencia_letrada",
    ),
]
