"""Recording the service of a cédula by reliable means (agency in method a, conciliator in b/c),
and the two pauses of AR-07 that belong to the notice: domicile search (T17) and legal
assistance (T18, AR-08)."""

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
from audiencias.services import cedulas, suspensiones
from conciliacion.errores import ErrorDeDominio
from conciliadores.views.comun import aplicar_error
from reclamos.permisos import acceder_reclamo, reclamos_visibles


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


@login_required
@require_http_methods(["GET", "POST"])
def notificacion_al_consumidor(request, pk):
    """D202-I.10: the consumer's notice of the hearing by reliable means, with its proof."""
    from audiencias.models import Audiencia

    audiencia = (
        Audiencia.objects.select_related("reclamo", "conciliador")
        .filter(pk=pk, reclamo__in=reclamos_visibles(request.user))
        .first()
    )
    if audiencia is None:
        raise Http404
    if not cedulas.quien_notifica_al_consumidor(audiencia, request.user):
        raise PermissionDenied
    form = NotificacionFehacienteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            audiencia = cedulas.registrar_notificacion_al_consumidor(
                audiencia,
                por=request.user,
                notificada_el=datos["notificada_el"],
                medio=datos["medio"],
                constancia=datos["constancia"],
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            if audiencia.consumidor_en_termino:
                messages.success(request, _("Registraste la notificación al consumidor."))
            else:
                messages.warning(
                    request,
                    _(
                        "Registraste la notificación, pero no hay 3 días hábiles antes de la "
                        "audiencia: reprogramala."
                    ),
                )
            return redirect("reclamos:detalle", pk=audiencia.reclamo_id)
    return render(
        request,
        "audiencias/cedulas/registrar_consumidor.html",
        {"audiencia": audiencia, "form": form},
    )


class _ProveedorForm(forms.Form):
    proveedor = forms.ModelChoiceField(
        label=gettext_lazy("Proveedor"), queryset=None, empty_label=None
    )

    def __init__(self, *args, reclamo, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proveedor"].queryset = reclamo.proveedores.order_by("pk")


class BusquedaDomicilioForm(_ProveedorForm):
    motivo = forms.CharField(
        label=gettext_lazy("Qué falta y qué se pidió"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy(
            "Por ejemplo: la cédula volvió con «se mudó»; se pidió el domicilio inscripto a la IGJ."
        ),
    )


class DomicilioHalladoForm(_ProveedorForm):
    domicilio = forms.CharField(
        label=gettext_lazy("Domicilio inscripto hallado"),
        max_length=300,
        help_text=gettext_lazy("Calle, número, piso, localidad y provincia."),
    )


class AsistenciaLetradaForm(forms.Form):
    motivo = forms.CharField(
        label=gettext_lazy("Por qué hace falta asistencia letrada"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


def _pagina_de_pausa(request, pk, *, puede, formulario, accion, textos):
    reclamo = acceder_reclamo(request.user, pk)
    if not puede(request.user, reclamo):
        raise PermissionDenied
    argumentos = {"reclamo": reclamo} if formulario is not AsistenciaLetradaForm else {}
    form = formulario(request.POST or None, **argumentos)
    if request.method == "POST" and form.is_valid():
        try:
            accion(reclamo, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, textos["hecho"])
            return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(
        request,
        "audiencias/cedulas/pausa.html",
        {"reclamo": reclamo, "form": form, **textos},
    )


@login_required
@require_http_methods(["GET", "POST"])
def buscar_domicilio(request, pk):
    return _pagina_de_pausa(
        request,
        pk,
        puede=suspensiones.puede_buscar_domicilio,
        formulario=BusquedaDomicilioForm,
        accion=suspensiones.iniciar_busqueda_de_domicilio,
        textos={
            "titulo": _("Búsqueda del domicilio del proveedor"),
            "explicacion": _(
                "Registrá que hay que averiguar el domicilio inscripto del proveedor para poder "
                "notificarle la audiencia (art. 10 de la Ley 26.993). El plazo para celebrar la "
                "primera audiencia queda suspendido hasta que lleguen los datos."
            ),
            "boton": _("Registrar la búsqueda"),
            "hecho": _("Registraste la búsqueda del domicilio: el plazo quedó suspendido."),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def domicilio_hallado(request, pk):
    return _pagina_de_pausa(
        request,
        pk,
        puede=suspensiones.puede_buscar_domicilio,
        formulario=DomicilioHalladoForm,
        accion=suspensiones.registrar_domicilio_hallado,
        textos={
            "titulo": _("Llegaron los datos del domicilio"),
            "explicacion": _(
                "Cargá el domicilio inscripto que informó el registro. Las próximas cédulas se "
                "notifican ahí y el plazo para celebrar la primera audiencia se reanuda hoy."
            ),
            "boton": _("Guardar y reanudar el plazo"),
            "hecho": _("Guardaste el domicilio: el plazo se reanudó."),
        },
    )


def _es_conciliador(usuario, reclamo) -> bool:
    from audiencias.permisos import es_conciliador_de

    return es_conciliador_de(usuario, reclamo)


@login_required
@require_http_methods(["GET", "POST"])
def asistencia_letrada(request, pk):
    return _pagina_de_pausa(
        request,
        pk,
        puede=_es_conciliador,
        formulario=AsistenciaLetradaForm,
        accion=suspensiones.notificar_asistencia_letrada,
        textos={
            "titulo": _("Asistencia letrada necesaria"),
            "explicacion": _(
                "Si considerás que las partes necesitan asistencia letrada (art. 9 del Anexo I "
                "del Decreto 202/2015), avisales desde acá: les llega un correo y el plazo para "
                "celebrar la primera audiencia queda suspendido por 3 días hábiles."
            ),
            "boton": _("Avisar a las partes"),
            "hecho": _("Avisaste a las partes: el plazo quedó suspendido por 3 días hábiles."),
        },
    )
