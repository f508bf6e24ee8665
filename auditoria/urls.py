from django.urls import path

from auditoria import views

app_name = "auditoria"

urlpatterns = [
    path("", views.bandeja, name="bandeja"),
    path("reclamos/<int:pk>/", views.detalle, name="detalle"),
    path("reclamos/<int:pk>/reclamar/", views.reclamar, name="reclamar"),
    path("reclamos/<int:pk>/<slug:acto>/", views.acto, name="acto"),
]
