"""API of CABA's intake of claims routed by the national Ventanilla Única Federal (C1c,
decision 0038). The VUF integration is a machine client like the others: an API key
(`Authorization: Clave …`) of an agency office (Organizacion tipo oficina) created for a DGDyPC
official, who answers for what it files (`manage.py clave_vuf`); a DGDyPC official's session works
too. With settings.CABA_VUF_HABILITADA off the endpoint does not exist (404)."""

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from conciliacion.errores import AccesoDenegado
from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from cuentas.models import Organizacion
from normativa.regimenes.caba import MODALIDADES
from sumarios.models import Denuncia
from sumarios.services import denuncia as servicio
from sumarios.services.sumario import es_personal


class DenunciaVufSerializer(serializers.Serializer):
    numero_vuf = serializers.CharField(max_length=40, help_text="Número del reclamo en la VUF.")
    nombre = serializers.CharField(max_length=120)
    apellido = serializers.CharField(max_length=120)
    dni = serializers.CharField(max_length=12)
    domicilio = serializers.CharField(max_length=300)
    email = serializers.EmailField(help_text="Correo de la persona denunciante.")
    telefono = serializers.CharField(max_length=40, required=False, allow_blank=True)
    cuit = serializers.CharField(max_length=13)
    razon_social = serializers.CharField(max_length=200)
    domicilio_proveedor = serializers.CharField(max_length=300, required=False, allow_blank=True)
    hechos = serializers.CharField()
    pedido = serializers.CharField()
    materia = serializers.ChoiceField(choices=Denuncia.Materia.choices, required=False)
    modalidad = serializers.ChoiceField(choices=list(MODALIDADES), required=False)
    consumidor_final = serializers.BooleanField(
        help_text="La persona declaró en la VUF ser consumidora final y titular."
    )
    en_caba = serializers.BooleanField(help_text="El hecho ocurrió en la Ciudad.")
    dano_directo = serializers.BooleanField(required=False, default=False)
    dano_directo_monto = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    dano_directo_detalle = serializers.CharField(required=False, allow_blank=True)


class DenunciaVufCreadaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    numero = serializers.CharField()
    numero_vuf = serializers.CharField()
    canal = serializers.CharField()
    estado = serializers.CharField()
    cuenta_nueva = serializers.BooleanField()


def _exigir_cliente_vuf(request) -> None:
    if not servicio.vuf_habilitada():
        raise Http404
    if not es_personal(request.user):
        raise AccesoDenegado(
            "Solo la Dirección (o su integración con la VUF) carga estas denuncias."
        )
    organizacion = getattr(request.auth, "organizacion", None)
    if organizacion is not None and organizacion.tipo != Organizacion.Tipo.OFICINA:
        raise AccesoDenegado("Esta clave no es de la integración con la VUF.")


class DenunciasDesdeLaVuf(APIView):
    @extend_schema(
        summary="Cargar una denuncia derivada por la Ventanilla Única Federal (CABA)",
        description="C1c: el reclamo que la VUF derivó a la Ciudad entra como denuncia con canal "
        "«vuf» y el número de la VUF guardado. El mismo número dos veces es 409 "
        "`duplicate_vuf`. Solo si el despliegue habilita la VUF (si no, 404).",
        request=DenunciaVufSerializer,
        responses={201: DenunciaVufCreadaSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request):
        _exigir_cliente_vuf(request)
        datos = DenunciaVufSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        reclamo, nueva = servicio.presentar_desde_vuf(
            por=request.user, datos=dict(datos.validated_data)
        )
        denuncia = reclamo.denuncia_caba
        return Response(
            DenunciaVufCreadaSerializer(
                {
                    "id": reclamo.pk,
                    "numero": reclamo.numero,
                    "numero_vuf": denuncia.numero_vuf,
                    "canal": denuncia.canal,
                    "estado": reclamo.estado,
                    "cuenta_nueva": nueva,
                }
            ).data,
            status=status.HTTP_201_CREATED,
        )


urlpatterns = [
    path("caba/vuf/denuncias/", DenunciasDesdeLaVuf.as_view(), name="denuncias-desde-la-vuf"),
]
