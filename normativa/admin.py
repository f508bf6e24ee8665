"""Admin for the law as data. Decreed days are read-only here: they change only through
plazos.services.registrar_dia_no_habil (the staff page /panel/dias-no-habiles/), which
recomputes the running plazos in the same transaction."""

from django.contrib import admin

from normativa.models import (
    ArancelHonorarios,
    DiaNoHabil,
    HabilitacionAuditoria,
    TextoNormativo,
    ValorReferencia,
)


class _CargadoPor(admin.ModelAdmin):
    readonly_fields = ["cargado_por", "cargado_en"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.cargado_por = request.user
        super().save_model(request, obj, form, change)


@admin.register(ValorReferencia)
class ValorReferenciaAdmin(_CargadoPor):
    """Read-mostly: staff maintain values on /panel/valores-legales/ (source, confirmation)."""

    list_display = ["tipo", "vigente_desde", "valor", "fuente", "confianza", "confirmado_en"]
    list_filter = ["tipo", "confianza"]
    readonly_fields = [
        "cargado_por",
        "cargado_en",
        "modificado_por",
        "modificado_en",
        "confirmado_por",
        "confirmado_en",
        "fuente_confirmacion",
        "cambios",
    ]


@admin.register(ArancelHonorarios)
class ArancelHonorariosAdmin(_CargadoPor):
    list_display = ["vigente_desde", "unidades_basico", "bandas_total", "fuente"]


@admin.register(TextoNormativo)
class TextoNormativoAdmin(_CargadoPor):
    list_display = ["clave", "vigente_desde", "titulo", "fuente"]
    search_fields = ["clave", "titulo"]


@admin.register(DiaNoHabil)
class DiaNoHabilAdmin(admin.ModelAdmin):
    list_display = ["fecha", "jurisdiccion", "tipo", "calendarios", "fuente", "cargado_por"]
    list_filter = ["jurisdiccion", "tipo"]
    date_hierarchy = "fecha"
    search_fields = ["fuente", "descripcion"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HabilitacionAuditoria)
class HabilitacionAuditoriaAdmin(_CargadoPor):
    list_display = ["regimen", "vigente_desde", "habilitada", "fuente"]
    list_filter = ["regimen", "habilitada"]
