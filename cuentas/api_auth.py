"""API key authentication: `Authorization: Clave <key>`.

request.user is the representative who created the key (so every act keeps a person in the
expediente) and request.auth is the key, which limits what the request sees to the key's
organisation (cuentas.permisos.organizaciones_representadas).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from cuentas.models import ClaveApi, Organizacion


class ClaveApiAuthentication(authentication.BaseAuthentication):
    palabra = "Clave"

    def authenticate(self, request):
        partes = authentication.get_authorization_header(request).split()
        if not partes or partes[0].decode(errors="ignore") != self.palabra:
            return None
        if len(partes) != 2:
            raise exceptions.AuthenticationFailed(_("Encabezado Authorization mal formado."))
        clave = ClaveApi.buscar(partes[1].decode(errors="ignore"))
        if clave is None:
            raise exceptions.AuthenticationFailed(_("Clave de API inválida o revocada."))
        organizacion = clave.organizacion
        creador = clave.creada_por
        vigente = (
            organizacion.estado == Organizacion.Estado.ACTIVA
            and creador.is_active
            and organizacion.membresias.filter(usuario=creador, activa=True).exists()
        )
        if not vigente:
            raise exceptions.AuthenticationFailed(
                _("La organización o quien creó la clave ya no está habilitado.")
            )
        ClaveApi.objects.filter(pk=clave.pk).update(ultimo_uso=timezone.now())
        return creador, clave

    def authenticate_header(self, request):
        return self.palabra


class ClaveApiScheme(OpenApiAuthenticationExtension):
    target_class = "cuentas.api_auth.ClaveApiAuthentication"
    name = "ClaveApi"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization"}
