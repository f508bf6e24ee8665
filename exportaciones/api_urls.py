from django.urls import path, re_path

from conciliacion.api import ID_NUMERICO
from exportaciones import api

urlpatterns = [
    path("exportaciones/informes/", api.Informes.as_view(), name="api-exportaciones-informes"),
    re_path(
        rf"^exportaciones/informes/(?P<pk>{ID_NUMERICO})/$",
        api.Informe.as_view(),
        name="api-exportaciones-informe",
    ),
    re_path(
        r"^exportaciones/(?P<tipo>[a-z]+)\.csv$",
        api.ExportacionCsv.as_view(),
        name="api-exportaciones-csv",
    ),
]
