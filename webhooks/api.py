"""API of an organisation's webhooks: /api/v1/organizaciones/{org}/webhooks/… for its
administrators (session) or a key of that organisation created by an administrator."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiCallback,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from conciliacion.api import ID_NUMERICO, validar_consulta
from cuentas.models import Organizacion
from webhooks import services
from webhooks.eventos import PRUEBA, TIPOS
from webhooks.models import Endpoint, Entrega

DESCRIPCION_TIPOS = "Tipos de evento: " + ", ".join(f"`{t}`" for t in TIPOS) + "."


class EndpointSerializer(serializers.ModelSerializer):
    tipos = serializers.ListField(
        child=serializers.CharField(max_length=40), min_length=1, help_text=DESCRIPCION_TIPOS
    )
    estado = serializers.CharField(
        read_only=True, help_text="`activo`, `pausado` (por fallas) o `desactivado`."
    )
    secreto = serializers.CharField(
        read_only=True,
        help_text="Secreto de firma (`whsec_…`, convención Standard Webhooks).",
    )
    dias_aviso = serializers.IntegerField(min_value=1, max_value=15, default=2)

    class Meta:
        model = Endpoint
        fields = [
            "id",
            "url",
            "descripcion",
            "tipos",
            "dias_aviso",
            "estado",
            "secreto",
            "anterior_vence_en",
            "fallos_seguidos",
            "pausado_en",
            "creado_en",
        ]
        read_only_fields = ["anterior_vence_en", "fallos_seguidos", "pausado_en", "creado_en"]


class EntregaSerializer(serializers.ModelSerializer):
    evento_id = serializers.CharField(source="evento.identificador", read_only=True)
    tipo = serializers.CharField(source="evento.tipo", read_only=True)
    estado = serializers.CharField(
        read_only=True, help_text="`pendiente`, `entregada` o `abandonada`."
    )

    class Meta:
        model = Entrega
        fields = [
            "id",
            "evento_id",
            "tipo",
            "estado",
            "intentos",
            "ultimo_codigo",
            "ultima_latencia_ms",
            "ultimo_error",
            "ultimo_intento_en",
            "proximo_intento",
            "entregada_en",
            "creada_en",
        ]


class EventoWebhookSerializer(serializers.Serializer):
    """Lo que el portal envía por POST al servidor del suscriptor, firmado."""

    id = serializers.CharField(
        help_text="Identificador estable del evento; igual al encabezado webhook-id y en cada "
        "reintento o reenvío: usalo para descartar duplicados."
    )
    type = serializers.CharField(help_text=DESCRIPCION_TIPOS + f" `{PRUEBA}` para las pruebas.")
    timestamp = serializers.DateTimeField(help_text="Cuándo ocurrió el evento (UTC).")
    organizacion = serializers.IntegerField(help_text="La organización destinataria.")
    data = serializers.DictField(
        help_text="El recurso según la API (`reclamo`: como GET /reclamos/{id}/, `hoja`: como "
        "GET /libro/hojas/{id}/) y, según el tipo, `actuacion` (como la línea de tiempo), "
        "`plazo` o `documento`. Solo lo que la organización puede ver."
    )


ENCABEZADOS_FIRMA = (
    "Encabezados (convención Standard Webhooks): `webhook-id` (el `id` del cuerpo), "
    "`webhook-timestamp` (segundos desde 1970, UTC) y `webhook-signature`: "
    "`v1,<base64 del HMAC-SHA256 de «webhook-id.webhook-timestamp.cuerpo»>` con la clave que "
    "resulta de decodificar en base64 lo que sigue a `whsec_` en el secreto; durante el "
    "solapamiento de una rotación, dos firmas separadas por un espacio."
)

CALLBACK = OpenApiCallback(
    "evento",
    "{$request.body#/url}",
    extend_schema(
        summary="Evento que el portal envía a tu servidor",
        description=ENCABEZADOS_FIRMA
        + " Respondé 2xx en menos de 5 s. Otra respuesta, una redirección o una demora se "
        "reintenta con espera exponencial durante 3 días.",
        request=EventoWebhookSerializer,
        responses={200: None},
    ),
)


class PaginacionEntregas(CursorPagination):
    ordering = ("-creada_en", "-pk")
    page_size = 20
    page_size_query_param = "tamano"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        validar_consulta(
            request, {self.page_size_query_param: serializers.IntegerField(min_value=1)}
        )
        return super().paginate_queryset(queryset, request, view)


PARAMETRO_ORG = OpenApiParameter("organizacion_pk", int, OpenApiParameter.PATH)


@extend_schema_view(
    list=extend_schema(summary="Webhooks de la organización", parameters=[PARAMETRO_ORG]),
    retrieve=extend_schema(summary="Un webhook", parameters=[PARAMETRO_ORG]),
    create=extend_schema(
        summary="Registrar un webhook", parameters=[PARAMETRO_ORG], callbacks=[CALLBACK]
    ),
    partial_update=extend_schema(summary="Modificar un webhook", parameters=[PARAMETRO_ORG]),
    destroy=extend_schema(summary="Desactivar un webhook", parameters=[PARAMETRO_ORG]),
)
class EndpointViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    lookup_value_regex = ID_NUMERICO
    serializer_class = EndpointSerializer
    orden_cursor = ("pk",)
    http_method_names = ["get", "post", "patch", "delete"]

    def _organizacion(self) -> Organizacion:
        organizacion = get_object_or_404(Organizacion, pk=self.kwargs["organizacion_pk"])
        services.exigir_administrador(self.request.user, organizacion, self.request.auth)
        return organizacion

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Endpoint.objects.none()
        return Endpoint.objects.filter(organizacion=self._organizacion()).order_by("pk")

    def perform_create(self, serializer):
        d = serializer.validated_data
        serializer.instance = services.registrar(
            self._organizacion(),
            por=self.request.user,
            url=d["url"],
            tipos=d["tipos"],
            descripcion=d.get("descripcion", ""),
            dias_aviso=d.get("dias_aviso", 2),
        )

    def perform_update(self, serializer):
        e = serializer.instance
        d = serializer.validated_data
        serializer.instance = services.modificar(
            e,
            url=d.get("url", e.url),
            tipos=d.get("tipos", e.tipos),
            descripcion=d.get("descripcion", e.descripcion),
            dias_aviso=d.get("dias_aviso", e.dias_aviso),
        )

    def perform_destroy(self, instance):
        services.desactivar(instance)

    @extend_schema(
        request=None,
        responses=EndpointSerializer,
        parameters=[PARAMETRO_ORG],
        summary="Rotar el secreto (el anterior firma durante el solapamiento)",
    )
    @action(detail=True, methods=["post"], url_path="rotar-secreto")
    def rotar_secreto(self, request, organizacion_pk=None, pk=None):
        return Response(EndpointSerializer(services.rotar_secreto(self.get_object())).data)

    @extend_schema(
        request=None,
        responses=EndpointSerializer,
        parameters=[PARAMETRO_ORG],
        summary="Reanudar un webhook pausado",
    )
    @action(detail=True, methods=["post"])
    def reanudar(self, request, organizacion_pk=None, pk=None):
        return Response(EndpointSerializer(services.reanudar(self.get_object())).data)

    @extend_schema(
        request=None,
        responses={202: EntregaSerializer},
        parameters=[PARAMETRO_ORG],
        summary="Enviar un evento de prueba",
    )
    @action(detail=True, methods=["post"])
    def probar(self, request, organizacion_pk=None, pk=None):
        entrega = services.enviar_prueba(self.get_object())
        return Response(EntregaSerializer(entrega).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses=EntregaSerializer(many=True),
        parameters=[PARAMETRO_ORG],
        summary="Entregas del webhook (la más reciente primero)",
    )
    @action(detail=True, methods=["get"], pagination_class=PaginacionEntregas)
    def entregas(self, request, organizacion_pk=None, pk=None):
        endpoint = self.get_object()
        paginador = PaginacionEntregas()
        filas = paginador.paginate_queryset(
            Entrega.objects.filter(endpoint=endpoint).select_related("evento"), request, self
        )
        return paginador.get_paginated_response(EntregaSerializer(filas, many=True).data)

    @extend_schema(
        request=None,
        responses={202: EntregaSerializer},
        parameters=[PARAMETRO_ORG, OpenApiParameter("entrega", int, OpenApiParameter.PATH)],
        summary="Reenviar una entrega (mismo id de evento)",
    )
    @action(detail=True, methods=["post"], url_path=r"entregas/(?P<entrega>[0-9]+)/reenviar")
    def reenviar(self, request, organizacion_pk=None, pk=None, entrega=None):
        fila = get_object_or_404(Entrega, pk=entrega, endpoint=self.get_object())
        nueva = services.reenviar(fila)
        return Response(EntregaSerializer(nueva).data, status=status.HTTP_202_ACCEPTED)
