"""API of the mediation procedure (seed 001): the claim's mediation file, its thread and the
provider's proposals, and the parties' acts on them. The same access rule (acceder_mediacion:
the official sees every claim of the régimen, a provider only its own once forwarded, a consumer
only hers), selectors and services as the pages. Datetimes are in the régimen's time zone. The
hearing is served by audiencias (/api/v1/reclamos/{id}/mediacion/audiencias/)."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from conciliacion.api import PaginacionCursor, pagina_de
from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from reclamos import selectors_mediacion
from reclamos.api import EnZonaDelReclamo
from reclamos.models import MensajeMediacion, PropuestaMediacion, ReclamoProveedor
from reclamos.permisos import acceder_mediacion
from reclamos.services import mediacion as servicio
from reclamos.services.mediacion.conformidad import exigir_contrasena


def _acceder(request, pk):
    return acceder_mediacion(request.user, pk, clave=request.auth, vista="api:mediacion")


def _nombre(usuario) -> str:
    return (usuario.nombre_completo or usuario.email) if usuario else ""


# --- serializers -------------------------------------------------------------------------------


class ProveedorMediacionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReclamoProveedor
        fields = ["tipo_identificador", "identificador", "razon_social"]


class MediacionSerializer(EnZonaDelReclamo, serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    numero = serializers.CharField()
    regimen_codigo = serializers.CharField()
    estado = serializers.CharField()
    estado_nombre = serializers.CharField(source="get_estado_display")
    proveedores = ProveedorMediacionSerializer(many=True)
    hechos = serializers.CharField()
    pedido = serializers.CharField(source="objeto")
    monto = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    moneda = serializers.CharField(source="regimen.moneda")
    presentado_en = serializers.DateTimeField()
    funcionario = serializers.SerializerMethodField()
    trasladado_en = serializers.DateTimeField(source="mediacion.trasladado_en", allow_null=True)
    parte = serializers.SerializerMethodField(help_text="consumidor, proveedor o funcionario")
    puede_escribir = serializers.SerializerMethodField()

    def get_funcionario(self, reclamo) -> str:
        return _nombre(reclamo.mediacion.funcionario)

    def get_parte(self, reclamo) -> str:
        return servicio.parte_de(self.context["request"].user, reclamo) or ""

    def get_puede_escribir(self, reclamo) -> bool:
        return servicio.puede_escribir(self.context["request"].user, reclamo)


class LecturaMensajeSerializer(serializers.Serializer):
    nombre = serializers.SerializerMethodField()
    leido_en = serializers.DateTimeField()

    def get_nombre(self, lectura) -> str:
        return _nombre(lectura.usuario)


class AdjuntoMensajeSerializer(serializers.Serializer):
    nombre = serializers.CharField(source="nombre_original")
    sha256 = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, archivo) -> str:
        return reverse("documentos:archivo", args=[archivo.pk])


class MensajeMediacionSerializer(EnZonaDelReclamo, serializers.ModelSerializer):
    autor = serializers.SerializerMethodField()
    organizacion = serializers.CharField(
        source="organizacion.razon_social", allow_null=True, default=None
    )
    adjunto = AdjuntoMensajeSerializer(allow_null=True)
    lecturas = LecturaMensajeSerializer(many=True)

    class Meta:
        model = MensajeMediacion
        fields = ["id", "rol", "autor", "organizacion", "texto", "adjunto", "creado_en", "lecturas"]

    def get_autor(self, mensaje) -> str:
        return _nombre(mensaje.autor)


class NuevoMensajeMediacionSerializer(serializers.Serializer):
    texto = serializers.CharField(max_length=servicio.LARGO_MAXIMO_MENSAJE)
    adjunto = serializers.FileField(required=False, allow_null=True)


class DocumentoPropuestaMediacionSerializer(serializers.Serializer):
    numero = serializers.CharField(source="numero_visible")
    sha256 = serializers.CharField(help_text="Vacío mientras el PDF se genera.")
    url = serializers.CharField(source="get_absolute_url")


class PropuestaMediacionSerializer(EnZonaDelReclamo, serializers.ModelSerializer):
    proveedor = serializers.CharField(source="proveedor.razon_social")
    documento = DocumentoPropuestaMediacionSerializer()

    class Meta:
        model = PropuestaMediacion
        fields = [
            "id",
            "numero",
            "proveedor",
            "texto",
            "monto",
            "estado",
            "creada_en",
            "respondida_en",
            "documento",
            "sha256_conformidad",
            "motivo_rechazo",
        ]


class ConformidadMediacionSerializer(serializers.Serializer):
    sha256 = serializers.CharField(
        max_length=64, help_text="La huella SHA-256 del PDF de la propuesta que la persona vio."
    )
    contrasena = serializers.CharField(
        write_only=True, help_text="La contraseña de la cuenta: la conformidad es un acto expreso."
    )


class RechazoPropuestaMediacionSerializer(serializers.Serializer):
    motivo = serializers.CharField()


# --- views -------------------------------------------------------------------------------------


class MediacionDelReclamo(APIView):
    @extend_schema(summary="Mediación de un reclamo", responses=MediacionSerializer)
    def get(self, request, pk):
        reclamo = _acceder(request, pk)
        return Response(MediacionSerializer(reclamo, context={"request": request}).data)


class MensajesDeLaMediacion(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    pagination_class = PaginacionCursor
    orden_cursor = ("creado_en", "pk")  # index (reclamo, creado_en)

    @extend_schema(
        summary="Mensajes de la mediación",
        description="El hilo, del más antiguo al más reciente, con sus confirmaciones de "
        "lectura, de a 50 (`tamano` hasta 200). Paginación por cursor: seguí el enlace `next` "
        "hasta que sea null. Como en la página, leerlo registra la lectura de quien consulta "
        "(de todo el hilo).",
        responses=MensajeMediacionSerializer(many=True),
    )
    def get(self, request, pk):
        reclamo = _acceder(request, pk)
        if servicio.parte_de(request.user, reclamo) is not None:
            servicio.marcar_leidos(reclamo, usuario=request.user)
        return pagina_de(
            self,
            request,
            selectors_mediacion.hilo(reclamo),
            lambda p: MensajeMediacionSerializer(p, many=True).data,
        )

    @extend_schema(
        summary="Enviar un mensaje (consumidor, proveedor o funcionario)",
        request=NuevoMensajeMediacionSerializer,
        responses={201: MensajeMediacionSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        reclamo = _acceder(request, pk)
        datos = NuevoMensajeMediacionSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        mensaje = servicio.enviar_mensaje(
            reclamo,
            por=request.user,
            texto=datos.validated_data["texto"],
            adjunto=datos.validated_data.get("adjunto"),
        )
        mensaje = selectors_mediacion.hilo(reclamo).get(pk=mensaje.pk)
        return Response(MensajeMediacionSerializer(mensaje).data, status=status.HTTP_201_CREATED)


def _propuestas(reclamo):
    return reclamo.propuestas.select_related("proveedor", "documento").order_by("numero")


class PropuestasDeLaMediacion(APIView):
    pagination_class = PaginacionCursor
    orden_cursor = ("numero", "pk")  # unique (reclamo, numero)

    @extend_schema(
        summary="Propuestas del proveedor",
        description="Por número, de a 50 (`tamano` hasta 200). Paginación por cursor: seguí el "
        "enlace `next` hasta que sea null.",
        responses=PropuestaMediacionSerializer(many=True),
    )
    def get(self, request, pk):
        reclamo = _acceder(request, pk)
        return pagina_de(
            self,
            request,
            _propuestas(reclamo),
            lambda p: PropuestaMediacionSerializer(p, many=True).data,
        )


class _RespuestaALaPropuesta(APIView):
    def _propuesta(self, request, pk, propuesta_pk):
        reclamo = _acceder(request, pk)
        return get_object_or_404(_propuestas(reclamo), pk=propuesta_pk)


class ConformidadConLaPropuesta(_RespuestaALaPropuesta):
    @extend_schema(
        summary="Dar conformidad a la propuesta (consumidor)",
        description="Acto expreso: exige la contraseña y la huella SHA-256 del documento de la "
        "propuesta que la persona vio; el reclamo concluye con acuerdo.",
        request=ConformidadMediacionSerializer,
        responses=PropuestaMediacionSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk, propuesta_pk):
        propuesta = self._propuesta(request, pk, propuesta_pk)
        datos = ConformidadMediacionSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        exigir_contrasena(request.user, datos.validated_data["contrasena"])
        propuesta = servicio.dar_conformidad(
            propuesta, por=request.user, sha256_visto=datos.validated_data["sha256"]
        )
        return Response(PropuestaMediacionSerializer(propuesta).data)


class RechazoDeLaPropuesta(_RespuestaALaPropuesta):
    @extend_schema(
        summary="No aceptar la propuesta (consumidor)",
        request=RechazoPropuestaMediacionSerializer,
        responses=PropuestaMediacionSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk, propuesta_pk):
        propuesta = self._propuesta(request, pk, propuesta_pk)
        datos = RechazoPropuestaMediacionSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        propuesta = servicio.rechazar_propuesta(
            propuesta, por=request.user, motivo=datos.validated_data["motivo"]
        )
        return Response(PropuestaMediacionSerializer(propuesta).data)


urlpatterns = [
    path(
        "reclamos/<int:pk>/mediacion/", MediacionDelReclamo.as_view(), name="mediacion-del-reclamo"
    ),
    path(
        "reclamos/<int:pk>/mediacion/mensajes/",
        MensajesDeLaMediacion.as_view(),
        name="mensajes-de-la-mediacion",
    ),
    path(
        "reclamos/<int:pk>/mediacion/propuestas/",
        PropuestasDeLaMediacion.as_view(),
        name="propuestas-de-la-mediacion",
    ),
    path(
        "reclamos/<int:pk>/mediacion/propuestas/<int:propuesta_pk>/conformidad/",
        ConformidadConLaPropuesta.as_view(),
        name="conformidad-con-la-propuesta",
    ),
    path(
        "reclamos/<int:pk>/mediacion/propuestas/<int:propuesta_pk>/rechazo/",
        RechazoDeLaPropuesta.as_view(),
        name="rechazo-de-la-propuesta",
    ),
]
