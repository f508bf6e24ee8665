"""Pages of non-compliance with a homologated agreement (art. 19): the consumer's report and
confirmation, staff's intimation, service by reliable means and resolution, the provider's
proof, the staff queue, and the claim-page section that links them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conciliacion.errores import ErrorDeDominio
from conciliacion.paginacion import paginar
from documentos.forms import ACEPTA, ArchivoField
from normativa.regimenes import Papel
from reclamos.estados import Estado, roles_de_la_accion
from reclamos.models import Incumplimiento, Intimacion
from reclamos.permisos import (
    acceder_reclamo,
    es_parte_consumidora,
    es_parte_proveedora,
    reclamos_visibles,
)
from reclamos.services import cumplimiento


def _aplicar_error(form, error: ErrorDeDominio) -> None:
    """Shows a domain error on the form, keeping what the person typed."""
    form.add_error(None, error.mensaje)
    for campo, errores in error.campos.items():
        if campo in form.fields:
            for texto in errores:
                form.add_error(campo, texto)


class ArchivosInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ArchivosField(ArchivoField):
    """Several PDF/JPG/PNG files, each checked as ArchivoField checks one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", ArchivosInput(attrs={"accept": ACEPTA, "multiple": True}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        una = super().clean
        datos = data if isinstance(data, (list, tuple)) else [data]
        limpios = [una(d, initial) for d in datos if d]
        if self.required and not limpios:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return limpios


class DenunciaForm(forms.Form):
    obligaciones = forms.TypedMultipleChoiceField(
        label=gettext_lazy("¿Qué obligaciones no se cumplieron?"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    detalle = forms.CharField(
        label=gettext_lazy("Contá qué pasó"),
        help_text=gettext_lazy("Por ejemplo: no recibí el reintegro ni el cambio del equipo."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
    )
    pruebas = ArchivosField(label=gettext_lazy("Pruebas (opcional)"), required=False)

    def __init__(self, *args, vencidas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["obligaciones"].choices = [
            (o["indice"], f"{o['descripcion']} — {cumplimiento.fecha_de(o):%d/%m/%Y}")
            for o in vencidas
        ]
        if not vencidas:
            del self.fields["obligaciones"]


class NotificacionForm(forms.Form):
    notificada_el = forms.DateField(
        label=gettext_lazy("Fecha de notificación"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    medio = forms.CharField(
        label=gettext_lazy("Medio"),
        help_text=gettext_lazy("Carta documento, acta notarial, notificador/a…"),
        max_length=200,
    )
    constancia = ArchivoField(label=gettext_lazy("Constancia de notificación"))


class PruebasForm(forms.Form):
    archivos = ArchivosField(label=gettext_lazy("Documentos que acreditan el cumplimiento"))
    descripcion = forms.CharField(
        label=gettext_lazy("Descripción (opcional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
    )


class ResolucionForm(forms.Form):
    cumplio = forms.TypedChoiceField(
        label=gettext_lazy("Resultado"),
        choices=[
            ("1", gettext_lazy("El proveedor acreditó el cumplimiento")),
            ("0", gettext_lazy("No acreditó el cumplimiento: verificar y remitir (art. 46)")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    fundamentos = forms.CharField(
        label=gettext_lazy("Fundamentos"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
    )
    remitido_a = forms.CharField(
        label=gettext_lazy("Remitir a (si no cumplió)"),
        max_length=200,
        required=False,
        initial=cumplimiento.REMISION_POR_DEFECTO,
    )


def _volver(reclamo):
    return redirect("reclamos:detalle", pk=reclamo.pk)


def _exigir_personal(request, reclamo):
    if not cumplimiento.es_personal_de_cumplimiento(request.user, reclamo):
        raise PermissionDenied


# --- consumer ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def denunciar(request, pk):
    reclamo = acceder_reclamo(request.user, pk)
    if not es_parte_consumidora(request.user, reclamo):
        raise PermissionDenied
    if reclamo.estado != Estado.EN_CUMPLIMIENTO:
        messages.info(request, _("Este reclamo no está en etapa de cumplimiento."))
        return _volver(reclamo)
    vencidas = cumplimiento.obligaciones_vencidas(reclamo)
    form = DenunciaForm(request.POST or None, request.FILES or None, vencidas=vencidas)
    if request.method == "POST" and form.is_valid():
        try:
            cumplimiento.denunciar_incumplimiento(
                reclamo,
                por=request.user,
                detalle=form.cleaned_data["detalle"],
                obligaciones=form.cleaned_data.get("obligaciones") or None,
                pruebas=form.cleaned_data["pruebas"],
            )
        except ErrorDeDominio as error:
            _aplicar_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Registramos tu denuncia. La autoridad va a intimar al proveedor a "
                    "acreditar el cumplimiento."
                ),
            )
            return _volver(reclamo)
    return render(
        request,
        "reclamos/cumplimiento/denunciar.html",
        {
            "reclamo": reclamo,
            "form": form,
            "obligaciones": cumplimiento.obligaciones_acordadas(reclamo),
            "desde": cumplimiento.primera_fecha_para_denunciar(reclamo),
            "puede_denunciar": bool(vencidas) or not cumplimiento.obligaciones_acordadas(reclamo),
        },
    )


@login_required
@require_POST
def confirmar(request, pk):
    reclamo = acceder_reclamo(request.user, pk)
    if not es_parte_consumidora(request.user, reclamo):
        raise PermissionDenied
    try:
        cumplimiento.confirmar_cumplimiento(reclamo, por=request.user)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, _("Registramos que el proveedor cumplió el acuerdo."))
    return _volver(reclamo)


# --- staff ------------------------------------------------------------------------------------


@login_required
@require_POST
def intimar(request, pk):
    reclamo = acceder_reclamo(request.user, pk)
    _exigir_personal(request, reclamo)
    try:
        intimaciones = cumplimiento.intimar_proveedores(reclamo, por=request.user)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        pendientes = [i for i in intimaciones if i.notificada_el is None]
        if pendientes:
            messages.success(
                request,
                _(
                    "Emitiste la intimación. Registrá la notificación por medio fehaciente "
                    "de: %(p)s."
                )
                % {"p": ", ".join(i.proveedor.razon_social for i in pendientes)},
            )
        else:
            messages.success(
                request,
                _("Emitiste la intimación: se notificó en el domicilio electrónico del proveedor."),
            )
    return _volver(reclamo)


@login_required
@require_http_methods(["GET", "POST"])
def notificar_intimacion(request, pk, intimacion_pk):
    reclamo = acceder_reclamo(request.user, pk)
    _exigir_personal(request, reclamo)
    intimacion = get_object_or_404(
        Intimacion.objects.select_related("proveedor", "documento"),
        pk=intimacion_pk,
        incumplimiento__reclamo=reclamo,
    )
    form = NotificacionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            cumplimiento.registrar_notificacion_intimacion(
                intimacion, por=request.user, **form.cleaned_data
            )
        except ErrorDeDominio as error:
            _aplicar_error(form, error)
        else:
            messages.success(request, _("Registraste la notificación de la intimación."))
            return _volver(reclamo)
    return render(
        request,
        "reclamos/cumplimiento/notificar.html",
        {
            "reclamo": reclamo,
            "intimacion": intimacion,
            "form": form,
            # The compliance term of the claim's régimen, never a code written in the template.
            "termino": reclamo.regimen.plazo_de(Papel.CUMPLIMIENTO_ACUERDO)
            if reclamo.regimen.tiene(Papel.CUMPLIMIENTO_ACUERDO)
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def resolver(request, pk):
    from documentos.selectors import archivos_de

    reclamo = acceder_reclamo(request.user, pk, vista="reclamos:resolver_cumplimiento")
    _exigir_personal(request, reclamo)
    incumplimiento = cumplimiento.en_tramite(reclamo)
    if reclamo.estado != Estado.INTIMADO or incumplimiento is None:
        messages.info(request, _("El proveedor no está intimado a acreditar el cumplimiento."))
        return _volver(reclamo)
    form = ResolucionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cumplimiento.resolver_cumplimiento(reclamo, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            _aplicar_error(form, error)
        else:
            messages.success(request, _("Registraste el resultado de la intimación."))
            return _volver(reclamo)
    return render(
        request,
        "reclamos/cumplimiento/resolver.html",
        {
            "reclamo": reclamo,
            "form": form,
            "incumplimiento": incumplimiento,
            "intimaciones": incumplimiento.intimaciones.select_related("proveedor", "documento"),
            "pruebas": archivos_de(reclamo, categoria=cumplimiento.CATEGORIA_PRUEBA),
            "plazo": cumplimiento.plazo_para_acreditar(reclamo),
        },
    )


@login_required
@require_GET
def cola(request):
    """Reports waiting for the intimation, its service or the resolution."""
    # The queue of the régimenes with a summons to comply (COPREC art. 19): whoever their tables
    # let intimate.
    if getattr(request.user, "rol", None) not in roles_de_la_accion("intimar"):
        raise PermissionDenied
    reclamos = (
        reclamos_visibles(request.user)
        .filter(estado__in=[Estado.INCUMPLIMIENTO_DENUNCIADO, Estado.INTIMADO])
        .prefetch_related(
            "proveedores",
            Prefetch(
                "incumplimientos",
                queryset=Incumplimiento.objects.filter(
                    resultado=Incumplimiento.Resultado.PENDIENTE
                ).prefetch_related("intimaciones"),
                to_attr="en_tramite",
            ),
        )
    )
    pagina = paginar(reclamos, orden=("actualizado_en", "pk"), cursor=request.GET.get("cursor"))
    return render(request, "reclamos/cumplimiento/cola.html", {"reclamos": pagina})


# --- provider ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def pruebas(request, pk):
    reclamo = acceder_reclamo(request.user, pk)
    if not (
        es_parte_proveedora(request.user, reclamo)
        or cumplimiento.es_personal_de_cumplimiento(request.user, reclamo)
    ):
        raise PermissionDenied
    form = PruebasForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            cumplimiento.presentar_pruebas(reclamo, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            _aplicar_error(form, error)
        else:
            messages.success(request, _("Presentaste la documentación de cumplimiento."))
            return _volver(reclamo)
    return render(
        request,
        "reclamos/cumplimiento/pruebas.html",
        {
            "reclamo": reclamo,
            "form": form,
            "plazo": cumplimiento.plazo_para_acreditar(reclamo),
            "incumplimiento": cumplimiento.en_tramite(reclamo),
        },
    )


# --- claim-page section -----------------------------------------------------------------------

ESTADOS_DE_CUMPLIMIENTO = {
    Estado.EN_CUMPLIMIENTO,
    Estado.INCUMPLIMIENTO_DENUNCIADO,
    Estado.INTIMADO,
    Estado.CUMPLIDO,
    Estado.INCUMPLIMIENTO_VERIFICADO,
}


def contexto_seccion(request, reclamo, mirada=None) -> dict | None:
    """The art. 19 section of the claim page, from homologation on."""
    if not reclamo.regimen.tiene(Papel.CUMPLIMIENTO_ACUERDO):
        return None
    if reclamo.estado not in ESTADOS_DE_CUMPLIMIENTO and not (
        mirada is None or mirada.tiene("incumplimientos")
    ):
        return None
    incumplimientos = list(
        reclamo.incumplimientos.select_related("remision").prefetch_related(
            Prefetch(
                "intimaciones",
                queryset=Intimacion.objects.select_related(
                    "proveedor", "documento", "constancia", "notificacion"
                ),
            )
        )
    )
    if reclamo.estado not in ESTADOS_DE_CUMPLIMIENTO and not incumplimientos:
        return None
    usuario = request.user
    es_consumidor = es_parte_consumidora(usuario, reclamo)
    es_personal = cumplimiento.es_personal_de_cumplimiento(usuario, reclamo)
    vencidas = cumplimiento.obligaciones_vencidas(reclamo)
    return {
        "obligaciones": [
            {**o, "fecha": cumplimiento.fecha_de(o)}
            for o in cumplimiento.obligaciones_acordadas(reclamo)
        ],
        "incumplimientos": incumplimientos,
        "plazo": cumplimiento.plazo_para_acreditar(reclamo),
        "desde": cumplimiento.primera_fecha_para_denunciar(reclamo),
        "puede_denunciar": es_consumidor
        and reclamo.estado == Estado.EN_CUMPLIMIENTO
        and (bool(vencidas) or not cumplimiento.obligaciones_acordadas(reclamo)),
        "puede_confirmar": es_consumidor
        and reclamo.estado in {Estado.EN_CUMPLIMIENTO, Estado.INTIMADO},
        "puede_intimar": es_personal
        and reclamo.estado == Estado.INCUMPLIMIENTO_DENUNCIADO
        and not any(i.intimaciones.all() for i in incumplimientos if i.resultado == "pendiente"),
        "puede_notificar": es_personal and reclamo.estado == Estado.INCUMPLIMIENTO_DENUNCIADO,
        "puede_resolver": es_personal and reclamo.estado == Estado.INTIMADO,
        "puede_presentar": (es_parte_proveedora(usuario, reclamo) or es_personal)
        and reclamo.estado in {Estado.INCUMPLIMIENTO_DENUNCIADO, Estado.INTIMADO},
        "es_personal": es_personal,
    }
