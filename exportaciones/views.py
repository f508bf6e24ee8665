"""Staff pages: the exports page (forms, data dictionary, the quarterly reports with their
status) and the streamed CSV download. Permissions: exportaciones.permisos; MFA: middleware."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from conciliacion.paginacion import paginar
from exportaciones import diccionario, flujo, permisos, services
from exportaciones.cifras import RENGLONES
from exportaciones.formularios import PeriodoForm, TrimestreForm
from exportaciones.models import InformeTrimestral


def respuesta_csv(exportacion, form) -> StreamingHttpResponse:
    """The streamed CSV of a valid period form (pages and API share it)."""
    datos = form.cleaned_data
    filtro = flujo.filtro_periodo(
        exportacion,
        desde=datos["desde"],
        hasta=datos["hasta"],
        regimenes_elegidos=form.regimenes_elegidos(),
        oficina=datos.get("oficina"),
    )
    respuesta = StreamingHttpResponse(
        flujo.generar_csv(exportacion, filtro), content_type="text/csv; charset=utf-8"
    )
    nombre = flujo.nombre_de_archivo(exportacion, datos["desde"], datos["hasta"])
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    respuesta["Cache-Control"] = "no-store"
    return respuesta


def _formularios(usuario, tipos, datos=None, tipo_enviado=None, trimestre=None):
    hoy = timezone.localdate()
    inicial = {"desde": hoy.replace(day=1), "hasta": hoy}
    formularios = []
    for codigo in tipos:
        exportacion = diccionario.obtener(codigo)
        if exportacion is None:
            continue
        regimenes = permisos.regimenes_para(usuario, codigo)
        if codigo == tipo_enviado and datos is not None:
            form = PeriodoForm(datos, regimenes_permitidos=regimenes, prefix=codigo)
        else:
            form = PeriodoForm(initial=inicial, regimenes_permitidos=regimenes, prefix=codigo)
        formularios.append({"exportacion": exportacion, "form": form})
    informe = None
    if "informe" in tipos:
        informe = trimestre or TrimestreForm(
            initial={"anio": hoy.year, "trimestre": (hoy.month - 1) // 3 + 1},
            regimenes_permitidos=permisos.regimenes_para(usuario, "informe"),
            prefix="informe",
        )
    return formularios, informe


def _pagina(request, tipos, *, formularios, informe_form, status=200):
    informes = None
    if informe_form is not None:
        qs = InformeTrimestral.objects.filter(
            regimen_codigo__in=permisos.regimenes_para(request.user, "informe")
        ).select_related("oficina", "documento", "solicitado_por")
        informes = paginar(
            qs, orden=("-solicitado_en", "-pk"), cursor=request.GET.get("cursor"), tamano=20
        )
    return render(
        request,
        "exportaciones/pagina.html",
        {
            "formularios": formularios,
            "informe_form": informe_form,
            "informes": informes,
            "renglones": RENGLONES,
            "formatos": diccionario.FORMATOS,
        },
        status=status,
    )


@login_required
@require_GET
def pagina(request):
    tipos = permisos.exigir_alguno(request.user)
    formularios, informe_form = _formularios(request.user, tipos)
    return _pagina(request, tipos, formularios=formularios, informe_form=informe_form)


@login_required
@require_GET
def descargar(request, tipo: str):
    """The CSV of one export for the period in the query string; a bad period re-renders the
    page with the messages and what was typed (status 400)."""
    tipos = permisos.exigir_alguno(request.user)
    exportacion = diccionario.obtener(tipo)
    if exportacion is None:
        raise Http404
    regimenes = permisos.exigir(request.user, tipo)
    form = PeriodoForm(request.GET, regimenes_permitidos=regimenes, prefix=tipo)
    if not form.is_valid():
        formularios, informe_form = _formularios(request.user, tipos, request.GET, tipo)
        messages.error(request, _("Revisá el período de la exportación: tiene errores."))
        return _pagina(
            request, tipos, formularios=formularios, informe_form=informe_form, status=400
        )
    return respuesta_csv(exportacion, form)


@login_required
@require_http_methods(["POST"])
def pedir_informe(request):
    """Queues the quarterly report and returns at once; the page shows its status."""
    tipos = permisos.exigir_alguno(request.user)
    regimenes = permisos.exigir(request.user, "informe")
    form = TrimestreForm(request.POST, regimenes_permitidos=regimenes, prefix="informe")
    if not form.is_valid():
        formularios, _informe = _formularios(request.user, tipos)
        messages.error(request, _("Revisá el trimestre pedido: tiene errores."))
        return _pagina(request, tipos, formularios=formularios, informe_form=form, status=400)
    datos = form.cleaned_data
    services.solicitar_informe(
        anio=datos["anio"],
        trimestre=datos["trimestre"],
        regimen=datos["regimen"],
        oficina=datos.get("oficina"),
        por=request.user,
    )
    messages.success(
        request,
        _("Pediste el informe. Se está generando: actualizá la página en unos instantes."),
    )
    return redirect("exportaciones:pagina")
