"""Browser forms of fees, fines and the dated values they need."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from honorarios.models import Honorario
from honorarios.services.multas import VERIFICACIONES
from normativa.models import normalizar_bandas


class FechaInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-control", **(attrs or {})}, format="%Y-%m-%d")


def _fecha(label, **extra):
    return forms.DateField(label=label, widget=FechaInput(), **extra)


def _texto(label, **extra):
    return forms.CharField(
        label=label, widget=forms.TextInput(attrs={"class": "form-control"}), **extra
    )


def _monto(label, **extra):
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.01"}),
        **extra,
    )


class SinDatosForm(forms.Form):
    """An act without input (issue the constancia, liquidate, record an electronic service)."""


# --- fees ----------------------------------------------------------------------------------------
class PresentacionForm(forms.Form):
    fecha = _fecha(_("Fecha en que presentaste la constancia al Fondo"))


class PagoForm(forms.Form):
    fecha = _fecha(_("Fecha del pago"))


class CobroTotalForm(forms.Form):
    causa = forms.ChoiceField(
        label=_("Por qué cobraste el honorario total"),
        choices=Honorario.CausaTotal.choices,
        widget=forms.RadioSelect,
    )
    fecha = _fecha(_("Fecha en que lo cobraste"))
    monto = _monto(_("Monto cobrado"), required=False)


class ReintegroForm(forms.Form):
    fecha = _fecha(_("Fecha del reintegro"))


# --- fines ---------------------------------------------------------------------------------------
class CertificadoMultaForm(forms.Form):
    dictamen = forms.CharField(
        label=_("Dictamen jurídico"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        help_text=_("Lo que concluyó el servicio jurídico sobre la procedencia de la multa."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for clave, texto in VERIFICACIONES.items():
            self.fields[clave] = forms.BooleanField(label=texto, required=False)
        self.order_fields([*VERIFICACIONES, "dictamen"])

    def verificaciones(self) -> dict:
        return {clave: self.cleaned_data.get(clave, False) for clave in VERIFICACIONES}


class NotificacionIntimacionForm(forms.Form):
    notificada_el = _fecha(_("Fecha de notificación"))
    medio = _texto(
        _("Medio"),
        max_length=120,
        help_text=_("Por ejemplo: carta documento N.º 123456789, acta notarial."),
    )
    constancia = forms.FileField(label=_("Constancia de la notificación"))


class ApelacionForm(forms.Form):
    fecha = _fecha(_("Fecha en que se interpuso el recurso"))


class PagoMultaForm(forms.Form):
    fecha = _fecha(_("Fecha del pago"))
    monto = _monto(_("Monto pagado"))
    referencia = _texto(_("Referencia del pago"), max_length=120, required=False)
    comprobante = forms.FileField(label=_("Comprobante"), required=False)


class EjecucionForm(forms.Form):
    fecha = _fecha(_("Fecha de la remisión"))
    referencia = _texto(_("Referencia (nota de remisión, expediente judicial)"), max_length=200)


class AnulacionForm(forms.Form):
    motivo = forms.CharField(
        label=_("Motivo de la anulación"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )


# --- dated values --------------------------------------------------------------------------------
class ValorForm(forms.Form):
    tipo = forms.ChoiceField(
        label=_("Valor"),
        choices=[
            ("UR", _("Unidad de referencia (honorarios)")),
            ("SMVM", _("Salario Mínimo, Vital y Móvil")),
        ],
        widget=forms.Select(attrs={"class": "form-control"}),
    )
    vigente_desde = _fecha(_("Vigente desde"))
    valor = _monto(_("Valor en pesos"))
    fuente = _texto(_("Norma que lo fija"), max_length=200)


class ArancelForm(forms.Form):
    vigente_desde = _fecha(_("Vigente desde"))
    unidades_basico = forms.DecimalField(
        label=_("Honorario básico (unidades de referencia)"),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.01"}),
    )
    bandas = forms.CharField(
        label=_("Honorario total por monto reclamado"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        help_text=_(
            "Una banda por línea: «tope del monto reclamado; unidades». La última puede no tener "
            "tope: «; 12». Ejemplo: «500000; 6» y debajo «; 10»."
        ),
    )
    fuente = _texto(_("Norma que lo fija"), max_length=200)

    def clean_bandas(self):
        filas = []
        for linea in self.cleaned_data["bandas"].splitlines():
            if not linea.strip():
                continue
            partes = [_numero(p) for p in linea.split(";")]
            if len(partes) != 2:
                raise ValidationError(_("Cada línea lleva «tope; unidades»."))
            filas.append({"hasta": partes[0] or None, "unidades": partes[1]})
        try:
            return normalizar_bandas(filas)
        except ValueError as error:
            raise ValidationError(str(error)) from None


def _numero(texto: str) -> str:
    """An amount as people type it here: "1.500.000,50", "500000", "6,5" or "6.5"."""
    texto = texto.strip().replace(" ", "")
    if "," in texto:
        return texto.replace(".", "").replace(",", ".")
    if texto.count(".") > 1 or (texto.count(".") == 1 and len(texto.rsplit(".", 1)[1]) == 3):
        return texto.replace(".", "")  # thousands separators
    return texto


class InstruccionesPagoForm(forms.Form):
    vigente_desde = _fecha(_("Vigente desde"))
    texto = forms.CharField(
        label=_("Instrucciones de pago de las multas"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        help_text=_("Cuenta, plazo y forma de pago que fijó la Secretaría (art. 16)."),
    )
    fuente = _texto(_("Norma que las fija"), max_length=200)
