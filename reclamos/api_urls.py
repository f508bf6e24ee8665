from rest_framework.routers import SimpleRouter

from reclamos import api_mediacion
from reclamos.api import ReclamoViewSet

router = SimpleRouter()
router.register("reclamos", ReclamoViewSet, basename="reclamo")

urlpatterns = router.urls + api_mediacion.urlpatterns
