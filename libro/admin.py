"""Admin: read-only views of the book's records. Nothing is deleted (PE-03: kept ≥ 2 years) and
sheets change only through libro.services, so the admin neither edits nor deletes them."""

from django.contrib import admin

from libro.models import EventoHoja, Hoja, Libro, Propuesta, Respuesta


class SinBorrar:
    def has_delete_permission(self, request, obj=None):
        return False


class SoloLectura(SinBorrar):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Libro)
class LibroAdmin(SinBorrar, admin.ModelAdmin):
    list_display = ["codigo", "nombre", "organizacion", "canal", "activo"]
    list_filter = ["canal", "activo"]
    search_fields = ["codigo", "nombre", "organizacion__razon_social"]
    readonly_fields = ["organizacion", "codigo", "creado_por", "creado_en"]

    def has_add_permission(self, request):
        return False  # a book is opened by its provider (libro.services.crear_libro)


class EventoInline(SoloLectura, admin.TabularInline):
    model = EventoHoja
    fields = ["en", "codigo", "actor", "por", "texto"]
    readonly_fields = fields
    extra = 0


@admin.register(Hoja)
class HojaAdmin(SoloLectura, admin.ModelAdmin):
    list_display = ["__str__", "tipo", "estado", "fecha_presentacion", "vence_respuesta", "vencida"]
    list_filter = ["estado", "tipo", "vencida", "anio"]
    search_fields = ["apellidos", "numero_documento", "libro__codigo"]
    exclude = ["clave"]
    inlines = [EventoInline]


@admin.register(Propuesta)
class PropuestaAdmin(SoloLectura, admin.ModelAdmin):
    list_display = ["hoja", "estado", "fecha_envio", "vence"]


@admin.register(Respuesta)
class RespuestaAdmin(SoloLectura, admin.ModelAdmin):
    list_display = ["hoja", "medio", "fecha"]


@admin.register(EventoHoja)
class EventoHojaAdmin(SoloLectura, admin.ModelAdmin):
    list_display = ["hoja", "en", "codigo", "actor", "texto"]
    list_filter = ["codigo"]
