"""Browser forms of conciliadores. They only parse and validate shape; the law lives in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conciliadores.causales import Causal
from conciliadores.models import Conciliador, DocumentoAutonomo, Modalidad, Sancion
from cuentas.models import Organizacion


class FechaInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _fecha(etiqueta, **extra):
    return forms.DateField(label=etiqueta, widget=FechaInput(), **extra)


class PerfilPropioForm(forms.Form):
    modalidades = forms.MultipleChoiceField(
        label=_("Modalidades en que atendés"),
        choices=Modalidad.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    domicilio_profesional = forms.CharField(label=_("Domicilio profesional"), max_length=300)
    telefono = forms.CharField(label=_("Teléfono"), max_length=40, required=False)
    email_contacto = forms.EmailField(
        label=_("Correo de contacto para las partes"),
        required=False,
        help_text=_("Si lo dejás vacío, las partes reciben el correo de tu cuenta."),
    )


class ConciliadorForm(PerfilPropioForm):
    matricula = forms.CharField(label=_("Matrícula"), max_length=20)
    tipo = forms.ChoiceField(label=_("Tipo (art. 4)"), choices=Conciliador.Tipo.choices)
    oficinas = forms.ModelMultipleChoiceField(
        label=_("Oficinas"),
        queryset=Organizacion.objects.filter(tipo=Organizacion.Tipo.OFICINA).order_by(
            "razon_social"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Obligatorio para los autorizados por la Secretaría (art. 4 b)."),
    )
    jurisdicciones = forms.CharField(
        label=_("Jurisdicciones"),
        max_length=300,
        help_text=_("Separadas por comas, por ejemplo: CABA, La Plata."),
    )
    activo = forms.BooleanField(label=_("Activo en el registro"), required=False, initial=True)

    field_order = ["matricula", "tipo", "oficinas", "jurisdicciones", "modalidades"]

    def clean_jurisdicciones(self):
        partes = [p.strip() for p in self.cleaned_data["jurisdicciones"].split(",")]
        return [p for p in partes if p]


class NuevoConciliadorForm(ConciliadorForm):
    email = forms.EmailField(
        label=_("Correo de la cuenta"),
        help_text=_("Si no existe, se crea una cuenta con rol de conciliador."),
    )
    nombre = forms.CharField(label=_("Nombre"), max_length=120, required=False)
    apellido = forms.CharField(label=_("Apellido"), max_length=120, required=False)

    field_order = ["email", "nombre", "apellido", *ConciliadorForm.field_order]


class LicenciaForm(forms.Form):
    desde = _fecha(_("Desde"))
    hasta = _fecha(_("Hasta"))
    motivo = forms.CharField(
        label=_("Motivo"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("El pedido debe ser fundado (art. 7)."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisión"),
        choices=[("aprobar", _("Aprobar")), ("rechazar", _("Rechazar"))],
        widget=forms.RadioSelect,
    )
    observacion = forms.CharField(
        label=_("Observación"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class SancionForm(forms.Form):
    tipo = forms.ChoiceField(label=_("Tipo"), choices=Sancion.Tipo.choices)
    desde = _fecha(_("Desde"), help_text=_("Desde la notificación fehaciente (Anexo II art. 4)."))
    hasta = _fecha(_("Hasta"), required=False, help_text=_("Solo para la suspensión."))
    causal = forms.CharField(label=_("Causal"), max_length=200)
    resolucion = forms.CharField(label=_("Acto que la dispone"), max_length=200)


class LevantarSancionForm(forms.Form):
    el = _fecha(_("Levantada el"))
    motivo = forms.CharField(
        label=_("Acto que la levanta"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ElegirConciliadorForm(forms.Form):
    conciliador = forms.ModelChoiceField(
        label=_("Conciliador/a"),
        queryset=Conciliador.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Elegí un conciliador del listado.")},
    )

    def __init__(self, *args, elegibles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conciliador"].queryset = Conciliador.objects.filter(
            pk__in=[c.pk for c in elegibles]
        ).select_related("usuario")
        self.fields["conciliador"].label_from_instance = lambda c: (
            f"{c.nombre} — mat. {c.matricula} — {c.get_modalidades_display()}"
        )


class DocumentoAutonomoForm(ElegirConciliadorForm):
    archivo = forms.FileField(label=_("Documento autónomo firmado (PDF, JPG o PNG)"))
    fecha_documento = _fecha(_("Fecha del documento"))
    honorario_basico = forms.ChoiceField(
        label=_("Si no hay acuerdo, ¿quién paga el honorario básico según el documento?"),
        choices=DocumentoAutonomo.Honorario.choices,
        required=False,
    )

    field_order = ["archivo", "fecha_documento", "conciliador", "honorario_basico"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conciliador"].label = _("Conciliador/a propuesto/a en el documento")
        self.fields["conciliador"].widget = forms.Select()
        self.fields["conciliador"].empty_label = _("Elegí del listado")


class ChecklistForm(forms.Form):
    independiente = forms.BooleanField(
        label=_("Es independiente del contrato y de toda otra instrumentación (art. 7 a)"),
        required=False,
    )
    posterior = forms.BooleanField(
        label=_("Tiene fecha posterior a la presentación del reclamo (art. 7 b)"), required=False
    )
    refiere_reclamo = forms.BooleanField(
        label=_("Se refiere expresamente a este reclamo (art. 7 c)"), required=False
    )
    firmas = forms.BooleanField(
        label=_(
            "Lo firman el consumidor y el proveedor, o su representante o apoderado con "
            "facultades suficientes (art. 7 d)"
        ),
        required=False,
    )
    modelo_aprobado = forms.BooleanField(
        label=_("Sigue el modelo aprobado por la Autoridad de Aplicación"), required=False
    )
    observacion = forms.CharField(
        label=_("Observación para el consumidor"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Obligatoria si falta algún requisito."),
    )


class CausalForm(forms.Form):
    causal = forms.ChoiceField(
        label=_("Causal (CPCCN arts. 17 y 30)"),
        choices=[("", _("Elegí la causal")), *Causal.choices],
    )
    fundamento = forms.CharField(
        label=_("Fundamento"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Los hechos en que se apoya la causal."),
    )


class RespuestaPropuestaForm(forms.Form):
    MOTIVOS = [
        ("causal", _("Me alcanza una causal de excusación (CPCCN arts. 17 o 30)")),
        ("otra", _("Otra causa justificada")),
        ("sin_causa", _("Sin causa justificada")),
    ]
    decision = forms.ChoiceField(
        label=_("Respuesta"),
        choices=[("aceptar", _("Acepto intervenir")), ("rechazar", _("No acepto"))],
        widget=forms.RadioSelect,
    )
    tipo_motivo = forms.ChoiceField(
        label=_("Si no aceptás, ¿por qué?"),
        choices=MOTIVOS,
        required=False,
        widget=forms.RadioSelect,
    )
    causal = forms.ChoiceField(
        label=_("Causal"), choices=[("", _("—")), *Causal.choices], required=False
    )
    motivo = forms.CharField(
        label=_("Explicación"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self):
        datos = super().clean()
        if datos.get("decision") != "rechazar":
            return datos
        if not datos.get("tipo_motivo"):
            self.add_error("tipo_motivo", _("Indicá por qué no aceptás."))
        if datos.get("tipo_motivo") == "causal" and not datos.get("causal"):
            self.add_error("causal", _("Elegí la causal."))
        if not (datos.get("motivo") or "").strip():
            self.add_error("motivo", _("Explicá el motivo."))
        return datos


class RespuestaRecusacionForm(forms.Form):
    acepta = forms.ChoiceField(
        label=_("¿Aceptás la recusación?"),
        choices=[("si", _("Sí, la acepto")), ("no", _("No la acepto"))],
        widget=forms.RadioSelect,
    )
    texto = forms.CharField(
        label=_("Tu respuesta por escrito"), widget=forms.Textarea(attrs={"rows": 4})
    )


class DecisionRecusacionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisión (irrecurrible)"),
        choices=[("admitir", _("Admitir la recusación")), ("rechazar", _("Rechazarla"))],
        widget=forms.RadioSelect,
    )
    fundamentos = forms.CharField(label=_("Fundamentos"), widget=forms.Textarea(attrs={"rows": 4}))


class ReemplazoForm(ElegirConciliadorForm):
    referencia = forms.CharField(
        label=_("Acto del Ministerio de Justicia que lo asigna"),
        max_length=200,
        help_text=_(
            "Número o referencia del acto (art. 7: interviene quien asigne su procedimiento)."
        ),
    )


class VerificarForm(forms.Form):
    semilla = forms.CharField(label=_("Semilla (hex)"), max_length=200, required=False)
    padron = forms.CharField(
        label=_("Padrón (JSON)"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
