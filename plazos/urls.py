from django.urls import path

from plazos import views

app_name = "plazos"

urlpatterns = [
    path("plazos/calculadora", views.calculadora, name="calculadora"),
    path("panel/dias-no-habiles/", views.dias_no_habiles, name="dias_no_habiles"),
    path(
        "panel/dias-no-habiles/<int:pk>/",
        views.corregir_dia_no_habil,
        name="corregir_dia_no_habil",
    ),
]
