"""Pages of fees: "Mis honorarios" (conciliators), one fee with its acts, the Fondo's obligations
(staff) and the refunds owed (the registry of conciliators)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cuentas.permisos import tiene_rol
from cuentas.roles import Rol
from honorarios import forms as formularios
from honorarios import selectors
from honorarios.models import Honorario
from honorarios.permisos import acceder_honorario
from honorarios.services import honorarios as servicio
from honorarios.services.valores import faltantes_a
from honorarios.views.comun import ejecutar
from reclamos.transiciones import hoy_en

E = Honorario.Estado


def _acciones(honorario: Honorario, usuario) -> dict:
    """The acts this user may perform on this fee now: name → (form class, call, message)."""
    es_conciliador = honorario.conciliador.usuario_id == usuario.pk
    es_personal = usuario.rol in servicio.PERSONAL
    acciones = {}
    if es_personal and not honorario.liquidado and honorario.estado != E.DEPOSITADO_FONDO:
        acciones["liquidar"] = (
            formularios.SinDatosForm,
            lambda d: servicio.liquidar_honorario(honorario, por=usuario),
            _("Liquidaste el honorario con el arancel vigente."),
        )
    if es_personal and honorario.a_cargo == "fondo" and honorario.estado == E.DEVENGADO:
        acciones["constancia"] = (
            formularios.SinDatosForm,
            lambda d: servicio.emitir_constancia_fondo(honorario, por=usuario),
            _("Emitiste la constancia para el Fondo."),
        )
    if es_conciliador and honorario.estado == E.CONSTANCIA_EMITIDA:
        acciones["presentacion"] = (
            formularios.PresentacionForm,
            lambda d: servicio.registrar_presentacion_fondo(honorario, por=usuario, **d),
            _("Registraste la presentación: el Fondo paga en 15 días."),
        )
    pagable = honorario.estado not in Honorario.COBRADOS and not (
        honorario.a_cargo == "fondo" and honorario.estado == E.DEVENGADO
    )
    if pagable and (es_conciliador or (es_personal and honorario.a_cargo == "fondo")):
        acciones["pago"] = (
            formularios.PagoForm,
            lambda d: servicio.registrar_pago(honorario, por=usuario, **d),
            _("Registraste el pago."),
        )
    if (
        es_conciliador
        and honorario.tipo == Honorario.Tipo.BASICO
        and honorario.estado == E.PAGADO
        and honorario.total_cobrado_el is None
    ):
        acciones["cobro_total"] = (
            formularios.CobroTotalForm,
            lambda d: servicio.registrar_cobro_total(honorario, por=usuario, **d),
            _("Registraste el cobro del total: reintegrá el básico dentro de 5 días."),
        )
    if honorario.reintegro_pendiente and (es_conciliador or es_personal):
        acciones["reintegro"] = (
            formularios.ReintegroForm,
            lambda d: servicio.registrar_reintegro(honorario, por=usuario, **d),
            _("Registraste el reintegro."),
        )
    return acciones


@login_required
@require_http_methods(["GET", "POST"])
def honorario(request, pk):
    honorario = acceder_honorario(request.user, pk)
    acciones = _acciones(honorario, request.user)
    formularios_ = {nombre: clase(prefix=nombre) for nombre, (clase, _l, _m) in acciones.items()}
    status = 200
    if request.method == "POST":
        nombre = request.POST.get("accion", "")
        if nombre not in acciones:
            raise PermissionDenied
        clase, llamada, exito = acciones[nombre]
        formularios_[nombre] = form = clase(request.POST, prefix=nombre)
        if ejecutar(request, form, llamada, exito):
            return redirect("honorarios:honorario", pk=honorario.pk)
        status = 400
    honorario = selectors.con_alertas(Honorario.objects.filter(pk=honorario.pk)).get()
    return render(
        request,
        "honorarios/honorario.html",
        {
            "h": honorario,
            "formularios": formularios_,
            "faltan": [] if honorario.liquidado else servicio.faltantes(honorario),
            "hoy": hoy_en(honorario.reclamo),
        },
        status=status,
    )


@login_required
@require_GET
def mis_honorarios(request):
    if not tiene_rol(request.user, Rol.CONCILIADOR):
        raise PermissionDenied
    from conciliacion.paginacion import paginar

    sin_monto, mas_sin_monto = selectors.sin_monto(request.user)
    return render(
        request,
        "honorarios/mis_honorarios.html",
        {
            "honorarios": paginar(
                selectors.honorarios_de(request.user),
                orden=selectors.ORDEN_HONORARIOS,
                cursor=request.GET.get("cursor"),
            ),
            "sin_monto": sin_monto,
            "mas_sin_monto": mas_sin_monto,
            "reintegros": list(selectors.reintegros_pendientes(request.user)),
        },
    )


@login_required
@require_GET
def fondo(request):
    """The Fondo de Financiamiento's obligations: basic fees of method a without agreement."""
    if not tiene_rol(request.user, *selectors.PERSONAL):
        raise PermissionDenied
    estado = request.GET.get("estado") or None
    if estado not in E.values:
        estado = None
    from conciliacion.paginacion import paginar_por_claves

    pagina = paginar_por_claves(
        selectors.obligaciones_del_fondo(request.user, estado=estado),
        claves=selectors.ORDEN_FONDO,
        nulos_primero=selectors.NULOS_PRIMERO_FONDO,
        cursor=request.GET.get("cursor"),
    )
    vencidos, mas_vencidos = selectors.fondo_vencidos(request.user)
    return render(
        request,
        "honorarios/fondo.html",
        {
            "honorarios": pagina,
            "estados": E.choices,
            "estado": estado,
            "vencidos": vencidos,
            "mas_vencidos": mas_vencidos,
            "faltan": faltantes_a(timezone.localdate()),
        },
    )


@login_required
@require_GET
def reintegros(request):
    """Refunds of the basic fee after collecting the full one (AR-17): the registry sees the
    overdue ones, a suspension ground (D202-II.4 j)."""
    if not tiene_rol(request.user, Rol.REGISTRO, Rol.ADMISION, Rol.ADMINISTRADOR):
        raise PermissionDenied
    return render(
        request,
        "honorarios/reintegros.html",
        {"honorarios": list(selectors.reintegros(request.user))},
    )
