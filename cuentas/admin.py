from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm

from cuentas.alcance import opciones_de_regimen
from cuentas.models import ClaveApi, Membresia, Organizacion, Usuario


class CampoRegimenes(forms.TypedMultipleChoiceField):
    """The staff's scope as checkboxes (decision 0038), stored as a JSON list of codes."""

    def __init__(self, **kwargs):
        for clave in ("encoder", "decoder", "max_length"):
            kwargs.pop(clave, None)
        kwargs.update(
            choices=opciones_de_regimen, widget=forms.CheckboxSelectMultiple, required=False
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return list(value or [])


class UsuarioForm(UserChangeForm):
    regimenes = CampoRegimenes(label="Régimenes a cargo")

    class Meta(UserChangeForm.Meta):
        model = Usuario
        fields = "__all__"


@admin.register(Usuario)
class UsuarioAdmin(UserAdmin):
    form = UsuarioForm
    ordering = ["email"]
    list_display = ["email", "nombre", "apellido", "rol", "is_active"]
    list_filter = ["rol", "is_active"]
    search_fields = ["email", "nombre", "apellido", "dni"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Datos", {"fields": ["nombre", "apellido", "dni", "telefono", "rol", "oficina"]}),
        ("Alcance del personal", {"fields": ["regimenes"]}),
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
