from django.urls import path

from audiencias.views import homologacion

urlpatterns = [
    path("panel/homologacion/", homologacion.cola, name="cola_homologacion"),
    path("panel/homologacion/<int:pk>/", homologacion.revisar, name="revisar_homologacion"),
    path("reclamos/<int:pk>/elevar-acuerdo/", homologacion.elevar, name="elevar_acuerdo"),
    path("reclamos/<int:pk>/corregir-acuerdo/", homologacion.corregir, name="corregir_acuerdo"),
]
