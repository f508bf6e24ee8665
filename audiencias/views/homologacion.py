"""Homologation pages: the staff queue and review (art. 12 checklist with the portal's checks),
and the conciliator's acts (ratification, submission, amended version)."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audiencias.models import RevisionHomologacion
from audiencias.permisos import es_conciliador_de
from audiencias.services import homologacion
from audiencias.views.audiencia import ResultadoForm
from conciliacion.errores import ErrorDeDominio
from conciliadores.views.comun import aplicar_error
from cuentas.permisos import tiene_rol
from cuentas.roles import Rol
from reclamos.estados import Estado
from reclamos.models import Reclamo
from reclamos.permisos import acceder_reclamo, reclamos_visibles

ROLES = (Rol.HOMOLOGACION, Rol.ADMINISTRADOR)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decisión"),
        choices=RevisionHomologacion.Decision.choices,
        widget=forms.RadioSelect,
    )
    fundamentos = forms.CharField(
        label=gettext_lazy("Observaciones o fundamentos"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for clave, texto in homologacion.ITEMS_ART_12.items():
            self.fields[f"item_{clave}"] = forms.BooleanField(
                label=f"({clave}) {texto}", required=False
            )
        # The checklist first, then the decision and its reasons.
        self.order_fields([f"item_{k}" for k in homologacion.ITEMS_ART_12] + ["decision"])

    def lista(self) -> dict:
        return {k: self.cleaned_data.get(f"item_{k}", False) for k in homologacion.ITEMS_ART_12}


@login_required
@require_GET
def cola(request):
    if not tiene_rol(request.user, *ROLES):
        raise PermissionDenied
    from conciliacion.paginacion import paginar
    from reclamos.selectors import buscar_reclamos

    buscar = request.GET.get("buscar", "")[:100]
    # AR-13 runs from the elevation, so the oldest elevated is the soonest due: the order by
    # elevation is the order by due date, over the partial index reclamo_cola_homologacion.
    reclamos = buscar_reclamos(
        reclamos_visibles(request.user).filter(estado=Estado.EN_HOMOLOGACION), buscar
    ).prefetch_related("proveedores")
    pagina = paginar(reclamos, orden=("actualizado_en", "pk"), cursor=request.GET.get("cursor"))
    return render(
        request, "audiencias/homologacion/cola.html", {"reclamos": pagina, "buscar": buscar}
    )


@login_required
@require_http_methods(["GET", "POST"])
def revisar(request, pk):
    if not tiene_rol(request.user, *ROLES):
        raise PermissionDenied
    reclamo = acceder_reclamo(request.user, pk, vista="audiencias:revisar_homologacion")
    acuerdo = homologacion.acuerdo_vigente(reclamo)
    if reclamo.estado != Estado.EN_HOMOLOGACION or acuerdo is None:
        messages.info(request, _("Este reclamo no tiene un acuerdo en homologación."))
        return redirect("reclamos:detalle", pk=reclamo.pk)
    # The earlier rounds: listed on the page and counted by the checks (one query).
    revisiones = list(RevisionHomologacion.objects.filter(acuerdo__reclamo=reclamo))
    verificaciones = homologacion.verificaciones(reclamo, acuerdo, revisiones=revisiones)
    # The portal pre-checks what it knows: (b) the procedure, (d) a sum not flagged as
    # substantially lower, (e) no earlier observations to incorporate. Staff confirm or untick.
    form = DecisionForm(
        request.POST or None,
        initial={
            "item_b": verificaciones["procedimiento_ok"],
            "item_d": verificaciones["razon_suma"] is not None
            and not verificaciones["suma_sustancialmente_inferior"],
            "item_e": verificaciones["observaciones_previas"] == 0,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            homologacion.decidir(
                reclamo,
                por=request.user,
                decision=form.cleaned_data["decision"],
                lista=form.lista(),
                fundamentos=form.cleaned_data["fundamentos"],
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Registraste la decisión de homologación."))
            return redirect("audiencias:cola_homologacion")
    from documentos.selectors import documentos_de

    return render(
        request,
        "audiencias/homologacion/revisar.html",
        {
            "reclamo": reclamo,
            "acuerdo": acuerdo,
            "form": form,
            "verificaciones": verificaciones,
            # The threshold the checks used (read once; decision 0043).
            "umbral": Decimal(verificaciones["umbral_suma"]),
            "revisiones": revisiones,
            "documentos": documentos_de(reclamo),
        },
    )


def _reclamo_del_conciliador(request, pk) -> Reclamo:
    reclamo = acceder_reclamo(request.user, pk)
    if not es_conciliador_de(request.user, reclamo):
        raise PermissionDenied
    return reclamo


@login_required
@require_POST
def elevar(request, pk):
    reclamo = _reclamo_del_conciliador(request, pk)
    try:
        if request.POST.get("ratificacion"):
            homologacion.ratificar_acuerdo(
                reclamo, por=request.user, detalle=request.POST["ratificacion"]
            )
        homologacion.elevar(reclamo, por=request.user)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, _("Elevaste el acuerdo a homologación."))
    return redirect("reclamos:detalle", pk=reclamo.pk)


@login_required
@require_http_methods(["GET", "POST"])
def corregir(request, pk):
    reclamo = _reclamo_del_conciliador(request, pk)
    form = ResultadoForm(request.POST or None, initial={"resultado": "acuerdo"})
    if request.method == "POST" and form.is_valid():
        datos = form.acuerdo()
        try:
            homologacion.corregir_acuerdo(
                reclamo,
                por=request.user,
                terminos=datos["terminos"],
                obligaciones=datos["obligaciones"],
                monto_total=datos["monto_total"],
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Elevaste el acuerdo corregido."))
            return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(
        request,
        "audiencias/homologacion/corregir.html",
        {
            "reclamo": reclamo,
            "form": form,
            "revisiones": RevisionHomologacion.objects.filter(acuerdo__reclamo=reclamo),
        },
    )


# --- claim-page section -----------------------------------------------------------------------

ESTADOS_DE_HOMOLOGACION = {Estado.ACUERDO_FIRMADO, Estado.EN_HOMOLOGACION, Estado.OBSERVADO}


def contexto_seccion(request, reclamo, mirada=None) -> dict | None:
    """Homologation on the claim page: the conciliator submits (with the ratification when it is
    needed) or amends after observations; everyone who sees the claim sees the rounds and the
    homologated agreement (the free copy of art. 15 is the issued document)."""
    if not reclamo.regimen.requiere_homologacion:
        return None
    if reclamo.estado not in ESTADOS_DE_HOMOLOGACION and not (
        mirada is None or mirada.tiene("revisiones_homologacion")
    ):
        return None
    revisiones = list(
        RevisionHomologacion.objects.filter(acuerdo__reclamo=reclamo).select_related(
            "acuerdo", "documento"
        )
    )
    if reclamo.estado not in ESTADOS_DE_HOMOLOGACION and not revisiones:
        return None
    es_conciliador = es_conciliador_de(request.user, reclamo)
    acuerdo = homologacion.acuerdo_vigente(reclamo)
    puede_elevar = (
        es_conciliador and acuerdo is not None and reclamo.estado == Estado.ACUERDO_FIRMADO
    )
    ratificacion_pendiente = (
        puede_elevar and not homologacion.verificaciones(reclamo, acuerdo)["ratificacion"]
    )
    homologada = next((r for r in reversed(revisiones) if r.documento_id), None)
    return {
        "revisiones": revisiones,
        "acuerdo": acuerdo,
        "homologada": homologada,
        "puede_elevar": puede_elevar,
        "requiere_ratificacion": ratificacion_pendiente,
        "puede_corregir": es_conciliador and reclamo.estado == Estado.OBSERVADO,
        "puede_revisar": tiene_rol(request.user, *ROLES)
        and reclamo.estado == Estado.EN_HOMOLOGACION,
    }
