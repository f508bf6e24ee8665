from django.urls import path

from audiencias.views import mediacion, mediacion_firmas

urlpatterns = [
    path("audiencias/<int:pk>/conciliacion/", mediacion.audiencia, name="audiencia_mediacion"),
    path(
        "audiencias/<int:pk>/conciliacion/reprogramar/",
        mediacion.reprogramar,
        name="reprogramar_audiencia_mediacion",
    ),
    path(
        "audiencias/<int:pk>/conciliacion/cancelar/",
        mediacion.cancelar,
        name="cancelar_audiencia_mediacion",
    ),
    path(
        "audiencias/<int:pk>/conciliacion/acta/firma/",
        mediacion_firmas.firmar,
        name="firmar_acta_mediacion",
    ),
]
