"""The page where each party who attended a hearing an agency official conducted signs its acta
online: the acta's text and SHA-256, the password re-entered (the same express act as the
conformidad with a proposal; docs/decisions/0009)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from audiencias.permisos import acceder_audiencia
from audiencias.services import mediacion, mediacion_firmas
from conciliacion.errores import ErrorDeDominio
from reclamos.forms_mediacion import aplicar_error
from reclamos.services.mediacion.conformidad import exigir_contrasena


class FirmaActaForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirmo = forms.BooleanField(
        label=gettext_lazy("Firmo el acta tal como figura en el documento."),
        error_messages={"required": gettext_lazy("Marque la casilla para firmar el acta.")},
    )
    contrasena = forms.CharField(
        label=gettext_lazy("Contraseña"),
        widget=forms.PasswordInput,
        help_text=gettext_lazy("Ingrese su contraseña para confirmar que es usted."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def firmar(request, pk):
    audiencia = acceder_audiencia(request.user, pk)
    acta = mediacion.acta_de(audiencia)
    if not mediacion.la_conduce_un_funcionario(audiencia.reclamo) or acta is None:
        raise Http404
    form = FirmaActaForm(request.POST or None, initial={"sha256": acta.sha256})
    if request.method == "POST" and form.is_valid():
        try:
            exigir_contrasena(request.user, form.cleaned_data["contrasena"])
            mediacion_firmas.firmar_acta(
                audiencia, por=request.user, sha256_visto=form.cleaned_data["sha256"]
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Registramos su firma del acta."))
            return redirect("reclamos:mediacion", pk=audiencia.reclamo_id)
    return render(
        request,
        "audiencias/mediacion/firma.html",
        {
            "audiencia": audiencia,
            "reclamo": audiencia.reclamo,
            "acta": acta,
            "firmada": mediacion_firmas.acta_firmada(acta),
            "firmas": mediacion_firmas.estado_de_las_firmas(audiencia),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
