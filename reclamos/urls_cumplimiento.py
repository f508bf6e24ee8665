"""Pages of non-compliance after homologation (art. 19), included in reclamos.urls."""

from django.urls import path

from reclamos.views import cumplimiento

urlpatterns = [
    path(
        "reclamos/<int:pk>/incumplimiento/",
        cumplimiento.denunciar,
        name="denunciar_incumplimiento",
    ),
    path(
        "reclamos/<int:pk>/cumplimiento/confirmar/",
        cumplimiento.confirmar,
        name="confirmar_cumplimiento",
    ),
    path(
        "reclamos/<int:pk>/cumplimiento/pruebas/",
        cumplimiento.pruebas,
        name="pruebas_cumplimiento",
    ),
    path("panel/cumplimiento/", cumplimiento.cola, name="cola_cumplimiento"),
    path(
        "panel/cumplimiento/<int:pk>/intimar/",
        cumplimiento.intimar,
        name="intimar_proveedor",
    ),
    path(
        "panel/cumplimiento/<int:pk>/intimaciones/<int:intimacion_pk>/notificacion/",
        cumplimiento.notificar_intimacion,
        name="notificar_intimacion",
    ),
    path(
        "panel/cumplimiento/<int:pk>/resolver/",
        cumplimiento.resolver,
        name="resolver_cumplimiento",
    ),
]
