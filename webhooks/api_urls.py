from django.urls import include, path
from rest_framework.routers import SimpleRouter

from webhooks.api import EndpointViewSet

router = SimpleRouter()
router.register("webhooks", EndpointViewSet, basename="webhook")

urlpatterns = [path("organizaciones/<int:organizacion_pk>/", include(router.urls))]
