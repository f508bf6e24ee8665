from rest_framework.routers import SimpleRouter

from honorarios.api import HonorarioViewSet, MultaViewSet

router = SimpleRouter()
router.register("honorarios", HonorarioViewSet, basename="honorario")
router.register("multas", MultaViewSet, basename="multa")

urlpatterns = router.urls
