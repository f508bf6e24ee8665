"""Registration to the mediation platform (seed 001 "¿Cómo registrarse?"): the natural person's
and the legal person's requests, and the official's identity validation. The legal person's
review lives on the organisation's review page (cuentas.revision, section registered in
reclamos.ganchos_mediacion)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from conciliacion.errores import ErrorDeDominio
from cuentas.models import Organizacion
from cuentas.permisos import administra_organizacion, es_consumidor, tiene_rol
from cuentas.roles import Rol
from reclamos import selectors_mediacion
from reclamos.forms_mediacion import (
    AdhesionJuridicaForm,
    AdhesionNaturalForm,
    DocumentoEmpresaForm,
    RevisionEmpresaForm,
    ValidacionIdentidadForm,
    aplicar_error,
)
from reclamos.models import AdhesionMediacion
from reclamos.services import adhesion as servicio


def _regimen():
    return servicio.regimen_de_mediacion()


@require_GET
def terminos(request):
    regimen = _regimen()
    return render(
        request,
        "reclamos/mediacion/terminos.html",
        {
            "regimen": regimen,
            "texto": servicio.texto_terminos(regimen),
            "version": servicio.TERMINOS_VERSION,
            "huella": servicio.huella_terminos(regimen),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def registro(request):
    regimen = _regimen()
    if tiene_rol(request.user, Rol.REPRESENTANTE):
        empresas = Organizacion.objects.filter(
            tipo=Organizacion.Tipo.PROVEEDOR,
            membresias__usuario=request.user,
            membresias__activa=True,
            membresias__es_administrador=True,
        ).select_related("adhesion_mediacion")
        return render(
            request,
            "reclamos/mediacion/registro_empresas.html",
            {"empresas": empresas, "textos": regimen.textos},
        )
    if not es_consumidor(request.user):
        raise PermissionDenied
    adhesion = servicio.adhesion_de(request.user)
    usuario = request.user
    inicial = {
        "nombres": usuario.nombre,
        "apellidos": usuario.apellido,
        "telefono": usuario.telefono,
    }
    form = AdhesionNaturalForm(request.POST or None, initial=inicial)
    abierto = adhesion is None or adhesion.estado == AdhesionMediacion.Estado.OBSERVADA
    if request.method == "POST" and abierto and form.is_valid():
        try:
            servicio.solicitar_adhesion_natural(usuario=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, regimen.texto("adhesion_pendiente"))
            return redirect("reclamos:mediacion_registro")
    return render(
        request,
        "reclamos/mediacion/registro.html",
        {
            "adhesion": adhesion,
            "abierto": abierto,
            "form": form,
            "textos": regimen.textos,
            "texto_terminos": servicio.texto_terminos(regimen),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def registro_empresa(request, pk):
    organizacion = get_object_or_404(Organizacion, pk=pk, tipo=Organizacion.Tipo.PROVEEDOR)
    if not administra_organizacion(request.user, organizacion):
        raise PermissionDenied
    from documentos.selectors import archivos_de

    regimen = _regimen()
    adhesion = AdhesionMediacion.objects.filter(organizacion=organizacion).first()
    subir = DocumentoEmpresaForm()
    enviar = AdhesionJuridicaForm()
    if request.method == "POST" and request.POST.get("accion") == "subir":
        subir = DocumentoEmpresaForm(request.POST, request.FILES)
        if subir.is_valid():
            try:
                with transaction.atomic():
                    servicio.subir_documento_juridica(
                        organizacion, por=request.user, **subir.cleaned_data
                    )
            except ErrorDeDominio as error:
                aplicar_error(subir, error)
            else:
                messages.success(request, _("Documento adjuntado."))
                return redirect("reclamos:mediacion_registro_empresa", pk=organizacion.pk)
    elif request.method == "POST":
        enviar = AdhesionJuridicaForm(request.POST)
        if enviar.is_valid():
            try:
                servicio.solicitar_adhesion_juridica(
                    organizacion, por=request.user, **enviar.cleaned_data
                )
            except ErrorDeDominio as error:
                aplicar_error(enviar, error)
            else:
                messages.success(
                    request,
                    _(
                        "Enviamos sus documentos. Los revisaremos y, si hay observaciones, "
                        "nos pondremos en contacto."
                    ),
                )
                return redirect("reclamos:mediacion_registro_empresa", pk=organizacion.pk)
    archivos = archivos_de(organizacion)
    documentos = [
        (nombre, [a for a in archivos if a.categoria == clave])
        for clave, nombre in servicio.DOCUMENTOS_JURIDICA.items()
    ]
    return render(
        request,
        "reclamos/mediacion/registro_empresa.html",
        {
            "organizacion": organizacion,
            "adhesion": adhesion,
            "documentos": documentos,
            "form_subir": subir,
            "form_enviar": enviar,
            "textos": regimen.textos,
        },
        status=400 if request.method == "POST" else 200,
    )


# Indecopi's pages: Peru's language tag (its times are shown in Lima time by the templates).
IDIOMA = "es-PE"


def _exigir_funcionario(request) -> list[str]:
    """The mediation régimenes the official reviews (decision 0038); 403 when none."""
    codigos = servicio.regimenes_que_revisa(request.user)
    if not codigos:
        raise PermissionDenied
    return codigos


@login_required
@require_GET
def identidades(request):
    codigos = _exigir_funcionario(request)
    pendientes = selectors_mediacion.identidades_pendientes().filter(regimen_codigo__in=codigos)
    return render(
        request,
        "reclamos/mediacion/identidades.html",
        {"pendientes": pendientes, "idioma": IDIOMA},
    )


@login_required
@require_http_methods(["GET", "POST"])
def validar_identidad(request, pk):
    codigos = _exigir_funcionario(request)
    adhesion = get_object_or_404(
        AdhesionMediacion.objects.select_related("usuario"),
        pk=pk,
        tipo=AdhesionMediacion.Tipo.NATURAL,
        regimen_codigo__in=codigos,
    )
    inicial = {"documento_tipo": adhesion.documento_tipo}
    form = ValidacionIdentidadForm(request.POST or None, initial=inicial)
    if request.method == "POST" and form.is_valid():
        try:
            servicio.revisar_adhesion(adhesion, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Revisión registrada."))
            return redirect("reclamos:mediacion_identidades")
    return render(
        request,
        "reclamos/mediacion/validar_identidad.html",
        {
            "adhesion": adhesion,
            "form": form,
            "revisiones": adhesion.revisiones.select_related("por"),
            "idioma": IDIOMA,
        },
        status=400 if request.method == "POST" else 200,
    )


def contexto_revision_empresa(request, organizacion, form=None) -> dict | None:
    """The legal person's registration on the organisation's review page (cuentas.revision)."""
    from documentos.selectors import archivos_de

    adhesion = AdhesionMediacion.objects.filter(organizacion=organizacion).first()
    if adhesion is None:
        return None
    archivos = list(archivos_de(organizacion))
    return {
        "adhesion": adhesion,
        "documentos": [
            (nombre, [a for a in archivos if a.categoria == clave])
            for clave, nombre in servicio.DOCUMENTOS_JURIDICA.items()
        ],
        "puede_revisar": adhesion.regimen_codigo in servicio.regimenes_que_revisa(request.user)
        and adhesion.estado == AdhesionMediacion.Estado.PENDIENTE,
        "form_revision": form or RevisionEmpresaForm(),
        "revisiones": adhesion.revisiones.select_related("por"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def revisar_empresa(request, pk):
    """Staff approve or observe a legal person's registration (also from the organisation's
    review page, whose section posts here)."""
    codigos = _exigir_funcionario(request)
    adhesion = get_object_or_404(
        AdhesionMediacion.objects.select_related("organizacion"),
        pk=pk,
        tipo=AdhesionMediacion.Tipo.JURIDICA,
        regimen_codigo__in=codigos,
    )
    form = RevisionEmpresaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            servicio.revisar_adhesion(adhesion, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Revisión del registro en la plataforma registrada."))
            return redirect("cuentas:revisar_organizacion", pk=adhesion.organizacion_id)
    contexto = contexto_revision_empresa(request, adhesion.organizacion, form)
    return render(
        request,
        "reclamos/mediacion/revisar_empresa.html",
        {"contexto": contexto, "organizacion": adhesion.organizacion, "idioma": IDIOMA},
        status=400 if request.method == "POST" else 200,
    )
