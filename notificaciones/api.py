"""API: the caller's own notices (read only; opening one on the page is what records reading),
and an organisation's electronic domicile with its history and the change pending confirmation."""

from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from notificaciones import cambios_de_domicilio as cambios
from notificaciones.domicilios import historial_de_domicilios
from notificaciones.models import CambioDeDomicilio, DomicilioElectronico, Notificacion
from notificaciones.permisos import acceder_domicilio_de_organizacion
from notificaciones.selectors import notificaciones_de


class NotificacionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Notificacion
        fields = [
            "id",
            "asunto",
            "email",
            "a_domicilio_constituido",
            "estado",
            "creada_en",
            "enviada_en",
            "aceptada_en",
            "leida_en",
            "message_id",
            "url",
        ]

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


@extend_schema_view(
    list=extend_schema(
        summary="Mis notificaciones",
        description="Las notificaciones dirigidas a quien consulta, con la hora de envío, de "
        "aceptación por el servidor de correo y de primera lectura en el portal.",
    )
)
class NotificacionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificacionSerializer
    orden_cursor = ("-creada_en", "-pk")  # newest first, over (destinatario, -creada_en)
    queryset = Notificacion.objects.none()

    def get_queryset(self):
        return notificaciones_de(self.request.user)


class DomicilioHistoricoSerializer(serializers.ModelSerializer):
    constituido_por = serializers.EmailField(
        source="constituido_por.email",
        allow_null=True,
        default=None,
        help_text="Quien lo pidió; nulo si se registró con la organización.",
    )

    class Meta:
        model = DomicilioElectronico
        fields = ["email", "constituido_en", "revocado_en", "constituido_por"]


class CambioDeDomicilioPendienteSerializer(serializers.ModelSerializer):
    solicitado_por = serializers.EmailField(source="solicitado_por.email")
    vencido = serializers.BooleanField(
        help_text="El enlace venció: hay que reenviarlo o cancelar el cambio."
    )

    class Meta:
        model = CambioDeDomicilio
        fields = ["email", "solicitado_por", "solicitado_en", "enviado_en", "vence_en", "vencido"]


class DomicilioDeOrganizacionSerializer(serializers.Serializer):
    vigente = serializers.EmailField(
        allow_null=True, help_text="Domicilio electrónico constituido; nulo si no hay."
    )
    historial = DomicilioHistoricoSerializer(many=True)
    cambio_pendiente = CambioDeDomicilioPendienteSerializer(allow_null=True)


class NuevoDomicilioElectronicoSerializer(serializers.Serializer):
    email = serializers.EmailField()


def _estado_del_domicilio(organizacion) -> dict:
    return DomicilioDeOrganizacionSerializer(
        {
            "vigente": organizacion.domicilio_electronico or None,
            "historial": historial_de_domicilios(organizacion),
            "cambio_pendiente": cambios.cambio_pendiente(organizacion),
        }
    ).data


class DomicilioDeOrganizacionView(APIView):
    @extend_schema(
        summary="Domicilio electrónico de una organización",
        description="El vigente, su historial (el vigente primero) y el cambio pendiente de "
        "confirmación, si lo hay. Cualquier representante de la organización.",
        responses=DomicilioDeOrganizacionSerializer,
    )
    def get(self, request, pk):
        organizacion = acceder_domicilio_de_organizacion(request.user, pk, clave=request.auth)
        return Response(_estado_del_domicilio(organizacion))

    @extend_schema(
        summary="Pedir el cambio del domicilio electrónico (administradores)",
        description="Crea un pedido pendiente (reemplaza al anterior) y envía al nuevo domicilio "
        f"un enlace de confirmación que vence a las {cambios.HORAS_DE_VIGENCIA} horas. El "
        "domicilio cambia solo cuando alguien abre el enlace y confirma; hasta entonces las "
        "notificaciones van al vigente.",
        request=NuevoDomicilioElectronicoSerializer,
        responses={202: DomicilioDeOrganizacionSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        acceder_domicilio_de_organizacion(request.user, pk, escribir=True, clave=request.auth)
        datos = NuevoDomicilioElectronicoSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        with transaction.atomic():
            organizacion = acceder_domicilio_de_organizacion(
                request.user, pk, escribir=True, bloquear=True, clave=request.auth
            )
            cambios.solicitar_cambio_de_domicilio(
                organizacion, email=datos.validated_data["email"], por=request.user
            )
        return Response(_estado_del_domicilio(organizacion), status=202)


class _SobreElCambioPendiente(APIView):
    servicio = None

    def post(self, request, pk):
        acceder_domicilio_de_organizacion(request.user, pk, escribir=True, clave=request.auth)
        with transaction.atomic():
            organizacion = acceder_domicilio_de_organizacion(
                request.user, pk, escribir=True, bloquear=True, clave=request.auth
            )
            self.servicio(organizacion, por=request.user)
        return Response(_estado_del_domicilio(organizacion))


class ReenvioDeConfirmacionDeDomicilioView(_SobreElCambioPendiente):
    servicio = staticmethod(cambios.reenviar_confirmacion)

    @extend_schema(
        summary="Reenviar el enlace de confirmación del domicilio (administradores)",
        description=f"Un enlace nuevo, que vence a las {cambios.HORAS_DE_VIGENCIA} horas; el "
        "anterior deja de servir. "
        "409 si no hay un cambio pendiente.",
        request=None,
        responses=DomicilioDeOrganizacionSerializer,
    )
    def post(self, request, pk):
        return super().post(request, pk)


class CancelacionDeCambioDeDomicilioView(_SobreElCambioPendiente):
    servicio = staticmethod(cambios.cancelar_cambio_de_domicilio)

    @extend_schema(
        summary="Cancelar el cambio de domicilio pendiente (administradores)",
        description="El enlace deja de servir y el domicilio sigue siendo el vigente. 409 si no "
        "hay un cambio pendiente.",
        request=None,
        responses=DomicilioDeOrganizacionSerializer,
    )
    def post(self, request, pk):
        return super().post(request, pk)
