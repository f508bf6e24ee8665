"""Staff page of the dated values fees and fines need (DOMAIN Q10, Q11): the unidad de
referencia, the fee schedule, the SMVM and the fines' payment instructions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from honorarios import forms as formularios
from honorarios.services import valores as servicio
from honorarios.services.multas import CLAVE_PAGO
from honorarios.views.comun import ejecutar
from normativa.models import ArancelHonorarios, TextoNormativo, ValorReferencia

FORMULARIOS = {
    "valor": (
        formularios.ValorForm,
        lambda d, por: servicio.cargar_valor(por=por, **d),
        _("Cargaste el valor."),
    ),
    "arancel": (
        formularios.ArancelForm,
        lambda d, por: servicio.cargar_arancel(
            por=por,
            vigente_desde=d["vigente_desde"],
            unidades_basico=d["unidades_basico"],
            bandas=d["bandas"],
            fuente=d["fuente"],
        ),
        _("Cargaste el arancel."),
    ),
    "pago": (
        formularios.InstruccionesPagoForm,
        lambda d, por: servicio.cargar_instrucciones_de_pago(por=por, **d),
        _("Cargaste las instrucciones de pago."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def valores(request):
    if not servicio.puede_cargar_valores(request.user):
        raise PermissionDenied
    formularios_ = {n: clase(prefix=n) for n, (clase, _l, _m) in FORMULARIOS.items()}
    status = 200
    if request.method == "POST":
        nombre = request.POST.get("accion", "")
        if nombre not in FORMULARIOS:
            raise PermissionDenied
        clase, llamada, exito = FORMULARIOS[nombre]
        form = formularios_[nombre] = clase(request.POST, prefix=nombre)
        if ejecutar(request, form, lambda d: llamada(d, request.user), exito):
            return redirect("honorarios:valores")
        status = 400
    return render(
        request,
        "honorarios/valores.html",
        {
            "formularios": formularios_,
            "faltan": servicio.faltantes_a(timezone.localdate()),
            "valores": ValorReferencia.objects.filter(tipo__in=servicio.TIPOS).order_by(
                "tipo", "-vigente_desde"
            ),
            "aranceles": ArancelHonorarios.objects.order_by("-vigente_desde"),
            "instrucciones": TextoNormativo.objects.filter(clave=CLAVE_PAGO).order_by(
                "-vigente_desde"
            ),
        },
        status=status,
    )
