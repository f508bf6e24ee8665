"""Admission staff's designation work: the autonomous document's checklist, recusaciones to
decide and new designations after an excusación or an upheld recusación (Q9)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from conciliacion.errores import ErrorDeDominio
from conciliadores import selectors
from conciliadores.disponibilidad import candidatos_para
from conciliadores.elegibilidad import elegibles, hoy_local
from conciliadores.forms import ChecklistForm, DecisionRecusacionForm, ReemplazoForm
from conciliadores.models import DocumentoAutonomo
from conciliadores.permisos import acceder_recusacion, es_personal_reclamos
from conciliadores.services import apartamiento, designacion, sorteo
from conciliadores.views.comun import aplicar_error, datos_post
from reclamos.estados import Estado
from reclamos.models import MetodoDesignacion
from reclamos.permisos import acceder_reclamo


def _exigir_personal(request):
    if not es_personal_reclamos(request.user):
        raise PermissionDenied


@login_required
@require_GET
def cola(request):
    _exigir_personal(request)
    return render(
        request, "conciliadores/panel/cola.html", selectors.cola_designaciones(request.user)
    )


@login_required
@require_http_methods(["GET", "POST"])
def revisar_documento(request, pk):
    _exigir_personal(request)
    documento = DocumentoAutonomo.objects.select_related("reclamo", "archivo").filter(pk=pk).first()
    if documento is None:
        raise Http404
    reclamo = acceder_reclamo(request.user, documento.reclamo_id, vista="panel:documento_autonomo")
    form = ChecklistForm(datos_post(request))
    if request.method == "POST" and form.is_valid():
        datos = dict(form.cleaned_data)
        observacion = datos.pop("observacion")
        try:
            designacion.revisar_documento_autonomo(
                documento, por=request.user, requisitos=datos, observacion=observacion
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Guardamos la revisión del documento."))
            return redirect("conciliadores:cola")
    return render(
        request,
        "conciliadores/panel/documento.html",
        {"documento": documento, "reclamo": reclamo, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def decidir_recusacion(request, pk):
    _exigir_personal(request)
    recusacion = acceder_recusacion(request.user, pk)
    form = DecisionRecusacionForm(datos_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            apartamiento.decidir_recusacion(
                recusacion,
                por=request.user,
                admitida=form.cleaned_data["decision"] == "admitir",
                fundamentos=form.cleaned_data["fundamentos"],
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("La recusación quedó resuelta."))
            return redirect("reclamos:detalle", pk=recusacion.reclamo_id)
    return render(
        request,
        "conciliadores/panel/recusacion.html",
        {"recusacion": recusacion, "reclamo": recusacion.reclamo, "form": form},
    )


def _sortear_de_nuevo(request, reclamo):
    try:
        sorteo.redesignar_por_sorteo(reclamo, candidatos=candidatos_para(reclamo), por=request.user)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
        return redirect("conciliadores:reemplazo", pk=reclamo.pk)
    messages.success(request, _("Se sorteó un nuevo conciliador."))
    return redirect("reclamos:detalle", pk=reclamo.pk)


@login_required
@require_http_methods(["GET", "POST"])
def reemplazo(request, pk):
    """A new designation: a new draw (method a) or the one the Ministry assigns (b, c; Q9)."""
    _exigir_personal(request)
    reclamo = acceder_reclamo(request.user, pk, vista="panel:reemplazo")
    if reclamo.estado != Estado.REDESIGNACION:
        messages.info(request, _("Este reclamo no espera una nueva designación."))
        return redirect("reclamos:detalle", pk=reclamo.pk)
    es_sorteo = reclamo.metodo_designacion == MetodoDesignacion.SORTEO
    if request.method == "POST" and es_sorteo:
        return _sortear_de_nuevo(request, reclamo)
    lista = [] if es_sorteo else elegibles(reclamo, fechas=[hoy_local(reclamo.regimen_codigo)])
    form = ReemplazoForm(datos_post(request), elegibles=lista)
    if request.method == "POST" and form.is_valid():
        try:
            designacion.registrar_reemplazo(reclamo, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Registramos la nueva designación."))
            return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(
        request,
        "conciliadores/panel/reemplazo.html",
        {"reclamo": reclamo, "form": form, "es_sorteo": es_sorteo},
    )
