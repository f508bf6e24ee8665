"""API of the signatures of the agreement acta reached at a COPREC hearing (Decision 12): the
hearing's conciliator records each party's signature at the hearing and signs as conciliator;
a party (the consumer, or the provider's representative — with an API key, for the key's
organisation) signs online with the account's password and the acta's SHA-256. When every party
and the conciliator signed, the claim moves to ACUERDO_FIRMADO.

The same service as the hearing page and the online signature page
(audiencias.services.audiencia.firmar_acuerdo). The answer is the hearing, whose `acuerdo` lists
the signatures. 404 for whoever does not see the hearing, 403 for the wrong person, 409 when the
hearing has no agreement or the agreement no longer admits signatures (or that party signed).
"""

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from audiencias.api.audiencia import AudienciaDetalleSerializer, _Base, responder_audiencia
from audiencias.models import Acuerdo, Asistencia, Audiencia, Firma
from audiencias.permisos import acceder_audiencia, audiencia_del_conciliador, parte_firmante
from audiencias.selectors import acuerdo_vigente
from audiencias.services import audiencia as servicio
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado
from cuentas.api import PARAMETRO_IDEMPOTENCIA
from cuentas.idempotencia import idempotente
from reclamos.services.mediacion.conformidad import exigir_contrasena


def _acuerdo(audiencia: Audiencia) -> Acuerdo:
    acuerdo = acuerdo_vigente(audiencia)
    if acuerdo is None:
        raise ConflictoDeEstado(_("En esta audiencia no hay un acuerdo para firmar."))
    return acuerdo


class FirmaPresencialEntradaSerializer(serializers.Serializer):
    parte = serializers.ChoiceField(
        choices=Asistencia.Parte.choices, help_text="La parte que firmó ante el conciliador."
    )
    proveedor = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Id del proveedor que firmó."
    )
    nombre = serializers.CharField(max_length=200, help_text="Nombre de quien firmó.")


class FirmaEnLineaEntradaSerializer(serializers.Serializer):
    sha256 = serializers.CharField(
        max_length=64, help_text="La huella `acuerdo.sha256` del acta que la persona vio."
    )
    contrasena = serializers.CharField(
        write_only=True, help_text="La contraseña de la cuenta: firmar es un acto expreso."
    )


class FirmaPresencial(_Base):
    @extend_schema(
        summary="Registrar la firma presencial de una parte (conciliador de la audiencia)",
        description="La parte firmó el acta de acuerdo ante el conciliador en la audiencia. "
        "409 si esa parte ya firmó o el acuerdo ya no admite firmas.",
        request=FirmaPresencialEntradaSerializer,
        responses={200: AudienciaDetalleSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        audiencia = audiencia_del_conciliador(request.user, pk, clave=request.auth)
        datos = FirmaPresencialEntradaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        d = datos.validated_data
        servicio.firmar_acuerdo(
            _acuerdo(audiencia),
            por=request.user,
            parte=d["parte"],
            proveedor=audiencia.reclamo.proveedores.filter(pk=d["proveedor"]).first()
            if d["proveedor"]
            else None,
            metodo=Firma.Metodo.PRESENCIAL,
            nombre=d["nombre"],
        )
        return responder_audiencia(request, audiencia)


class FirmaDelConciliador(_Base):
    @extend_schema(
        summary="Firmar el acta de acuerdo como conciliador/a",
        description="Sin cuerpo. Si ya firmaron todas las partes, el acuerdo queda firmado.",
        request=None,
        responses={200: AudienciaDetalleSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        audiencia = audiencia_del_conciliador(request.user, pk, clave=request.auth)
        servicio.firmar_acuerdo(
            _acuerdo(audiencia),
            por=request.user,
            parte=Firma.Parte.CONCILIADOR,
            metodo=Firma.Metodo.EN_LINEA,
        )
        return responder_audiencia(request, audiencia)


class FirmaEnLinea(_Base):
    @extend_schema(
        summary="Firmar el acta de acuerdo en línea (consumidor o proveedor)",
        description="Cada parte firma por sí: el consumidor, o quien representa al proveedor "
        "(con clave de API, por la organización de la clave). Acto expreso: exige la "
        "contraseña y la huella `acuerdo.sha256` que la persona vio (400 si no coincide o la "
        "contraseña es incorrecta).",
        request=FirmaEnLineaEntradaSerializer,
        responses={200: AudienciaDetalleSerializer},
        parameters=[PARAMETRO_IDEMPOTENCIA],
    )
    @idempotente
    def post(self, request, pk):
        audiencia = acceder_audiencia(request.user, pk, clave=request.auth)
        firmante = parte_firmante(request.user, audiencia.reclamo, clave=request.auth)
        if firmante is None:
            raise AccesoDenegado(_("Solo podés firmar por vos o por la empresa que representás."))
        datos = FirmaEnLineaEntradaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        exigir_contrasena(request.user, datos.validated_data["contrasena"])
        parte, proveedor = firmante
        servicio.firmar_acuerdo(
            _acuerdo(audiencia),
            por=request.user,
            parte=parte,
            proveedor=proveedor,
            metodo=Firma.Metodo.EN_LINEA,
            clave=request.auth,
            sha256_visto=datos.validated_data["sha256"],
        )
        return responder_audiencia(request, audiencia)


urlpatterns = [
    path(
        "audiencias/<int:pk>/acuerdo/firma-presencial/",
        FirmaPresencial.as_view(),
        name="audiencia-acuerdo-firma-presencial",
    ),
    path(
        "audiencias/<int:pk>/acuerdo/firma-conciliador/",
        FirmaDelConciliador.as_view(),
        name="audiencia-acuerdo-firma-conciliador",
    ),
    path(
        "audiencias/<int:pk>/acuerdo/firma/",
        FirmaEnLinea.as_view(),
        name="audiencia-acuerdo-firma",
    ),
]
