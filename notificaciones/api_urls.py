from django.urls import path
from rest_framework.routers import SimpleRouter

from notificaciones.api import (
    CancelacionDeCambioDeDomicilioView,
    DomicilioDeOrganizacionView,
    NotificacionViewSet,
    ReenvioDeConfirmacionDeDomicilioView,
)

router = SimpleRouter()
router.register("notificaciones", NotificacionViewSet, basename="notificacion")

urlpatterns = [
    path(
        "organizaciones/<int:pk>/domicilio-electronico/",
        DomicilioDeOrganizacionView.as_view(),
        name="api-domicilio-organizacion",
    ),
    path(
        "organizaciones/<int:pk>/domicilio-electronico/reenviar/",
        ReenvioDeConfirmacionDeDomicilioView.as_view(),
        name="api-domicilio-organizacion-reenviar",
    ),
    path(
        "organizaciones/<int:pk>/domicilio-electronico/cancelar/",
        CancelacionDeCambioDeDomicilioView.as_view(),
        name="api-domicilio-organizacion-cancelar",
    ),
    *router.urls,
]
