from django.urls import path

from exportaciones import views

app_name = "exportaciones"

urlpatterns = [
    path("panel/exportaciones/", views.pagina, name="pagina"),
    path("panel/exportaciones/informes/", views.pedir_informe, name="pedir_informe"),
    path("panel/exportaciones/<slug:tipo>.csv", views.descargar, name="descargar"),
]
