"""API of exports: the same forms, permissions and stream as the page.

- GET /api/v1/exportaciones/{tipo}.csv?desde=&hasta=&regimen=&oficina= → text/csv, streamed.
- POST /api/v1/exportaciones/informes/ → 202 with the report row; its task runs after commit.
- GET /api/v1/exportaciones/informes/ and /{id}/ → the reports and their status.

Staff sessions only (API keys belong to provider organisations, which export nothing): anyone
else gets a 403 in the JSON envelope, also when the client asked for text/csv.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from conciliacion.api import PaginacionPorCursor
from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from exportaciones import diccionario, permisos, services
from exportaciones.formularios import PeriodoForm, TrimestreForm
from exportaciones.models import InformeTrimestral
from exportaciones.views import respuesta_csv


class RendererCsv(BaseRenderer):
    """Lets a client ask for text/csv; the CSV itself is a StreamingHttpResponse."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes | str) else b""


class _SoloJsonEnErrores:
    """Errors always answer the JSON envelope, whatever the client accepted."""

    def handle_exception(self, exc):
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = "application/json"
        return super().handle_exception(exc)


def _errores(form) -> dict:
    return {campo: [str(m) for m in mensajes] for campo, mensajes in form.errors.items()}


def _descripcion_csv() -> str:
    partes = [
        "CSV en UTF-8 con BOM, separado por comas, fechas ISO 8601 y punto decimal. "
        "Se genera mientras se descarga (sin límite de filas). Columnas por tipo:"
    ]
    for e in diccionario.EXPORTACIONES.values():
        partes.append(f"\n\n**{e.codigo}** ({e.periodo}): " + ", ".join(e.encabezados))
    partes.append("\n\nEl diccionario completo está en docs/exportaciones.md y en la página.")
    return "".join(partes)


class ExportacionCsv(_SoloJsonEnErrores, APIView):
    renderer_classes = [JSONRenderer, RendererCsv]

    @extend_schema(
        operation_id="exportaciones_csv",
        summary="Exportar un período como CSV",
        description=_descripcion_csv(),
        parameters=[
            OpenApiParameter(
                "tipo",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(diccionario.EXPORTACIONES),
                description="Qué exportar.",
            ),
            OpenApiParameter(
                "desde", OpenApiTypes.DATE, required=True, description="Primer día (incluido)."
            ),
            OpenApiParameter(
                "hasta",
                OpenApiTypes.DATE,
                required=True,
                description="Último día (incluido); hasta 366 días.",
            ),
            OpenApiParameter(
                "regimen",
                OpenApiTypes.STR,
                description="COPREC o PE-INDECOPI; vacío: todos los que podés ver.",
            ),
            OpenApiParameter(
                "oficina", OpenApiTypes.INT, description="Id de la oficina de presentación."
            ),
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="El CSV."),
        },
    )
    def get(self, request, tipo: str):
        exportacion = diccionario.obtener(tipo)
        if exportacion is None:
            raise Http404
        regimenes = permisos.exigir(request.user, tipo)
        form = PeriodoForm(request.query_params, regimenes_permitidos=regimenes)
        if not form.is_valid():
            raise ValidationError(_errores(form))
        return respuesta_csv(exportacion, form)


class InformeSerializer(serializers.ModelSerializer):
    estado = serializers.CharField(read_only=True, help_text="pendiente, emitido o fallido.")
    documento_numero = serializers.SerializerMethodField()
    documento_url = serializers.SerializerMethodField()
    pdf_listo = serializers.SerializerMethodField()

    class Meta:
        model = InformeTrimestral
        fields = [
            "id",
            "anio",
            "trimestre",
            "regimen_codigo",
            "oficina",
            "estado",
            "solicitado_en",
            "cifras",
            "documento",
            "documento_numero",
            "documento_url",
            "pdf_listo",
        ]
        read_only_fields = fields

    def get_documento_numero(self, informe) -> str | None:
        return informe.documento.numero_visible if informe.documento_id else None

    def get_documento_url(self, informe) -> str | None:
        return informe.documento.get_absolute_url() if informe.documento_id else None

    def get_pdf_listo(self, informe) -> bool:
        return bool(informe.documento_id and informe.documento.renderizado)


class PedidoInformeSerializer(serializers.Serializer):
    anio = serializers.IntegerField(min_value=2015, max_value=2100)
    trimestre = serializers.IntegerField(min_value=1, max_value=4)
    regimen = serializers.CharField()
    oficina = serializers.IntegerField(required=False, allow_null=True)


def _informes(usuario):
    return InformeTrimestral.objects.filter(
        regimen_codigo__in=permisos.exigir(usuario, "informe")
    ).select_related("documento")


class PaginacionInformes(PaginacionPorCursor):
    ordering = ("-solicitado_en", "-pk")

    def paginate_queryset(self, queryset, request, view=None):
        # An empty `tamano=` is not an integer either (the shared check skips empty values).
        if request.query_params.get(self.page_size_query_param) == "":
            raise ValidationError({self.page_size_query_param: ["Indicá un número entero."]})
        return super().paginate_queryset(queryset, request, view)


class Informes(_SoloJsonEnErrores, generics.ListAPIView):
    serializer_class = InformeSerializer
    pagination_class = PaginacionInformes
    queryset = InformeTrimestral.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return _informes(self.request.user)

    @extend_schema(
        operation_id="exportaciones_informes_listar",
        summary="Informes trimestrales pedidos",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="exportaciones_informes_pedir",
        summary="Pedir un informe trimestral (PDF) para la autoridad",
        description="Responde 202 en seguida; las cifras y el PDF se generan en segundo plano. "
        "Consultá el informe hasta que `pdf_listo` sea true.",
        request=PedidoInformeSerializer,
        parameters=[PARAMETRO_IDEMPOTENCIA],
        responses={202: InformeSerializer},
    )
    @idempotente
    def post(self, request):
        regimenes = permisos.exigir(request.user, "informe")
        entrada = PedidoInformeSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        form = TrimestreForm(
            {k: ("" if v is None else v) for k, v in entrada.validated_data.items()},
            regimenes_permitidos=regimenes,
        )
        if not form.is_valid():
            raise ValidationError(_errores(form))
        datos = form.cleaned_data
        informe = services.solicitar_informe(
            anio=datos["anio"],
            trimestre=datos["trimestre"],
            regimen=datos["regimen"],
            oficina=datos.get("oficina"),
            por=request.user,
        )
        informe = InformeTrimestral.objects.select_related("documento").get(pk=informe.pk)
        return Response(InformeSerializer(informe).data, status=status.HTTP_202_ACCEPTED)


class Informe(_SoloJsonEnErrores, APIView):
    @extend_schema(
        operation_id="exportaciones_informes_ver",
        summary="Un informe trimestral y su estado",
        responses={200: InformeSerializer},
    )
    def get(self, request, pk: int):
        informe = _informes(request.user).filter(pk=pk).first()
        if informe is None:
            raise Http404
        return Response(InformeSerializer(informe).data)
