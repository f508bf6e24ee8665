from django.urls import re_path
from rest_framework.routers import SimpleRouter

from conciliadores.api import DesignacionViewSet, SorteoView

router = SimpleRouter()
router.register("designaciones", DesignacionViewSet, basename="designacion")

urlpatterns = [
    *router.urls,
    re_path(r"^sorteos/(?P<numero>[A-Za-z0-9_-]+)/$", SorteoView.as_view(), name="sorteo-publico"),
]
