"""API of the hearings an agency official convenes in the mediation procedure (S001), with the
mediation's access rule (acceder_mediacion): the list, and rescheduling and cancelling a pending
one (the convening official or an administrator; the same services as the hearing page). The
official records the outcome on the hearing page. Datetimes are in the régimen's time zone, and
a datetime sent without offset is read in it too."""

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from audiencias.models import Asistencia, Audiencia, FirmaActa
from audiencias.services import mediacion_cambios, mediacion_firmas
from audiencias.services.mediacion import acta_de
from conciliacion.api import PaginacionCursor, pagina_de
from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from reclamos.api import EnZonaDelReclamo
from reclamos.permisos import acceder_mediacion
from reclamos.services.mediacion.conformidad import exigir_contrasena


class ActaAudienciaConvocadaSerializer(serializers.Serializer):
    numero = serializers.CharField(source="numero_visible")
    titulo = serializers.CharField()
    sha256 = serializers.CharField(help_text="Vacío mientras el PDF se genera.")
    url = serializers.CharField(source="get_absolute_url")


class FirmaActaAudienciaConvocadaSerializer(EnZonaDelReclamo, serializers.ModelSerializer):
    class Meta:
        model = FirmaActa
        fields = ["parte", "proveedor", "nombre", "en", "sha256"]

    def zona_horaria(self, instance) -> str:
        return instance.audiencia.reclamo.regimen.zona_horaria


class AudienciaConvocadaSerializer(EnZonaDelReclamo, serializers.ModelSerializer):
    conduce = serializers.CharField(source="nombre_de_quien_conduce")
    acta = serializers.SerializerMethodField()
    firmas_acta = serializers.SerializerMethodField(
        help_text="Firmas en línea del acta vigente por las partes que asistieron."
    )
    acta_firmada = serializers.SerializerMethodField(
        help_text="Si todas las partes que asistieron firmaron (el acta es la versión firmada)."
    )

    class Meta:
        model = Audiencia
        fields = [
            "id",
            "orden",
            "inicio",
            "duracion_minutos",
            "modalidad",
            "enlace_video",
            "estado",
            "resultado",
            "conduce",
            "acta",
            "firmas_acta",
            "acta_firmada",
        ]

    def _acta(self, audiencia):
        # A page of the list hands every row's acta in the context (actas_y_firmas).
        leidas = self.context.get("actas_y_firmas")
        return leidas[audiencia.pk][0] if leidas is not None else acta_de(audiencia)

    @extend_schema_field(ActaAudienciaConvocadaSerializer(allow_null=True))
    def get_acta(self, audiencia):
        acta = self._acta(audiencia) if audiencia.estado == Audiencia.Estado.CELEBRADA else None
        return ActaAudienciaConvocadaSerializer(acta).data if acta else None

    @extend_schema_field(FirmaActaAudienciaConvocadaSerializer(many=True))
    def get_firmas_acta(self, audiencia):
        leidas = self.context.get("actas_y_firmas")
        if leidas is not None:
            firmas = leidas[audiencia.pk][1]
        else:
            firmas = [f["firma"] for f in mediacion_firmas.estado_de_las_firmas(audiencia)]
        return FirmaActaAudienciaConvocadaSerializer(
            [f for f in firmas if f is not None], many=True, context=self.context
        ).data

    @extend_schema_field(serializers.BooleanField())
    def get_acta_firmada(self, audiencia):
        return mediacion_firmas.acta_firmada(self._acta(audiencia))


def actas_y_firmas(reclamo, audiencias) -> dict[int, tuple]:
    """For a page of a claim's hearings: each one's current acta and the signatures of its
    attending parties (None while missing) — what acta_de and estado_de_las_firmas give one
    hearing, in three queries for the whole page instead of four per row."""
    from documentos.selectors import documentos_de

    ids = [a.pk for a in audiencias]
    actas = {}
    for documento in (
        documentos_de(reclamo)
        .filter(tipo="acta_audiencia", snapshot__audiencia_id__in=ids, reemplazos__isnull=True)
        .select_related("reemplaza")
    ):
        actas[documento.snapshot.get("audiencia_id")] = documento  # the last one, as acta_de
    originales = {
        a.pk: (actas[a.pk].reemplaza if mediacion_firmas.acta_firmada(actas[a.pk]) else actas[a.pk])
        for a in audiencias
        if a.pk in actas and a.funcionario_id is not None
    }
    firmas = {
        (f.acta_id, f.parte, f.proveedor_id): f
        for f in FirmaActa.objects.filter(acta__in=list(originales.values())).select_related(
            "audiencia__reclamo"
        )
    }
    firmantes: dict[int, list] = {}
    if originales:
        for asistencia in Asistencia.objects.filter(
            audiencia_id__in=list(originales), comparecio=True
        ).order_by("audiencia_id", "parte", "proveedor_id"):
            firmantes.setdefault(asistencia.audiencia_id, []).append(asistencia)
    return {
        a.pk: (
            actas.get(a.pk),
            [
                firmas.get((originales[a.pk].pk, x.parte, x.proveedor_id))
                for x in firmantes.get(a.pk, [])
            ]
            if a.pk in originales
            else [],
        )
        for a in audiencias
    }


class AudienciasDeLaMediacion(APIView):
    pagination_class = PaginacionCursor
    orden_cursor = ("inicio", "pk")  # index audiencia_del_reclamo

    @extend_schema(
        summary="Audiencias de conciliación de una mediación",
        description="De la primera a la última, de a 50 (`tamano` hasta 200). Paginación por "
        "cursor: seguí el enlace `next` hasta que sea null.",
        responses=AudienciaConvocadaSerializer(many=True),
    )
    def get(self, request, pk):
        reclamo = acceder_mediacion(
            request.user, pk, clave=request.auth, vista="api:mediacion_audiencias"
        )
        audiencias = reclamo.audiencias.select_related("reclamo", "funcionario")

        def serializar(pagina):
            contexto = {"actas_y_firmas": actas_y_firmas(reclamo, pagina)}
            return AudienciaConvocadaSerializer(pagina, many=True, context=contexto).data

        return pagina_de(self, request, audiencias, serializar)


class ReprogramacionAudienciaConvocadaSerializer(serializers.Serializer):
    inicio = serializers.DateTimeField(
        help_text="Nuevo día y hora, en un día hábil de la entidad. Sin desfase horario se "
        "entiende en la hora del régimen (Lima)."
    )
    motivo = serializers.CharField()
    enlace_video = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Otro enlace de la videoconferencia (https://). Si se omite, se mantiene.",
    )
    duracion_minutos = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Otra duración prevista, de 15 a 240 minutos. Si se omite, se mantiene.",
    )


class CancelacionAudienciaConvocadaSerializer(serializers.Serializer):
    motivo = serializers.CharField()


class FirmaDelActaSerializer(serializers.Serializer):
    sha256 = serializers.CharField(
        max_length=64, help_text="La huella SHA-256 del PDF del acta que la persona vio."
    )
    contrasena = serializers.CharField(
        write_only=True, help_text="La contraseña de la cuenta: firmar es un acto expreso."
    )


class FirmaDelActa(APIView):
    @extend_schema(
        summary="Firmar el acta de la audiencia (cada parte que asistió)",
        description="Acto expreso, como la conformidad con una propuesta: exige la contraseña "
        "y la huella SHA-256 del PDF del acta vigente (400 si no coincide o la contraseña es "
        "incorrecta). 403 si quien firma no es parte (el funcionario no firma por una parte); "
        "409 si ya firmó, no asistió o el acta no admite firmas. Cuando firmaron todas las "
        "partes que asistieron se emite el acta firmada, que reemplaza a la anterior.",
        request=FirmaDelActaSerializer,
        responses=AudienciaConvocadaSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk, audiencia_pk):
        reclamo = acceder_mediacion(
            request.user, pk, clave=request.auth, vista="api:mediacion_audiencias"
        )
        audiencia = get_object_or_404(reclamo.audiencias, pk=audiencia_pk)
        datos = FirmaDelActaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        exigir_contrasena(request.user, datos.validated_data["contrasena"])
        mediacion_firmas.firmar_acta(
            audiencia, por=request.user, sha256_visto=datos.validated_data["sha256"]
        )
        audiencia.refresh_from_db()
        return Response(AudienciaConvocadaSerializer(audiencia).data)


class _CambioDeAudiencia(APIView):
    entrada = None

    def _abrir(self, request, pk, audiencia_pk):
        """The hearing and the validated input, read in the régimen's time zone."""
        reclamo = acceder_mediacion(
            request.user, pk, clave=request.auth, vista="api:mediacion_audiencias"
        )
        audiencia = get_object_or_404(reclamo.audiencias, pk=audiencia_pk)
        datos = self.entrada(data=request.data)
        with timezone.override(reclamo.regimen.zona_horaria):
            datos.is_valid(raise_exception=True)
        return audiencia, datos.validated_data


class ReprogramacionDeAudienciaConvocada(_CambioDeAudiencia):
    entrada = ReprogramacionAudienciaConvocadaSerializer

    @extend_schema(
        summary="Reprogramar una audiencia convocada (funcionario que la convocó)",
        description="Solo mientras está pendiente y con motivo. Devuelve la audiencia nueva, que "
        "reemplaza a la anterior; el calendario de cada participante mueve la misma cita, con "
        "el enlace y la duración nuevos si se indican (validados como al convocar: 400 con el "
        "campo).",
        request=ReprogramacionAudienciaConvocadaSerializer,
        responses=AudienciaConvocadaSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk, audiencia_pk):
        audiencia, datos = self._abrir(request, pk, audiencia_pk)
        nueva = mediacion_cambios.reprogramar_audiencia_convocada(
            audiencia, por=request.user, **datos
        )
        return Response(AudienciaConvocadaSerializer(nueva).data)


class CancelacionDeAudienciaConvocada(_CambioDeAudiencia):
    entrada = CancelacionAudienciaConvocadaSerializer

    @extend_schema(
        summary="Cancelar una audiencia convocada (funcionario que la convocó)",
        description="Solo mientras está pendiente y con motivo. El reclamo vuelve a la "
        "mediación y cada participante recibe la cancelación en su calendario.",
        request=CancelacionAudienciaConvocadaSerializer,
        responses=AudienciaConvocadaSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk, audiencia_pk):
        audiencia, datos = self._abrir(request, pk, audiencia_pk)
        mediacion_cambios.cancelar_audiencia_convocada(audiencia, por=request.user, **datos)
        audiencia.refresh_from_db()
        return Response(AudienciaConvocadaSerializer(audiencia).data)


urlpatterns = [
    path(
        "reclamos/<int:pk>/mediacion/audiencias/",
        AudienciasDeLaMediacion.as_view(),
        name="audiencias-de-la-mediacion",
    ),
    path(
        "reclamos/<int:pk>/mediacion/audiencias/<int:audiencia_pk>/reprogramar/",
        ReprogramacionDeAudienciaConvocada.as_view(),
        name="reprogramar-audiencia-convocada",
    ),
    path(
        "reclamos/<int:pk>/mediacion/audiencias/<int:audiencia_pk>/cancelar/",
        CancelacionDeAudienciaConvocada.as_view(),
        name="cancelar-audiencia-convocada",
    ),
    path(
        "reclamos/<int:pk>/mediacion/audiencias/<int:audiencia_pk>/firma/",
        FirmaDelActa.as_view(),
        name="firmar-acta-audiencia-convocada",
    ),
]
