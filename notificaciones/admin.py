"""Admin: read-only views of the outbox and the constituted addresses (they are evidence)."""

from django.contrib import admin

from notificaciones.models import CambioDeDomicilio, DomicilioElectronico, Notificacion


class SoloLectura(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notificacion)
class NotificacionAdmin(SoloLectura):
    list_display = ["asunto", "email", "estado", "intentos", "aceptada_en", "leida_en"]
    list_filter = ["estado", "a_domicilio_constituido"]
    search_fields = ["email", "asunto", "message_id"]
    date_hierarchy = "creada_en"


@admin.register(DomicilioElectronico)
class DomicilioElectronicoAdmin(SoloLectura):
    list_display = ["usuario", "organizacion", "email", "constituido_en", "revocado_en"]
    search_fields = ["email", "usuario__email", "organizacion__razon_social"]


@admin.register(CambioDeDomicilio)
class CambioDeDomicilioAdmin(SoloLectura):
    list_display = [
        "organizacion",
        "usuario",
        "email",
        "estado",
        "solicitado_en",
        "vence_en",
        "cerrado_en",
    ]
    list_filter = ["estado"]
    search_fields = ["email", "organizacion__razon_social", "usuario__email"]
    exclude = ["nonce"]
