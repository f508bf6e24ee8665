"""API for claims: the same selectors and services as the pages."""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from conciliacion.api import (
    ID_NUMERICO,
    EnZonaHoraria,
    PaginacionDelExpediente,
    PaginacionPorCursor,
    validar_consulta,
)
from conciliacion.errores import AccesoDenegado
from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from cuentas.identificadores import TipoIdentificador
from cuentas.permisos import tiene_rol
from cuentas.roles import Rol
from reclamos import recorridos, selectors
from reclamos.estados import Estado
from reclamos.models import Actuacion, MetodoDesignacion, Pausa, Reclamo, ReclamoProveedor
from reclamos.permisos import acceder_reclamo, citado_desde
from reclamos.services import admision, remota


class EnZonaDelReclamo(EnZonaHoraria):
    """Datetimes in the time zone of the claim's régimen (the claim itself, or the row's)."""

    def zona_horaria(self, instance) -> str:
        reclamo = instance if isinstance(instance, Reclamo) else instance.reclamo
        return reclamo.regimen.zona_horaria


@extend_schema_serializer(deprecate_fields=["cuit"])
class ProveedorSerializer(serializers.ModelSerializer):
    tipo_identificador = serializers.CharField(
        help_text="CUIT (Argentina) o RUC (Perú): el tipo de `identificador`."
    )
    identificador = serializers.CharField(help_text="El CUIT o el RUC del proveedor.")
    cuit = serializers.CharField(
        source="identificador",
        help_text="Obsoleto: repite `identificador` aun cuando es un RUC. "
        "Use `identificador` y `tipo_identificador`.",
    )

    class Meta:
        model = ReclamoProveedor
        fields = ["tipo_identificador", "identificador", "cuit", "razon_social", "domicilio_legal"]


class ReclamoSerializer(EnZonaDelReclamo, serializers.ModelSerializer):
    proveedores = ProveedorSerializer(many=True, read_only=True)
    estado_nombre = serializers.CharField(source="get_estado_display", read_only=True)

    class Meta:
        model = Reclamo
        fields = [
            "id",
            "numero",
            "regimen_codigo",
            "regimen_version",
            "estado",
            "estado_nombre",
            "proveedores",
            "hechos",
            "objeto",
            "monto",
            "monto_indeterminado",
            "lugar",
            "metodo_designacion",
            "presentado_en",
        ]


class ActuacionSerializer(EnZonaDelReclamo, serializers.ModelSerializer):
    por = serializers.StringRelatedField(allow_null=True)  # None: an act of the system

    class Meta:
        model = Actuacion
        fields = ["codigo", "en", "por", "rol", "estado_desde", "estado_hacia", "texto", "fuente"]


@extend_schema_serializer(deprecate_fields=["cuit"])
class NuevoProveedorSerializer(serializers.Serializer):
    tipo_identificador = serializers.ChoiceField(
        choices=TipoIdentificador.choices,
        required=False,
        help_text="CUIT (Argentina) o RUC (Perú); debe ser el del régimen del reclamo "
        "(COPREC: CUIT). Si se omite, el del régimen.",
    )
    identificador = serializers.CharField(
        max_length=13, required=False, help_text="El CUIT o el RUC del proveedor."
    )
    cuit = serializers.CharField(
        max_length=13,
        required=False,
        help_text="Obsoleto: use `identificador` y `tipo_identificador`. Si se envían ambos, "
        "deben coincidir.",
    )
    razon_social = serializers.CharField(max_length=200)
    domicilio_legal = serializers.CharField(max_length=300)


class NuevoReclamoSerializer(serializers.Serializer):
    email = serializers.EmailField()
    nombre = serializers.CharField(max_length=120)
    apellido = serializers.CharField(max_length=120)
    dni = serializers.CharField(max_length=12)
    domicilio = serializers.CharField(max_length=300)
    telefono = serializers.CharField(max_length=40, required=False, default="")
    proveedores = NuevoProveedorSerializer(many=True)
    hechos = serializers.CharField()
    objeto = serializers.CharField()
    monto = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, min_value=Decimal("0.01")
    )
    monto_indeterminado = serializers.BooleanField(default=False)
    lugar = serializers.CharField(max_length=120)
    metodo_designacion = serializers.ChoiceField(choices=MetodoDesignacion.choices)


class TextoSerializer(serializers.Serializer):
    texto = serializers.CharField(required=False, allow_blank=True, default="")


class PausaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pausa
        fields = ["id", "tipo", "motivo", "desde", "hasta", "resolucion"]


class SuspensionTopeSerializer(serializers.Serializer):
    motivo = serializers.CharField(help_text="Por qué el monto parece superar el tope (art. 2).")


class DecisionTopeSerializer(serializers.Serializer):
    continuar = serializers.BooleanField(
        help_text="true: el procedimiento continúa (los plazos se reanudan); "
        "false: se cierra porque excede el tope."
    )
    fundamentos = serializers.CharField()


def _exigir_admision(usuario) -> None:
    # The same staff as the panel's "Revisión del tope" page.
    if not tiene_rol(usuario, Rol.ADMISION, Rol.ADMINISTRADOR):
        raise AccesoDenegado("Solo el personal de admisión revisa el tope.")


FILTROS = [
    OpenApiParameter("estado", str, enum=Estado.values),
    OpenApiParameter("desde", OpenApiTypes.DATE, description="Presentados desde (AAAA-MM-DD)"),
    OpenApiParameter("hasta", OpenApiTypes.DATE, description="Presentados hasta (AAAA-MM-DD)"),
    OpenApiParameter("proveedor", str, description="CUIT del proveedor"),
]


@extend_schema_view(
    list=extend_schema(
        parameters=FILTROS,
        summary="Reclamos visibles",
        description="Los más recientes primero, de a 50 (`tamano` hasta 200). Paginación por "
        "cursor: seguí el enlace `next` hasta que sea null; no hay total ni números de página.",
    ),
    retrieve=extend_schema(summary="Un reclamo"),
)
class ReclamoViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = ID_NUMERICO
    serializer_class = ReclamoSerializer
    pagination_class = PaginacionPorCursor
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def _filtros(self) -> dict:
        if self.action != "list" or getattr(self, "swagger_fake_view", False):
            return {}
        return validar_consulta(
            self.request,
            {
                "estado": serializers.ChoiceField(choices=Estado.values),
                "desde": serializers.DateField(),
                "hasta": serializers.DateField(),
                "proveedor": serializers.CharField(),
            },
        )

    def list(self, request, *args, **kwargs):
        if not recorridos.tiene_recorrido(request.user):
            return super().list(request, *args, **kwargs)
        # A provider's or a conciliator's list walks its own rows' index (decisions 0033,
        # 0041); same envelope and cursor links as PaginacionPorCursor, the cursor opaque
        # ("~" walks back).
        paginador = self.pagination_class()
        validar_consulta(
            request, {paginador.page_size_query_param: serializers.IntegerField(min_value=1)}
        )
        cursor = request.query_params.get(paginador.cursor_query_param) or None
        atras = bool(cursor) and cursor.startswith("~")
        pagina = recorridos.pagina_de(
            request.user,
            clave=request.auth,
            cursor=cursor[1:] if atras else cursor,
            atras=atras,
            tamano=paginador.get_page_size(request),
            **self._filtros(),
        )
        url = request.build_absolute_uri()

        def enlace(valor):
            return replace_query_param(url, paginador.cursor_query_param, valor) if valor else None

        return Response(
            {
                "next": enlace(pagina.siguiente),
                "previous": enlace(pagina.anterior and "~" + pagina.anterior),
                "results": self.get_serializer(pagina.filas, many=True).data,
            }
        )

    def get_queryset(self):
        p = self._filtros()
        return selectors.lista_reclamos(
            self.request.user,
            clave=self.request.auth,
            estado=p.get("estado"),
            desde=p.get("desde"),
            hasta=p.get("hasta"),
            proveedor=p.get("proveedor"),
        ).exclude(estado=Estado.BORRADOR)

    def get_object(self):
        return acceder_reclamo(
            self.request.user, self.kwargs["pk"], clave=self.request.auth, vista="api:reclamo"
        )

    @extend_schema(
        request=NuevoReclamoSerializer,
        responses={202: ReclamoSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary="Cargar un reclamo en nombre de un consumidor",
        description="Para oficinas y asociaciones de consumidores con clave de API. "
        "El consumidor confirma por correo antes de que se presente.",
    )
    @idempotente(en_la_transaccion=True)
    def create(self, request):
        datos = NuevoReclamoSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        archivos = request.FILES.getlist("documentos")
        reclamo = remota.cargar_por_organizacion(
            clave=request.auth, por=request.user, datos=datos.validated_data, archivos=archivos
        )
        return Response(ReclamoSerializer(reclamo).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=ActuacionSerializer(many=True), summary="Expediente del reclamo")
    @action(detail=True, methods=["get"], url_path="linea-de-tiempo")
    def linea_de_tiempo(self, request, pk=None):
        reclamo = self.get_object()
        es_personal = reclamo.consumidor_id != request.user.pk and request.user.es_personal
        es_parte = es_personal or reclamo.consumidor_id == request.user.pk
        # Decision 0015: a provider reads the expediente from its service on.
        desde = None if es_parte else citado_desde(request.user, reclamo, request.auth)
        filas = selectors.linea_de_tiempo(reclamo, para_partes=not es_personal, desde=desde)
        # Paginated, as the schema says (a long expediente is never one response).
        paginador = PaginacionDelExpediente()
        pagina = paginador.paginate_queryset(filas, request, view=self)
        return paginador.get_paginated_response(ActuacionSerializer(pagina, many=True).data)

    @extend_schema(
        request=TextoSerializer,
        responses=ReclamoSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary="Desistir (consumidor)",
    )
    @action(detail=True, methods=["post"])
    @idempotente
    def desistir(self, request, pk=None):
        reclamo = self.get_object()
        if reclamo.consumidor_id != request.user.pk and not request.user.es_personal:
            raise AccesoDenegado("Solo el consumidor puede desistir.")
        return Response(
            ReclamoSerializer(admision.desistir_reclamo(reclamo, por=request.user)).data
        )

    @extend_schema(
        request=TextoSerializer,
        responses=ReclamoSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary="Admitir (admisión)",
    )
    @action(detail=True, methods=["post"])
    @idempotente
    def admitir(self, request, pk=None):
        texto = TextoSerializer(data=request.data)
        texto.is_valid(raise_exception=True)
        reclamo = admision.admitir_reclamo(
            self.get_object(), por=request.user, observacion=texto.validated_data["texto"]
        )
        return Response(ReclamoSerializer(reclamo).data)

    @extend_schema(
        request=TextoSerializer,
        responses=ReclamoSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary="Requerir acreditación (AR-01)",
    )
    @action(detail=True, methods=["post"])
    @idempotente
    def requerir(self, request, pk=None):
        texto = TextoSerializer(data=request.data)
        texto.is_valid(raise_exception=True)
        reclamo = admision.requerir_acreditacion(
            self.get_object(), por=request.user, requerimiento=texto.validated_data["texto"]
        )
        return Response(ReclamoSerializer(reclamo).data)

    @extend_schema(
        request=TextoSerializer,
        responses=ReclamoSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary="No admitir",
    )
    @action(detail=True, methods=["post"])
    @idempotente
    def inadmitir(self, request, pk=None):
        texto = TextoSerializer(data=request.data)
        texto.is_valid(raise_exception=True)
        reclamo = admision.inadmitir_reclamo(
            self.get_object(), por=request.user, motivos=texto.validated_data["texto"]
        )
        return Response(ReclamoSerializer(reclamo).data)

    @extend_schema(
        request=SuspensionTopeSerializer,
        responses={201: PausaSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary="Suspender para revisar el tope (admisión, art. 2)",
    )
    @action(detail=True, methods=["post"], url_path="suspender-por-tope")
    @idempotente
    def suspender_por_tope(self, request, pk=None):
        reclamo = self.get_object()
        _exigir_admision(request.user)
        datos = SuspensionTopeSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        pausa = admision.suspender_por_tope(
            reclamo, por=request.user, motivo=datos.validated_data["motivo"]
        )
        return Response(PausaSerializer(pausa).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=DecisionTopeSerializer,
        responses=ReclamoSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary="Decidir la revisión del tope: continuar o cerrar (admisión, T29)",
    )
    @action(detail=True, methods=["post"], url_path="resolver-tope")
    @idempotente
    def resolver_tope(self, request, pk=None):
        reclamo = self.get_object()
        _exigir_admision(request.user)
        datos = DecisionTopeSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        reclamo = admision.resolver_tope(reclamo, por=request.user, **datos.validated_data)
        return Response(ReclamoSerializer(reclamo).data)
