from django.urls import path

from webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("organizaciones/<int:org>/webhooks/", views.lista, name="lista"),
    path("organizaciones/<int:org>/webhooks/<int:pk>/", views.detalle, name="detalle"),
    path("organizaciones/<int:org>/webhooks/<int:pk>/<str:accion>/", views.accion, name="accion"),
    path(
        "organizaciones/<int:org>/webhooks/<int:pk>/entregas/<int:entrega>/reenviar/",
        views.reenviar,
        name="reenviar",
    ),
]
