"""API: the caller's own notices (read only). Opening one on the page is what records reading."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from notificaciones.models import Notificacion
from notificaciones.selectors import notificaciones_de


class NotificacionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Notificacion
        fields = [
            "id",
            "asunto",
            "email",
            "a_domicilio_constituido",
            "estado",
            "creada_en",
            "enviada_en",
            "aceptada_en",
            "leida_en",
            "message_id",
            "url",
        ]

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


@extend_schema_view(
    list=extend_schema(
        summary="Mis notificaciones",
        description="Las notificaciones dirigidas a quien consulta, con la hora de envío, de "
        "aceptación por el servidor de correo y de primera lectura en el portal.",
    )
)
class NotificacionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificacionSerializer
    queryset = Notificacion.objects.none()

    def get_queryset(self):
        return notificaciones_de(self.request.user)
