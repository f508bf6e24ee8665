"""Pages of fines: the conciliator certifies (AR-19), staff review the papers and the notice,
record the legal opinion, issue the definitive certificate, follow the intimation and record the
payment (with the consumer's third) or the referral to judicial enforcement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from audiencias.permisos import es_conciliador_de
from conciliacion.errores import ConflictoDeEstado
from cuentas.permisos import tiene_rol
from honorarios import forms as formularios
from honorarios import selectors
from honorarios.models import Multa
from honorarios.permisos import acceder_multa
from honorarios.services import evidencia
from honorarios.services import multas as servicio
from honorarios.services import seguimiento_multas as seguimiento
from honorarios.views.comun import ejecutar
from reclamos.permisos import acceder_reclamo

E = Multa.Estado


@login_required
@require_http_methods(["GET", "POST"])
def certificar(request, pk):
    """The conciliator sees what goes with the certification and issues it."""
    reclamo = acceder_reclamo(request.user, pk)
    if not es_conciliador_de(request.user, reclamo):
        raise PermissionDenied
    error = None
    try:
        requisitos = servicio.requisitos_de_multa(reclamo)
    except ConflictoDeEstado as conflicto:
        requisitos, error = None, conflicto.mensaje
    if request.method == "POST" and error is None:
        try:
            multas = servicio.certificar_multa(reclamo, por=request.user)
        except ConflictoDeEstado as conflicto:
            error = conflicto.mensaje
        else:
            messages.success(
                request,
                _("Certificaste la multa de %(p)s: la autoridad revisará los papeles.")
                % {"p": ", ".join(m.proveedor.razon_social for m in multas)},
            )
            return redirect("reclamos:detalle", pk=reclamo.pk)
    contexto = {"reclamo": reclamo, "error": error, "requisitos": requisitos}
    if requisitos is not None:
        contexto.update(
            acta=evidencia.acta_de_incomparecencia(reclamo),
            pruebas=[(c, evidencia.prueba_de_notificacion(c)) for c in requisitos.cedulas],
            justificacion=evidencia.resultado_de_la_justificacion(reclamo, requisitos.audiencia),
        )
    return render(
        request,
        "honorarios/certificar_multa.html",
        contexto,
        status=409 if error and request.method == "POST" else 200,
    )


@login_required
@require_GET
def multas(request):
    """Staff's queue of fines: the certified ones wait for review."""
    if not tiene_rol(request.user, *selectors.PERSONAL_MULTAS):
        raise PermissionDenied
    estado = request.GET.get("estado") or None
    if estado not in E.values:
        estado = None
    from conciliacion.paginacion import paginar

    buscar = request.GET.get("buscar", "")[:100]
    pagina = paginar(
        selectors.buscar_multas(selectors.multas_de(request.user, estado=estado), buscar),
        orden=("-certificada_en", "-pk"),
        cursor=request.GET.get("cursor"),
    )
    return render(
        request,
        "honorarios/multas.html",
        {"multas": pagina, "estados": E.choices, "estado": estado, "buscar": buscar},
    )


def _acciones(multa: Multa, usuario) -> dict:
    if not tiene_rol(usuario, *servicio.PERSONAL):
        return {}
    acciones = {}
    if multa.estado == E.CERTIFICADA:
        acciones["certificado"] = (
            formularios.CertificadoMultaForm,
            lambda d, f: servicio.emitir_certificado_multa(
                multa, por=usuario, verificaciones=f.verificaciones(), dictamen=d["dictamen"]
            ),
            _("Emitiste el certificado definitivo y la intimación de pago."),
        )
    pendiente = multa.estado == E.DEFINITIVA and multa.intimacion_notificada_el is None
    if pendiente and multa.intimacion_via == Multa.Via.FEHACIENTE:
        acciones["notificacion"] = (
            formularios.NotificacionIntimacionForm,
            lambda d, f: seguimiento.registrar_notificacion_intimacion(multa, por=usuario, **d),
            _("Registraste la notificación de la intimación: corre el plazo para recurrir."),
        )
    if pendiente and multa.intimacion_via == Multa.Via.ELECTRONICA:
        acciones["notificacion"] = (
            formularios.SinDatosForm,
            lambda d, f: seguimiento.registrar_notificacion_intimacion(multa, por=usuario),
            _("Registraste la notificación electrónica: corre el plazo para recurrir."),
        )
    if multa.estado == E.DEFINITIVA and multa.firme_desde is None:
        acciones["apelacion"] = (
            formularios.ApelacionForm,
            lambda d, f: seguimiento.registrar_apelacion(multa, por=usuario, **d),
            _("Registraste el recurso."),
        )
    if multa.estado in seguimiento.PAGABLE:
        acciones["pago"] = (
            formularios.PagoMultaForm,
            lambda d, f: seguimiento.registrar_pago_multa(multa, por=usuario, **d),
            _("Registraste el pago de la multa: avisamos al consumidor su tercio."),
        )
    if multa.estado == E.DEFINITIVA and multa.firme_desde is not None:
        acciones["ejecucion"] = (
            formularios.EjecucionForm,
            lambda d, f: seguimiento.remitir_a_ejecucion(multa, por=usuario, **d),
            _("Registraste la remisión de la multa a ejecución judicial."),
        )
    if multa.estado in {E.CERTIFICADA, E.DEFINITIVA, E.APELADA, E.EN_EJECUCION}:
        acciones["anular"] = (
            formularios.AnulacionForm,
            lambda d, f: seguimiento.anular_multa(multa, por=usuario, **d),
            _("Anulaste la multa."),
        )
    return acciones


@login_required
@require_http_methods(["GET", "POST"])
def multa(request, pk):
    multa = acceder_multa(request.user, pk)
    acciones = _acciones(multa, request.user)
    formularios_ = {n: clase(prefix=n) for n, (clase, _l, _m) in acciones.items()}
    status = 200
    if request.method == "POST":
        nombre = request.POST.get("accion", "")
        if nombre not in acciones:
            raise PermissionDenied
        clase, llamada, exito = acciones[nombre]
        form = clase(request.POST, request.FILES, prefix=nombre)
        formularios_[nombre] = form
        if ejecutar(request, form, lambda d: llamada(d, form), exito):
            return redirect("honorarios:multa", pk=multa.pk)
        status = 400
    multa = (
        selectors.multas_de(request.user)
        .select_related(
            "certificacion",
            "certificado",
            "intimacion",
            "acta",
            "cedula__documento",
            "cedula__notificacion",
            "cedula__constancia",
            "intimacion_notificacion",
            "intimacion_constancia",
            "pago_comprobante",
        )
        .get(pk=multa.pk)
    )
    return render(
        request,
        "honorarios/multa.html",
        {
            "multa": multa,
            "evidencia": selectors.evidencia_de_la_multa(multa),
            "formularios": formularios_,
            "es_personal": tiene_rol(request.user, *servicio.PERSONAL),
            "es_consumidor": multa.reclamo.consumidor_id == request.user.pk,
        },
        status=status,
    )
