"""Browser pages for organisations: registration, their administration, staff review."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from conciliacion.errores import ErrorDeDominio
from cuentas import revision, services
from cuentas.forms import (
    ClaveApiForm,
    InvitacionForm,
    RegistroProveedorForm,
    RevisionOrganizacionForm,
)
from cuentas.identificadores import pais_del_identificador
from cuentas.models import ClaveApi, Organizacion, Usuario
from cuentas.permisos import administra_organizacion, puede_revisar_organizaciones, tiene_rol
from cuentas.roles import Rol


@require_http_methods(["GET", "POST"])
def registrar_proveedor(request):
    con_cuenta = request.user.is_authenticated
    if con_cuenta and not tiene_rol(request.user, Rol.REPRESENTANTE):
        messages.error(request, _("Para registrar un proveedor usá una cuenta de representante."))
        return redirect("portal:inicio")
    form = RegistroProveedorForm(request.POST or None, con_cuenta=con_cuenta)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        with transaction.atomic():
            usuario = request.user
            if not con_cuenta:
                usuario = Usuario.objects.create_user(
                    email=datos["email"], password=datos["password"], rol=Rol.REPRESENTANTE
                )
            organizacion = services.registrar_organizacion(
                por=usuario,
                tipo=Organizacion.Tipo.PROVEEDOR,
                tipo_identificador=datos["tipo_identificador"],
                identificador=datos["identificador"],
                razon_social=datos["razon_social"],
                domicilio_legal=datos["domicilio_legal"],
                domicilio_electronico=datos.get("domicilio_electronico", ""),
                pais=pais_del_identificador(datos["tipo_identificador"]),
            )
        if not con_cuenta:
            login(request, usuario, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _(
                "Registramos el proveedor. Lo revisará el personal de la "
                "autoridad antes de que puedas ver sus reclamos."
            ),
        )
        return redirect("cuentas:organizacion", pk=organizacion.pk)
    return render(request, "cuentas/registrar_proveedor.html", {"form": form})


def _organizacion_administrada(request, pk) -> Organizacion:
    organizacion = get_object_or_404(Organizacion, pk=pk)
    if not organizacion.membresias.filter(usuario=request.user, activa=True).exists():
        raise PermissionDenied
    return organizacion


@login_required
@require_http_methods(["GET"])
def organizacion(request, pk):
    org = _organizacion_administrada(request, pk)
    return render(
        request,
        "cuentas/organizacion.html",
        {
            "organizacion": org,
            "administra": administra_organizacion(request.user, org),
            "membresias": org.membresias.select_related("usuario").order_by("creada_en"),
            "claves": org.claves_api.select_related("creada_por").order_by("-creada_en"),
            "form_invitacion": InvitacionForm(),
            "form_clave": ClaveApiForm(),
        },
    )


@login_required
@require_POST
def invitar(request, pk):
    org = _organizacion_administrada(request, pk)
    form = InvitacionForm(request.POST)
    if form.is_valid():
        try:
            services.invitar_representante(org, por=request.user, **form.cleaned_data)
            messages.success(request, _("Enviamos la invitación."))
        except ErrorDeDominio as error:
            messages.error(request, error.mensaje)
    else:
        messages.error(request, _("Revisá el correo ingresado."))
    return redirect("cuentas:organizacion", pk=org.pk)


@login_required
@require_POST
def crear_clave(request, pk):
    org = _organizacion_administrada(request, pk)
    form = ClaveApiForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Poné un nombre a la clave."))
        return redirect("cuentas:organizacion", pk=org.pk)
    try:
        clave, texto = services.crear_clave_api(
            org, por=request.user, nombre=form.cleaned_data["nombre"]
        )
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
        return redirect("cuentas:organizacion", pk=org.pk)
    # Shown once, in this response only; never stored in clear.
    return render(
        request, "cuentas/clave_creada.html", {"organizacion": org, "clave": clave, "texto": texto}
    )


@login_required
@require_POST
def revocar_clave(request, pk, clave_pk):
    org = _organizacion_administrada(request, pk)
    clave = get_object_or_404(ClaveApi, pk=clave_pk, organizacion=org)
    try:
        services.revocar_clave_api(clave, por=request.user)
        messages.success(request, _("Clave revocada."))
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    return redirect("cuentas:organizacion", pk=org.pk)


def _exigir_revisor(request):
    if not puede_revisar_organizaciones(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET"])
def revision_organizaciones(request):
    _exigir_revisor(request)
    pendientes = (
        Organizacion.objects.filter(
            Q(estado__in=[Organizacion.Estado.PENDIENTE, Organizacion.Estado.OBSERVADA])
            | revision.filtro_pendientes()
        )
        .exclude(tipo=Organizacion.Tipo.OFICINA)
        .order_by("creada_en")
    )
    return render(request, "cuentas/revision_organizaciones.html", {"pendientes": pendientes})


@login_required
@require_http_methods(["GET", "POST"])
def revisar_organizacion(request, pk):
    _exigir_revisor(request)
    org = get_object_or_404(Organizacion, pk=pk)
    form = RevisionOrganizacionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, observacion = form.cleaned_data["decision"], form.cleaned_data["observacion"]
        try:
            if decision == "aprobar":
                services.aprobar_organizacion(org, por=request.user)
            elif decision == "observar":
                services.observar_organizacion(org, por=request.user, observacion=observacion)
            else:
                services.rechazar_organizacion(org, por=request.user, observacion=observacion)
        except ErrorDeDominio as error:
            messages.error(request, error.mensaje)
        else:
            messages.success(request, _("Revisión registrada."))
            return redirect("cuentas:revision_organizaciones")
    return render(
        request,
        "cuentas/revisar_organizacion.html",
        {
            "organizacion": org,
            "form": form,
            "membresias": org.membresias.select_related("usuario"),
            "secciones": revision.secciones(request, org),
        },
    )
