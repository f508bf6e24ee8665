"""API of the Libro de Reclamaciones for the provider's systems: its sheets, one sheet with its
timeline, and the acts (proposal, answer, re-qualification) as POST actions with idempotency.
No route deletes anything (PE-03)."""

from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from conciliacion.api import ID_NUMERICO, EnZonaHoraria, validar_consulta
from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from libro import selectors, services
from libro.estados import EstadoHoja
from libro.models import EventoHoja, Hoja, Libro, Propuesta, Respuesta
from libro.permisos import acceder_hoja, hojas_visibles, libros_visibles
from normativa.regimenes.peru import PERU


class LibroSerializer(serializers.ModelSerializer):
    ruc = serializers.CharField(source="organizacion.identificador")

    class Meta:
        model = Libro
        fields = ["id", "codigo", "nombre", "direccion", "canal", "activo", "ruc"]


class PropuestaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Propuesta
        fields = [
            "numero",
            "suspende",
            "texto",
            "fecha_envio",
            "vence",
            "estado",
            "decidida_en",
            "comentario_consumidor",
        ]


class RespuestaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Respuesta
        fields = ["texto", "medio", "destino", "fecha", "despacho_fecha", "despacho_referencia"]


class EnHoraDeLima(EnZonaHoraria):
    """The book is Peru's: its datetimes in the Peru régimen's time zone, not the server's."""

    def zona_horaria(self, instance) -> str:
        return PERU.zona_horaria


class HojaSerializer(EnHoraDeLima, serializers.ModelSerializer):
    libro = serializers.SlugRelatedField(slug_field="codigo", read_only=True)
    numero = serializers.CharField(read_only=True)
    estado_nombre = serializers.CharField(source="get_estado_display", read_only=True)

    class Meta:
        model = Hoja
        fields = [
            "id",
            "libro",
            "numero",
            "anio",
            "correlativo",
            "tipo",
            "estado",
            "estado_nombre",
            "presentada_en",
            "fecha_presentacion",
            "vence_respuesta",
            "respuesta_suspendida",
            "vencida",
            "fecha_cierre",
            "nombres",
            "apellidos",
            "tipo_documento",
            "numero_documento",
            "domicilio",
            "telefono",
            "email",
            "es_menor",
            "apoderado_nombre",
            "apoderado_tipo_documento",
            "apoderado_numero_documento",
            "tipo_bien",
            "monto_reclamado",
            "descripcion_bien",
            "numero_pedido",
            "detalle",
            "pedido",
            "medio_respuesta",
        ]


class EventoSerializer(EnHoraDeLima, serializers.ModelSerializer):
    por = serializers.StringRelatedField()

    class Meta:
        model = EventoHoja
        fields = ["codigo", "en", "actor", "por", "texto", "fuente"]


class HojaDetalleSerializer(HojaSerializer):
    propuesta = PropuestaSerializer(
        read_only=True, allow_null=True, help_text="La última propuesta de solución."
    )
    propuestas = PropuestaSerializer(many=True, read_only=True)
    respuesta = RespuestaSerializer(read_only=True, allow_null=True)
    eventos = serializers.SerializerMethodField()

    class Meta(HojaSerializer.Meta):
        fields = [*HojaSerializer.Meta.fields, "propuesta", "propuestas", "respuesta", "eventos"]

    @extend_schema(responses=EventoSerializer(many=True))
    def get_eventos(self, hoja) -> list[dict]:
        return EventoSerializer(selectors.linea_de_tiempo(hoja), many=True).data


class PropuestaEntradaSerializer(serializers.Serializer):
    texto = serializers.CharField()


class RespuestaEntradaSerializer(serializers.Serializer):
    texto = serializers.CharField()
    despacho_fecha = serializers.DateField(required=False, allow_null=True, default=None)
    despacho_referencia = serializers.CharField(required=False, allow_blank=True, default="")


class RecalificarSerializer(serializers.Serializer):
    tipo = serializers.ChoiceField(choices=Hoja.Tipo.choices)
    motivo = serializers.CharField()


class LibroViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = ID_NUMERICO
    serializer_class = LibroSerializer
    orden_cursor = ("pk",)

    def get_queryset(self):
        return (
            libros_visibles(self.request.user, self.request.auth)
            .select_related("organizacion")
            .order_by("pk")
        )


FILTROS = [
    OpenApiParameter("estado", str, enum=EstadoHoja.values),
    OpenApiParameter("libro", str, description="Código del libro"),
    OpenApiParameter("anio", int, description="Año de presentación"),
]


@extend_schema_view(
    list=extend_schema(parameters=FILTROS, summary="Hojas de reclamación de su organización"),
    retrieve=extend_schema(summary="Una hoja con su línea de tiempo"),
)
class HojaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = ID_NUMERICO
    orden_cursor = ("-presentada_en", "-pk")  # newest filed first

    def get_serializer_class(self):
        return HojaDetalleSerializer if self.action != "list" else HojaSerializer

    def get_queryset(self):
        qs = hojas_visibles(self.request.user, self.request.auth).select_related("libro")
        if getattr(self, "swagger_fake_view", False) or self.action != "list":
            return qs.order_by("-presentada_en", "-pk")
        p = validar_consulta(
            self.request,
            {
                "estado": serializers.ChoiceField(choices=EstadoHoja.values),
                "libro": serializers.CharField(),
                "anio": serializers.IntegerField(),
            },
        )
        if "estado" in p:
            qs = qs.filter(estado=p["estado"])
        if p.get("libro"):
            qs = qs.filter(libro__codigo=p["libro"])
        if "anio" in p:
            qs = qs.filter(anio=p["anio"])
        return qs.order_by("-presentada_en", "-pk")

    def get_object(self):
        return acceder_hoja(self.request.user, self.kwargs["pk"], clave=self.request.auth)

    def _actuar(self, funcion):
        with transaction.atomic():
            hoja = acceder_hoja(
                self.request.user,
                self.kwargs["pk"],
                escribir=True,
                bloquear=True,
                clave=self.request.auth,
            )
            funcion(hoja)
        hoja = acceder_hoja(self.request.user, hoja.pk, clave=self.request.auth)
        return Response(HojaDetalleSerializer(hoja).data)

    @extend_schema(
        request=PropuestaEntradaSerializer,
        responses=HojaDetalleSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary="Enviar una propuesta de solución (la primera suspende PE-01 y abre PE-02)",
        description="Tras el rechazo de una propuesta el proveedor puede enviar otra; esa no "
        "vuelve a suspender el plazo de respuesta (DS 101-2022-PCM; S003). 409 con otra "
        "propuesta pendiente, con la hoja cerrada o con el plazo de respuesta vencido.",
    )
    @action(detail=True, methods=["post"])
    @idempotente
    def propuesta(self, request, pk=None):
        datos = PropuestaEntradaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        return self._actuar(
            lambda hoja: services.enviar_propuesta(
                hoja, texto=datos.validated_data["texto"], por=request.user
            )
        )

    @extend_schema(
        request=RespuestaEntradaSerializer,
        responses=HojaDetalleSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary="Registrar la respuesta formal (cierra la hoja y PE-01)",
    )
    @action(detail=True, methods=["post"])
    @idempotente
    def respuesta(self, request, pk=None):
        datos = RespuestaEntradaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        return self._actuar(
            lambda hoja: services.responder_hoja(hoja, por=request.user, **datos.validated_data)
        )

    @extend_schema(
        request=RecalificarSerializer,
        responses=HojaDetalleSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary="Recalificar queja ↔ reclamo (no cambia PE-01)",
    )
    @action(detail=True, methods=["post"])
    @idempotente
    def recalificar(self, request, pk=None):
        datos = RecalificarSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        return self._actuar(
            lambda hoja: services.recalificar_hoja(hoja, por=request.user, **datos.validated_data)
        )


# The book's choice sets under their own names in the OpenAPI schema (settings
# SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]): "tipo", "estado" and "medio" exist in other apps
# with other choices.
TipoHoja = Hoja.Tipo
EstadoPropuesta = Propuesta.Estado
TipoDocumentoIdentidad = Hoja.TipoDocumento
MedioRespuesta = Hoja.Medio
