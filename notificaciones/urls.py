from django.urls import path

from notificaciones import views

app_name = "notificaciones"

urlpatterns = [
    path("notificaciones/", views.mis_notificaciones, name="mis_notificaciones"),
    path("notificaciones/<int:pk>/", views.detalle, name="detalle"),
    path(
        "organizaciones/<int:pk>/domicilio-electronico/",
        views.domicilio_organizacion,
        name="domicilio_organizacion",
    ),
]
