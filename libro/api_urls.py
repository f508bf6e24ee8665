from rest_framework.routers import SimpleRouter

from libro.api import HojaViewSet, LibroViewSet

router = SimpleRouter()
router.register("libro/libros", LibroViewSet, basename="libro-libro")
router.register("libro/hojas", HojaViewSet, basename="libro-hoja")

urlpatterns = router.urls
