"""The page of a hearing an agency official conducts (mediation procedure, S001): attendance, the
outcome the claim's régimen allows and the acta, in one act. Only the conducting official acts;
the other officials of the régimen may read it. While it is pending, the official who convened it
(or an administrator) may reschedule or cancel it from the same page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from audiencias.models import Asistencia
from audiencias.permisos import acceder_audiencia
from audiencias.services import mediacion as servicio
from audiencias.services import mediacion_cambios as cambios
from audiencias.services import mediacion_firmas
from conciliacion.errores import ErrorDeDominio
from reclamos.forms_mediacion import ConvocatoriaForm, aplicar_error
from reclamos.services.mediacion import Parte, parte_de

SI_NO = [("1", gettext_lazy("Sí")), ("0", gettext_lazy("No"))]


class ActaForm(forms.Form):
    """One attendance question (and the name of who attended) per party, then the outcome."""

    def __init__(self, *args, reclamo, **kwargs):
        super().__init__(*args, **kwargs)
        consumidor = f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip()
        self.partes = [("c", Asistencia.Parte.CONSUMIDOR, None, consumidor)] + [
            (f"p{p.pk}", Asistencia.Parte.PROVEEDOR, p.pk, p.razon_social)
            for p in reclamo.proveedores.order_by("pk")
        ]
        for clave, _parte, _pk, nombre in self.partes:
            self.fields[f"asistio_{clave}"] = forms.TypedChoiceField(
                label=_("¿Asistió %(n)s?") % {"n": nombre},
                choices=SI_NO,
                coerce=lambda valor: valor == "1",
                widget=forms.RadioSelect,
            )
            self.fields[f"nombre_{clave}"] = forms.CharField(
                label=_("Nombre de quien asistió por %(n)s") % {"n": nombre},
                max_length=200,
                required=False,
                initial=consumidor if clave == "c" else "",
            )
        self.fields["resultado"] = forms.ChoiceField(
            label=_("Resultado"),
            choices=servicio.resultados_posibles(reclamo),
            widget=forms.RadioSelect,
        )
        self.fields["texto"] = forms.CharField(
            label=_("Contenido del acta"),
            widget=forms.Textarea(attrs={"rows": 6}),
            required=False,
            help_text=_(
                "Con acuerdo: sus términos (qué hará el proveedor y cuándo). En los demás casos: "
                "lo ocurrido en la audiencia."
            ),
        )

    def datos(self) -> dict:
        d = self.cleaned_data
        return {
            "asistencias": [
                {
                    "parte": parte,
                    "proveedor": pk,
                    "comparecio": d[f"asistio_{clave}"],
                    "nombre": d[f"nombre_{clave}"],
                }
                for clave, parte, pk, _nombre in self.partes
            ],
            "resultado": d["resultado"],
            "texto": d["texto"],
        }


class ReprogramacionForm(ConvocatoriaForm):
    """The new time, typed in the régimen's hour (ConvocatoriaForm.clean_inicio), why, and
    optionally another video link or length (shown with the current ones; blank keeps them)."""

    enlace_video = forms.URLField(
        label=gettext_lazy("Enlace de la videoconferencia"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Si lo deja vacío, se mantiene el actual."),
    )
    duracion_minutos = forms.IntegerField(
        label=gettext_lazy("Duración prevista (minutos)"),
        required=False,
        min_value=15,
        max_value=240,
        help_text=gettext_lazy("Si lo deja vacío, se mantiene la actual."),
    )
    motivo = forms.CharField(label=gettext_lazy("Motivo"), widget=forms.Textarea(attrs={"rows": 2}))


class CancelacionForm(forms.Form):
    motivo = forms.CharField(label=gettext_lazy("Motivo"), widget=forms.Textarea(attrs={"rows": 2}))


def _abrir(request, pk):
    """The hearing an official convened, for the staff of its régimen (404 / 403 otherwise)."""
    audiencia = acceder_audiencia(request.user, pk)
    if not servicio.la_conduce_un_funcionario(audiencia.reclamo):
        raise Http404
    if parte_de(request.user, audiencia.reclamo) != Parte.FUNCIONARIO:
        raise PermissionDenied
    return audiencia


def _abrir_para_cambiar(request, pk):
    audiencia = _abrir(request, pk)
    if not cambios.puede_cambiarla(request.user, audiencia):
        raise PermissionDenied
    return audiencia


def _pagina(request, audiencia, *, form=None, reprogramacion=None, cancelacion=None):
    reclamo = audiencia.reclamo
    zona = reclamo.regimen.zona_horaria
    return render(
        request,
        "audiencias/mediacion/audiencia.html",
        {
            "audiencia": audiencia,
            "reclamo": reclamo,
            "form": form or ActaForm(reclamo=reclamo),
            "conduce": audiencia.funcionario_id == request.user.pk,
            "puede_cambiarla": cambios.puede_cambiarla(request.user, audiencia),
            "reprogramacion": reprogramacion
            or ReprogramacionForm(
                prefix="reprogramar",
                zona=zona,
                initial={
                    "enlace_video": audiencia.enlace_video,
                    "duracion_minutos": audiencia.duracion_minutos,
                },
            ),
            "cancelacion": cancelacion or CancelacionForm(prefix="cancelar"),
            "asistencias": audiencia.asistencias.select_related("proveedor"),
            "acta": (acta := servicio.acta_de(audiencia)),
            "firmas": mediacion_firmas.estado_de_las_firmas(audiencia) if acta else [],
            "firmada": mediacion_firmas.acta_firmada(acta),
            "resultado": servicio.nombre_del_resultado(reclamo, audiencia.resultado)
            if audiencia.resultado
            else "",
            "textos": reclamo.regimen.textos,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def audiencia(request, pk):
    audiencia = _abrir(request, pk)
    reclamo = audiencia.reclamo
    form = ActaForm(request.POST or None, reclamo=reclamo)
    if request.method == "POST" and form.is_valid():
        try:
            servicio.celebrar_audiencia(audiencia, por=request.user, **form.datos())
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Acta emitida: avisamos a las partes."))
            return redirect("reclamos:mediacion", pk=reclamo.pk)
    return _pagina(request, audiencia, form=form)


@login_required
@require_http_methods(["POST"])
def reprogramar(request, pk):
    audiencia = _abrir_para_cambiar(request, pk)
    form = ReprogramacionForm(
        request.POST, prefix="reprogramar", zona=audiencia.reclamo.regimen.zona_horaria
    )
    if form.is_valid():
        try:
            nueva = cambios.reprogramar_audiencia_convocada(
                audiencia, por=request.user, **form.cleaned_data
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Audiencia reprogramada: avisamos a las partes."))
            return redirect("audiencias:audiencia_mediacion", pk=nueva.pk)
    return _pagina(request, audiencia, reprogramacion=form)


@login_required
@require_http_methods(["POST"])
def cancelar(request, pk):
    audiencia = _abrir_para_cambiar(request, pk)
    form = CancelacionForm(request.POST, prefix="cancelar")
    if form.is_valid():
        try:
            cambios.cancelar_audiencia_convocada(audiencia, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Audiencia cancelada: avisamos a las partes."))
            return redirect("reclamos:mediacion", pk=audiencia.reclamo_id)
    return _pagina(request, audiencia, cancelacion=form)
