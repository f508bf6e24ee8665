"""API: the public deadline calculator, GET /api/v1/plazos/calcular."""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from conciliacion.api import LimitePorClave
from conciliacion.esquema import ErrorSerializer
from plazos.calculadora import CALENDARIO_POR_PAIS, calcular, interpretar, resultado_json


class LimiteCalculadora(AnonRateThrottle):
    """Anonymous callers: per IP, on top of the project's per-key limit."""

    scope = "calculadora"
    rate = "120/min"


class ExcluidoSerializer(serializers.Serializer):
    fecha = serializers.DateField()
    motivo = serializers.CharField()


class RangoSerializer(serializers.Serializer):
    desde = serializers.DateField()
    hasta = serializers.DateField()


class CalculoSerializer(serializers.Serializer):
    pais = serializers.CharField()
    calendario = serializers.CharField()
    version_calendario = serializers.CharField()
    desde = serializers.DateField()
    cantidad = serializers.IntegerField()
    unidad = serializers.CharField()
    vence = serializers.DateField()
    trasladado_a_habil = serializers.BooleanField()
    computados = serializers.ListField(child=serializers.DateField())
    excluidos = ExcluidoSerializer(many=True)
    suspensiones = RangoSerializer(many=True)
    explicacion = serializers.ListField(child=serializers.CharField())


class CalcularPlazoView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [LimitePorClave, LimiteCalculadora]

    @extend_schema(
        operation_id="plazos_calcular",
        summary="Calcular el vencimiento de un plazo",
        description=(
            "Calcula un plazo para realizar un acto, contado desde `desde`: en días hábiles el "
            "primer día que se cuenta es el primer día hábil posterior; en días corridos, el día "
            "siguiente, y si el último día no es hábil se traslada al primer día hábil "
            "siguiente. Las suspensiones incluyen ambos extremos. AR usa el calendario de la "
            "Administración Pública Nacional; PE, el del proveedor (Libro de Reclamaciones)."
        ),
        auth=[],
        parameters=[
            OpenApiParameter("pais", str, enum=list(CALENDARIO_POR_PAIS), required=True),
            OpenApiParameter("desde", str, required=True, description="Fecha AAAA-MM-DD"),
            OpenApiParameter("dias", int, required=True, description="Entero mayor que cero"),
            OpenApiParameter("unidad", str, enum=["habiles", "corridos"], default="habiles"),
            OpenApiParameter(
                "suspension",
                str,
                many=True,
                explode=True,
                description="Rango AAAA-MM-DD:AAAA-MM-DD, ambos incluidos (repetible)",
            ),
        ],
        responses={200: CalculoSerializer, 400: ErrorSerializer, 429: ErrorSerializer},
        examples=[
            OpenApiExample(
                "Diez días hábiles en Argentina",
                value={"vence": "2026-01-21"},
                response_only=True,
                status_codes=["200"],
            )
        ],
    )
    def get(self, request):
        parametros = request.query_params
        consulta = interpretar(
            pais=parametros.get("pais", ""),
            desde=parametros.get("desde", ""),
            dias=parametros.get("dias", ""),
            unidad=parametros.get("unidad", "habiles"),
            suspensiones=parametros.getlist("suspension"),
        )
        return Response(resultado_json(consulta, calcular(consulta)))
