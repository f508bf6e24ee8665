from django.urls import path, re_path

from estadisticas import views

app_name = "estadisticas"

urlpatterns = [
    path("datos-abiertos/", views.datos_abiertos, name="datos_abiertos"),
    path("datos-abiertos/diccionario/", views.diccionario, name="diccionario"),
    path("datos-abiertos/diccionario.json", views.diccionario_json, name="diccionario_json"),
    re_path(
        r"^datos-abiertos/descargas/(?P<corte>[a-z]+)\.(?P<formato>csv|json)$",
        views.descarga,
        name="descarga",
    ),
    path("tablero/", views.tablero, name="tablero"),
]
