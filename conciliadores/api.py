"""API: a claim's designations (scoped like the claim) and the public draw record."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from conciliacion.api import LimitePorClave, PaginacionCursor, pagina_de, validar_consulta
from conciliadores import selectors, verificacion
from conciliadores.models import Conciliador, Designacion, Propuesta, Recusacion, Sorteo
from reclamos.permisos import acceder_reclamo


class ConciliadorPublicoSerializer(serializers.ModelSerializer):
    nombre = serializers.CharField(read_only=True)
    email = serializers.CharField(source="email_para_partes", read_only=True)

    class Meta:
        model = Conciliador
        fields = [
            "matricula",
            "nombre",
            "email",
            "telefono",
            "domicilio_profesional",
            "modalidades",
        ]


class DesignacionSerializer(serializers.ModelSerializer):
    reclamo_numero = serializers.CharField(source="reclamo.numero", read_only=True)
    conciliador = ConciliadorPublicoSerializer(read_only=True)
    metodo = serializers.CharField(read_only=True)
    fin = serializers.CharField(read_only=True)
    ronda_sorteo = serializers.IntegerField(source="sorteo.ronda", read_only=True, allow_null=True)

    class Meta:
        model = Designacion
        fields = [
            "id",
            "reclamo",
            "reclamo_numero",
            "conciliador",
            "metodo",
            "fecha",
            "notificado_el",
            "activa",
            "fin",
            "fin_en",
            "ronda_sorteo",
            "reemplazo_ministerio",
            "referencia",
        ]


@extend_schema_view(
    list=extend_schema(
        summary="Designaciones de conciliador de los reclamos visibles",
        parameters=[OpenApiParameter("reclamo", int, description="Id del reclamo")],
    )
)
class DesignacionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = DesignacionSerializer
    orden_cursor = ("-pk",)  # newest designation first (conciliacion.api.PaginacionCursor)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Designacion.objects.none()
        consulta = validar_consulta(self.request, {"reclamo": serializers.IntegerField()})
        reclamo_id = consulta.get("reclamo")
        return selectors.designaciones_visibles(
            self.request.user, clave=self.request.auth, reclamo_id=reclamo_id
        ).select_related("sorteo")


class RondaSerializer(serializers.ModelSerializer):
    semilla = serializers.SerializerMethodField()
    coincide = serializers.SerializerMethodField()

    class Meta:
        model = Sorteo
        fields = [
            "ronda",
            "compromiso",
            "comprometido_en",
            "realizado_en",
            "semilla",
            "padron",
            "padron_sha256",
            "hmac",
            "indice",
            "resultado_matricula",
            "con_candidatos",
            "excluidos",
            "coincide",
        ]

    def get_semilla(self, sorteo) -> str | None:
        """Published only after the round was drawn."""
        return sorteo.semilla_publica or None

    def get_coincide(self, sorteo) -> bool | None:
        """The server's own recomputation (anyone can redo it: see docs/decisions/0004)."""
        if not sorteo.realizado:
            return None
        return verificacion.verificar(
            semilla=sorteo.semilla,
            numero=sorteo.reclamo.numero,
            padron=sorteo.padron,
            ronda=sorteo.ronda,
            compromiso_publicado=sorteo.compromiso,
            hmac_publicado=sorteo.hmac,
            matricula_publicada=sorteo.resultado_matricula,
        ).coincide


class SorteoPublicoSerializer(serializers.Serializer):
    numero = serializers.CharField()
    algoritmo = serializers.CharField()
    rondas = RondaSerializer(many=True)


class LimiteSorteos(AnonRateThrottle):
    scope = "sorteos"
    rate = "120/min"


class SorteoView(APIView):
    """The draw record of a claim: public by design, without personal data of the parties."""

    permission_classes = [AllowAny]
    throttle_classes = [LimitePorClave, LimiteSorteos]

    @extend_schema(
        summary="Registro público del sorteo de un reclamo", responses=SorteoPublicoSerializer
    )
    def get(self, request, numero):
        rondas = selectors.rondas_de(numero)
        if not rondas:
            raise Http404
        cuerpo = {
            "numero": numero,
            "algoritmo": verificacion.__doc__.split("\n\n")[1].strip(),
            "rondas": rondas,
        }
        return Response(SorteoPublicoSerializer(cuerpo).data)


class PropuestaConciliadorSerializer(serializers.ModelSerializer):
    conciliador = ConciliadorPublicoSerializer(read_only=True)
    metodo = serializers.CharField(read_only=True)

    class Meta:
        model = Propuesta
        fields = ["id", "conciliador", "metodo", "estado", "creada_en", "notificado_el"]


class RecusacionConciliadorSerializer(serializers.ModelSerializer):
    matricula = serializers.CharField(source="conciliador.matricula", read_only=True)

    class Meta:
        model = Recusacion
        fields = [
            "id",
            "matricula",
            "causal",
            "estado",
            "presentada_en",
            "respuesta",
            "respondida_en",
            "decidida_en",
        ]


class CompromisoSorteoSerializer(serializers.ModelSerializer):
    """A round as the claim shows it: the commitment always, the result once drawn (the whole
    record with the seed is at /api/v1/sorteos/<numero>/)."""

    class Meta:
        model = Sorteo
        fields = ["ronda", "compromiso", "comprometido_en", "realizado_en", "resultado_matricula"]


class DesignacionDelReclamoSerializer(serializers.Serializer):
    reclamo = serializers.IntegerField()
    numero = serializers.CharField()
    metodo = serializers.CharField()
    estado = serializers.CharField()
    activa = DesignacionSerializer(allow_null=True)
    anteriores = DesignacionSerializer(
        many=True,
        help_text=f"Las últimas {selectors.ULTIMAS} designaciones terminadas, de la más antigua "
        "a la más reciente. Todas, por cursor: `designaciones_url`.",
    )
    propuesta_pendiente = PropuestaConciliadorSerializer(allow_null=True)
    recusaciones = RecusacionConciliadorSerializer(
        many=True,
        help_text=f"Las últimas {selectors.ULTIMAS}, la más reciente primero. Todas, por "
        "cursor: `recusaciones_url`.",
    )
    sorteo = CompromisoSorteoSerializer(
        many=True,
        help_text=f"Las últimas {selectors.ULTIMAS} rondas del sorteo. Todas, por cursor: "
        "`rondas_url`.",
    )
    sorteo_url = serializers.CharField(allow_null=True)
    designaciones_url = serializers.CharField(
        help_text="Todas las designaciones del reclamo (lista paginada por cursor)."
    )
    recusaciones_url = serializers.CharField(
        help_text="Todas las recusaciones del reclamo (lista paginada por cursor)."
    )
    rondas_url = serializers.CharField(
        help_text="Todas las rondas del sorteo del reclamo (lista paginada por cursor)."
    )


class DesignacionDelReclamo(APIView):
    """Who conciliates a claim: GET /api/v1/reclamos/{id}/designacion/ (404 if not visible)."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [LimitePorClave]

    @extend_schema(
        summary="Designación de conciliador de un reclamo",
        responses=DesignacionDelReclamoSerializer,
    )
    def get(self, request, pk):
        reclamo = acceder_reclamo(request.user, pk, clave=request.auth)
        datos = selectors.designacion_del_reclamo(reclamo)
        return Response(DesignacionDelReclamoSerializer(datos).data)


class RecusacionesDelReclamo(APIView):
    """Every recusación of a claim, newest first: GET /api/v1/reclamos/{id}/recusaciones/."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [LimitePorClave]
    pagination_class = PaginacionCursor
    orden_cursor = ("-presentada_en", "-pk")

    @extend_schema(
        summary="Recusaciones de un reclamo",
        description="La más reciente primero, de a 50 (`tamano` hasta 200). Paginación por "
        "cursor: seguí el enlace `next` hasta que sea null.",
        responses=RecusacionConciliadorSerializer(many=True),
    )
    def get(self, request, pk):
        reclamo = acceder_reclamo(request.user, pk, clave=request.auth)
        filas = reclamo.recusaciones.select_related("conciliador")
        return pagina_de(
            self, request, filas, lambda p: RecusacionConciliadorSerializer(p, many=True).data
        )


class RondasDelReclamo(APIView):
    """Every round of a claim's draw as the claim shows it (the commitment; the result once
    drawn): GET /api/v1/reclamos/{id}/sorteo/rondas/. The whole record with the seeds is the
    public /api/v1/sorteos/{numero}/."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [LimitePorClave]
    pagination_class = PaginacionCursor
    orden_cursor = ("ronda", "pk")  # unique (reclamo, ronda)

    @extend_schema(
        summary="Rondas del sorteo de un reclamo",
        description="De la primera a la última, de a 50 (`tamano` hasta 200). Paginación por "
        "cursor: seguí el enlace `next` hasta que sea null.",
        responses=CompromisoSorteoSerializer(many=True),
    )
    def get(self, request, pk):
        reclamo = acceder_reclamo(request.user, pk, clave=request.auth)
        return pagina_de(
            self,
            request,
            reclamo.sorteos.all(),
            lambda p: CompromisoSorteoSerializer(p, many=True).data,
        )
