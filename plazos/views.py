"""Browser pages: the public calculator and the staff page of decreed days."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from conciliacion.errores import DatosInvalidos
from normativa.models import DiaNoHabil
from plazos import services
from plazos.calculadora import calcular
from plazos.forms import CalculadoraForm, CorregirDiaNoHabilForm, DiaNoHabilForm
from plazos.permisos import puede_gestionar_dias

FILAS_SUSPENSION_MINIMAS = 2


def _suspensiones_del_pedido(request) -> list[tuple[str, str]]:
    """Pairs from the page (suspension_desde/suspension_hasta) and API-style `suspension=a:b`."""
    pares = list(
        zip(
            request.GET.getlist("suspension_desde"),
            request.GET.getlist("suspension_hasta"),
            strict=False,
        )
    )
    pares += [tuple(texto.partition(":")[::2]) for texto in request.GET.getlist("suspension")]
    return pares


def _filas_para_mostrar(pares: list[tuple[str, str]]) -> list[tuple[str, str]]:
    filas = [par for par in pares if any(v.strip() for v in par)]
    filas.append(("", ""))
    while len(filas) < FILAS_SUSPENSION_MINIMAS:
        filas.append(("", ""))
    return filas


@require_GET
def calculadora(request):
    """Public: jurisdiction, start date, days, unit and suspensions → due date and why."""
    pares = _suspensiones_del_pedido(request)
    enviado = "desde" in request.GET
    form = CalculadoraForm(
        request.GET if enviado else None,
        suspensiones=pares,
        initial={"pais": "AR", "unidad": "habiles"},
    )
    computo = calcular(form.consulta) if enviado and form.is_valid() else None
    contexto = {
        "form": form,
        "computo": computo,
        "consulta_api": _consulta_api(form.consulta) if computo else "",
        "filas_suspension": _filas_para_mostrar(pares),
        "enviado": enviado,
        # The page speaks Peru's Spanish when Peru's calendar is asked for.
        "idioma": "es-PE" if request.GET.get("pais", "").strip().upper() == "PE" else "",
    }
    if request.headers.get("HX-Request"):
        # htmx does not swap 4xx responses: the fragment with the errors goes out as 200.
        return render(request, "plazos/calculadora.html#cuerpo", contexto)
    estado = 400 if enviado and computo is None else 200
    return render(request, "plazos/calculadora.html", contexto, status=estado)


def _consulta_api(consulta) -> str:
    parametros = [
        ("pais", consulta.pais),
        ("desde", consulta.desde.isoformat()),
        ("dias", consulta.dias),
        ("unidad", consulta.unidad.value),
    ]
    parametros += [
        ("suspension", f"{d.isoformat()}:{h.isoformat()}") for d, h in consulta.suspensiones
    ]
    return urlencode(parametros)


@login_required
@require_http_methods(["GET", "POST"])
def dias_no_habiles(request):
    """Staff (administrators): the decreed days and a form to add one."""
    if not puede_gestionar_dias(request.user):
        raise PermissionDenied
    form = DiaNoHabilForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                dia = services.registrar_dia_no_habil(por=request.user, **form.cleaned_data)
        except DatosInvalidos as error:
            for campo, mensajes in error.campos.items():
                for mensaje in mensajes:
                    form.add_error(campo if campo in form.fields else None, mensaje)
        else:
            messages.success(
                request,
                _("Registramos el %(dia)s. Plazos recalculados: %(n)s.")
                % {"dia": dia, "n": dia.plazos_recalculados},
            )
            return redirect("plazos:dias_no_habiles")
    from conciliacion.paginacion import paginar

    dias = paginar(
        DiaNoHabil.objects.select_related("cargado_por"),
        orden=("-fecha", "-pk"),
        cursor=request.GET.get("cursor"),
    )
    return render(
        request,
        "plazos/dias_no_habiles.html",
        {"form": form, "dias": dias},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def corregir_dia_no_habil(request, pk: int):
    """Staff (administrators): correct a decreed day's kind, calendars or norm."""
    if not puede_gestionar_dias(request.user):
        raise PermissionDenied
    dia = get_object_or_404(DiaNoHabil.objects.select_related("modificado_por"), pk=pk)
    form = CorregirDiaNoHabilForm(
        request.POST or None,
        initial={
            "tipo": dia.tipo,
            "calendarios": dia.calendarios,
            "fuente": dia.fuente,
            "descripcion": dia.descripcion,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            dia = services.corregir_dia_no_habil(dia, por=request.user, **form.cleaned_data)
        except DatosInvalidos as error:
            for campo, mensajes in error.campos.items():
                for mensaje in mensajes:
                    form.add_error(campo if campo in form.fields else None, mensaje)
        else:
            messages.success(
                request,
                _("Corregiste el %(dia)s. Plazos recalculados: %(n)s.")
                % {"dia": dia, "n": dia.plazos_recalculados},
            )
            return redirect("plazos:dias_no_habiles")
    return render(
        request,
        "plazos/corregir_dia_no_habil.html",
        {"form": form, "dia": dia, "cambios": list(reversed(dia.cambios or []))},
        status=400 if request.method == "POST" else 200,
    )
