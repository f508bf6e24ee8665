from django.urls import path

from cuentas import views

app_name = "cuentas"

urlpatterns = [
    path("proveedores/registrar/", views.registrar_proveedor, name="registrar_proveedor"),
    path("organizaciones/<int:pk>/", views.organizacion, name="organizacion"),
    path("organizaciones/<int:pk>/invitar/", views.invitar, name="invitar"),
    path("organizaciones/<int:pk>/claves/", views.crear_clave, name="crear_clave"),
    path(
        "organizaciones/<int:pk>/claves/<int:clave_pk>/revocar/",
        views.revocar_clave,
        name="revocar_clave",
    ),
    path("panel/organizaciones/", views.revision_organizaciones, name="revision_organizaciones"),
    path("panel/organizaciones/<int:pk>/", views.revisar_organizacion, name="revisar_organizacion"),
]
