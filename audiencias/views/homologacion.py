"""Homologation pages: the staff queue and review (art. 12 checklist with the portal's checks),
and the conciliator's acts (ratification, submission, amended version)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audiencias.models import RevisionHomologacion
from audiencias.permisos import es_conciliador_de
from audiencias.services import homologacion
from audiencias.views.audiencia import ResultadoForm
from conciliacion.errores import ErrorDeDominio
from conciliadores.views.comun import aplicar_error
from cuentas.permisos import tiene_rol
from cuentas.roles import Rol
from reclamos.estados import Estado
from reclamos.models import Reclamo
from reclamos.permisos import acceder_reclamo, reclamos_visibles

ROLES = (Rol.HOMOLOGACION, Rol.ADMINISTRADOR)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decisión"),
        choices=RevisionHomologacion.Decision.choices,
        widget=forms.RadioSelect,
    )
    fundamentos = forms.CharField(
        label=gettext_lazy("Observaciones o fundamentos"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for clave, texto in homologacion.ITEMS_ART_12.items():
            self.fields[f"item_{clave}"] = forms.BooleanField(
                label=f"({clave}) {texto}", required=False
            )

    def lista(self) -> dict:
        return {k: self.cleaned_data.get(f"item_{k}", False) for k in homologacion.ITEMS_ART_12}


@login_required
@require_GET
def cola(request):
    if not tiene_rol(request.user, *ROLES):
        raise PermissionDenied
    reclamos = (
        reclamos_visibles(request.user)
        .filter(estado=Estado.EN_HOMOLOGACION)
        .prefetch_related("proveedores")
        .order_by("actualizado_en")
    )
    return render(request, "audiencias/homologacion/cola.html", {"reclamos": reclamos})


@login_required
@require_http_methods(["GET", "POST"])
def revisar(request, pk):
    if not tiene_rol(request.user, *ROLES):
        raise PermissionDenied
    reclamo = acceder_reclamo(request.user, pk, vista="audiencias:revisar_homologacion")
    acuerdo = homologacion.acuerdo_vigente(reclamo)
    if reclamo.estado != Estado.EN_HOMOLOGACION or acuerdo is None:
        messages.info(request, _("Este reclamo no tiene un acuerdo en homologación."))
        return redirect("reclamos:detalle", pk=reclamo.pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            homologacion.decidir(
                reclamo,
                por=request.user,
                decision=form.cleaned_data["decision"],
                lista=form.lista(),
                fundamentos=form.cleaned_data["fundamentos"],
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Registraste la decisión de homologación."))
            return redirect("audiencias:cola_homologacion")
    from documentos.selectors import documentos_de

    return render(
        request,
        "audiencias/homologacion/revisar.html",
        {
            "reclamo": reclamo,
            "acuerdo": acuerdo,
            "form": form,
            "verificaciones": homologacion.verificaciones(reclamo, acuerdo),
            "umbral": homologacion.umbral_suma(),
            "revisiones": RevisionHomologacion.objects.filter(acuerdo__reclamo=reclamo),
            "documentos": documentos_de(reclamo),
        },
    )


def _reclamo_del_conciliador(request, pk) -> Reclamo:
    reclamo = acceder_reclamo(request.user, pk)
    if not es_conciliador_de(request.user, reclamo):
        raise PermissionDenied
    return reclamo


@login_required
@require_POST
def elevar(request, pk):
    reclamo = _reclamo_del_conciliador(request, pk)
    try:
        if request.POST.get("ratificacion"):
            homologacion.ratificar_acuerdo(
                reclamo, por=request.user, detalle=request.POST["ratificacion"]
            )
        homologacion.elevar(reclamo, por=request.user)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, _("Elevaste el acuerdo a homologación."))
    return redirect("reclamos:detalle", pk=reclamo.pk)


@login_required
@require_http_methods(["GET", "POST"])
def corregir(request, pk):
    reclamo = _reclamo_del_conciliador(request, pk)
    form = ResultadoForm(request.POST or None, initial={"resultado": "acuerdo"})
    if request.method == "POST" and form.is_valid():
        datos = form.acuerdo()
        try:
            homologacion.corregir_acuerdo(
                reclamo,
                por=request.user,
                terminos=datos["terminos"],
                obligaciones=datos["obligaciones"],
                monto_total=datos["monto_total"],
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Elevaste el acuerdo corregido."))
            return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(
        request,
        "audiencias/homologacion/corregir.html",
        {
            "reclamo": reclamo,
            "form": form,
            "revisiones": RevisionHomologacion.objects.filter(acuerdo__reclamo=reclamo),
        },
    )
