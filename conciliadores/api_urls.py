from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from conciliadores.api import (
    DesignacionDelReclamo,
    DesignacionViewSet,
    RecusacionesDelReclamo,
    RondasDelReclamo,
    SorteoView,
)

router = SimpleRouter()
router.register("designaciones", DesignacionViewSet, basename="designacion")

urlpatterns = [
    *router.urls,
    path(
        "reclamos/<int:pk>/designacion/",
        DesignacionDelReclamo.as_view(),
        name="designacion-del-reclamo",
    ),
    path(
        "reclamos/<int:pk>/recusaciones/",
        RecusacionesDelReclamo.as_view(),
        name="recusaciones-del-reclamo",
    ),
    path(
        "reclamos/<int:pk>/sorteo/rondas/",
        RondasDelReclamo.as_view(),
        name="rondas-del-reclamo",
    ),
    re_path(r"^sorteos/(?P<numero>[A-Za-z0-9_-]+)/$", SorteoView.as_view(), name="sorteo-publico"),
]
