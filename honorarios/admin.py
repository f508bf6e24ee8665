"""Read-only admin of fees and fines: they change only through honorarios.services."""

from django.contrib import admin

from honorarios.models import Honorario, Multa


class _SoloLectura(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Honorario)
class HonorarioAdmin(_SoloLectura):
    list_display = ["reclamo", "conciliador", "tipo", "a_cargo", "monto", "estado"]
    list_filter = ["estado", "a_cargo", "tipo"]


@admin.register(Multa)
class MultaAdmin(_SoloLectura):
    list_display = ["reclamo", "proveedor", "estado", "monto", "certificada_en"]
    list_filter = ["estado"]
