"""API of slots and hearings: a claim's free slots, booking one (409 when taken), the hearings
of the claims the caller may see, and the designated conciliator fixing one (methods b/c and
later hearings; 409 while a recusación is pending)."""

import datetime

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from audiencias import disponibilidad
from audiencias.models import Audiencia
from audiencias.permisos import es_conciliador_de
from audiencias.services import turnos
from conciliacion.api import LimitePorClave, PaginacionCursor, PaginacionEnMemoria, pagina_de
from conciliacion.errores import AccesoDenegado
from conciliadores.models import Modalidad
from reclamos.permisos import acceder_reclamo, es_parte_consumidora


class TurnoSerializer(serializers.Serializer):
    inicio = serializers.DateTimeField()
    modalidad = serializers.ChoiceField(choices=Modalidad.choices)
    duracion_minutos = serializers.IntegerField(read_only=True)
    dentro_de_plazo = serializers.BooleanField(read_only=True)
    oficina = serializers.IntegerField(
        source="oficina_id",
        read_only=True,
        allow_null=True,
        help_text="Oficina de la autoridad (presencial); null: el estudio del conciliador.",
    )
    lugar = serializers.CharField(read_only=True)


class ReservaSerializer(serializers.Serializer):
    inicio = serializers.DateTimeField()
    modalidad = serializers.ChoiceField(choices=Modalidad.choices, required=False)
    oficina = serializers.IntegerField(required=False, allow_null=True)


class FijarAudienciaSerializer(serializers.Serializer):
    inicio = serializers.DateTimeField()
    modalidad = serializers.ChoiceField(choices=Modalidad.choices)
    lugar = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")
    enlace_video = serializers.URLField(required=False, allow_blank=True, default="")
    duracion_minutos = serializers.IntegerField(min_value=15, max_value=480, default=60)


class OficinaDeLaAudienciaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nombre = serializers.CharField(source="razon_social")
    domicilio = serializers.CharField(source="domicilio_legal")


class AudienciaSerializer(serializers.ModelSerializer):
    reclamo_numero = serializers.CharField(source="reclamo.numero", read_only=True)
    conciliador_matricula = serializers.CharField(source="conciliador.matricula", read_only=True)
    oficina = OficinaDeLaAudienciaSerializer(
        read_only=True,
        allow_null=True,
        help_text="Oficina de la autoridad donde se celebra (presencial, turno de una sede); "
        "null: el estudio del conciliador o por video. `lugar` es el texto de la cédula.",
    )

    class Meta:
        model = Audiencia
        fields = [
            "id",
            "reclamo",
            "reclamo_numero",
            "orden",
            "inicio",
            "duracion_minutos",
            "modalidad",
            "lugar",
            "oficina",
            "enlace_video",
            "estado",
            "resultado",
            "fuera_de_plazo",
            "conciliador_matricula",
        ]


def _clave_del_turno(turno) -> tuple:
    # turnos_para's order: start (as UTC text, which sorts like the instant), mode, office.
    return (
        turno.inicio.astimezone(datetime.UTC).isoformat(),
        turno.modalidad,
        turno.oficina_id or 0,
    )


class PaginacionDeTurnos(PaginacionEnMemoria):
    def __init__(self):
        super().__init__(_clave_del_turno)


class TurnosDelReclamo(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [LimitePorClave]
    pagination_class = PaginacionDeTurnos

    @extend_schema(
        summary="Turnos libres para la primera audiencia (método a)",
        description="Del más próximo al más lejano, de a 50 (`tamano` hasta 200). Paginación "
        "por cursor: seguí el enlace `next` hasta que sea null.",
        responses=TurnoSerializer(many=True),
    )
    def get(self, request, pk):
        reclamo = acceder_reclamo(request.user, pk)
        ofrecidos = disponibilidad.turnos_para(reclamo, ahora=timezone.now())
        return pagina_de(self, request, ofrecidos, lambda p: TurnoSerializer(p, many=True).data)

    @extend_schema(
        summary="Elegir un turno: sortea el conciliador y fija la audiencia",
        request=ReservaSerializer,
        responses={201: AudienciaSerializer},
    )
    def post(self, request, pk):
        reclamo = acceder_reclamo(request.user, pk)
        if not es_parte_consumidora(request.user, reclamo):
            raise AccesoDenegado("Solo quien presentó el reclamo elige el turno.")
        datos = ReservaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        audiencia = turnos.elegir_turno(
            reclamo,
            inicio=datos.validated_data["inicio"],
            modalidad=datos.validated_data.get("modalidad"),
            sede=datos.validated_data.get("oficina", turnos.CUALQUIERA),
            por=request.user,
        )
        return Response(AudienciaSerializer(audiencia).data, status=status.HTTP_201_CREATED)


class AudienciasDelReclamo(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [LimitePorClave]
    pagination_class = PaginacionCursor
    orden_cursor = ("inicio", "pk")  # index audiencia_del_reclamo

    @extend_schema(
        summary="Audiencias de un reclamo",
        description="De la primera a la última, de a 50 (`tamano` hasta 200). Paginación por "
        "cursor: seguí el enlace `next` hasta que sea null.",
        responses=AudienciaSerializer(many=True),
    )
    def get(self, request, pk):
        reclamo = acceder_reclamo(request.user, pk)
        audiencias = reclamo.audiencias.select_related("reclamo", "conciliador", "oficina")
        return pagina_de(
            self, request, audiencias, lambda p: AudienciaSerializer(p, many=True).data
        )

    @extend_schema(
        summary="Fijar una audiencia (el conciliador designado)",
        request=FijarAudienciaSerializer,
        responses={201: AudienciaSerializer},
    )
    def post(self, request, pk):
        reclamo = acceder_reclamo(request.user, pk)
        if not es_conciliador_de(request.user, reclamo):
            raise AccesoDenegado("Solo el conciliador designado fija la audiencia.")
        datos = FijarAudienciaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        audiencia = turnos.fijar_audiencia(reclamo, por=request.user, **datos.validated_data)
        return Response(AudienciaSerializer(audiencia).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("reclamos/<int:pk>/turnos/", TurnosDelReclamo.as_view(), name="turnos-del-reclamo"),
    path(
        "reclamos/<int:pk>/audiencias/",
        AudienciasDelReclamo.as_view(),
        name="audiencias-del-reclamo",
    ),
]
