"""The Auditoría's forms: Spanish labels and messages; a refused act keeps what was typed."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from auditoria.models import ReclamoAuditoria
from reclamos.views.cumplimiento import ArchivosField


class ReclamoAuditoriaForm(forms.Form):
    """D202-I.31: a) the consumer, b) the provider (from the COPREC record, shown), c) the
    COPREC procedure and the claim's contents, d) the evidence offered and its documents."""

    consumidor_nombre = forms.CharField(label=_("Nombre"), max_length=120)
    consumidor_apellido = forms.CharField(label=_("Apellido"), max_length=120)
    consumidor_dni = forms.RegexField(
        label=_("DNI"),
        regex=r"^\d{7,8}$",
        error_messages={"invalid": _("Escribí el DNI con 7 u 8 números, sin puntos.")},
    )
    consumidor_domicilio = forms.CharField(label=_("Domicilio"), max_length=300)
    representante = forms.CharField(
        label=_("Representante (si te representa alguien: nombre y DNI)"),
        max_length=200,
        required=False,
    )
    email_notificaciones = forms.EmailField(
        label=_("Correo electrónico para las notificaciones"),
        error_messages={"invalid": _("Escribí un correo válido, por ejemplo nombre@correo.com.")},
    )
    otro_medio = forms.CharField(
        label=_("¿Preferís otro medio de notificación? (opcional)"),
        max_length=200,
        required=False,
    )
    hechos = forms.CharField(
        label=_("Qué pasó (el contenido de tu reclamo)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    pretension = forms.CharField(label=_("Qué pedís"), widget=forms.Textarea(attrs={"rows": 2}))
    monto = forms.DecimalField(
        label=_("Monto que reclamás (en pesos)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "invalid": _("Escribí el monto con números, por ejemplo 150000,50."),
            "min_value": _("El monto debe ser mayor que cero."),
            "max_digits": _("El monto es demasiado grande."),
        },
    )
    prueba_ofrecida = forms.CharField(
        label=_("Prueba que ofrecés (testigos, informes, pericias; opcional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    archivos = ArchivosField(label=_("Documentos que acompañás (opcional)"), required=False)


class ContestacionForm(forms.Form):
    texto = forms.CharField(
        label=_("Contestación y prueba que ofrecés"), widget=forms.Textarea(attrs={"rows": 4})
    )
    archivos = ArchivosField(label=_("Documentos (opcional)"), required=False)


class AudienciaForm(forms.Form):
    inicio = forms.DateTimeField(
        label=_("Fecha y hora"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        error_messages={"invalid": _("Elegí una fecha y hora válidas.")},
    )
    lugar = forms.CharField(label=_("Lugar o enlace de la videollamada"), max_length=300)


class ActaAudienciaForm(forms.Form):
    acta = forms.CharField(
        label=_("Lo ocurrido en la audiencia"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ResolucionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisión"),
        choices=ReclamoAuditoria.Decision.choices,
        widget=forms.RadioSelect,
    )
    monto_condena = forms.DecimalField(
        label=_("Monto que se ordena pagar (si hace lugar)"),
        max_digits=14,
        decimal_places=2,
        required=False,
        error_messages={"invalid": _("Escribí el monto con números.")},
    )
    fundamentos = forms.CharField(
        label=_("Antecedentes y fundamentos (la resolución debe bastarse por sí misma)"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class RecursoForm(forms.Form):
    texto = forms.CharField(
        label=_("Agravios del recurso judicial directo"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ComunicacionForm(forms.Form):
    autoridad = forms.CharField(
        label=_("Autoridad de aplicación de la Ley 24.240"),
        max_length=200,
        initial=_(
            "Secretaría de Industria y Comercio — Dirección Nacional de Defensa del Consumidor"
        ),
    )
    observaciones = forms.CharField(
        label=_("Observaciones (opcional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
