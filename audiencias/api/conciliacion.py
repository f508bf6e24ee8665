"""API of the conciliator's acts on the conciliation beyond attendance: the over-cap referral
from the hearing (art. 2), the claim widened or redirected at the first hearing (art. 11), and
the conciliation's term — its extension by agreement and the close on expiry (AR-10, AR-10P).

The same services and the same caller as the pages: the conciliator of the hearing (or the
designated conciliator, for the term). The staff's decision on the referral is an act on the
claim (reclamos.api: `resolver-tope`).
"""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from audiencias.api.turnos import AudienciaSerializer
from audiencias.models import Audiencia
from audiencias.permisos import audiencia_del_conciliador, es_conciliador_de
from audiencias.services import ampliacion, duracion, tope
from audiencias.services import audiencia as servicio
from conciliacion.api import LimitePorClave
from conciliacion.errores import AccesoDenegado, NoEncontrado
from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from reclamos.api import PausaSerializer, ProveedorSerializer, ReclamoSerializer
from reclamos.permisos import acceder_reclamo


def _reclamo_del_conciliador(request, pk):
    reclamo = acceder_reclamo(request.user, pk, clave=request.auth)
    if not es_conciliador_de(request.user, reclamo):
        raise AccesoDenegado("Solo el conciliador designado puede hacerlo.")
    return reclamo


class Acto(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [LimitePorClave]


# --- the over-cap referral (D202-I.2) -------------------------------------------------------


class RemisionTopeSerializer(serializers.Serializer):
    fundamento_tope = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Por qué el monto del reclamo supera el tope (obligatorio).",
    )
    monto_tope = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        help_text="Monto que surge en la audiencia, si se conoce.",
    )
    observaciones = serializers.CharField(required=False, allow_blank=True, default="")
    dispensa_confidencialidad = serializers.BooleanField(required=False, default=False)


class RemisionTopeRespuestaSerializer(serializers.Serializer):
    audiencia = AudienciaSerializer()
    revision = PausaSerializer(
        help_text="La revisión del tope abierta (el procedimiento queda "
        "suspendido hasta que decida el personal)."
    )


class RemisionTope(Acto):
    @extend_schema(
        summary="Remitir el reclamo por exceder el tope (conciliador de la audiencia, art. 2)",
        description="Registra el resultado «excede el tope» de la audiencia en curso: emite su "
        "acta, suspende el procedimiento y avisa al personal, que decide con "
        "`POST /api/v1/reclamos/{id}/resolver-tope/`. Requiere registrar antes la asistencia de "
        "cada parte citada, presente o ausente: el acta dice quién asistió.",
        request=RemisionTopeSerializer,
        responses={201: RemisionTopeRespuestaSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        audiencia = audiencia_del_conciliador(request.user, pk, clave=request.auth)
        datos = RemisionTopeSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        d = datos.validated_data
        audiencia = servicio.registrar_resultado(
            audiencia,
            por=request.user,
            resultado=Audiencia.Resultado.EXCEDE_TOPE,
            observaciones=d["observaciones"],
            dispensa_confidencialidad=d["dispensa_confidencialidad"],
            remision={"fundamento": d["fundamento_tope"], "monto": d["monto_tope"]},
        )
        cuerpo = {"audiencia": audiencia, "revision": tope.revision_abierta(audiencia.reclamo)}
        return Response(
            RemisionTopeRespuestaSerializer(cuerpo).data, status=status.HTTP_201_CREATED
        )


# --- widening at the first hearing (D202-I.11) ----------------------------------------------


class AmpliacionObjetoSerializer(serializers.Serializer):
    rubros = serializers.CharField(allow_blank=True, help_text="Rubros que se agregan.")
    monto_total = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    declaracion_jurada = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Sin monto preciso: el consumidor declara que el total no supera el tope.",
    )


class AmpliacionObjetoRespuestaSerializer(serializers.Serializer):
    tipo = serializers.CharField()
    rubros = serializers.CharField()
    monto_anterior = serializers.CharField()
    monto_nuevo = serializers.CharField()
    declaracion_jurada = serializers.BooleanField()
    tope = serializers.CharField()


class ProveedorNuevoSerializer(serializers.Serializer):
    cuit = serializers.CharField(max_length=13, allow_blank=True)
    razon_social = serializers.CharField(max_length=200, allow_blank=True)
    domicilio_legal = serializers.CharField(
        max_length=300, allow_blank=True, help_text="Domicilio inscripto (IGJ o registro)."
    )


class EnderezarSerializer(ProveedorNuevoSerializer):
    proveedor = serializers.IntegerField(
        help_text="Id del proveedor del reclamo que se reemplaza por quien compareció."
    )


class ProveedorDelReclamoSerializer(ProveedorSerializer):
    class Meta(ProveedorSerializer.Meta):
        fields = ["id", *ProveedorSerializer.Meta.fields]


class AmpliarObjeto(Acto):
    @extend_schema(
        summary="Ampliar el objeto del reclamo en la primera audiencia (art. 11)",
        request=AmpliacionObjetoSerializer,
        responses={201: AmpliacionObjetoRespuestaSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        audiencia = audiencia_del_conciliador(request.user, pk, clave=request.auth)
        datos = AmpliacionObjetoSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        registrada = ampliacion.ampliar_objeto(audiencia, por=request.user, **datos.validated_data)
        return Response(
            AmpliacionObjetoRespuestaSerializer(registrada).data, status=status.HTTP_201_CREATED
        )


class Enderezar(Acto):
    @extend_schema(
        summary="Enderezar el reclamo contra quien compareció como proveedor (art. 11)",
        request=EnderezarSerializer,
        responses={200: ProveedorDelReclamoSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        audiencia = audiencia_del_conciliador(request.user, pk, clave=request.auth)
        datos = EnderezarSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        d = dict(datos.validated_data)
        reemplazado = audiencia.reclamo.proveedores.filter(pk=d.pop("proveedor")).first()
        proveedor = ampliacion.enderezar_reclamo(
            audiencia, por=request.user, proveedor=reemplazado, **d
        )
        return Response(ProveedorDelReclamoSerializer(proveedor).data)


class AmpliarAProveedor(Acto):
    @extend_schema(
        summary="Ampliar el reclamo contra otro proveedor (art. 11)",
        description="El proveedor se suma al reclamo; no fue citado a esta audiencia, que solo "
        "puede terminar en una nueva audiencia (o la remisión por el tope).",
        request=ProveedorNuevoSerializer,
        responses={201: ProveedorDelReclamoSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        audiencia = audiencia_del_conciliador(request.user, pk, clave=request.auth)
        datos = ProveedorNuevoSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        proveedor = ampliacion.ampliar_a_proveedor(
            audiencia, por=request.user, **datos.validated_data
        )
        return Response(
            ProveedorDelReclamoSerializer(proveedor).data, status=status.HTTP_201_CREATED
        )


# --- the conciliation's term (AR-10, AR-10P) -------------------------------------------------


class PlazoConciliacionSerializer(serializers.Serializer):
    tipo = serializers.CharField(help_text="AR-10, o AR-10P una vez prorrogada.")
    inicio = serializers.DateField()
    vence = serializers.DateField()
    estado = serializers.CharField()


class DuracionSerializer(serializers.Serializer):
    plazo = PlazoConciliacionSerializer(
        allow_null=True, help_text="null: la conciliación todavía no empezó a correr."
    )
    prorrogado = serializers.BooleanField()
    prorroga_dias = serializers.IntegerField(allow_null=True)
    puede_prorrogar = serializers.BooleanField()
    vencido = serializers.BooleanField()


SIN_EMPEZAR = {
    "plazo": None,
    "prorrogado": False,
    "prorroga_dias": None,
    "puede_prorrogar": False,
    "vencido": False,
}


class ProrrogaSerializer(serializers.Serializer):
    acuerdo_de_partes = serializers.BooleanField(
        required=False, default=False, help_text="Ambas partes acordaron la prórroga."
    )
    fundamento = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Cómo y cuándo la acordaron."
    )


class Duracion(Acto):
    @extend_schema(
        summary="Plazo de la conciliación (conciliador designado)",
        description="El plazo vigente (AR-10 o su prórroga AR-10P), si todavía puede prorrogarse "
        "y si venció.",
        responses=DuracionSerializer,
    )
    def get(self, request, pk):
        reclamo = _reclamo_del_conciliador(request, pk)
        situacion = duracion.situacion(reclamo) or SIN_EMPEZAR
        return Response(DuracionSerializer(situacion).data)


class Prorroga(Acto):
    @extend_schema(
        summary="Prorrogar la conciliación con el acuerdo de las partes (AR-10P)",
        request=ProrrogaSerializer,
        responses={201: PlazoConciliacionSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        reclamo = _reclamo_del_conciliador(request, pk)
        datos = ProrrogaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        plazo = duracion.prorrogar_conciliacion(reclamo, por=request.user, **datos.validated_data)
        return Response(PlazoConciliacionSerializer(plazo).data, status=status.HTTP_201_CREATED)


class CierrePorVencimiento(Acto):
    @extend_schema(
        summary="Cerrar sin acuerdo porque venció el plazo de la conciliación (T37)",
        description="Emite el acta de cierre y abre AR-14, como todo cierre sin acuerdo.",
        request=None,
        responses=ReclamoSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        reclamo = _reclamo_del_conciliador(request, pk)
        reclamo = duracion.cerrar_por_vencimiento(reclamo, por=request.user)
        return Response(ReclamoSerializer(reclamo).data)


# --- the report of a closure without agreement (D202-I.17, AR-14) -----------------------------


class ParteInformeSerializer(serializers.Serializer):
    parte = serializers.CharField(help_text="«consumidor» o «proveedor».")
    nombre = serializers.CharField()
    identificador = serializers.CharField(allow_blank=True)


class InformeDeCierreSerializer(serializers.Serializer):
    partes = ParteInformeSerializer(many=True, help_text="a) Partes del conflicto.")
    motivo = serializers.CharField(help_text="b) Motivo del reclamo.")
    monto = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="c) Monto del reclamo."
    )
    resultado = serializers.CharField(help_text="d) Resultado de la conciliación.")
    otros = serializers.CharField(allow_blank=True, help_text="e) Otra información.")
    fuera_de_plazo = serializers.BooleanField(
        help_text="Presentado después del vencimiento de AR-14 (queda señalado al Registro)."
    )
    presentado_en = serializers.DateTimeField()
    documento = serializers.SerializerMethodField(help_text="El informe en PDF.")

    def get_documento(self, informe) -> str | None:
        if informe.documento_id is None:
            return None
        return self.context["request"].build_absolute_uri(informe.documento.get_absolute_url())


class PresentarInformeSerializer(serializers.Serializer):
    motivo = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="b) Motivo del reclamo; si falta, el objeto del reclamo.",
    )
    resultado = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="d) Resultado de la conciliación; si falta, la causa del acta de cierre.",
    )
    otros = serializers.CharField(required=False, allow_blank=True, default="")


class InformeDeCierre(Acto):
    @extend_schema(
        summary="Informe de cierre sin acuerdo (conciliador designado, AR-14)",
        responses={200: InformeDeCierreSerializer},
    )
    def get(self, request, pk):
        from audiencias.models import InformeDeCierre as Modelo

        reclamo = _reclamo_del_conciliador(request, pk)
        informe = Modelo.objects.filter(reclamo=reclamo).select_related("documento").first()
        if informe is None:
            raise NoEncontrado("El informe de cierre todavía no fue presentado.")
        return Response(InformeDeCierreSerializer(informe, context={"request": request}).data)

    @extend_schema(
        summary="Presentar el informe de cierre sin acuerdo a la Secretaría (AR-14)",
        description="D202-I.17: partes, motivo, monto y resultado, dentro de los 2 días de la "
        "conclusión sin acuerdo. Las partes y el monto salen del expediente. Cumple AR-14; "
        "presentado después de su vencimiento se acepta igual y queda registrado como tardío "
        "(`fuera_de_plazo`), señalado al Registro de conciliadores. 409 si el reclamo no se "
        "cerró sin acuerdo o el informe ya fue presentado.",
        request=PresentarInformeSerializer,
        responses={201: InformeDeCierreSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        from audiencias.services import informe_cierre

        reclamo = _reclamo_del_conciliador(request, pk)
        datos = PresentarInformeSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        propuestos = informe_cierre.datos_propuestos(reclamo)
        informe = informe_cierre.presentar_informe(
            reclamo,
            por=request.user,
            motivo=datos.validated_data.get("motivo") or propuestos["motivo"],
            resultado=datos.validated_data.get("resultado") or propuestos["resultado"],
            otros=datos.validated_data["otros"],
        )
        return Response(
            InformeDeCierreSerializer(informe, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


urlpatterns = [
    path(
        "reclamos/<int:pk>/informe-de-cierre/",
        InformeDeCierre.as_view(),
        name="conciliacion-informe-de-cierre",
    ),
    path(
        "audiencias/<int:pk>/remision-tope/", RemisionTope.as_view(), name="audiencia-remision-tope"
    ),
    path(
        "audiencias/<int:pk>/ampliaciones/objeto/",
        AmpliarObjeto.as_view(),
        name="audiencia-ampliar-objeto",
    ),
    path(
        "audiencias/<int:pk>/ampliaciones/enderezar/",
        Enderezar.as_view(),
        name="audiencia-enderezar",
    ),
    path(
        "audiencias/<int:pk>/ampliaciones/proveedor/",
        AmpliarAProveedor.as_view(),
        name="audiencia-ampliar-a-proveedor",
    ),
    path("reclamos/<int:pk>/conciliacion/", Duracion.as_view(), name="conciliacion-duracion"),
    path(
        "reclamos/<int:pk>/conciliacion/prorrogar/",
        Prorroga.as_view(),
        name="conciliacion-prorrogar",
    ),
    path(
        "reclamos/<int:pk>/conciliacion/cerrar/",
        CierrePorVencimiento.as_view(),
        name="conciliacion-cerrar-por-vencimiento",
    ),
]
