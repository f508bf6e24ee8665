from django.urls import path

from estadisticas import api

urlpatterns = [
    path("datos/proveedores/", api.DatosProveedoresView.as_view(), name="api-datos-proveedores"),
    path("datos/sectores/", api.DatosSectoresView.as_view(), name="api-datos-sectores"),
    path("datos/regimenes/", api.DatosRegimenesView.as_view(), name="api-datos-regimenes"),
    path("datos/diccionario/", api.DiccionarioView.as_view(), name="api-datos-diccionario"),
]
