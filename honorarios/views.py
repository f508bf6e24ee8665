"""Pages of fees and fines: "Mis honorarios", the Fondo's obligations, the fine flow."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conciliacion.errores import ErrorDeDominio
from conciliadores.permisos import perfil_de
from cuentas.permisos import tiene_rol
from cuentas.roles import Rol
from honorarios import services
from honorarios.models import Honorario, Multa
from reclamos.permisos import acceder_reclamo, reclamos_visibles

PERSONAL = (Rol.ADMISION, Rol.HOMOLOGACION, Rol.ADMINISTRADOR)


class FechaForm(forms.Form):
    fecha = forms.DateField(
        label=gettext_lazy("Fecha"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class DictamenForm(forms.Form):
    dictamen = forms.CharField(
        label=gettext_lazy("Dictamen jurídico"), widget=forms.Textarea(attrs={"rows": 4})
    )


def _al_reclamo(pk):
    return redirect("reclamos:detalle", pk=pk)


@login_required
@require_POST
def constancia(request, pk):
    honorario = Honorario.objects.filter(pk=pk, reclamo__in=reclamos_visibles(request.user)).first()
    if honorario is None:
        raise Http404
    try:
        services.emitir_constancia_fondo(honorario, por=request.user)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, _("Emitiste la constancia para el Fondo."))
    return _al_reclamo(honorario.reclamo_id)


@login_required
@require_POST
def certificar_multa(request, pk):
    reclamo = acceder_reclamo(request.user, pk)
    try:
        services.certificar_multa(reclamo, por=request.user)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, _("Certificaste la multa; la autoridad la revisará."))
    return _al_reclamo(reclamo.pk)


@login_required
@require_http_methods(["GET", "POST"])
def revisar_multa(request, pk):
    if not tiene_rol(request.user, Rol.ADMISION, Rol.ADMINISTRADOR):
        raise PermissionDenied
    multa = (
        Multa.objects.select_related("reclamo", "proveedor", "cedula__notificacion", "audiencia")
        .filter(pk=pk, reclamo__in=reclamos_visibles(request.user))
        .first()
    )
    if multa is None:
        raise Http404
    form = DictamenForm(request.POST or None)
    if request.method == "POST":
        accion = request.POST.get("accion")
        try:
            if accion == "anular":
                services.anular_multa(
                    multa, por=request.user, motivo=request.POST.get("motivo", "")
                )
                messages.success(request, _("Anulaste la multa."))
                return _al_reclamo(multa.reclamo_id)
            if accion == "pago":
                services.registrar_pago_multa(multa, por=request.user, fecha=datetime.date.today())
                messages.success(request, _("Registraste el pago."))
                return _al_reclamo(multa.reclamo_id)
            if form.is_valid():
                services.emitir_certificado_multa(
                    multa, por=request.user, dictamen=form.cleaned_data["dictamen"]
                )
                messages.success(request, _("Emitiste el certificado definitivo y la intimación."))
                return _al_reclamo(multa.reclamo_id)
        except ErrorDeDominio as error:
            form.add_error(None, error.mensaje)
    return render(request, "honorarios/revisar_multa.html", {"multa": multa, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def mis_honorarios(request):
    perfil = perfil_de(request.user)
    if perfil is None:
        raise PermissionDenied
    if request.method == "POST":
        honorario = Honorario.objects.filter(
            pk=request.POST.get("honorario"), conciliador=perfil
        ).first()
        form = FechaForm(request.POST)
        acciones = {
            "presentacion": services.registrar_presentacion_fondo,
            "pago": services.registrar_pago,
            "cobro_total": services.registrar_cobro_total,
            "reintegro": services.registrar_reintegro,
        }
        accion = acciones.get(request.POST.get("accion"))
        if honorario is None or accion is None:
            raise Http404
        if form.is_valid():
            try:
                accion(honorario, por=request.user, fecha=form.cleaned_data["fecha"])
            except ErrorDeDominio as error:
                messages.error(request, error.mensaje)
            else:
                messages.success(request, _("Registrado."))
        else:
            messages.error(request, _("Indicá una fecha válida."))
        return redirect("honorarios:mis_honorarios")
    honorarios = (
        Honorario.objects.filter(conciliador=perfil)
        .select_related("reclamo")
        .order_by("-devengado_en")
    )
    return render(
        request, "honorarios/mis_honorarios.html", {"honorarios": honorarios, "form": FechaForm()}
    )


@login_required
@require_GET
def fondo(request):
    """The Fondo de Financiamiento's obligations: basic fees of method a without agreement."""
    if not tiene_rol(request.user, *PERSONAL):
        raise PermissionDenied
    honorarios = (
        Honorario.objects.filter(a_cargo=Honorario.Pagador.FONDO)
        .select_related("reclamo", "conciliador__usuario")
        .order_by("estado", "-devengado_en")
    )
    from plazos.models import Plazo

    vencidos = set(
        Plazo.objects.filter(
            content_type__model="honorario",
            tipo__in=["AR-15", "AR-17"],
            estado=Plazo.Estado.VENCIDO,
        ).values_list("object_id", flat=True)
    )
    return render(
        request, "honorarios/fondo.html", {"honorarios": honorarios, "vencidos": vencidos}
    )
