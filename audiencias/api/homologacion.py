"""API of homologation: the queue of agreements to review, one agreement's review (the art. 12
checklist with the portal's checks and the rounds so far), the decision, and the conciliator's
submission. The same services and checks as the pages."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from audiencias.models import RevisionHomologacion
from audiencias.permisos import es_conciliador_de
from audiencias.services import homologacion
from conciliacion.api import LimitePorClave
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado
from cuentas.permisos import tiene_rol
from cuentas.roles import Rol
from reclamos.estados import Estado
from reclamos.models import Reclamo
from reclamos.permisos import acceder_reclamo, reclamos_visibles

ROLES = (Rol.HOMOLOGACION, Rol.ADMINISTRADOR)


def _exigir_homologacion(usuario) -> None:
    if not tiene_rol(usuario, *ROLES):
        raise AccesoDenegado("Solo el personal de homologación revisa acuerdos.")


class EnColaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    numero = serializers.CharField()
    proveedores = serializers.SerializerMethodField()
    monto = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    elevado_en = serializers.DateTimeField(source="actualizado_en")

    def get_proveedores(self, reclamo) -> list[str]:
        return [p.razon_social for p in reclamo.proveedores.all()]


class AcuerdoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    terminos = serializers.CharField()
    monto_total = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    obligaciones = serializers.ListField(child=serializers.DictField())
    requiere_ratificacion = serializers.BooleanField()
    acta = serializers.SerializerMethodField()

    def get_acta(self, acuerdo) -> dict | None:
        documento = acuerdo.documento
        if documento is None:
            return None
        return {
            "numero": documento.numero_visible,
            "codigo_verificacion": documento.codigo,
            "url": documento.get_absolute_url(),
        }


class RevisionSerializer(serializers.ModelSerializer):
    version_acuerdo = serializers.IntegerField(source="acuerdo.version")
    documento = serializers.SerializerMethodField()

    class Meta:
        model = RevisionHomologacion
        fields = [
            "id",
            "version_acuerdo",
            "decision",
            "lista",
            "verificaciones",
            "fundamentos",
            "decidido_en",
            "documento",
        ]

    def get_documento(self, revision) -> dict | None:
        if revision.documento_id is None:
            return None
        return {
            "numero": revision.documento.numero_visible,
            "codigo_verificacion": revision.documento.codigo,
            "url": revision.documento.get_absolute_url(),
        }


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=RevisionHomologacion.Decision.choices)
    lista = serializers.DictField(
        child=serializers.BooleanField(),
        help_text="Cada punto del art. 12: a, b, c, d, e → true/false.",
    )
    fundamentos = serializers.CharField(required=False, allow_blank=True, default="")


class ElevacionSerializer(serializers.Serializer):
    ratificacion = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Cuándo la parte representada necesita ratificar (art. 11): quién y cómo.",
    )


class Cola(generics.ListAPIView):
    """Oldest elevated first (the soonest AR-13 due), by cursor over the partial index
    reclamo_cola_homologacion, like the page's queue."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [LimitePorClave]
    serializer_class = EnColaSerializer
    orden_cursor = ("actualizado_en", "pk")

    @extend_schema(summary="Acuerdos elevados a homologación")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Reclamo.objects.none()
        _exigir_homologacion(self.request.user)
        return (
            reclamos_visibles(self.request.user)
            .filter(estado=Estado.EN_HOMOLOGACION)
            .prefetch_related("proveedores")
        )


class Revision(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [LimitePorClave]

    @extend_schema(
        summary="Revisión de un acuerdo: acuerdo vigente, lo que verificó el portal y las rondas",
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, pk):
        reclamo = acceder_reclamo(request.user, pk)
        acuerdo = homologacion.acuerdo_vigente(reclamo)
        revisiones = RevisionHomologacion.objects.filter(acuerdo__reclamo=reclamo).select_related(
            "acuerdo", "documento"
        )
        cuerpo = {
            "reclamo": reclamo.numero,
            "estado": reclamo.estado,
            "monto_reclamado": str(reclamo.monto) if reclamo.monto is not None else None,
            "acuerdo": AcuerdoSerializer(acuerdo).data if acuerdo else None,
            "revisiones": RevisionSerializer(revisiones, many=True).data,
        }
        if acuerdo is not None and tiene_rol(request.user, *ROLES):
            cuerpo["verificaciones"] = homologacion.verificaciones(reclamo, acuerdo)
            cuerpo["umbral_suma"] = str(homologacion.umbral_suma())
            cuerpo["items_art_12"] = homologacion.ITEMS_ART_12
        return Response(cuerpo)

    @extend_schema(
        summary="Decidir: homologar, observar (art. 14) o denegar",
        request=DecisionSerializer,
        responses={201: RevisionSerializer},
    )
    def post(self, request, pk):
        _exigir_homologacion(request.user)
        reclamo = acceder_reclamo(request.user, pk, vista="api:homologacion")
        datos = DecisionSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        revision = homologacion.decidir(reclamo, por=request.user, **datos.validated_data)
        return Response(RevisionSerializer(revision).data, status=status.HTTP_201_CREATED)


class Elevacion(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [LimitePorClave]

    @extend_schema(
        summary="El conciliador eleva el acuerdo firmado (y ratificado) a homologación",
        request=ElevacionSerializer,
        responses={200: None},
    )
    def post(self, request, pk):
        reclamo = acceder_reclamo(request.user, pk)
        if not es_conciliador_de(request.user, reclamo):
            raise AccesoDenegado("Eleva el acuerdo el conciliador designado.")
        datos = ElevacionSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        if reclamo.estado not in (Estado.ACUERDO_FIRMADO, Estado.OBSERVADO):
            raise ConflictoDeEstado("No hay un acuerdo firmado para elevar.")
        if datos.validated_data["ratificacion"].strip():
            homologacion.ratificar_acuerdo(
                reclamo, por=request.user, detalle=datos.validated_data["ratificacion"]
            )
        homologacion.elevar(reclamo, por=request.user)
        reclamo.refresh_from_db()
        return Response({"reclamo": reclamo.numero, "estado": reclamo.estado})


urlpatterns = [
    path("homologacion/", Cola.as_view(), name="homologacion-cola"),
    path("reclamos/<int:pk>/homologacion/", Revision.as_view(), name="homologacion-revision"),
    path(
        "reclamos/<int:pk>/homologacion/elevar/",
        Elevacion.as_view(),
        name="homologacion-elevar",
    ),
]
