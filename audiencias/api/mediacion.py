"""API of the hearings an agency official convenes in the mediation procedure (S001): read-only,
with the mediation's access rule (acceder_mediacion). The official records the outcome on the
hearing page."""

from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from audiencias.models import Audiencia
from audiencias.services.mediacion import acta_de
from reclamos.permisos import acceder_mediacion


class ActaAudienciaConvocadaSerializer(serializers.Serializer):
    numero = serializers.CharField(source="numero_visible")
    titulo = serializers.CharField()
    sha256 = serializers.CharField(help_text="Vacío mientras el PDF se genera.")
    url = serializers.CharField(source="get_absolute_url")


class AudienciaConvocadaSerializer(serializers.ModelSerializer):
    conduce = serializers.CharField(source="nombre_de_quien_conduce")
    acta = serializers.SerializerMethodField()

    class Meta:
        model = Audiencia
        fields = [
            "id",
            "orden",
            "inicio",
            "duracion_minutos",
            "modalidad",
            "enlace_video",
            "estado",
            "resultado",
            "conduce",
            "acta",
        ]

    @extend_schema_field(ActaAudienciaConvocadaSerializer(allow_null=True))
    def get_acta(self, audiencia):
        acta = acta_de(audiencia) if audiencia.estado == Audiencia.Estado.CELEBRADA else None
        return ActaAudienciaConvocadaSerializer(acta).data if acta else None


class AudienciasDeLaMediacion(APIView):
    @extend_schema(
        summary="Audiencias de conciliación de una mediación",
        responses=AudienciaConvocadaSerializer(many=True),
    )
    def get(self, request, pk):
        reclamo = acceder_mediacion(
            request.user, pk, clave=request.auth, vista="api:mediacion_audiencias"
        )
        audiencias = reclamo.audiencias.select_related("funcionario").order_by("inicio")
        return Response(AudienciaConvocadaSerializer(audiencias, many=True).data)


urlpatterns = [
    path(
        "reclamos/<int:pk>/mediacion/audiencias/",
        AudienciasDeLaMediacion.as_view(),
        name="audiencias-de-la-mediacion",
    ),
]
