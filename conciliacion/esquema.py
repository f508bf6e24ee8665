"""The OpenAPI schema documents every status code the API can answer.

drf-spectacular documents the success codes each view declares; the errors come from layers the
views do not see (authentication, permissions, the MFA middleware, throttling, URL resolution,
the idempotency layer, the exception handler). They all answer the same envelope
(conciliacion.errores.cuerpo_de_error), so this schema class adds them to every operation, with
that envelope as their body.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorDetalleSerializer(serializers.Serializer):
    codigo = serializers.CharField(help_text="Código del error, en inglés (p. ej. not_found).")
    mensaje = serializers.CharField(help_text="Explicación en castellano.")
    campos = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="Errores por campo, cuando los datos enviados no son válidos.",
    )
    request_id = serializers.CharField(
        help_text="Identificador de la solicitud (también en el encabezado X-Request-Id)."
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetalleSerializer()


_TODAS = {
    "401": "Falta identificarse o las credenciales no son válidas.",
    "403": "Sin permiso (o el rol exige verificación en dos pasos y no está activa).",
    "404": "El recurso no existe, no es visible para quien pregunta o el id no es válido.",
    "429": "Demasiadas solicitudes: reintentar más tarde.",
    "500": "Error inesperado; el cuerpo trae el request_id para informarlo.",
}
_CON_DATOS = {"400": "Los datos o parámetros enviados no son válidos."}
_ESCRITURAS = {
    "409": "El estado del recurso no admite el acto, otro actor lo cambió primero o la "
    "solicitud original con la misma Idempotency-Key sigue en curso.",
    "415": "Tipo de contenido no admitido.",
    "422": "La Idempotency-Key ya se usó con otra solicitud.",
}


class EsquemaApi(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        respuestas = super()._get_response_bodies(direction)
        if direction != "response":
            return respuestas
        errores = dict(_TODAS)
        escritura = self.method not in ("GET", "HEAD", "OPTIONS")
        if escritura or self._tiene_parametros():
            errores.update(_CON_DATOS)
        if escritura:
            errores.update(_ESCRITURAS)
        for codigo, descripcion in errores.items():
            if codigo not in respuestas:
                respuestas[codigo] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=descripcion), codigo
                )
        return dict(sorted(respuestas.items()))

    def _tiene_parametros(self) -> bool:
        return "{" in self.path or bool(self._get_parameters())
