"""API: who am I, my organisations, inviting a representative (an idempotent write)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from conciliacion.api import ID_NUMERICO
from conciliacion.errores import AccesoDenegado
from cuentas import services
from cuentas.idempotencia import ENCABEZADO, idempotente
from cuentas.models import Membresia, Organizacion
from cuentas.permisos import administra_organizacion, organizaciones_representadas

PARAMETRO_IDEMPOTENCIA = OpenApiParameter(
    ENCABEZADO,
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Clave única por operación: un reintento con la misma clave devuelve la primera respuesta."
    ),
)


class UsuarioSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    nombre = serializers.CharField()
    apellido = serializers.CharField()
    rol = serializers.CharField()


class OrganizacionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organizacion
        fields = [
            "id",
            "tipo",
            "tipo_identificador",
            "identificador",
            "razon_social",
            "domicilio_legal",
            "domicilio_electronico",
            "pais",
            "estado",
        ]


class InvitacionSerializer(serializers.Serializer):
    email = serializers.EmailField()
    es_administrador = serializers.BooleanField(default=False)


class MembresiaSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="usuario.email")

    class Meta:
        model = Membresia
        fields = ["id", "email", "es_administrador", "activa", "creada_en"]


class YoView(APIView):
    @extend_schema(responses=UsuarioSerializer, summary="Usuario autenticado")
    def get(self, request):
        return Response(UsuarioSerializer(request.user).data)


class OrganizacionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    lookup_value_regex = ID_NUMERICO
    serializer_class = OrganizacionSerializer
    filterset_fields = ["estado", "tipo"]
    orden_cursor = ("pk",)

    def get_queryset(self):
        return organizaciones_representadas(self.request.user, self.request.auth).order_by("pk")

    @extend_schema(
        request=InvitacionSerializer,
        responses={201: MembresiaSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary="Invitar a un representante",
    )
    @action(detail=True, methods=["post"])
    @idempotente
    def invitaciones(self, request, pk=None):
        organizacion = self.get_object()
        if not administra_organizacion(request.user, organizacion):
            raise AccesoDenegado("No administrás esta organización.")
        datos = InvitacionSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        membresia = services.invitar_representante(
            organizacion, por=request.user, **datos.validated_data
        )
        return Response(MembresiaSerializer(membresia).data, status=201)
