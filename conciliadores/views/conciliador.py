"""The conciliator's own pages: profile, licences, pending work, answers to proposals and to a
recusación."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conciliacion.errores import ErrorDeDominio
from conciliacion.paginacion import paginar
from conciliadores import selectors
from conciliadores.forms import (
    LicenciaForm,
    PerfilPropioForm,
    RespuestaPropuestaForm,
    RespuestaRecusacionForm,
)
from conciliadores.models import Licencia
from conciliadores.permisos import acceder_propuesta, acceder_recusacion, perfil_de
from conciliadores.services import apartamiento, designacion, registro
from conciliadores.views.comun import aplicar_error, datos_post


def _mi_perfil(request):
    perfil = perfil_de(request.user)
    if perfil is None:
        raise PermissionDenied
    return perfil


@login_required
@require_http_methods(["GET", "POST"])
def mi_perfil(request):
    perfil = _mi_perfil(request)
    inicial = {
        "modalidades": perfil.modalidades,
        "domicilio_profesional": perfil.domicilio_profesional,
        "telefono": perfil.telefono,
        "email_contacto": perfil.email_contacto,
    }
    form = PerfilPropioForm(datos_post(request), initial=inicial)
    if request.method == "POST" and form.is_valid():
        try:
            registro.actualizar_conciliador(perfil, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Guardamos tus datos."))
            return redirect("conciliadores:mi_perfil")
    return render(
        request,
        "conciliadores/mi_perfil.html",
        {
            "perfil": perfil,
            "form": form,
            "licencias": perfil.licencias.all(),
            "form_licencia": LicenciaForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def solicitar_licencia(request):
    perfil = _mi_perfil(request)
    form = LicenciaForm(datos_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            registro.solicitar_licencia(perfil, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Enviamos tu pedido de licencia al registro."))
            return redirect("conciliadores:mi_perfil")
    return render(request, "conciliadores/licencia.html", {"form": form, "perfil": perfil})


@login_required
@require_POST
def cancelar_licencia(request, pk):
    perfil = _mi_perfil(request)
    licencia = get_object_or_404(Licencia, pk=pk, conciliador=perfil)
    try:
        registro.cancelar_licencia(licencia, por=request.user)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, _("Cancelaste el pedido de licencia."))
    return redirect("conciliadores:mi_perfil")


@login_required
@require_GET
def mis_reclamos(request):
    perfil = _mi_perfil(request)
    tareas = selectors.tareas_del_conciliador(perfil)
    # The designations grow with every claim conciliated: newest first, by keyset over the
    # index designacion_concil_reciente (issue 13).
    tareas["designaciones"] = paginar(
        tareas["designaciones"], orden=("-fecha", "-pk"), cursor=request.GET.get("cursor")
    )
    return render(request, "conciliadores/mis_reclamos.html", {"perfil": perfil, **tareas})


def _responder(request, propuesta, form) -> bool:
    datos = form.cleaned_data
    try:
        if datos["decision"] == "aceptar":
            designacion.aceptar_propuesta(propuesta, por=request.user)
            messages.success(request, _("Aceptaste: quedaste designado/a en el reclamo."))
        else:
            designacion.rechazar_propuesta(
                propuesta,
                por=request.user,
                motivo=datos["motivo"],
                justificado=datos["tipo_motivo"] != "sin_causa",
                causal=datos["causal"] if datos["tipo_motivo"] == "causal" else "",
            )
            messages.success(request, _("Registramos que no aceptás intervenir."))
    except ErrorDeDominio as error:
        aplicar_error(form, error)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def propuesta(request, pk):
    propuesta = acceder_propuesta(request.user, pk, escribir=request.method == "POST")
    form = RespuestaPropuestaForm(datos_post(request))
    if request.method == "POST" and form.is_valid() and _responder(request, propuesta, form):
        if propuesta.estado == "aceptada":
            return redirect("reclamos:detalle", pk=propuesta.reclamo_id)
        return redirect("conciliadores:mis_reclamos")
    return render(
        request,
        "conciliadores/propuesta.html",
        {
            "propuesta": propuesta,
            "reclamo": propuesta.reclamo,
            "form": form,
            "es_propio": propuesta.conciliador.usuario_id == request.user.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def responder_recusacion(request, pk):
    recusacion = acceder_recusacion(request.user, pk)
    if recusacion.conciliador.usuario_id != request.user.pk:
        raise PermissionDenied
    form = RespuestaRecusacionForm(datos_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            apartamiento.responder_recusacion(
                recusacion,
                por=request.user,
                acepta=form.cleaned_data["acepta"] == "si",
                texto=form.cleaned_data["texto"],
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Enviamos tu respuesta a la autoridad."))
            return redirect("reclamos:detalle", pk=recusacion.reclamo_id)
    return render(
        request,
        "conciliadores/responder_recusacion.html",
        {"recusacion": recusacion, "reclamo": recusacion.reclamo, "form": form},
    )
