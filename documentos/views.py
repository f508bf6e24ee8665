"""Pages of documentos: public verification, protected downloads, the signatory's power."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from conciliacion.errores import ErrorDeDominio
from cuentas.models import Organizacion
from cuentas.permisos import administra_organizacion
from documentos import services
from documentos.forms import PoderForm
from documentos.models import TipoDocumento
from documentos.permisos import acceder_archivo, acceder_documento, puede_ver_sujeto
from documentos.selectors import archivos_de, documento_por_codigo

CODIGO_VALIDO = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


@require_GET
@cache_control(no_store=True)
def verificar(request, codigo):
    """Public: confirms a document's kind, number, date and hash; no personal data."""
    documento = documento_por_codigo(codigo) if CODIGO_VALIDO.match(codigo) else None
    if documento is None:
        return render(request, "documentos/no_verificado.html", status=404)
    return render(
        request,
        "documentos/verificar.html",
        {"documento": documento, "reemplazos": documento.reemplazos.order_by("emitido_en")},
    )


def _descarga(archivo, nombre: str, tipo: str) -> FileResponse:
    respuesta = FileResponse(
        archivo.open("rb"), as_attachment=True, filename=nombre, content_type=tipo
    )
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta


@login_required
@require_GET
def descargar_documento(request, pk):
    documento = acceder_documento(request.user, pk)
    if not documento.renderizado:
        return render(
            request, "documentos/en_preparacion.html", {"documento": documento}, status=202
        )
    nombre = f"{documento.tipo}-{documento.numero}-{documento.anio}.pdf"
    return _descarga(documento.archivo, nombre, "application/pdf")


@login_required
@require_GET
def descargar_archivo(request, pk):
    archivo = acceder_archivo(request.user, pk)
    return _descarga(archivo.archivo, archivo.nombre_original, archivo.tipo_contenido)


@login_required
@require_http_methods(["GET", "POST"])
def poder_organizacion(request, pk):
    """The organisation's administrator uploads the signatory's power of attorney; reviewers
    and members see it."""
    organizacion = get_object_or_404(
        Organizacion.objects.exclude(tipo=Organizacion.Tipo.OFICINA), pk=pk
    )
    if not puede_ver_sujeto(request.user, organizacion):
        raise PermissionDenied
    administra = administra_organizacion(request.user, organizacion)
    form = PoderForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not administra:
            raise PermissionDenied
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.guardar_subida(
                        form.cleaned_data["archivo"],
                        por=request.user,
                        sujeto=organizacion,
                        categoria=TipoDocumento.PODER_FIRMANTE,
                    )
            except ErrorDeDominio as error:
                form.add_error("archivo", error.mensaje)
            else:
                messages.success(
                    request,
                    _("Guardamos el poder. El personal lo verá al revisar la organización."),
                )
                return redirect("documentos:poder", pk=organizacion.pk)
    return render(
        request,
        "documentos/poder.html",
        {
            "organizacion": organizacion,
            "administra": administra,
            "form": form,
            "poderes": archivos_de(organizacion, categoria=TipoDocumento.PODER_FIRMANTE),
        },
    )
