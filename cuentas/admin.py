from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from cuentas.models import ClaveApi, Membresia, Organizacion, Usuario


@admin.register(Usuario)
class UsuarioAdmin(UserAdmin):
    ordering = ["email"]
    list_display = ["email", "nombre", "apellido", "rol", "is_active"]
    list_filter = ["rol", "is_active"]
    search_fields = ["email", "nombre", "apellido", "dni"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Datos", {"fields": ["nombre", "apellido", "dni", "telefono", "rol", "oficina"]}),
        ("Estado", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "rol", "password1", "password2"]})]


class MembresiaInline(admin.TabularInline):
    model = Membresia
    extra = 0
    raw_id_fields = ["usuario", "invitada_por"]


@admin.register(Organizacion)
class OrganizacionAdmin(admin.ModelAdmin):
    list_display = ["razon_social", "tipo", "tipo_identificador", "identificador", "estado"]
    list_filter = ["tipo", "estado", "pais"]
    search_fields = ["razon_social", "identificador"]
    inlines = [MembresiaInline]


@admin.register(ClaveApi)
class ClaveApiAdmin(admin.ModelAdmin):
    list_display = ["nombre", "organizacion", "prefijo", "creada_en", "revocada_en", "ultimo_uso"]
    readonly_fields = ["prefijo", "hash", "creada_en", "ultimo_uso"]
