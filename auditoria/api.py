"""API of the Auditoría en las Relaciones de Consumo (decision 0028): the consumer files the
claim and its parties and the Auditor read its state. Same services and permissions as the
pages; errors in the API's JSON envelope (409 when the Auditoría is not available, with the
reason; 400 above the cap, with the cap)."""

from decimal import Decimal

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from auditoria import services
from auditoria.permisos import acceder_auditoria
from conciliacion.api import LimitePorClave
from conciliacion.errores import AccesoDenegado
from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from reclamos.permisos import acceder_reclamo, es_parte_consumidora


class AuditoriaSerializer(serializers.Serializer):
    reclamo = serializers.CharField(source="reclamo.numero")
    estado = serializers.CharField(
        help_text="PRESENTADO, TRASLADO, EN_TRAMITE, RESUELTO, RECURRIDO, FIRME o COMUNICADO."
    )
    estado_texto = serializers.CharField(source="get_estado_display")
    monto = serializers.DecimalField(max_digits=14, decimal_places=2)
    tope = serializers.DecimalField(
        max_digits=16, decimal_places=2, help_text="15 SMVM a la fecha del reclamo."
    )
    presentado_en = serializers.DateTimeField()
    decision = serializers.CharField(allow_blank=True)
    monto_condena = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    resolucion = serializers.SerializerMethodField(help_text="La resolución en PDF.")
    firme_desde = serializers.DateField(allow_null=True)
    comunicacion = serializers.SerializerMethodField(
        help_text="La comunicación a la autoridad de aplicación en PDF."
    )

    def _url(self, documento) -> str | None:
        if documento is None:
            return None
        return self.context["request"].build_absolute_uri(documento.get_absolute_url())

    def get_resolucion(self, aud) -> str | None:
        return self._url(aud.resolucion)

    def get_comunicacion(self, aud) -> str | None:
        return self._url(aud.comunicacion)


class PresentarAuditoriaSerializer(serializers.Serializer):
    """D202-I.31: what is not sent is taken from the COPREC record."""

    consumidor_nombre = serializers.CharField(required=False, max_length=120)
    consumidor_apellido = serializers.CharField(required=False, max_length=120)
    consumidor_dni = serializers.RegexField(r"^\d{7,8}$", required=False)
    consumidor_domicilio = serializers.CharField(required=False, max_length=300)
    representante = serializers.CharField(required=False, allow_blank=True, max_length=200)
    email_notificaciones = serializers.EmailField(required=False)
    otro_medio = serializers.CharField(required=False, allow_blank=True, max_length=200)
    hechos = serializers.CharField(required=False)
    pretension = serializers.CharField(required=False)
    monto = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0.01"), required=False
    )
    prueba_ofrecida = serializers.CharField(required=False, allow_blank=True)


class ReclamoAuditoriaVista(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [LimitePorClave]

    @extend_schema(
        summary="Reclamo ante la Auditoría en las Relaciones de Consumo (partes y Auditor)",
        responses={200: AuditoriaSerializer},
    )
    def get(self, request, pk):
        aud, _rol = acceder_auditoria(request.user, pk, clave=request.auth)
        return Response(AuditoriaSerializer(aud, context={"request": request}).data)

    @extend_schema(
        summary="Reclamar ante la Auditoría en las Relaciones de Consumo (consumidor)",
        description="Ley 26.993 Título II; Decreto 202/2015, Anexo I, arts. 29–38. Gratuito. "
        "Solo el consumidor del reclamo, después de un cierre sin acuerdo. 409 "
        "(`auditoria_no_disponible`) si la Auditoría no está disponible para el régimen en la "
        "fecha (p. ej. COPREC desde el 03/02/2025, Decreto 55/2025), con el motivo; 400 "
        "(`auditoria_excede_tope`) si el monto supera 15 SMVM a la fecha del reclamo.",
        request=PresentarAuditoriaSerializer,
        responses={201: AuditoriaSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        reclamo = acceder_reclamo(request.user, pk, clave=request.auth)
        if not es_parte_consumidora(request.user, reclamo):
            raise AccesoDenegado(
                "Solo el consumidor del reclamo puede presentarlo ante la Auditoría."
            )
        datos = PresentarAuditoriaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        completos = {**services.datos_propuestos(reclamo), **datos.validated_data}
        aud = services.presentar(reclamo, por=request.user, datos=completos)
        return Response(
            AuditoriaSerializer(aud, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


urlpatterns = [
    path("reclamos/<int:pk>/auditoria/", ReclamoAuditoriaVista.as_view(), name="reclamo-auditoria"),
]
