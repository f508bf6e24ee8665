"""Browser forms of the disciplinary procedure: shape only; the rules live in servicios."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conciliadores.models import CasoDisciplinario, Conciliador

R = CasoDisciplinario.Resultado
ARCHIVO = _("Archivo (PDF, JPG o PNG, hasta 10 MB; opcional)")


def _texto(etiqueta, filas=5, **extra):
    return forms.CharField(
        label=etiqueta, widget=forms.Textarea(attrs={"rows": filas}), max_length=20000, **extra
    )


class CasoForm(forms.Form):
    conciliador = forms.ModelChoiceField(
        label=_("Conciliador/a denunciado/a"),
        queryset=Conciliador.objects.select_related("usuario").order_by("matricula"),
    )
    origen = forms.ChoiceField(label=_("Origen"), choices=CasoDisciplinario.Origen.choices)
    reclamo = forms.CharField(
        label=_("Número del reclamo (la conciliación de que se trata)"),
        max_length=40,
        required=False,
        help_text=_("Obligatorio en la denuncia de una parte: sus datos se toman del reclamo."),
    )
    denunciante_nombre = forms.CharField(
        label=_("Denunciante: nombre y apellido"), max_length=200, required=False
    )
    denunciante_documento = forms.CharField(
        label=_("Denunciante: DNI"), max_length=20, required=False
    )
    denunciante_domicilio = forms.CharField(
        label=_("Denunciante: domicilio constituido"), max_length=300, required=False
    )
    causal = forms.CharField(
        label=_("Causal invocada (Anexo II)"),
        max_length=200,
        required=False,
        help_text=_("Por ejemplo: art. 4 b, mal desempeño."),
    )
    hechos = _texto(_("Relación circunstanciada de los hechos (art. 8 c)"), 6)
    archivo = forms.FileField(label=_("Prueba documental (art. 8 d)"), required=False)


class TextoForm(forms.Form):
    texto = _texto(_("Texto"))
    archivo = forms.FileField(label=ARCHIVO, required=False)


class RatificacionForm(TextoForm):
    texto = _texto(_("Ratificación, rectificación o hechos nuevos (art. 9 a)"))


class DescargoForm(TextoForm):
    texto = _texto(_("Tu descargo (art. 9 b)"), 8)


class PruebaForm(TextoForm):
    texto = _texto(
        _("Prueba que ofrecés: testimonial, documental, informativa o pericial (art. 18)")
    )


class AlegatoForm(forms.Form):
    texto = _texto(_("Tu alegato sobre el mérito de la prueba (art. 19)"), 8)


class FundamentoForm(forms.Form):
    fundamento = _texto(_("Fundamento"), 3)


class SumarioForm(forms.Form):
    instructor = forms.CharField(label=_("Instructor sumariante designado"), max_length=200)
    fundamento = _texto(_("Fundamentos de la resolución que ordena el sumario"), 3)


class InformeForm(forms.Form):
    irregularidad = _texto(_("a) ¿Los hechos constituyen irregularidad? Norma afectada"), 3)
    responsabilidad = forms.BooleanField(
        label=_("b) Se atribuye responsabilidad al investigado"), required=False
    )
    antecedentes = _texto(_("c) Antecedentes disciplinarios"), 2, required=False)
    sancion_aconsejada = forms.CharField(label=_("d) Sanción aconsejada"), max_length=300)


class ResolucionForm(forms.Form):
    resultado = forms.ChoiceField(label=_("Resultado"), choices=R.choices)
    dias = forms.IntegerField(
        label=_("Días corridos de suspensión (5 a 366)"),
        required=False,
        min_value=1,
        max_value=10000,
        help_text=_("Solo para la suspensión: corren desde la notificación (art. 4)."),
    )
    fundamentos = _texto(_("Fundamentos"), 4)
    perjuicio = _texto(_("Perjuicio y eventual reparación del daño (art. 21 d)"), 2, required=False)


class PrevencionForm(ResolucionForm):
    resultado = forms.ChoiceField(
        label=_("Prevención (art. 3)"),
        choices=[(R.LLAMADO, R.LLAMADO.label), (R.ADVERTENCIA, R.ADVERTENCIA.label)],
    )
    dias = None
