"""Plazos are read-only in the admin: they change only through plazos.services and the sweeper."""

from django.contrib import admin

from plazos.models import Plazo, Suspension


class SuspensionEnLinea(admin.TabularInline):
    model = Suspension
    extra = 0
    can_delete = False
    readonly_fields = ["desde", "hasta", "motivo", "abierta_por", "abierta_en", "cerrada_por"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Plazo)
class PlazoAdmin(admin.ModelAdmin):
    list_display = [
        "tipo",
        "regimen",
        "content_type",
        "object_id",
        "vence",
        "estado",
        "requiere_atencion",
        "intentos",
    ]
    list_filter = ["estado", "calendario", "requiere_atencion", "tipo"]
    search_fields = ["tipo", "object_id"]
    date_hierarchy = "vence"
    inlines = [SuspensionEnLinea]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
