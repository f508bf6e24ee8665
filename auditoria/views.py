"""Pages of the Auditoría: the consumer's claim, the procedure's page (each party and the Auditor
act there) and the Auditor's tray. Permissions: auditoria.permisos; acts: auditoria.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from auditoria import forms as f
from auditoria import services
from auditoria.models import ReclamoAuditoria
from auditoria.permisos import acceder_auditoria
from conciliacion.errores import ConflictoDeEstado, DatosInvalidos, ErrorDeDominio
from conciliacion.paginacion import paginar
from conciliadores.views.comun import aplicar_error
from reclamos.permisos import acceder_reclamo, es_parte_consumidora


def _estado_http(error: ErrorDeDominio) -> int:
    if isinstance(error, DatosInvalidos):
        return 400
    if isinstance(error, ConflictoDeEstado):
        return 409
    return 403


@login_required
@require_http_methods(["GET", "POST"])
def reclamar(request, pk):
    """The consumer's claim to the Auditor (D202-I.31). Not offered, and refused, when the
    Auditoría is not available for the claim today (the reason is shown)."""
    reclamo = acceder_reclamo(request.user, pk)
    if not es_parte_consumidora(request.user, reclamo):
        raise PermissionDenied
    impedimento = services.impedimento(reclamo)
    form, estado = None, 200
    if impedimento:
        if request.method == "POST":
            estado = 409
    else:
        form = f.ReclamoAuditoriaForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
            initial=services.datos_propuestos(reclamo),
        )
        if request.method == "POST":
            if form.is_valid():
                datos = dict(form.cleaned_data)
                archivos = datos.pop("archivos", [])
                try:
                    services.presentar(reclamo, por=request.user, datos=datos, archivos=archivos)
                except ErrorDeDominio as error:
                    aplicar_error(form, error)
                    estado = _estado_http(error)
                else:
                    messages.success(request, _("Presentaste tu reclamo ante la Auditoría."))
                    return redirect("auditoria:detalle", pk=reclamo.pk)
            else:
                estado = 400
    reglas = reclamo.regimen.auditoria
    return render(
        request,
        "auditoria/reclamar.html",
        {
            "reclamo": reclamo,
            "form": form,
            "impedimento": impedimento,
            "proveedores": services.proveedores_del_registro(reclamo),
            "tope_unidades": reglas.tope_unidades if reglas else None,
            "vence": services.vence_para_reclamar(reclamo),
        },
        status=estado,
    )


# The acts on the procedure's page: form, the roles that may perform it, the service call.
def _traslado(aud, usuario, datos):
    return services.dar_traslado(aud, por=usuario)


def _contestar(aud, usuario, datos):
    return services.contestar(aud, por=usuario, texto=datos["texto"], archivos=datos["archivos"])


def _audiencia(aud, usuario, datos):
    return services.convocar_audiencia(aud, por=usuario, **datos)


def _acta(aud, usuario, datos):
    return services.registrar_audiencia(aud, por=usuario, acta=datos["acta"])


def _resolver(aud, usuario, datos):
    return services.resolver(aud, por=usuario, **datos)


def _recurrir(aud, usuario, datos):
    return services.recurrir(aud, por=usuario, texto=datos["texto"])


def _comunicar(aud, usuario, datos):
    return services.comunicar(aud, por=usuario, **datos)


ACTOS = {
    "traslado": (None, {"auditor"}, _traslado, "Diste traslado al proveedor."),
    "contestar": (f.ContestacionForm, {"proveedor"}, _contestar, "Presentaste la contestación."),
    "audiencia": (f.AudienciaForm, {"auditor"}, _audiencia, "Convocaste a la audiencia."),
    "acta": (f.ActaAudienciaForm, {"auditor"}, _acta, "Registraste lo ocurrido en la audiencia."),
    "resolver": (f.ResolucionForm, {"auditor"}, _resolver, "Dictaste la resolución."),
    "recurrir": (
        f.RecursoForm,
        {"consumidor", "proveedor"},
        _recurrir,
        "Interpusiste el recurso judicial directo.",
    ),
    "comunicar": (
        f.ComunicacionForm,
        {"auditor"},
        _comunicar,
        "Comunicaste la resolución firme a la autoridad de aplicación.",
    ),
}


def _formularios(aud: ReclamoAuditoria, rol: str) -> dict:
    """The forms the reader may use now (unbound)."""
    E = ReclamoAuditoria.Estado
    formularios = {}
    if rol == "auditor":
        if aud.estado in {E.TRASLADO, E.EN_TRAMITE}:
            if aud.audiencia_inicio and not aud.audiencia_acta:
                formularios["acta"] = f.ActaAudienciaForm(prefix="acta")
            else:
                formularios["audiencia"] = f.AudienciaForm(prefix="audiencia")
        if aud.estado == E.EN_TRAMITE and not services.puede_resolver(aud):
            formularios["resolver"] = f.ResolucionForm(prefix="resolver")
        if aud.estado == E.FIRME:
            formularios["comunicar"] = f.ComunicacionForm(prefix="comunicar")
    if rol == "proveedor" and aud.estado in {E.TRASLADO, E.EN_TRAMITE} and not aud.contestado_en:
        formularios["contestar"] = f.ContestacionForm(prefix="contestar")
    if rol in {"consumidor", "proveedor"} and aud.estado == E.RESUELTO:
        formularios["recurrir"] = f.RecursoForm(prefix="recurrir")
    return formularios


def _pagina(request, aud, rol, formularios, estado=200):
    from plazos.selectors import plazos_de

    reclamo = aud.reclamo
    reglas = reclamo.regimen.auditoria
    tipos = [reglas.plazo_contestacion, reglas.plazo_recurso, reglas.plazo_comunicacion]
    return render(
        request,
        "auditoria/detalle.html",
        {
            "aud": aud,
            "reclamo": reclamo,
            "rol": rol,
            "formularios": formularios,
            "plazos": [
                {"plazo": p, "nombre": reclamo.regimen.plazo(p.tipo).nombre}
                for p in plazos_de(reclamo).filter(tipo__in=tipos).order_by("pk")
            ],
            "falta_para_resolver": services.puede_resolver(aud) if rol == "auditor" else "",
        },
        status=estado,
    )


@login_required
def detalle(request, pk):
    aud, rol = acceder_auditoria(request.user, pk)
    return _pagina(request, aud, rol, _formularios(aud, rol))


@login_required
@require_POST
def acto(request, pk, acto):
    aud, rol = acceder_auditoria(request.user, pk)
    if acto not in ACTOS:
        raise PermissionDenied
    clase, roles, funcion, exito = ACTOS[acto]
    if rol not in roles:
        raise PermissionDenied
    formularios = _formularios(aud, rol)
    form = None
    datos = {}
    if clase is not None:
        form = clase(request.POST, request.FILES, prefix=acto)
        formularios[acto] = form
        if not form.is_valid():
            return _pagina(request, aud, rol, formularios, estado=400)
        datos = dict(form.cleaned_data)
    try:
        funcion(aud, request.user, datos)
    except ErrorDeDominio as error:
        if form is not None:
            aplicar_error(form, error)
        else:
            messages.error(request, error.mensaje)
        return _pagina(request, aud, rol, formularios, estado=_estado_http(error))
    messages.success(request, _(exito))
    return redirect("auditoria:detalle", pk=pk)


@login_required
def bandeja(request):
    """The Auditor's tray: newest claims first, keyset-paginated over the (estado, date) index."""
    if not services.es_auditor(request.user):
        raise PermissionDenied
    qs = ReclamoAuditoria.objects.select_related("reclamo")
    estado = request.GET.get("estado", "")
    if estado in ReclamoAuditoria.Estado.values:
        qs = qs.filter(estado=estado)
    pagina = paginar(qs, orden=("-presentado_en", "-pk"), cursor=request.GET.get("cursor"))
    return render(
        request,
        "auditoria/bandeja.html",
        {"reclamos": pagina, "estado": estado, "estados": ReclamoAuditoria.Estado.choices},
    )
