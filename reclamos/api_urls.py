from rest_framework.routers import SimpleRouter

from reclamos.api import ReclamoViewSet

router = SimpleRouter()
router.register("reclamos", ReclamoViewSet, basename="reclamo")

urlpatterns = router.urls
