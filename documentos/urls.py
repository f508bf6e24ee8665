from django.urls import path, re_path

from documentos import views

app_name = "documentos"

urlpatterns = [
    # The QR code prints SITE_URL/verificar/<codigo>; a trailing slash is accepted too.
    re_path(r"^verificar/(?P<codigo>[^/]+)/?$", views.verificar, name="verificar"),
    path("documentos/<int:pk>/descargar/", views.descargar_documento, name="descargar"),
    path("archivos/<int:pk>/", views.descargar_archivo, name="archivo"),
    path("organizaciones/<int:pk>/poder/", views.poder_organizacion, name="poder"),
]
