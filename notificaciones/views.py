"""Mis notificaciones: the recipient's list and each notice in full (the proof of notice); an
organisation's electronic domicile, its history and its change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from conciliacion.errores import ErrorDeDominio
from cuentas.permisos import administra_organizacion
from notificaciones import services
from notificaciones.domicilios import cambiar_domicilio_de_organizacion, historial_de_domicilios
from notificaciones.forms import CambioDomicilioForm
from notificaciones.permisos import acceder_domicilio_de_organizacion, acceder_notificacion
from notificaciones.selectors import notificaciones_de


@login_required
@require_GET
def mis_notificaciones(request):
    pagina = Paginator(notificaciones_de(request.user), 25).get_page(request.GET.get("pagina"))
    return render(request, "notificaciones/mis_notificaciones.html", {"pagina": pagina})


@login_required
@require_GET
def detalle(request, pk):
    notificacion = acceder_notificacion(request.user, pk)
    primera_lectura = notificacion.leida_en is None
    notificacion = services.registrar_lectura(notificacion, por=request.user)
    return render(
        request,
        "notificaciones/detalle.html",
        {"notificacion": notificacion, "primera_lectura": primera_lectura},
    )


@login_required
@require_http_methods(["GET", "POST"])
def domicilio_organizacion(request, pk):
    organizacion = acceder_domicilio_de_organizacion(
        request.user, pk, escribir=request.method == "POST"
    )
    form = CambioDomicilioForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                organizacion = acceder_domicilio_de_organizacion(
                    request.user, pk, escribir=True, bloquear=True
                )
                cambiar_domicilio_de_organizacion(
                    organizacion, email=form.cleaned_data["email"], por=request.user
                )
        except ErrorDeDominio as error:
            for campo, textos in error.campos.items():
                for texto in textos:
                    form.add_error(campo if campo in form.fields else None, texto)
            if not error.campos:
                form.add_error(None, error.mensaje)
        else:
            messages.success(
                request,
                _(
                    "Cambiaste el domicilio electrónico. Avisamos a los representantes y al "
                    "domicilio anterior."
                ),
            )
            return redirect("notificaciones:domicilio_organizacion", pk=organizacion.pk)
    return render(
        request,
        "notificaciones/domicilio_organizacion.html",
        {
            "organizacion": organizacion,
            "historial": historial_de_domicilios(organizacion),
            "administra": administra_organizacion(request.user, organizacion),
            "form": form,
        },
    )
