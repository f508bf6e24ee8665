"""The conciliator's acts on the conciliation as a whole: the claim widened at the first hearing
(its form, used by the hearing page), and the conciliation's term — extending it with the
parties' agreement or closing once it expired (AR-10, AR-10P)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from audiencias.permisos import es_conciliador_de
from audiencias.services import ampliacion, duracion
from conciliacion.errores import ErrorDeDominio
from conciliadores.views.comun import aplicar_error
from reclamos.permisos import acceder_reclamo


class AmpliacionForm(forms.Form):
    tipo = forms.ChoiceField(
        label=gettext_lazy("Qué pide el consumidor"),
        choices=list(ampliacion.TIPOS.items()),
        widget=forms.RadioSelect,
    )
    rubros = forms.CharField(
        label=gettext_lazy("Rubros que se agregan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    monto_total = forms.DecimalField(
        label=gettext_lazy("Monto total del reclamo ampliado ($)"),
        required=False,
        min_value=0,
        decimal_places=2,
    )
    declaracion_jurada = forms.BooleanField(
        label=gettext_lazy(
            "Sin monto preciso: el consumidor declara bajo juramento que no supera el tope"
        ),
        required=False,
    )
    proveedor = forms.TypedChoiceField(
        label=gettext_lazy("Proveedor que se reemplaza (enderezar)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    cuit = forms.CharField(label=gettext_lazy("CUIT del proveedor"), required=False)
    razon_social = forms.CharField(label=gettext_lazy("Razón social"), required=False)
    domicilio_legal = forms.CharField(
        label=gettext_lazy("Domicilio inscripto (IGJ o registro provincial)"), required=False
    )

    def __init__(self, *args, proveedores=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proveedor"].choices = [("", "—")] + [
            (p.pk, f"{p.razon_social} (CUIT {p.identificador})") for p in proveedores
        ]


def registrar_ampliacion(audiencia, form, *, por):
    """Calls the service the form's `tipo` names (precondition: the form is valid)."""
    d = form.cleaned_data
    if d["tipo"] == ampliacion.OBJETO:
        ampliacion.ampliar_objeto(
            audiencia,
            por=por,
            rubros=d["rubros"],
            monto_total=d["monto_total"],
            declaracion_jurada=d["declaracion_jurada"],
        )
        return _("Registraste la ampliación del objeto. Se avisó al personal.")
    datos = {"cuit": d["cuit"], "razon_social": d["razon_social"]}
    datos["domicilio_legal"] = d["domicilio_legal"]
    if d["tipo"] == ampliacion.ENDEREZAR:
        proveedor = audiencia.reclamo.proveedores.filter(pk=d.get("proveedor") or 0).first()
        ampliacion.enderezar_reclamo(audiencia, por=por, proveedor=proveedor, **datos)
        return _("Registraste que el reclamo se enderezó. Se avisó al personal.")
    ampliacion.ampliar_a_proveedor(audiencia, por=por, **datos)
    return _(
        "Registraste la ampliación contra otro proveedor. Al terminar, elegí «Nueva audiencia» "
        "y fijala: el nuevo proveedor recibirá su cédula."
    )


class ProrrogaForm(forms.Form):
    acuerdo_de_partes = forms.BooleanField(
        label=gettext_lazy("Ambas partes acordaron la prórroga"), required=False
    )
    fundamento = forms.CharField(
        label=gettext_lazy("Cómo y cuándo la acordaron"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


def _volver(request, reclamo):
    destino = request.POST.get("volver", "")
    if destino and url_has_allowed_host_and_scheme(
        destino, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(destino)
    return redirect("reclamos:detalle", pk=reclamo.pk)


@login_required
@require_http_methods(["GET", "POST"])
def duracion_de_la_conciliacion(request, pk):
    """AR-10: extend the conciliation with the parties' agreement, or close it once expired."""
    reclamo = acceder_reclamo(request.user, pk)
    if not es_conciliador_de(request.user, reclamo):
        raise PermissionDenied
    accion = request.POST.get("accion", "")
    form = ProrrogaForm(request.POST if accion == "prorrogar" else None)
    if request.method == "POST":
        try:
            if accion == "prorrogar" and form.is_valid():
                plazo = duracion.prorrogar_conciliacion(
                    reclamo, por=request.user, **form.cleaned_data
                )
                messages.success(
                    request,
                    _("Prorrogaste la conciliación hasta el %(f)s.")
                    % {"f": f"{plazo.vence:%d/%m/%Y}"},
                )
                return _volver(request, reclamo)
            if accion == "cerrar":
                duracion.cerrar_por_vencimiento(reclamo, por=request.user)
                messages.success(request, _("Cerraste la conciliación sin acuerdo."))
                return redirect("reclamos:detalle", pk=reclamo.pk)
        except ErrorDeDominio as error:
            if form.is_bound:
                aplicar_error(form, error)
            else:
                messages.error(request, error.mensaje)
    return render(
        request,
        "audiencias/audiencia/duracion.html",
        {"reclamo": reclamo, "form": form, "duracion": duracion.situacion(reclamo)},
    )


class InformeDeCierreForm(forms.Form):
    motivo = forms.CharField(
        label=gettext_lazy("b) Motivo del reclamo"), widget=forms.Textarea(attrs={"rows": 3})
    )
    resultado = forms.CharField(
        label=gettext_lazy("d) Resultado de la conciliación"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    otros = forms.CharField(
        label=gettext_lazy("e) Otra información para la Secretaría (opcional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


@login_required
@require_http_methods(["GET", "POST"])
def informe_de_cierre(request, pk):
    """AR-14 (D202-I.17): the designated conciliator reports the closure without agreement."""
    from audiencias.models import InformeDeCierre
    from audiencias.services import informe_cierre

    reclamo = acceder_reclamo(request.user, pk)
    if not es_conciliador_de(request.user, reclamo):
        raise PermissionDenied
    informe = InformeDeCierre.objects.filter(reclamo=reclamo).select_related("documento").first()
    propuestos = informe_cierre.datos_propuestos(reclamo)
    plazo = informe_cierre.plazo_del_informe(reclamo)
    form = None
    if informe is None and plazo is not None:
        form = InformeDeCierreForm(
            request.POST if request.method == "POST" else None,
            initial={"motivo": propuestos["motivo"], "resultado": propuestos["resultado"]},
        )
        if request.method == "POST" and form.is_valid():
            try:
                informe = informe_cierre.presentar_informe(
                    reclamo, por=request.user, **form.cleaned_data
                )
            except ErrorDeDominio as error:
                aplicar_error(form, error)
            else:
                if informe.fuera_de_plazo:
                    messages.warning(
                        request,
                        _(
                            "Presentaste el informe de cierre fuera del plazo de 2 días: queda "
                            "registrado y señalado al Registro de conciliadores."
                        ),
                    )
                else:
                    messages.success(request, _("Presentaste el informe de cierre."))
                return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(
        request,
        "audiencias/audiencia/informe_cierre.html",
        {
            "reclamo": reclamo,
            "form": form,
            "informe": informe,
            "plazo": plazo,
            "partes": informe.partes if informe else propuestos["partes"],
            "monto": informe.monto if informe else propuestos["monto"],
        },
    )
