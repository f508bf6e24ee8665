from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cuentas.identificadores import TipoIdentificador, validar_identificador
from cuentas.models import Organizacion, Usuario


class RegistroProveedorForm(forms.Form):
    """Registers a provider and, when nobody is logged in, its first representative."""

    razon_social = forms.CharField(label=_("Razón social"), max_length=200)
    tipo_identificador = forms.ChoiceField(
        label=_("Tipo de identificador"), choices=TipoIdentificador.choices
    )
    identificador = forms.CharField(
        label=_("CUIT o RUC"), max_length=13, help_text=_("11 dígitos, con o sin guiones.")
    )
    domicilio_legal = forms.CharField(
        label=_("Domicilio legal inscripto"),
        max_length=300,
        help_text=_("El que figura en la IGJ o el registro provincial."),
    )
    domicilio_electronico = forms.EmailField(
        label=_("Domicilio electrónico para notificaciones"),
        required=False,
        help_text=_(
            "Si lo constituís, las cédulas se te notifican allí y se tienen por "
            "notificadas al día siguiente del envío."
        ),
    )
    email = forms.EmailField(label=_("Tu correo electrónico"), required=False)
    password = forms.CharField(
        label=_("Contraseña"),
        widget=forms.PasswordInput(render_value=True),
        required=False,
        min_length=10,
    )

    def __init__(self, *args, con_cuenta: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.con_cuenta = con_cuenta
        if con_cuenta:
            del self.fields["email"]
            del self.fields["password"]
        else:
            self.fields["email"].required = True
            self.fields["password"].required = True

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if Usuario.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                _("Ya hay una cuenta con ese correo: ingresá con ella para registrar el proveedor.")
            )
        return email

    def clean(self):
        datos = super().clean()
        tipo, valor = datos.get("tipo_identificador"), datos.get("identificador")
        if tipo and valor:
            try:
                datos["identificador"] = validar_identificador(tipo, valor)
            except ValidationError as error:
                self.add_error("identificador", error)
                return datos
            if Organizacion.objects.filter(
                tipo_identificador=tipo, identificador=datos["identificador"]
            ).exists():
                self.add_error(
                    "identificador",
                    _(
                        "Ese proveedor ya está registrado. "
                        "Pedí a quien lo administra que te invite."
                    ),
                )
        return datos


class InvitacionForm(forms.Form):
    email = forms.EmailField(label=_("Correo de la persona"))
    es_administrador = forms.BooleanField(
        label=_("Puede administrar la organización"), required=False
    )


class ClaveApiForm(forms.Form):
    nombre = forms.CharField(
        label=_("Nombre de la clave"),
        max_length=80,
        help_text=_("Por ejemplo: integración con el CRM."),
    )


class RevisionOrganizacionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisión"),
        choices=[
            ("aprobar", _("Aprobar")),
            ("observar", _("Observar")),
            ("rechazar", _("Rechazar")),
        ],
        widget=forms.RadioSelect,
    )
    observacion = forms.CharField(
        label=_("Observación"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self):
        datos = super().clean()
        if (
            datos.get("decision") in {"observar", "rechazar"}
            and not datos.get("observacion", "").strip()
        ):
            self.add_error("observacion", _("Indicá el motivo para observar o rechazar."))
        return datos
