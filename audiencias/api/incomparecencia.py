"""API of the absent provider's justification (AR-11, Ley 26.993 art. 16): the provider submits
it with its documents (multipart; with an API key, only for the key's organisation) and the
hearing's conciliator decides — accepting it fixes the new hearing in the same act, rejecting it
closes without agreement and the fine path continues (Decision 11).

The same services as the claim's justification page
(audiencias.services.audiencia.justificar_incomparecencia / decidir_justificacion). 404 for
whoever does not see the claim, 403 for the wrong person, 409 when there is no absence pending.
"""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from audiencias.api.audiencia import _Base
from audiencias.api.turnos import AudienciaSerializer, FijarAudienciaSerializer
from audiencias.services import audiencia as servicio
from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from reclamos.permisos import acceder_reclamo


class JustificacionEntradaSerializer(serializers.Serializer):
    motivo = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Motivo de la inasistencia."
    )
    archivos = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        max_length=5,
        help_text="Constancias (PDF, JPG o PNG), en multipart.",
    )


class ArchivoDeLaJustificacionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nombre = serializers.CharField(source="nombre_original")
    sha256 = serializers.CharField()


class JustificacionRespuestaSerializer(serializers.Serializer):
    reclamo = serializers.IntegerField()
    estado = serializers.CharField(
        help_text="Estado del reclamo: sigue en incomparecencia hasta que decida el conciliador."
    )
    archivos = ArchivoDeLaJustificacionSerializer(many=True)


class DecisionJustificacionEntradaSerializer(serializers.Serializer):
    aceptar = serializers.BooleanField(
        help_text="true: acepta y fija la nueva audiencia; false: rechaza (cierre sin acuerdo)."
    )
    motivo = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Fundamento de la decisión."
    )
    nueva_audiencia = FijarAudienciaSerializer(
        required=False,
        allow_null=True,
        default=None,
        help_text="Obligatoria al aceptar. Sin desfase horario, `inicio` se entiende en la hora "
        "del régimen.",
    )

    def validate(self, attrs):
        if attrs["aceptar"] and not attrs["nueva_audiencia"]:
            raise serializers.ValidationError(
                {"nueva_audiencia": [_("Indicá la nueva audiencia.")]}
            )
        return attrs


class DecisionJustificacionRespuestaSerializer(serializers.Serializer):
    reclamo = serializers.IntegerField()
    estado = serializers.CharField(help_text="Estado del reclamo después de la decisión.")
    audiencia = AudienciaSerializer(allow_null=True, help_text="La nueva audiencia, al aceptar.")


class JustificacionIncomparecencia(_Base):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        summary="Justificar la incomparecencia del proveedor (AR-11)",
        description="El proveedor ausente (con clave de API, el de la organización de la clave) "
        "explica el motivo ante el conciliador, con constancias opcionales. Queda en el "
        "expediente; el conciliador decide con `…/incomparecencia/decision/`.",
        request={
            "multipart/form-data": JustificacionEntradaSerializer,
            "application/json": JustificacionEntradaSerializer,
        },
        responses={201: JustificacionRespuestaSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        reclamo = acceder_reclamo(request.user, pk, clave=request.auth)
        datos = JustificacionEntradaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        subidos = servicio.justificar_incomparecencia(
            reclamo,
            por=request.user,
            motivo=datos.validated_data["motivo"],
            archivos=datos.validated_data["archivos"],
            clave=request.auth,
        )
        cuerpo = {"reclamo": reclamo.pk, "estado": reclamo.estado, "archivos": subidos}
        return Response(JustificacionRespuestaSerializer(cuerpo).data, status=201)


class DecisionJustificacion(_Base):
    @extend_schema(
        summary="Decidir sobre la justificación del proveedor (conciliador de la audiencia)",
        description="Aceptarla fija la nueva audiencia en el mismo acto (`nueva_audiencia`); "
        "rechazarla cierra sin acuerdo y sigue el camino de la multa. El fundamento es "
        "obligatorio.",
        request=DecisionJustificacionEntradaSerializer,
        responses={200: DecisionJustificacionRespuestaSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        reclamo = acceder_reclamo(request.user, pk, clave=request.auth)
        datos = DecisionJustificacionEntradaSerializer(data=request.data)
        with timezone.override(reclamo.regimen.zona_horaria):
            datos.is_valid(raise_exception=True)
        d = datos.validated_data
        nueva = servicio.decidir_justificacion(
            reclamo,
            por=request.user,
            aceptar=d["aceptar"],
            motivo=d["motivo"],
            nueva_audiencia=dict(d["nueva_audiencia"]) if d["nueva_audiencia"] else None,
        )
        reclamo.refresh_from_db(fields=["estado"])
        cuerpo = {"reclamo": reclamo.pk, "estado": reclamo.estado, "audiencia": nueva}
        return Response(DecisionJustificacionRespuestaSerializer(cuerpo).data)


urlpatterns = [
    path(
        "reclamos/<int:pk>/incomparecencia/justificacion/",
        JustificacionIncomparecencia.as_view(),
        name="incomparecencia-justificacion",
    ),
    path(
        "reclamos/<int:pk>/incomparecencia/decision/",
        DecisionJustificacion.as_view(),
        name="incomparecencia-decision",
    ),
]
