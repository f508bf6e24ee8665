"""The filing wizard: one page per step, the draft saved at each step (resumable from any
device), a review page, and filing. Used by consumers and by admission staff at an office."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import formset_factory
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from conciliacion.errores import ErrorDeDominio
from cuentas.permisos import es_consumidor
from reclamos.estados import Estado
from reclamos.forms import (
    LUGARES,
    QUIEN_PAGA,
    DocumentosForm,
    PasoDatosForm,
    PasoDesignacionForm,
    PasoReclamoForm,
    ProveedoresBaseFormSet,
    ProveedoresFormSet,
    ProveedorForm,
)
from reclamos.models import Reclamo
from reclamos.permisos import acceder_reclamo
from reclamos.services import presentacion
from reclamos.services.oficina import presentar_en_oficina
from reclamos.transiciones import hoy_en

PASOS = [
    ("datos", _("Tus datos")),
    ("proveedores", _("Proveedores")),
    ("reclamo", _("Tu reclamo")),
    ("designacion", _("Lugar y conciliador")),
    ("documentos", _("Documentos")),
    ("revision", _("Revisión")),
]
CLAVES = [c for c, _n in PASOS]


def _siguiente(paso: str) -> str:
    return CLAVES[min(CLAVES.index(paso) + 1, len(CLAVES) - 1)]


def _borrador(request, pk) -> Reclamo:
    reclamo = acceder_reclamo(request.user, pk)
    if request.user.pk not in {reclamo.consumidor_id, reclamo.cargado_por_id}:
        raise Http404
    return reclamo


@login_required
@require_http_methods(["GET", "POST"])
def nuevo(request):
    if not es_consumidor(request.user):
        raise PermissionDenied
    borradores = Reclamo.objects.filter(
        consumidor=request.user, estado=Estado.BORRADOR, cargado_por__isnull=True
    ).order_by("-actualizado_en")
    if request.method == "POST":
        try:
            reclamo = presentacion.iniciar_borrador(consumidor=request.user, por=request.user)
        except ErrorDeDominio as error:
            messages.error(request, error.mensaje)
            return redirect("reclamos:nuevo")
        return redirect("reclamos:paso", pk=reclamo.pk, paso="datos")
    return render(request, "reclamos/nuevo.html", {"borradores": borradores})


@login_required
@require_GET
def continuar(request, pk):
    """Resumes a draft where its author stopped: the step after the last one saved."""
    reclamo = _borrador(request, pk)
    if reclamo.estado != Estado.BORRADOR:
        return redirect("reclamos:detalle", pk=reclamo.pk)
    guardado = reclamo.paso_borrador
    return redirect(
        "reclamos:paso", pk=reclamo.pk, paso=_siguiente(guardado) if guardado in CLAVES else "datos"
    )


def _contexto(reclamo, paso, **extra):
    indice = CLAVES.index(paso)
    return {
        "reclamo": reclamo,
        "paso": paso,
        "pasos": PASOS,
        "indice": indice,
        "anterior": CLAVES[indice - 1] if indice else None,
        **extra,
    }


def _guardar(request, reclamo, paso, datos) -> bool:
    try:
        presentacion.guardar_borrador(reclamo, por=request.user, paso=paso, datos=datos)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
        return False
    return True


def _paso_datos(request, reclamo):
    inicial = {c: getattr(reclamo, c) for c in PasoDatosForm.base_fields if hasattr(reclamo, c)}
    form = PasoDatosForm(request.POST or None, initial=inicial)
    identidad = presentacion.identidad_de_la_cuenta(reclamo.consumidor)
    if request.user.pk == reclamo.consumidor_id and identidad:
        # The claimant's name and DNI are the account's: shown, not typed.
        for campo in presentacion.IDENTIDAD:
            form.initial[campo] = identidad[campo]
            form.fields[campo].disabled = True
            form.fields[campo].help_text = _("Sale de tu cuenta.")
    if request.method == "POST" and form.is_valid():
        datos = {k: v for k, v in form.cleaned_data.items() if k != "consentimiento"}
        if _guardar(request, reclamo, "datos", datos):
            return None
    return {"form": form}


def _paso_proveedores(request, reclamo):
    inicial = [
        {
            "identificador": p.identificador,
            "razon_social": p.razon_social,
            "domicilio_legal": p.domicilio_legal,
        }
        for p in reclamo.proveedores.all()
    ]
    clase = ProveedoresFormSet
    if request.method == "GET" and request.GET.get("agregar"):
        clase = formset_factory(
            ProveedorForm, formset=ProveedoresBaseFormSet, extra=1, max_num=10, can_delete=True
        )
    formset = clase(request.POST or None, initial=inicial or None, prefix="proveedores")
    if request.method == "POST" and formset.is_valid():
        filas = [
            f.cleaned_data
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        presentacion.guardar_proveedores(reclamo, por=request.user, proveedores=filas)
        if _guardar(request, reclamo, "proveedores", {}):
            return None
    return {"formset": formset}


def _paso_reclamo(request, reclamo):
    inicial = {
        "hechos": reclamo.hechos,
        "objeto": reclamo.objeto,
        "monto": reclamo.monto,
        "monto_indeterminado": reclamo.monto_indeterminado,
    }
    form = PasoReclamoForm(request.POST or None, initial=inicial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _guardar(request, reclamo, "reclamo", form.cleaned_data)
    ):
        return None
    # Today's cap in the régimen's zone, the one the filing will check (not the draft's UTC day).
    tope = presentacion.tope_en(reclamo.regimen_codigo, hoy_en(reclamo))
    return {"form": form, "tope": tope[1], "regimen": reclamo.regimen}


def _inicial_designacion(reclamo) -> dict:
    criterio, _sep, localidad = reclamo.lugar.partition(" — ")
    por_etiqueta = {str(v): k for k, v in LUGARES}
    return {
        "lugar_criterio": por_etiqueta.get(criterio, ""),
        "localidad": localidad,
        "metodo_designacion": reclamo.metodo_designacion,
    }


def _paso_designacion(request, reclamo):
    form = PasoDesignacionForm(request.POST or None, initial=_inicial_designacion(reclamo))
    if request.method == "POST" and form.is_valid():
        datos = {
            "lugar": form.lugar(),
            "metodo_designacion": form.cleaned_data["metodo_designacion"],
        }
        if _guardar(request, reclamo, "designacion", datos):
            return None
    return {"form": form, "quien_paga": QUIEN_PAGA}


def _paso_documentos(request, reclamo):
    from documentos.services import guardar_subida

    form = DocumentosForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        archivo = form.cleaned_data.get("archivo")
        if archivo is None:
            presentacion.guardar_borrador(reclamo, por=request.user, paso="documentos", datos={})
            return None
        try:
            with transaction.atomic():
                guardar_subida(archivo, por=request.user, sujeto=reclamo)
            messages.success(request, _("Agregamos el documento."))
        except ErrorDeDominio as error:
            form.add_error("archivo", error.mensaje)
        else:
            return {"redirigir_mismo": True}
    return {"form": form, "archivos": _archivos(reclamo)}


def _archivos(reclamo):
    from documentos.selectors import archivos_de

    return archivos_de(reclamo)


def _paso_revision(request, reclamo):
    if request.method == "POST":
        try:
            if reclamo.cargado_por_id == request.user.pk:
                presentar_en_oficina(reclamo, por=request.user)
            else:
                presentacion.presentar_reclamo(reclamo, por=request.user)
        except ErrorDeDominio as error:
            messages.error(request, error.mensaje)
        else:
            reclamo.refresh_from_db()
            messages.success(
                request,
                _("Presentaste el reclamo %(numero)s. Te enviamos la constancia por correo.")
                % {"numero": reclamo.numero},
            )
            return None
    return {
        "faltantes": presentacion.faltantes(reclamo),
        "archivos": _archivos(reclamo),
        "proveedores": reclamo.proveedores.all(),
        "quien_paga": QUIEN_PAGA,
    }


MANEJADORES = {
    "datos": _paso_datos,
    "proveedores": _paso_proveedores,
    "reclamo": _paso_reclamo,
    "designacion": _paso_designacion,
    "documentos": _paso_documentos,
    "revision": _paso_revision,
}


@login_required
@require_http_methods(["GET", "POST"])
def paso(request, pk, paso):
    if paso not in MANEJADORES:
        raise Http404
    reclamo = _borrador(request, pk)
    if reclamo.estado != Estado.BORRADOR:
        return redirect("reclamos:detalle", pk=reclamo.pk)
    contexto = MANEJADORES[paso](request, reclamo)
    if contexto is None:
        if paso == "revision":
            return redirect("reclamos:detalle", pk=reclamo.pk)
        return redirect("reclamos:paso", pk=reclamo.pk, paso=_siguiente(paso))
    if contexto.pop("redirigir_mismo", False):
        return redirect("reclamos:paso", pk=reclamo.pk, paso=paso)
    return render(request, f"reclamos/paso_{paso}.html", _contexto(reclamo, paso, **contexto))
