"""Mis notificaciones: the recipient's list and each notice in full (the proof of notice)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from notificaciones import services
from notificaciones.permisos import acceder_notificacion
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
