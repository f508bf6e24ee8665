"""API of fees and fines: the same selectors and services as the pages, one action per act."""

from decimal import Decimal

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from conciliacion.api import ID_NUMERICO, validar_consulta
from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from cuentas.permisos import tiene_rol
from honorarios import selectors
from honorarios.models import Honorario, Multa
from honorarios.permisos import acceder_honorario, acceder_multa
from honorarios.services import honorarios as servicio
from honorarios.services import multas as servicio_multas
from honorarios.services import seguimiento_multas as seguimiento
from reclamos.permisos import acceder_reclamo


class HonorarioSerializer(serializers.ModelSerializer):
    reclamo_numero = serializers.CharField(source="reclamo.numero", read_only=True)
    conciliador_matricula = serializers.CharField(source="conciliador.matricula", read_only=True)
    vence_fondo = serializers.DateField(read_only=True, allow_null=True, default=None)
    vence_ejecutable = serializers.DateField(read_only=True, allow_null=True, default=None)
    vence_reintegro = serializers.DateField(read_only=True, allow_null=True, default=None)
    fondo_vencido = serializers.BooleanField(read_only=True, default=False)
    reintegro_vencido = serializers.BooleanField(read_only=True, default=False)
    # Plain strings: the same choices as `a_cargo` and the cobro-total input (one enum each).
    causa_total = serializers.CharField(read_only=True)
    reintegro_a = serializers.CharField(read_only=True)

    class Meta:
        model = Honorario
        fields = [
            "id",
            "reclamo",
            "reclamo_numero",
            "conciliador_matricula",
            "tipo",
            "a_cargo",
            "pactado_en_documento",
            "motivo",
            "estado",
            "fecha_cierre",
            "ultima_audiencia",
            "unidades",
            "valor_unidad",
            "monto",
            "deposito_en_fondo",
            "constancia",
            "presentado_fondo_el",
            "pagado_el",
            "copia_certificada",
            "total_cobrado_el",
            "causa_total",
            "monto_reintegro",
            "reintegro_a",
            "reintegrado_el",
            "vence_fondo",
            "vence_ejecutable",
            "vence_reintegro",
            "fondo_vencido",
            "reintegro_vencido",
        ]
        read_only_fields = fields


class FechaSerializer(serializers.Serializer):
    fecha = serializers.DateField()


class CobroTotalSerializer(FechaSerializer):
    causa = serializers.ChoiceField(choices=Honorario.CausaTotal.choices)
    monto = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, min_value=0
    )


class VacioSerializer(serializers.Serializer):
    pass


FILTROS_HONORARIOS = [
    OpenApiParameter("a_cargo", str, enum=Honorario.Pagador.values),
    OpenApiParameter("estado", str, enum=Honorario.Estado.values),
]


def _accion(request_serializer, resumen):
    return extend_schema(
        request=request_serializer,
        responses=HonorarioSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary=resumen,
    )


@extend_schema_view(
    list=extend_schema(
        summary="Honorarios visibles (los propios para conciliadores)",
        parameters=FILTROS_HONORARIOS,
    ),
    retrieve=extend_schema(summary="Un honorario"),
)
class HonorarioViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = ID_NUMERICO
    serializer_class = HonorarioSerializer
    # Newest accrued first, over honorario_devengado_en; the Fondo's list too (its page shows the
    # unpaid first, a nullable key a cursor cannot walk: the API filters by `estado` instead).
    orden_cursor = ("-devengado_en", "-pk")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Honorario.objects.none()
        p = {}
        if self.action == "list":
            p = validar_consulta(
                self.request,
                {
                    "a_cargo": serializers.ChoiceField(choices=Honorario.Pagador.values),
                    "estado": serializers.ChoiceField(choices=Honorario.Estado.values),
                },
            )
        return selectors.honorarios_de(
            self.request.user,
            clave=self.request.auth,
            a_cargo=p.get("a_cargo"),
            estado=p.get("estado"),
        )

    def get_object(self):
        honorario = acceder_honorario(self.request.user, self.kwargs["pk"], clave=self.request.auth)
        return selectors.con_alertas(Honorario.objects.filter(pk=honorario.pk)).get()

    def _responder(self, honorario):
        return Response(
            HonorarioSerializer(
                selectors.con_alertas(Honorario.objects.filter(pk=honorario.pk)).get()
            ).data
        )

    def _fecha(self, request, clase=FechaSerializer):
        datos = clase(data=request.data)
        datos.is_valid(raise_exception=True)
        return datos.validated_data

    @extend_schema(
        summary="Obligaciones del Fondo de Financiamiento (personal)",
        parameters=[OpenApiParameter("estado", str, enum=Honorario.Estado.values)],
        responses=HonorarioSerializer(many=True),
    )
    @action(detail=False, methods=["get"])
    def fondo(self, request):
        if not tiene_rol(request.user, *selectors.PERSONAL):
            raise PermissionDenied
        p = validar_consulta(
            request, {"estado": serializers.ChoiceField(choices=Honorario.Estado.values)}
        )
        qs = selectors.obligaciones_del_fondo(request.user, estado=p.get("estado"))
        pagina = self.paginate_queryset(qs)
        return self.get_paginated_response(HonorarioSerializer(pagina, many=True).data)

    @_accion(VacioSerializer, "Liquidar con el arancel vigente al cierre (personal)")
    @action(detail=True, methods=["post"])
    @idempotente
    def liquidar(self, request, pk=None):
        return self._responder(servicio.liquidar_honorario(self.get_object(), por=request.user))

    @_accion(VacioSerializer, "Emitir la constancia para el Fondo (personal)")
    @action(detail=True, methods=["post"])
    @idempotente
    def constancia(self, request, pk=None):
        return self._responder(
            servicio.emitir_constancia_fondo(self.get_object(), por=request.user)
        )

    @_accion(FechaSerializer, "Registrar la presentación al Fondo (conciliador; abre AR-15)")
    @action(detail=True, methods=["post"])
    @idempotente
    def presentacion(self, request, pk=None):
        datos = self._fecha(request)
        return self._responder(
            servicio.registrar_presentacion_fondo(self.get_object(), por=request.user, **datos)
        )

    @_accion(FechaSerializer, "Registrar el pago")
    @action(detail=True, methods=["post"])
    @idempotente
    def pago(self, request, pk=None):
        datos = self._fecha(request)
        return self._responder(
            servicio.registrar_pago(self.get_object(), por=request.user, **datos)
        )

    @_accion(CobroTotalSerializer, "Registrar el cobro del honorario total (abre AR-17)")
    @action(detail=True, methods=["post"], url_path="cobro-total")
    @idempotente
    def cobro_total(self, request, pk=None):
        datos = self._fecha(request, CobroTotalSerializer)
        return self._responder(
            servicio.registrar_cobro_total(self.get_object(), por=request.user, **datos)
        )

    @_accion(FechaSerializer, "Registrar el reintegro del básico (cierra AR-17)")
    @action(detail=True, methods=["post"])
    @idempotente
    def reintegro(self, request, pk=None):
        datos = self._fecha(request)
        return self._responder(
            servicio.registrar_reintegro(self.get_object(), por=request.user, **datos)
        )


class MultaSerializer(serializers.ModelSerializer):
    reclamo_numero = serializers.CharField(source="reclamo.numero", read_only=True)
    proveedor_razon_social = serializers.CharField(source="proveedor.razon_social", read_only=True)
    proveedor_cuit = serializers.CharField(source="proveedor.identificador", read_only=True)
    audiencia_inicio = serializers.DateTimeField(source="audiencia.inicio", read_only=True)
    vence_recurso = serializers.DateField(read_only=True, allow_null=True, default=None)

    class Meta:
        model = Multa
        fields = [
            "id",
            "reclamo",
            "reclamo_numero",
            "proveedor_razon_social",
            "proveedor_cuit",
            "audiencia",
            "audiencia_inicio",
            "estado",
            "ar11_vencio",
            "certificacion",
            "certificada_en",
            "smvm",
            "monto",
            "certificado",
            "intimacion",
            "emitida_en",
            "intimacion_via",
            "intimacion_domicilio",
            "intimacion_notificada_el",
            "vence_recurso",
            "apelada_el",
            "firme_desde",
            "pagada_el",
            "monto_pagado",
            "parte_consumidor",
            "parte_resto",
            "ejecucion_el",
            "ejecucion_referencia",
            "motivo_anulacion",
        ]
        read_only_fields = fields


class CertificarSerializer(serializers.Serializer):
    reclamo = serializers.IntegerField()


class CertificadoSerializer(serializers.Serializer):
    dictamen = serializers.CharField()
    verificaciones = serializers.DictField(child=serializers.BooleanField())


class NotificacionSerializer(serializers.Serializer):
    notificada_el = serializers.DateField(required=False)
    medio = serializers.CharField(required=False, allow_blank=True, default="")
    constancia = serializers.FileField(required=False)


class PagoMultaSerializer(FechaSerializer):
    monto = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    referencia = serializers.CharField(required=False, allow_blank=True, default="")
    comprobante = serializers.FileField(required=False)


class EjecucionSerializer(FechaSerializer):
    referencia = serializers.CharField(max_length=200)


class MotivoSerializer(serializers.Serializer):
    motivo = serializers.CharField()


def _accion_multa(request_serializer, resumen, *, status_ok=200):
    return extend_schema(
        request=request_serializer,
        responses={status_ok: MultaSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary=resumen,
    )


@extend_schema_view(
    list=extend_schema(
        summary="Multas por incomparecencia visibles",
        parameters=[OpenApiParameter("estado", str, enum=Multa.Estado.values)],
    ),
    retrieve=extend_schema(summary="Una multa"),
)
class MultaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = ID_NUMERICO
    serializer_class = MultaSerializer
    orden_cursor = ("-certificada_en", "-pk")  # index multa_certificada_desc
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Multa.objects.none()
        p = {}
        if self.action == "list":
            p = validar_consulta(
                self.request, {"estado": serializers.ChoiceField(choices=Multa.Estado.values)}
            )
        return selectors.multas_de(
            self.request.user, clave=self.request.auth, estado=p.get("estado")
        )

    def get_object(self):
        return acceder_multa(self.request.user, self.kwargs["pk"], clave=self.request.auth)

    def _responder(self, multa, status_ok=status.HTTP_200_OK):
        fila = selectors.multas_de(self.request.user, clave=self.request.auth).get(pk=multa.pk)
        return Response(MultaSerializer(fila).data, status=status_ok)

    def _datos(self, request, clase):
        datos = clase(data=request.data)
        datos.is_valid(raise_exception=True)
        return datos.validated_data

    @extend_schema(
        request=CertificarSerializer,
        responses={201: MultaSerializer(many=True)},
        parameters=[PARAMETRO_IDEMPOTENCIA],
        summary="Certificar la multa de un reclamo cerrado por incomparecencia (conciliador)",
    )
    @idempotente
    def create(self, request):
        datos = self._datos(request, CertificarSerializer)
        reclamo = acceder_reclamo(request.user, datos["reclamo"], clave=request.auth)
        multas = servicio_multas.certificar_multa(reclamo, por=request.user)
        filas = selectors.multas_de(request.user).filter(pk__in=[m.pk for m in multas])
        return Response(MultaSerializer(filas, many=True).data, status=status.HTTP_201_CREATED)

    @_accion_multa(CertificadoSerializer, "Emitir el certificado definitivo y la intimación")
    @action(detail=True, methods=["post"])
    @idempotente
    def certificado(self, request, pk=None):
        datos = self._datos(request, CertificadoSerializer)
        multa = servicio_multas.emitir_certificado_multa(
            self.get_object(),
            por=request.user,
            verificaciones=datos["verificaciones"],
            dictamen=datos["dictamen"],
        )
        return self._responder(multa)

    @_accion_multa(NotificacionSerializer, "Registrar la notificación de la intimación (AR-23)")
    @action(detail=True, methods=["post"])
    @idempotente
    def notificacion(self, request, pk=None):
        datos = self._datos(request, NotificacionSerializer)
        multa = seguimiento.registrar_notificacion_intimacion(
            self.get_object(),
            por=request.user,
            notificada_el=datos.get("notificada_el"),
            medio=datos.get("medio", ""),
            constancia=datos.get("constancia"),
        )
        return self._responder(multa)

    @_accion_multa(FechaSerializer, "Registrar el recurso del proveedor")
    @action(detail=True, methods=["post"])
    @idempotente
    def apelacion(self, request, pk=None):
        datos = self._datos(request, FechaSerializer)
        return self._responder(
            seguimiento.registrar_apelacion(self.get_object(), por=request.user, **datos)
        )

    @_accion_multa(PagoMultaSerializer, "Registrar el pago de la multa")
    @action(detail=True, methods=["post"])
    @idempotente
    def pago(self, request, pk=None):
        datos = self._datos(request, PagoMultaSerializer)
        return self._responder(
            seguimiento.registrar_pago_multa(self.get_object(), por=request.user, **datos)
        )

    @_accion_multa(EjecucionSerializer, "Remitir la multa firme e impaga a ejecución judicial")
    @action(detail=True, methods=["post"])
    @idempotente
    def ejecucion(self, request, pk=None):
        datos = self._datos(request, EjecucionSerializer)
        return self._responder(
            seguimiento.remitir_a_ejecucion(self.get_object(), por=request.user, **datos)
        )

    @_accion_multa(MotivoSerializer, "Anular la multa con sus motivos")
    @action(detail=True, methods=["post"])
    @idempotente
    def anular(self, request, pk=None):
        datos = self._datos(request, MotivoSerializer)
        return self._responder(
            seguimiento.anular_multa(self.get_object(), por=request.user, **datos)
        )
