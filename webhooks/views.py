"""Pages of an organisation's webhooks (its administrators only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from conciliacion.errores import ErrorDeDominio
from conciliacion.paginacion import paginar
from webhooks import services
from webhooks.eventos import TIPOS
from webhooks.forms import EndpointForm
from webhooks.models import Endpoint, Entrega
from webhooks.permisos import acceder_endpoint, organizacion_administrada


def _datos(form) -> dict:
    d = form.cleaned_data
    return {
        "url": d["url"],
        "tipos": d["tipos"],
        "descripcion": d["descripcion"],
        "dias_aviso": d["dias_aviso"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def lista(request, org):
    organizacion = organizacion_administrada(request.user, org)
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.registrar(organizacion, por=request.user, **_datos(form))
        except ErrorDeDominio as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(request, _("Registramos el webhook. Guardá su secreto de firma."))
            return redirect("webhooks:detalle", org=organizacion.pk, pk=endpoint.pk)
    endpoints = Endpoint.objects.filter(organizacion=organizacion).order_by("pk")
    return render(
        request,
        "webhooks/lista.html",
        {
            "organizacion": organizacion,
            "endpoints": endpoints,
            "pausados": [e for e in endpoints if e.estado == Endpoint.Estado.PAUSADO],
            "form": form,
            "tipos": TIPOS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def detalle(request, org, pk):
    endpoint = acceder_endpoint(request.user, org, pk)
    inicial = {
        "url": endpoint.url,
        "descripcion": endpoint.descripcion,
        "tipos": endpoint.tipos,
        "dias_aviso": endpoint.dias_aviso,
    }
    form = EndpointForm(request.POST or None, initial=inicial)
    if request.method == "POST" and form.is_valid():
        try:
            services.modificar(endpoint, **_datos(form))
        except ErrorDeDominio as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(request, _("Guardamos los cambios."))
            return redirect("webhooks:detalle", org=org, pk=pk)
    entregas = paginar(
        Entrega.objects.filter(endpoint=endpoint).select_related("evento"),
        orden=("-creada_en", "-pk"),
        cursor=request.GET.get("cursor"),
        tamano=20,
    )
    return render(
        request,
        "webhooks/detalle.html",
        {
            "organizacion": endpoint.organizacion,
            "endpoint": endpoint,
            "form": form,
            "entregas": entregas,
            "tipos": TIPOS,
        },
    )


ACCIONES = {
    "probar": (services.enviar_prueba, _("Enviamos un evento de prueba.")),
    "rotar": (
        services.rotar_secreto,
        _("Generamos un secreto nuevo. El anterior sigue firmando durante el solapamiento."),
    ),
    "reanudar": (services.reanudar, _("Reanudamos el webhook.")),
    "desactivar": (services.desactivar, _("Desactivamos el webhook.")),
}


@login_required
@require_POST
def accion(request, org, pk, accion):
    endpoint = acceder_endpoint(request.user, org, pk)
    if accion not in ACCIONES:
        raise Http404
    funcion, mensaje = ACCIONES[accion]
    try:
        funcion(endpoint)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, mensaje)
    return redirect("webhooks:detalle", org=org, pk=pk)


@login_required
@require_POST
def reenviar(request, org, pk, entrega):
    endpoint = acceder_endpoint(request.user, org, pk)
    fila = get_object_or_404(Entrega, pk=entrega, endpoint=endpoint)
    services.reenviar(fila)
    messages.success(request, _("Reenviamos el evento."))
    return redirect("webhooks:detalle", org=org, pk=pk)
