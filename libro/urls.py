from django.urls import path

from libro.views import panel, publico

app_name = "libro"

urlpatterns = [
    path("libro/panel/", panel.tablero, name="panel"),
    path("libro/panel/hojas/<int:pk>/", panel.hoja, name="hoja"),
    path("libro/panel/hojas/<int:pk>/atender/", panel.atender, name="atender"),
    path("libro/panel/hojas/<int:pk>/propuesta/", panel.proponer, name="proponer"),
    path("libro/panel/hojas/<int:pk>/respuesta/", panel.responder, name="responder"),
    path("libro/panel/hojas/<int:pk>/recalificar/", panel.recalificar, name="recalificar"),
    path("libro/panel/hojas/<int:pk>/notas/", panel.anotar, name="anotar"),
    path("libro/panel/hojas/en-papel/", panel.hoja_en_papel, name="hoja_en_papel"),
    path("libro/panel/archivo/", panel.archivo, name="archivo"),
    path("libro/panel/exportar/", panel.exportar, name="exportar"),
    path("libro/panel/libros/", panel.libros, name="libros"),
    path(
        "libro/panel/libros/<slug:codigo>/actividad/",
        panel.actividad_libro,
        name="actividad_libro",
    ),
    path("libro/hoja/<str:token>/", publico.seguimiento, name="seguimiento"),
    path("libro/hoja/<str:token>/propuesta/", publico.decidir_propuesta, name="decidir_propuesta"),
    path("libro/hoja/<str:token>/documentos/<int:pk>/", publico.documento, name="documento"),
    path("libro/hoja/<str:token>/pruebas/", publico.adjuntar_prueba, name="adjuntar_prueba"),
    path("libro/hoja/<str:token>/pruebas/<int:pk>/", publico.prueba, name="prueba"),
    path("libro/<slug:codigo>/", publico.libro, name="publico"),
]
