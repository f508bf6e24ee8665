"""Recording the service of a cédula by reliable means (agency in method a, conciliator in b/c)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from audiencias.models import Cedula
from audiencias.services import cedulas
from conciliacion.errores import ErrorDeDominio
from conciliadores.views.comun import aplicar_error
from reclamos.permisos import reclamos_visibles


class NotificacionFehacienteForm(forms.Form):
    notificada_el = forms.DateField(
        label=gettext_lazy("Fecha en que se notificó"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    medio = forms.CharField(
        label=gettext_lazy("Medio"),
        max_length=120,
        help_text=gettext_lazy("Carta documento, telegrama, notificador, etc."),
    )
    constancia = forms.FileField(label=gettext_lazy("Constancia de notificación (PDF, JPG o PNG)"))


@login_required
@require_http_methods(["GET", "POST"])
def registrar_notificacion(request, pk):
    cedula = (
        Cedula.objects.select_related("audiencia__reclamo", "audiencia__conciliador", "proveedor")
        .filter(pk=pk, audiencia__reclamo__in=reclamos_visibles(request.user))
        .first()
    )
    if cedula is None:
        raise Http404
    if not cedulas.quien_notifica(cedula, request.user):
        raise PermissionDenied
    form = NotificacionFehacienteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            cedula = cedulas.registrar_notificacion_fehaciente(
                cedula,
                por=request.user,
                notificada_el=datos["notificada_el"],
                medio=datos["medio"],
                constancia=datos["constancia"],
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            if cedula.en_termino:
                messages.success(request, _("Registraste la notificación de la cédula."))
            else:
                messages.warning(
                    request,
                    _(
                        "Registraste la notificación, pero no hay 3 días hábiles antes de la "
                        "audiencia: reprogramala."
                    ),
                )
            return redirect("reclamos:detalle", pk=cedula.audiencia.reclamo_id)
    return render(request, "audiencias/cedulas/registrar.html", {"cedula": cedula, "form": form})
