"""Staff page of the dated legal values (decision 0031): every kind with the value in force, the
history of one kind (keyset-paginated), loading, correcting and confirming values."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from conciliacion.errores import ErrorDeDominio
from conciliacion.paginacion import paginar
from normativa import selectores, servicios, valores
from normativa.forms import ConfirmarValorForm, EditarValorForm, ValorForm
from normativa.models import ValorReferencia


def _ejecutar(request, form, accion) -> bool:
    if not form.is_valid():
        return False
    try:
        accion(form.cleaned_data)
    except ErrorDeDominio as error:
        for campo, mensajes in error.campos.items():
            for mensaje in mensajes:
                form.add_error(campo if campo in form.fields else None, mensaje)
        if not error.campos:
            form.add_error(None, error.mensaje)
        return False
    return True


def _exigir(usuario) -> None:
    if not servicios.puede_mantener_valores(usuario):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def valores_legales(request):
    _exigir(request.user)
    tipo = request.GET.get("tipo") or ""
    clase = valores.clase(tipo)
    form = ValorForm(request.POST or None, initial={"tipo": tipo} if clase else None)

    def crear(datos):
        servicios.crear_valor(por=request.user, **datos)

    if request.method == "POST" and _ejecutar(request, form, crear):
        messages.success(request, _("Cargaste el valor."))
        url = reverse("normativa:valores") + f"?tipo={form.cleaned_data['tipo']}"
        return redirect(url)
    historial = None
    if clase is not None:
        historial = paginar(
            selectores.historial(clase.codigo),
            orden=("-vigente_desde", "-pk"),
            cursor=request.GET.get("cursor"),
        )
    return render(
        request,
        "normativa/valores.html",
        {
            "resumen": selectores.resumen(timezone.localdate()),
            "clase": clase,
            "historial": historial,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def valor_legal(request, pk: int):
    _exigir(request.user)
    fila = get_object_or_404(
        ValorReferencia.objects.select_related("cargado_por", "modificado_por", "confirmado_por"),
        pk=pk,
    )
    iniciales = {c: getattr(fila, c) for c in servicios.CAMPOS_EDITABLES}
    editar = EditarValorForm(
        request.POST if request.POST.get("accion") == "editar" else None,
        initial=iniciales,
        prefix="editar",
    )
    confirmar = ConfirmarValorForm(
        request.POST if request.POST.get("accion") == "confirmar" else None, prefix="confirmar"
    )
    if request.method == "POST":
        accion = request.POST.get("accion")
        if accion == "editar":
            hecho = _ejecutar(
                request, editar, lambda d: servicios.editar_valor(fila, por=request.user, **d)
            )
            exito = _("Corregiste el valor.")
        elif accion == "confirmar":
            hecho = _ejecutar(
                request,
                confirmar,
                lambda d: servicios.confirmar_valor(
                    fila, por=request.user, fuente=d["fuente_confirmacion"]
                ),
            )
            exito = _("Confirmaste el valor.")
        else:
            messages.error(request, _("No entendimos qué querías hacer. Probá de nuevo."))
            return redirect("normativa:valor", pk=fila.pk)
        if hecho:
            messages.success(request, exito)
            return redirect("normativa:valor", pk=fila.pk)
    return render(
        request,
        "normativa/valor.html",
        {
            "fila": fila,
            "clase": valores.clase(fila.tipo),
            "editar": editar,
            "confirmar": confirmar,
            "cambios": list(reversed(fila.cambios or [])),
        },
        status=400 if request.method == "POST" else 200,
    )
