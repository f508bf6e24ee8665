"""API of the COPREC hearing itself: the hearing with its attendance, its outcome and its actas
(whoever may see the claim: acceder_audiencia), and the conciliator's two acts at it — recording
each party's attendance, with the art. 11 power checks, and recording the outcome, which issues
the actas (D202-I.6, I.9, I.11, I.16, I.17).

The same services as the hearing page (audiencias.services.audiencia); the same caller: the
hearing's conciliator (403 for anyone else who sees the hearing, 404 for whoever does not). A
pending recusación (409 recusal_pending) or over-cap review (409 over_cap_review) stops both acts.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from audiencias.api.turnos import AudienciaSerializer
from audiencias.models import Asistencia, Audiencia
from audiencias.permisos import acceder_audiencia, audiencia_del_conciliador, es_conciliador_de
from audiencias.selectors import actas_de, acuerdo_vigente, filas_de_asistencia
from audiencias.services import audiencia as servicio
from conciliacion.api import LimitePorClave
from conciliadores.models import Modalidad
from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from reclamos.api import EnZonaDelReclamo

PODER = ("legitimacion", "domicilio_mandante", "facultad_transigir")

# --- reading the hearing ---------------------------------------------------------------------


class PoderSerializer(serializers.Serializer):
    legitimacion = serializers.BooleanField(help_text="Personería verificada.")
    domicilio_mandante = serializers.BooleanField(help_text="Domicilio del mandante verificado.")
    facultad_transigir = serializers.BooleanField(help_text="Facultad para transigir verificada.")
    copia = serializers.CharField(
        allow_null=True, help_text="Enlace a la copia firmada del poder (art. 11)."
    )


class AsistenciaDeLaAudienciaSerializer(serializers.Serializer):
    parte = serializers.ChoiceField(choices=Asistencia.Parte.choices)
    proveedor = serializers.IntegerField(
        allow_null=True, help_text="Id del proveedor del reclamo; null para el consumidor."
    )
    proveedor_razon_social = serializers.CharField(allow_null=True)
    registrada = serializers.BooleanField(
        help_text="false: el conciliador todavía no registró si esta parte compareció."
    )
    comparecio = serializers.BooleanField(allow_null=True)
    nombre = serializers.CharField()
    documento_identidad = serializers.CharField(
        allow_null=True, help_text="Solo para el conciliador de la audiencia y el personal."
    )
    caracter = serializers.CharField(help_text="personal, apoderado, representante_legal, letrado.")
    modo = serializers.CharField()
    poder = PoderSerializer(allow_null=True, help_text="Solo si actuó un apoderado.")


class ActaDeLaAudienciaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tipo = serializers.CharField()
    numero = serializers.CharField(source="numero_visible")
    titulo = serializers.CharField()
    emitido_en = serializers.DateTimeField()
    codigo_verificacion = serializers.CharField(source="codigo")
    sha256 = serializers.CharField(help_text="Vacío mientras el PDF se genera.")
    url = serializers.CharField(source="get_absolute_url")


class ObligacionSerializer(serializers.Serializer):
    descripcion = serializers.CharField()
    monto = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    fecha_cumplimiento = serializers.DateField()
    a_cargo = serializers.CharField(required=False, allow_blank=True, default="proveedor")


class ObligacionAcordadaSerializer(serializers.Serializer):
    descripcion = serializers.CharField()
    monto = serializers.CharField(help_text="Con dos decimales; vacío si no tiene monto.")
    fecha_cumplimiento = serializers.DateField()
    a_cargo = serializers.CharField()


class FirmaDelAcuerdoSerializer(serializers.Serializer):
    parte = serializers.CharField(help_text="consumidor, proveedor o conciliador.")
    proveedor = serializers.IntegerField(source="proveedor_id", allow_null=True)
    nombre = serializers.CharField()
    metodo = serializers.CharField(help_text="presencial (ante el conciliador) o en_linea.")
    en = serializers.DateTimeField()
    sha256 = serializers.CharField(help_text="Huella del acta que se firmó.")


class AcuerdoDeLaAudienciaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    terminos = serializers.CharField()
    monto_total = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    obligaciones = ObligacionAcordadaSerializer(many=True)
    honorarios_a_cargo = serializers.CharField()
    requiere_ratificacion = serializers.BooleanField()
    sha256 = serializers.SerializerMethodField(
        help_text="La huella que liga cada firma: el SHA-256 del PDF del acta de acuerdo (o de "
        "sus datos emitidos, mientras el PDF se genera). Se envía para firmar en línea."
    )
    firmas = FirmaDelAcuerdoSerializer(many=True, source="firmas.all")

    @extend_schema_field(serializers.CharField())
    def get_sha256(self, acuerdo):
        return servicio.huella_del_acuerdo(acuerdo)


class AudienciaDetalleSerializer(EnZonaDelReclamo, AudienciaSerializer):
    asistencias = serializers.SerializerMethodField()
    acuerdo = serializers.SerializerMethodField()
    actas = serializers.SerializerMethodField()

    class Meta(AudienciaSerializer.Meta):
        fields = [
            *AudienciaSerializer.Meta.fields,
            "celebrada_en",
            "observaciones",
            "dispensa_confidencialidad",
            "asistencias",
            "acuerdo",
            "actas",
        ]

    @extend_schema_field(AsistenciaDeLaAudienciaSerializer(many=True))
    def get_asistencias(self, audiencia):
        completo = self.context.get("completo", False)
        filas = [_asistencia(p, prov, a, completo) for p, prov, a in filas_de_asistencia(audiencia)]
        return AsistenciaDeLaAudienciaSerializer(filas, many=True).data

    @extend_schema_field(AcuerdoDeLaAudienciaSerializer(allow_null=True))
    def get_acuerdo(self, audiencia):
        acuerdo = acuerdo_vigente(audiencia)
        return AcuerdoDeLaAudienciaSerializer(acuerdo).data if acuerdo else None

    @extend_schema_field(ActaDeLaAudienciaSerializer(many=True))
    def get_actas(self, audiencia):
        return ActaDeLaAudienciaSerializer(actas_de(audiencia), many=True).data


def _asistencia(parte, proveedor, registrada, completo: bool) -> dict:
    a = registrada
    poder = None
    if a is not None and a.caracter == Asistencia.Caracter.APODERADO:
        poder = {
            "legitimacion": a.poder_legitimacion,
            "domicilio_mandante": a.poder_domicilio_mandante,
            "facultad_transigir": a.poder_facultad_transigir,
            "copia": a.poder_copia.get_absolute_url() if a.poder_copia_id else None,
        }
    return {
        "parte": parte,
        "proveedor": getattr(proveedor, "pk", None),
        "proveedor_razon_social": getattr(proveedor, "razon_social", None),
        "registrada": a is not None,
        "comparecio": a.comparecio if a else None,
        "nombre": a.nombre if a else "",
        "documento_identidad": (a.documento_identidad if a else "") if completo else None,
        "caracter": a.caracter if a else "",
        "modo": a.modo if a else "",
        "poder": poder,
    }


def responder_audiencia(request, audiencia: Audiencia, status_ok=status.HTTP_200_OK) -> Response:
    audiencia = acceder_audiencia(request.user, audiencia.pk, clave=request.auth)
    completo = es_conciliador_de(request.user, audiencia) or request.user.es_personal
    cuerpo = AudienciaDetalleSerializer(audiencia, context={"completo": completo}).data
    return Response(cuerpo, status=status_ok)


class _Base(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [LimitePorClave]


class DetalleAudiencia(_Base):
    @extend_schema(
        summary="Una audiencia: asistencia, resultado y actas",
        description="Para quien puede ver el reclamo (con clave de API, solo los de su "
        "organización). Las actas enlazan al PDF; su `sha256` queda vacío mientras se genera.",
        responses=AudienciaDetalleSerializer,
    )
    def get(self, request, pk):
        return responder_audiencia(request, acceder_audiencia(request.user, pk, clave=request.auth))


# --- attendance (art. 11) --------------------------------------------------------------------


class AsistenciaEntradaSerializer(serializers.Serializer):
    parte = serializers.ChoiceField(choices=Asistencia.Parte.choices)
    proveedor = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Id del proveedor citado."
    )
    comparecio = serializers.BooleanField()
    nombre = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Quien asistió (obligatorio)."
    )
    documento_identidad = serializers.CharField(required=False, allow_blank=True, default="")
    caracter = serializers.ChoiceField(
        choices=Asistencia.Caracter.choices, required=False, allow_blank=True, default=""
    )
    modo = serializers.ChoiceField(
        choices=Modalidad.choices, required=False, allow_blank=True, default=""
    )
    legitimacion = serializers.BooleanField(required=False, default=False)
    domicilio_mandante = serializers.BooleanField(required=False, default=False)
    facultad_transigir = serializers.BooleanField(required=False, default=False)
    poder_copia = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Copia firmada del poder (PDF, JPG o PNG): obligatoria para un apoderado.",
    )


class RegistrarAsistencia(_Base):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        summary="Registrar la asistencia de una parte (conciliador de la audiencia, art. 11)",
        description="Una parte por vez; registrarla de nuevo reemplaza lo registrado. Un "
        "apoderado acredita la personería, el domicilio del mandante y la facultad para "
        "transigir, con la copia del poder (multipart); no se admite la gestión de negocios.",
        request={
            "application/json": AsistenciaEntradaSerializer,
            "multipart/form-data": AsistenciaEntradaSerializer,
        },
        responses={200: AudienciaDetalleSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        audiencia = audiencia_del_conciliador(request.user, pk, clave=request.auth)
        datos = AsistenciaEntradaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        d = dict(datos.validated_data)
        id_proveedor = d.pop("proveedor")
        servicio.registrar_asistencia(
            audiencia,
            por=request.user,
            proveedor=audiencia.reclamo.proveedores.filter(pk=id_proveedor).first()
            if id_proveedor
            else None,
            poder={k: d.pop(k) for k in PODER},
            **d,
        )
        return responder_audiencia(request, audiencia)


# --- the outcome -----------------------------------------------------------------------------


class ResultadoEntradaSerializer(serializers.Serializer):
    resultado = serializers.ChoiceField(choices=Audiencia.Resultado.choices)
    observaciones = serializers.CharField(required=False, allow_blank=True, default="")
    dispensa_confidencialidad = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Todas las personas participantes firmaron la dispensa de confidencialidad.",
    )
    terminos = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Acuerdo: sus términos."
    )
    monto_total = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    obligaciones = ObligacionSerializer(
        many=True,
        required=False,
        default=list,
        help_text="Acuerdo: cada obligación con su fecha de cumplimiento (al menos una).",
    )
    honorarios_a_cargo = serializers.CharField(required=False, allow_blank=True, default="")
    fundamento_tope = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="excede_tope: por qué el monto supera el tope (art. 2).",
    )
    monto_tope = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )


class RegistrarResultado(_Base):
    @extend_schema(
        summary="Registrar el resultado de la audiencia (conciliador de la audiencia)",
        description="Con la asistencia de cada parte citada ya registrada. Emite las actas que "
        "correspondan: de audiencia; de acuerdo (lo firman luego las partes); de cierre (sin "
        "acuerdo, abre AR-14); de incomparecencia (solo con la cédula notificada en término, "
        "abre AR-11). `nueva_audiencia` es un cuarto intermedio: el conciliador fija la "
        "próxima con `POST /api/v1/reclamos/{id}/audiencias/`.",
        request=ResultadoEntradaSerializer,
        responses={201: AudienciaDetalleSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        audiencia = audiencia_del_conciliador(request.user, pk, clave=request.auth)
        datos = ResultadoEntradaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        d = datos.validated_data
        servicio.registrar_resultado(
            audiencia,
            por=request.user,
            resultado=d["resultado"],
            observaciones=d["observaciones"],
            dispensa_confidencialidad=d["dispensa_confidencialidad"],
            acuerdo={
                "terminos": d["terminos"],
                "monto_total": d["monto_total"],
                "obligaciones": [dict(o) for o in d["obligaciones"]],
                "honorarios_a_cargo": d["honorarios_a_cargo"] or "proveedor",
            },
            remision={"fundamento": d["fundamento_tope"], "monto": d["monto_tope"]},
        )
        return responder_audiencia(request, audiencia, status.HTTP_201_CREATED)


urlpatterns = [
    path("audiencias/<int:pk>/", DetalleAudiencia.as_view(), name="audiencia-detalle"),
    path(
        "audiencias/<int:pk>/asistencia/",
        RegistrarAsistencia.as_view(),
        name="audiencia-asistencia",
    ),
    path(
        "audiencias/<int:pk>/resultado/",
        RegistrarResultado.as_view(),
        name="audiencia-resultado",
    ),
]
