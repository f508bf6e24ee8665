from django.contrib import admin

from reclamos.models import AccesoPersonal, Actuacion, Reclamo, ReclamoProveedor


class SoloLectura(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Actuacion)
class ActuacionAdmin(SoloLectura):
    list_display = ["reclamo", "codigo", "por", "en", "estado_desde", "estado_hacia"]
    list_filter = ["codigo"]
    search_fields = ["reclamo__numero", "texto"]


@admin.register(AccesoPersonal)
class AccesoPersonalAdmin(SoloLectura):
    list_display = ["reclamo", "usuario", "vista", "en"]
    list_filter = ["vista"]
    search_fields = ["reclamo__numero", "usuario__email"]


class ProveedorInline(admin.TabularInline):
    model = ReclamoProveedor
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Reclamo)
class ReclamoAdmin(SoloLectura):
    """Read-only: every change to a claim is an act through its services."""

    list_display = ["numero", "estado", "regimen_codigo", "presentado_en"]
    list_filter = ["estado", "regimen_codigo"]
    search_fields = ["numero", "consumidor__email", "proveedores__identificador"]
    inlines = [ProveedorInline]
