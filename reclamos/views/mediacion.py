"""Pages of the mediation procedure (seed 001): the claim's mediation file with its thread, the
provider's proposal, the consumer's conformidad, the official's acts and queue. The hearing's
own page (attendance, outcome, acta) belongs to audiencias and shows here as a section.

Each view authorises with acceder_reclamo() (404 hides a claim the user may not see), then
checks the person's part in the claim; the services check the same rules again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conciliacion.errores import ErrorDeDominio
from conciliacion.paginacion import paginar
from cuentas.permisos import es_consumidor, tiene_rol
from cuentas.roles import Rol
from reclamos import selectors, selectors_mediacion
from reclamos.estados import tabla
from reclamos.forms_mediacion import (
    ConformidadForm,
    ConvocatoriaForm,
    CumplimientoForm,
    MensajeForm,
    PresentacionForm,
    PropuestaForm,
    RechazoForm,
    SinAcuerdoForm,
    aplicar_error,
)
from reclamos.models import Mediacion, PropuestaMediacion, Reclamo
from reclamos.permisos import acceder_mediacion
from reclamos.secciones import anotaciones, mirada_de, secciones_de
from reclamos.services import mediacion as servicio
from reclamos.services.adhesion import regimen_de_mediacion, usuario_habilitado
from reclamos.services.mediacion.conformidad import exigir_contrasena
from reclamos.views.partes import _etapas

Parte = servicio.Parte


def _acceder(request, pk, *, vista: str = "", **lectura):
    return acceder_mediacion(request.user, pk, vista=vista, **lectura)


def _como(request, pk, *partes):
    reclamo = _acceder(request, pk)
    if servicio.parte_de(request.user, reclamo) not in partes:
        raise PermissionDenied
    return reclamo


def _acciones(reclamo, usuario) -> set[str]:
    """The acts of the claim's own table this person may take now (never another régimen's)."""
    return {
        accion
        for accion, fila in tabla(reclamo.regimen_codigo).items()
        if reclamo.estado in fila.desde and usuario.rol in fila.roles
    }


def _mediacion_de(reclamo) -> Mediacion | None:
    """The claim's Mediacion with its official: joined to the claim by the file's own query
    (decision 0043), else one query."""
    if Reclamo.mediacion.is_cached(reclamo):
        return getattr(reclamo, "mediacion", None)  # None: the join found no row
    return Mediacion.objects.filter(reclamo=reclamo).select_related("funcionario").first()


def _contexto_expediente(request, reclamo, **extra) -> dict:
    from documentos.selectors import archivos_de, documentos_de
    from plazos.selectors import plazos_corriendo_de

    # Issue 13 (decision 0043): which of the file's tables hold rows was read with the claim
    # (its marks), so the page queries only the non-empty ones; a claim read without them (the
    # page again after a failed message) queries them all, as before.
    mirada = mirada_de(request, reclamo)
    parte = servicio.parte_de(request.user, reclamo)
    hay_mensajes = mirada.tiene("mensajes_mediacion")
    if parte is not None and hay_mensajes:
        servicio.marcar_leidos(reclamo, usuario=request.user)
    propuestas = (
        list(reclamo.propuestas.select_related("documento", "proveedor"))
        if mirada.tiene("propuestas_mediacion")
        else []
    )
    actuaciones = list(selectors.linea_de_tiempo(reclamo, para_partes=parte != Parte.FUNCIONARIO))
    # Only where the page shows it (the consumer's notice after she said the provider did not
    # comply), from the timeline just read: the act is a transition's, which the parties see.
    cumplimiento = (
        next((a for a in reversed(actuaciones) if a.codigo == "cumplimiento.comunicado"), None)
        if parte == Parte.CONSUMIDOR and reclamo.estado == "CUMPLIMIENTO_COMUNICADO"
        else None
    )
    # The running plazos, read once for the parties' timeline and the plazos box.
    plazos = list(plazos_corriendo_de(reclamo))
    return {
        "reclamo": reclamo,
        "regimen": reclamo.regimen,
        "textos": reclamo.regimen.textos,
        "mediacion": _mediacion_de(reclamo),
        "proveedores": reclamo.proveedores.all(),
        "parte": parte,
        "puede_escribir": servicio.puede_escribir(request.user, reclamo),
        "con_dialogo": reclamo.estado in servicio.CON_DIALOGO,
        "mensajes": selectors_mediacion.hilo(reclamo) if hay_mensajes else [],
        "propuestas": propuestas,
        "pendiente": next((p for p in propuestas if p.estado == "pendiente"), None),
        "acciones": _acciones(reclamo, request.user),
        "cumplimiento": cumplimiento,
        "actuaciones": actuaciones,
        "etapas": _etapas(reclamo, actuaciones, parte, plazos=plazos)
        if parte in (Parte.CONSUMIDOR, Parte.PROVEEDOR)
        else None,
        "plazos": plazos,
        "documentos": documentos_de(reclamo) if mirada.tiene("documentos") else [],
        "archivos": archivos_de(reclamo) if mirada.tiene("archivos") else [],
        "form_mensaje": MensajeForm(),
        # What downstream apps add for this procedure (the hearing, from audiencias).
        "secciones": secciones_de(request, reclamo, mirada),
        **extra,
    }


@login_required
@require_GET
def expediente(request, pk):
    reclamo = _acceder(
        request,
        pk,
        vista="reclamos:mediacion",
        anotaciones=anotaciones(request.user, procedimiento="mediacion"),
        relacionados=("mediacion__funcionario",),
    )
    return render(
        request, "reclamos/mediacion/expediente.html", _contexto_expediente(request, reclamo)
    )


@login_required
@require_POST
def enviar_mensaje(request, pk):
    reclamo = _como(request, pk, Parte.CONSUMIDOR, Parte.PROVEEDOR, Parte.FUNCIONARIO)
    form = MensajeForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            servicio.enviar_mensaje(
                reclamo,
                por=request.user,
                texto=form.cleaned_data["texto"],
                adjunto=form.cleaned_data.get("adjunto"),
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Mensaje enviado."))
            return redirect("reclamos:mediacion", pk=reclamo.pk)
    contexto = _contexto_expediente(request, reclamo, form_mensaje=form)
    return render(request, "reclamos/mediacion/expediente.html", contexto, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def nuevo(request):
    if not es_consumidor(request.user):
        raise PermissionDenied
    regimen = regimen_de_mediacion()
    if not usuario_habilitado(request.user):
        messages.info(request, regimen.texto("adhesion_requerida"))
        return redirect("reclamos:mediacion_registro")
    usuario = request.user
    inicial = {
        "nombres": usuario.nombre,
        "apellidos": usuario.apellido,
        "documento_numero": usuario.dni,
        "email": usuario.email,
        "telefono": usuario.telefono,
    }
    form = PresentacionForm(request.POST or None, initial=inicial)
    if request.method == "POST" and form.is_valid():
        try:
            reclamo = servicio.presentar_reclamo_mediacion(
                consumidor=request.user, datos=form.cleaned_data
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(
                request,
                _("Recibimos su reclamo %(n)s. Le escribiremos cuando sea registrado.")
                % {"n": reclamo.numero},
            )
            return redirect("reclamos:mediacion", pk=reclamo.pk)
    return render(
        request,
        "reclamos/mediacion/nuevo.html",
        {"form": form, "regimen": regimen, "textos": regimen.textos},
    )


@login_required
@require_http_methods(["GET", "POST"])
def proponer(request, pk):
    reclamo = _como(request, pk, Parte.PROVEEDOR)
    form = PropuestaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            servicio.proponer(reclamo, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Propuesta enviada al consumidor."))
            return redirect("reclamos:mediacion", pk=reclamo.pk)
    return render(
        request,
        "reclamos/mediacion/proponer.html",
        {"reclamo": reclamo, "form": form, "textos": reclamo.regimen.textos},
    )


def _propuesta(request, pk, propuesta_pk):
    reclamo = _como(request, pk, Parte.CONSUMIDOR)
    propuesta = get_object_or_404(
        PropuestaMediacion.objects.select_related("documento", "proveedor"),
        pk=propuesta_pk,
        reclamo=reclamo,
    )
    return reclamo, propuesta


def _pagina_propuesta(request, reclamo, propuesta, *, conformidad=None, rechazo=None, status=200):
    huella = servicio.huella_de(propuesta)
    contexto = {
        "reclamo": reclamo,
        "propuesta": propuesta,
        "huella": huella,
        "textos": reclamo.regimen.textos,
        "form_conformidad": conformidad or ConformidadForm(initial={"sha256": huella}),
        "form_rechazo": rechazo or RechazoForm(),
    }
    return render(request, "reclamos/mediacion/propuesta.html", contexto, status=status)


@login_required
@require_GET
def propuesta(request, pk, propuesta_pk):
    reclamo, propuesta = _propuesta(request, pk, propuesta_pk)
    return _pagina_propuesta(request, reclamo, propuesta)


@login_required
@require_POST
def conformidad(request, pk, propuesta_pk):
    reclamo, propuesta = _propuesta(request, pk, propuesta_pk)
    form = ConformidadForm(request.POST)
    if form.is_valid():
        try:
            exigir_contrasena(request.user, form.cleaned_data["contrasena"])
            servicio.dar_conformidad(
                propuesta, por=request.user, sha256_visto=form.cleaned_data["sha256"]
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(
                request, _("Registramos su conformidad: el reclamo concluyó con acuerdo.")
            )
            return redirect("reclamos:mediacion", pk=reclamo.pk)
    return _pagina_propuesta(request, reclamo, propuesta, conformidad=form, status=400)


@login_required
@require_POST
def rechazar(request, pk, propuesta_pk):
    reclamo, propuesta = _propuesta(request, pk, propuesta_pk)
    form = RechazoForm(request.POST)
    if form.is_valid():
        try:
            servicio.rechazar_propuesta(
                propuesta, por=request.user, motivo=form.cleaned_data["motivo"]
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Registramos que no acepta la propuesta."))
            return redirect("reclamos:mediacion", pk=reclamo.pk)
    return _pagina_propuesta(request, reclamo, propuesta, rechazo=form, status=400)


def _pagina_simple(request, reclamo, plantilla, form, **extra):
    contexto = {"reclamo": reclamo, "form": form, "textos": reclamo.regimen.textos, **extra}
    status = 400 if request.method == "POST" else 200
    return render(request, f"reclamos/mediacion/{plantilla}.html", contexto, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def cumplimiento(request, pk):
    reclamo = _como(request, pk, Parte.CONSUMIDOR)
    form = CumplimientoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            servicio.comunicar_cumplimiento(reclamo, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Gracias: registramos lo que nos comunicó."))
            return redirect("reclamos:mediacion", pk=reclamo.pk)
    return _pagina_simple(request, reclamo, "cumplimiento", form)


@login_required
@require_http_methods(["GET", "POST"])
def desistir(request, pk):
    reclamo = _como(request, pk, Parte.CONSUMIDOR)
    if request.method == "POST":
        try:
            servicio.desistir(reclamo, por=request.user)
        except ErrorDeDominio as error:
            messages.error(request, error.mensaje)
        else:
            messages.success(request, _("Desistió del reclamo %(n)s.") % {"n": reclamo.numero})
        return redirect("reclamos:mediacion", pk=reclamo.pk)
    return _pagina_simple(request, reclamo, "desistir", None)


# --- the official ------------------------------------------------------------------------------


@login_required
@require_GET
def bandeja(request):
    if not tiene_rol(request.user, Rol.FUNCIONARIO, Rol.ADMINISTRADOR):
        raise PermissionDenied
    estado = request.GET.get("estado", "")
    reclamos = paginar(
        selectors_mediacion.bandeja(
            request.user, estado=estado, solo_mios=request.GET.get("mios") == "1"
        ),
        orden=("presentado_en", "pk"),
        cursor=request.GET.get("cursor"),
    )
    plazos = selectors_mediacion.plazos_abiertos(reclamos.filas)
    return render(
        request,
        "reclamos/mediacion/bandeja.html",
        {
            "filas": [(r, plazos[r.pk]) for r in reclamos],
            "pagina": reclamos,
            "estado": estado,
            "estados": selectors_mediacion.estados_de_mediacion(),
            "mios": request.GET.get("mios") == "1",
        },
    )


def _acto_del_funcionario(request, pk, acto, exito: str):
    reclamo = _como(request, pk, Parte.FUNCIONARIO)
    try:
        acto(reclamo)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, exito)
    return redirect("reclamos:mediacion", pk=reclamo.pk)


@login_required
@require_POST
def registrar(request, pk):
    return _acto_del_funcionario(
        request,
        pk,
        lambda r: servicio.registrar_reclamo(r, por=request.user),
        _("Reclamo registrado: usted es el funcionario a cargo."),
    )


@login_required
@require_POST
def iniciar(request, pk):
    return _acto_del_funcionario(
        request,
        pk,
        lambda r: servicio.iniciar_mediacion(r, por=request.user),
        _("Mediación iniciada: se trasladó el reclamo al proveedor."),
    )


@login_required
@require_POST
def cerrar(request, pk):
    accion = request.POST.get("accion", "")
    return _acto_del_funcionario(
        request,
        pk,
        lambda r: servicio.cerrar(r, por=request.user, accion=accion),
        _("Reclamo concluido.") if accion == "concluir" else _("Expediente archivado."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def convocar(request, pk):
    reclamo = _como(request, pk, Parte.FUNCIONARIO)
    form = ConvocatoriaForm(request.POST or None, zona=reclamo.regimen.zona_horaria)
    if request.method == "POST" and form.is_valid():
        try:
            servicio.convocar_audiencia(reclamo, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Audiencia convocada: avisamos a las partes."))
            return redirect("reclamos:mediacion", pk=reclamo.pk)
    return _pagina_simple(request, reclamo, "convocar", form)


@login_required
@require_http_methods(["GET", "POST"])
def sin_acuerdo(request, pk):
    reclamo = _como(request, pk, Parte.FUNCIONARIO)
    form = SinAcuerdoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            servicio.concluir_mediacion_sin_acuerdo(
                reclamo, por=request.user, motivo=form.cleaned_data["motivo"]
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Reclamo concluido sin acuerdo."))
            return redirect("reclamos:mediacion", pk=reclamo.pk)
    return _pagina_simple(request, reclamo, "sin_acuerdo", form)
