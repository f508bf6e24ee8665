from django.contrib import admin

from estadisticas.models import ClasificacionProveedor


@admin.register(ClasificacionProveedor)
class ClasificacionProveedorAdmin(admin.ModelAdmin):
    list_display = ["tipo_identificador", "identificador", "sector"]
    list_filter = ["sector"]
    search_fields = ["identificador"]
