"""Admin: issued documents and uploads are evidence, shown read-only."""

from django.contrib import admin

from documentos.models import ArchivoSubido, Documento


class SoloLectura(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Documento)
class DocumentoAdmin(SoloLectura):
    list_display = ["__str__", "tipo", "emitido_en", "regimen_codigo", "sha256"]
    list_filter = ["tipo", "anio", "regimen_codigo"]
    search_fields = ["codigo", "sha256", "titulo"]
    date_hierarchy = "emitido_en"


@admin.register(ArchivoSubido)
class ArchivoSubidoAdmin(SoloLectura):
    list_display = ["nombre_original", "tipo_contenido", "tamano", "subido_por", "creado_en"]
    list_filter = ["tipo_contenido", "categoria"]
    search_fields = ["nombre_original", "sha256"]
