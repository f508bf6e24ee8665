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
    path(
        "organizaciones/<int:pk>/domicilio-electronico/reenviar/",
        views.reenviar_confirmacion_de_domicilio,
        name="reenviar_confirmacion_de_domicilio",
    ),
    path(
        "organizaciones/<int:pk>/domicilio-electronico/cancelar/",
        views.cancelar_cambio_de_domicilio,
        name="cancelar_cambio_de_domicilio",
    ),
    path(
        "domicilio-electronico/reenviar/",
        views.reenviar_confirmacion_de_correo,
        name="reenviar_confirmacion_de_correo",
    ),
    path(
        "domicilio-electronico/confirmar/<str:token>/",
        views.confirmar_domicilio,
        name="confirmar_domicilio",
    ),
]
