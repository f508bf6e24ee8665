"""Acts on a claim: the consumer's choice (method c) and autonomous document (method b), the
conciliator's excusación and a party's recusación (D202-I.7)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from conciliacion.errores import ErrorDeDominio
from conciliadores.elegibilidad import elegibles, hoy_local
from conciliadores.forms import CausalForm, DocumentoAutonomoForm, ElegirConciliadorForm
from conciliadores.models import Propuesta
from conciliadores.permisos import perfil_de
from conciliadores.services import apartamiento, designacion
from conciliadores.views.comun import aplicar_error, datos_post, datos_y_archivos
from reclamos.estados import Estado
from reclamos.models import MetodoDesignacion
from reclamos.permisos import acceder_reclamo, es_parte_consumidora, es_parte_proveedora


def _como_consumidor(request, pk):
    reclamo = acceder_reclamo(request.user, pk)
    if not es_parte_consumidora(request.user, reclamo):
        raise PermissionDenied
    return reclamo


def _al_reclamo(reclamo):
    return redirect("reclamos:detalle", pk=reclamo.pk)


@login_required
@require_http_methods(["GET", "POST"])
def elegir(request, pk):
    """Method c: the consumer picks a conciliator from the directory (art. 7 c)."""
    reclamo = _como_consumidor(request, pk)
    disponible = (
        reclamo.metodo_designacion == MetodoDesignacion.ELECCION
        and reclamo.estado == Estado.ADMITIDO
    )
    pendiente = reclamo.propuestas_conciliador.filter(estado=Propuesta.Estado.PENDIENTE).first()
    lista = elegibles(reclamo, fechas=[hoy_local(reclamo.regimen_codigo)]) if disponible else []
    form = ElegirConciliadorForm(datos_post(request), elegibles=lista)
    if request.method == "POST" and disponible and form.is_valid():
        try:
            designacion.elegir_conciliador(
                reclamo, por=request.user, conciliador=form.cleaned_data["conciliador"]
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(
                request, _("Le avisamos a quien elegiste: cuando acepte, queda designado/a.")
            )
            return _al_reclamo(reclamo)
    return render(
        request,
        "conciliadores/elegir.html",
        {"reclamo": reclamo, "form": form, "disponible": disponible, "pendiente": pendiente},
    )


@login_required
@require_http_methods(["GET", "POST"])
def documento(request, pk):
    """Method b: the consumer uploads the autonomous designation document (art. 7 b)."""
    reclamo = _como_consumidor(request, pk)
    disponible = (
        reclamo.metodo_designacion == MetodoDesignacion.ACUERDO
        and reclamo.estado == Estado.ESPERA_DOC_AUTONOMO
    )
    lista = elegibles(reclamo, fechas=[hoy_local(reclamo.regimen_codigo)]) if disponible else []
    form = DocumentoAutonomoForm(*datos_y_archivos(request), elegibles=lista)
    if request.method == "POST" and disponible and form.is_valid():
        datos = form.cleaned_data
        try:
            designacion.presentar_documento_autonomo(
                reclamo,
                por=request.user,
                archivo=datos["archivo"],
                conciliador=datos["conciliador"],
                fecha_documento=datos["fecha_documento"],
                honorario_basico=datos["honorario_basico"] or "",
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(
                request,
                _("Recibimos el documento. Lo revisamos y se lo informamos al conciliador."),
            )
            return _al_reclamo(reclamo)
    return render(
        request,
        "conciliadores/documento.html",
        {
            "reclamo": reclamo,
            "form": form,
            "disponible": disponible,
            "documentos": reclamo.documentos_autonomos.select_related("conciliador__usuario"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def excusarse(request, pk):
    reclamo = acceder_reclamo(request.user, pk)
    perfil = perfil_de(request.user)
    activa = designacion.designacion_activa(reclamo)
    if perfil is None or activa is None or activa.conciliador_id != perfil.pk:
        raise PermissionDenied
    form = CausalForm(datos_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            apartamiento.excusarse(reclamo, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Registramos tu excusación."))
            return redirect("conciliadores:mis_reclamos")
    return render(
        request,
        "conciliadores/causal.html",
        {"reclamo": reclamo, "form": form, "titulo": _("Excusarme"), "es_excusacion": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def recusar(request, pk):
    reclamo = acceder_reclamo(request.user, pk)
    if not (
        es_parte_consumidora(request.user, reclamo) or es_parte_proveedora(request.user, reclamo)
    ):
        raise PermissionDenied
    form = CausalForm(datos_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            apartamiento.recusar(reclamo, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Presentaste la recusación: el procedimiento queda suspendido "
                    "hasta que se resuelva."
                ),
            )
            return _al_reclamo(reclamo)
    return render(
        request,
        "conciliadores/causal.html",
        {
            "reclamo": reclamo,
            "form": form,
            "titulo": _("Recusar al conciliador"),
            "activa": designacion.designacion_activa(reclamo),
        },
    )
