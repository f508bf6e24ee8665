"""Mis notificaciones: the recipient's list and each notice in full (the proof of notice); an
organisation's electronic domicile, its history and its change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conciliacion.errores import ErrorDeDominio
from conciliacion.paginacion import paginar
from cuentas.permisos import administra_organizacion
from notificaciones import cambios_de_domicilio as cambios
from notificaciones import services
from notificaciones.domicilios import historial_de_domicilios
from notificaciones.forms import CambioDomicilioForm
from notificaciones.permisos import acceder_domicilio_de_organizacion, acceder_notificacion
from notificaciones.selectors import notificaciones_de


@login_required
@require_GET
def mis_notificaciones(request):
    # Keyset, newest first over the index (destinatario, -creada_en): no COUNT, no OFFSET.
    pagina = paginar(
        notificaciones_de(request.user),
        orden=("-creada_en", "-pk"),
        cursor=request.GET.get("cursor"),
        tamano=25,
    )
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
                cambio = cambios.solicitar_cambio_de_domicilio(
                    organizacion, email=form.cleaned_data["email"], por=request.user
                )
        except ErrorDeDominio as error:
            _errores_en_formulario(form, error)
        else:
            messages.success(
                request,
                _(
                    "Enviamos un enlace de confirmación a %(email)s. El domicilio cambia cuando "
                    "alguien lo abra y confirme; mientras tanto las notificaciones siguen yendo "
                    "al domicilio vigente."
                )
                % {"email": cambio.email},
            )
            return redirect("notificaciones:domicilio_organizacion", pk=organizacion.pk)
    return render(
        request,
        "notificaciones/domicilio_organizacion.html",
        {
            "organizacion": organizacion,
            "historial": historial_de_domicilios(organizacion),
            "pendiente": cambios.cambio_pendiente(organizacion),
            "administra": administra_organizacion(request.user, organizacion),
            "form": form,
        },
    )


def _errores_en_formulario(form, error: ErrorDeDominio) -> None:
    for campo, textos in error.campos.items():
        for texto in textos:
            form.add_error(campo if campo in form.fields else None, texto)
    if not error.campos:
        form.add_error(None, error.mensaje)


@login_required
@require_POST
def reenviar_confirmacion_de_domicilio(request, pk):
    return _sobre_el_pendiente(
        request,
        pk,
        cambios.reenviar_confirmacion,
        _("Reenviamos el enlace de confirmación a %(email)s; el anterior ya no sirve."),
    )


@login_required
@require_POST
def cancelar_cambio_de_domicilio(request, pk):
    return _sobre_el_pendiente(
        request,
        pk,
        cambios.cancelar_cambio_de_domicilio,
        _("Cancelaste el cambio a %(email)s; el domicilio electrónico sigue siendo el mismo."),
    )


def _sobre_el_pendiente(request, pk, servicio, exito: str):
    acceder_domicilio_de_organizacion(request.user, pk, escribir=True)
    try:
        with transaction.atomic():
            organizacion = acceder_domicilio_de_organizacion(
                request.user, pk, escribir=True, bloquear=True
            )
            cambio = servicio(organizacion, por=request.user)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, exito % {"email": cambio.email})
    return redirect("notificaciones:domicilio_organizacion", pk=pk)


@login_required
@require_POST
def reenviar_confirmacion_de_correo(request):
    """The consumer asks again for the link that confirms the address for notices given at
    filing (the notice on the claim page); the previous link stops working."""
    try:
        with transaction.atomic():
            cambio = cambios.reenviar_confirmacion(request.user, por=request.user)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(
            request,
            _("Reenviamos el enlace de confirmación a %(email)s; el anterior ya no sirve.")
            % {"email": cambio.email},
        )
    siguiente = request.POST.get("siguiente", "")
    if not url_has_allowed_host_and_scheme(
        siguiente, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        siguiente = "reclamos:mis_reclamos"
    return redirect(siguiente)


@require_http_methods(["GET", "POST"])
def confirmar_domicilio(request, token):
    """Whoever holds the link e-mailed to the new address confirms it, with no login. GET only
    shows what is being confirmed: mail scanners that open links must not confirm."""
    try:
        cambio = cambios.cambio_del_enlace(token)
    except ErrorDeDominio as error:
        return _pagina_de_confirmacion(request, {"error": error.mensaje}, status=400)
    if request.method == "POST":
        try:
            domicilio = cambios.confirmar_cambio_de_domicilio(token)
        except ErrorDeDominio as error:
            return _pagina_de_confirmacion(request, {"error": error.mensaje}, status=400)
        return _pagina_de_confirmacion(
            request,
            {"confirmado": domicilio, "organizacion": cambio.organizacion, "cambio": cambio},
        )
    return _pagina_de_confirmacion(request, {"cambio": cambio})


def _pagina_de_confirmacion(request, contexto: dict, status: int = 200):
    return render(request, "notificaciones/confirmar_domicilio.html", contexto, status=status)
