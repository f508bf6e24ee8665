from rest_framework.routers import SimpleRouter

from notificaciones.api import NotificacionViewSet

router = SimpleRouter()
router.register("notificaciones", NotificacionViewSet, basename="notificacion")

urlpatterns = router.urls
