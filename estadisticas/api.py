"""API of the open data: GET /api/v1/datos/{proveedores,sectores,regimenes}/ and
/api/v1/datos/diccionario/. Public (no key), throttled per IP, cursor-paginated over the
maintained rows (index cifra_lista), the same columns and suppression as the CSV files."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from conciliacion.api import LimitePorClave, validar_consulta
from conciliacion.esquema import ErrorSerializer
from estadisticas import selectors
from estadisticas.definiciones import DICCIONARIO, Periodo, Sector
from normativa.regimenes import todos

REGIMENES = [r.codigo for r in todos()]

_CAMPOS = {
    "string": lambda c: serializers.CharField(help_text=c.descripcion, allow_null=c.nulo),
    "integer": lambda c: serializers.IntegerField(help_text=c.descripcion, allow_null=c.nulo),
    "number": lambda c: serializers.FloatField(help_text=c.descripcion, allow_null=c.nulo),
    "date": lambda c: serializers.DateField(help_text=c.descripcion, allow_null=c.nulo),
    "boolean": lambda c: serializers.BooleanField(help_text=c.descripcion),
}


def _serializer(corte: str) -> type[serializers.Serializer]:
    campos = {c.nombre: _CAMPOS[c.tipo](c) for c in DICCIONARIO[corte]}
    nombre = f"DatosAbiertos{corte.capitalize()}"
    return type(nombre, (serializers.Serializer,), campos)


SERIALIZERS = {corte: _serializer(corte) for corte in DICCIONARIO}


class LimiteDatos(AnonRateThrottle):
    scope = "datos"
    rate = "120/min"


class PaginacionDatos(CursorPagination):
    ordering = ("-desde", "pk")
    page_size_query_param = "tamano"
    page_size = 100
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        validar_consulta(
            request, {self.page_size_query_param: serializers.IntegerField(min_value=1)}
        )
        return super().paginate_queryset(queryset, request, view)


def _consulta(request) -> dict:
    vacios = [n for n in ("periodo", "regimen", "sector", "identificador", "desde", "hasta")
              if request.query_params.get(n, None) == ""]  # fmt: skip
    vacios += [
        n
        for n in ("periodo", "regimen", "sector", "identificador", "desde", "hasta", "tamano")
        if len(request.query_params.getlist(n)) > 1
    ]
    if vacios:
        # DRF reads an empty optional query value as absent; the schema does not allow it.
        raise serializers.ValidationError(
            {n: ["Tiene que venir una vez y no vacío."] for n in vacios}
        )
    return validar_consulta(
        request,
        {
            "periodo": serializers.ChoiceField(choices=Periodo.values),
            "regimen": serializers.ChoiceField(choices=REGIMENES),
            "sector": serializers.ChoiceField(choices=Sector.values),
            "identificador": serializers.RegexField(r"^\d{11}$"),
            "desde": serializers.DateField(),
            "hasta": serializers.DateField(),
            "cursor": serializers.CharField(),
            "tamano": serializers.IntegerField(min_value=1),
        },
    )


def _parametros(corte: str) -> list[OpenApiParameter]:
    parametros = [
        OpenApiParameter(
            "periodo", str, enum=Periodo.values, description="mes (por defecto) o semana ISO."
        ),
        OpenApiParameter("regimen", str, enum=REGIMENES, description="Régimen del reclamo."),
        OpenApiParameter(
            "desde", str, description="Períodos que empiezan desde esta fecha (AAAA-MM-DD)."
        ),
        OpenApiParameter(
            "hasta", str, description="Períodos que empiezan hasta esta fecha (AAAA-MM-DD)."
        ),
    ]
    if corte in ("proveedores", "sectores"):
        parametros.append(OpenApiParameter("sector", str, enum=Sector.values))
    if corte == "proveedores":
        parametros.append(
            OpenApiParameter("identificador", str, description="CUIT o RUC (11 dígitos).")
        )
    return parametros


class _ListaDatos(ListAPIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [LimitePorClave, LimiteDatos]
    pagination_class = PaginacionDatos
    corte = ""

    def get_queryset(self):
        consulta = _consulta(self.request)
        filtros = {
            "periodo": consulta.get("periodo") or Periodo.MES,
            "regimen": consulta.get("regimen"),
            "desde": consulta.get("desde"),
            "hasta": consulta.get("hasta"),
        }
        if self.corte in ("proveedores", "sectores"):
            filtros["sector"] = consulta.get("sector")
        if self.corte == "proveedores":
            filtros["identificador"] = consulta.get("identificador")
        return selectors.publicas(self.corte, **filtros)

    def list(self, request, *args, **kwargs):
        pagina = self.paginate_queryset(self.get_queryset())
        filas = [selectors.fila_publica(c, self.corte) for c in pagina]
        return self.get_paginated_response(filas)


def _vista(corte: str, resumen: str):
    @extend_schema(
        operation_id=f"datos_{corte}",
        summary=resumen,
        description=(
            "Cifras agregadas (sin datos personales), licencia CC BY 4.0. Las filas con menos de "
            "k reclamos van con `suprimido: true` y cifras nulas. Ver /api/v1/datos/diccionario/."
        ),
        parameters=_parametros(corte),
        responses={
            200: SERIALIZERS[corte](many=True),
            400: ErrorSerializer,
            404: ErrorSerializer,  # a cursor that is not one of ours
            429: ErrorSerializer,
        },
        auth=[],
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    return type(f"Datos{corte.capitalize()}View", (_ListaDatos,), {"corte": corte, "get": get})


DatosProveedoresView = _vista("proveedores", "Datos abiertos por proveedor y período")
DatosSectoresView = _vista("sectores", "Datos abiertos por sector y período")
DatosRegimenesView = _vista("regimenes", "Datos abiertos por régimen y período")


class CampoSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField()
    description = serializers.CharField()


class DiccionarioSerializer(serializers.Serializer):
    licencia = serializers.DictField(child=serializers.CharField())
    k = serializers.IntegerField()
    recursos = serializers.DictField()


class DiccionarioView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [LimitePorClave, LimiteDatos]

    @extend_schema(
        operation_id="datos_diccionario",
        summary="Diccionario de datos de los datos abiertos",
        responses={200: DiccionarioSerializer, 429: ErrorSerializer},
        auth=[],
    )
    def get(self, request):
        from estadisticas.views import diccionario_datos

        return Response(diccionario_datos())
