from django.urls import path
from rest_framework.routers import SimpleRouter

from cuentas.api import OrganizacionViewSet, YoView

router = SimpleRouter()
router.register("organizaciones", OrganizacionViewSet, basename="organizacion")

urlpatterns = [path("yo/", YoView.as_view(), name="api-yo"), *router.urls]
