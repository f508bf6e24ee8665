"""Pages of availability and booking: the consumer's "Turnos disponibles para audiencias" (S000),
the conciliator's agenda, fixing a hearing (methods b/c), cancelling and rescheduling."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audiencias import disponibilidad
from audiencias.forms import (
    BloqueoForm,
    CancelarForm,
    ElegirTurnoForm,
    FijarAudienciaForm,
    FranjaSemanalForm,
    ReprogramarForm,
    TurnoPuntualForm,
)
from audiencias.models import Audiencia, Bloqueo, FranjaSemanal, TurnoPuntual
from audiencias.permisos import acceder_audiencia, es_conciliador_de
from audiencias.services import agenda, turnos
from conciliacion.errores import ErrorDeDominio
from conciliacion.paginacion import paginar
from conciliadores.permisos import perfil_de
from conciliadores.views.comun import aplicar_error
from reclamos.estados import Estado
from reclamos.permisos import acceder_reclamo, es_parte_consumidora


def _al_reclamo(reclamo):
    return redirect("reclamos:detalle", pk=reclamo.pk)


def _dias_con_turnos(ofrecidos, zona: ZoneInfo) -> list[dict]:
    """The offered slots as the picker shows them: days in order, each with its times grouped by
    modality and place (video first, then each place), in the claim's régimen time zone."""
    dias: dict[datetime.date, dict[tuple[str, str], list]] = {}
    for turno in ofrecidos:
        grupos = dias.setdefault(turno.inicio.astimezone(zona).date(), {})
        grupos.setdefault((turno.modalidad, turno.lugar), []).append(turno)
    return [
        {
            "fecha": fecha,
            "cantidad": sum(len(lista) for lista in grupos.values()),
            "grupos": [
                {"modalidad": modalidad, "lugar": lugar, "turnos": lista}
                for (modalidad, lugar), lista in sorted(
                    grupos.items(), key=lambda item: (item[0][0] != "video", item[0][1])
                )
            ],
        }
        for fecha, grupos in sorted(dias.items())
    ]


@login_required
@require_http_methods(["GET", "POST"])
def elegir_turno(request, pk):
    """S000 "Turnos disponibles para audiencias" as a picker: a day with free slots, then one of
    its times (grouped by modality and place), then "Elegir Turno". The POST contract is one
    field, `turno` (the slot's key); `dia` only reopens the day chosen after a race."""
    reclamo = acceder_reclamo(request.user, pk)
    if not es_parte_consumidora(request.user, reclamo):
        raise PermissionDenied
    if reclamo.estado != Estado.ESPERA_TURNO:
        messages.info(request, _("Este reclamo no está esperando que elijas un turno."))
        return _al_reclamo(reclamo)
    estado = 200
    ofrecidos = disponibilidad.turnos_para(reclamo, ahora=timezone.now())
    form = ElegirTurnoForm(request.POST or None, turnos=ofrecidos)
    if request.method == "POST":
        if form.is_valid():
            turno = form.turnos[form.cleaned_data["turno"]]
            try:
                audiencia = turnos.elegir_turno(
                    reclamo,
                    inicio=turno.inicio,
                    modalidad=turno.modalidad,
                    sede=turno.oficina_id,
                    por=request.user,
                )
            except ErrorDeDominio as error:
                estado = error.status
                messages.error(request, error.mensaje)
            else:
                zona = ZoneInfo(reclamo.regimen.zona_horaria)
                messages.success(
                    request,
                    _(
                        "Elegiste el turno del %(f)s. Se designó un conciliador o conciliadora: "
                        "vas a recibir sus datos por correo."
                    )
                    % {"f": f"{audiencia.inicio.astimezone(zona):%d/%m/%Y %H:%M}"},
                )
                return _al_reclamo(reclamo)
        else:
            # A slot that is no longer offered was taken by someone else meanwhile.
            estado = 409 if request.POST.get("turno") else 400
            messages.error(
                request,
                turnos.TURNO_TOMADO if estado == 409 else _("Elegí un día y horario."),
            )
        # The list is computed again: the slot just taken is gone.
        ofrecidos = disponibilidad.turnos_para(reclamo, ahora=timezone.now())
        form = ElegirTurnoForm(turnos=ofrecidos)
    zona = ZoneInfo(reclamo.regimen.zona_horaria)
    dias = _dias_con_turnos(ofrecidos, zona)
    return render(
        request,
        "audiencias/turnos/elegir.html",
        {
            "reclamo": reclamo,
            "form": form,
            "turnos": ofrecidos,
            "dias": dias,
            "zona": zona,
            "dia_elegido": _dia_elegido(request, dias),
            "fuera_de_plazo": bool(ofrecidos) and not ofrecidos[0].dentro_de_plazo,
        },
        status=estado,
    )


def _dia_elegido(request, dias) -> str:
    """After a failed choice the day the consumer had opened stays open if it still has slots."""
    pedido = request.POST.get("dia", "") if request.method == "POST" else ""
    return pedido if any(dia["fecha"].isoformat() == pedido for dia in dias) else ""


def _perfil_propio(request):
    perfil = perfil_de(request.user)
    if perfil is None:
        raise PermissionDenied
    return perfil


def publicar_desde_formulario(form, conciliador, *, por, oficina=None) -> bool:
    """Calls the publishing service for a bound, valid agenda form; a domain error goes back to
    the form (keeping what was typed). True when published."""
    servicio = {
        FranjaSemanalForm: agenda.publicar_franja,
        TurnoPuntualForm: agenda.publicar_turno_puntual,
    }[type(form)]
    datos = form.datos()
    if oficina is not None:
        datos["oficina"] = oficina
    try:
        servicio(conciliador, por=por, **datos)
    except ErrorDeDominio as error:
        aplicar_error(form, error)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def mi_agenda(request):
    """The conciliator publishes weekly hours, one-off slots and blocked days."""
    perfil = _perfil_propio(request)
    oficinas = perfil.oficinas.filter(estado="activa")
    # Read once: each form asks whether there is any (issue 13).
    bool(oficinas)
    formularios = {
        "franja": FranjaSemanalForm(prefix="franja", oficinas=oficinas),
        "puntual": TurnoPuntualForm(prefix="puntual", oficinas=oficinas),
        "bloqueo": BloqueoForm(prefix="bloqueo"),
    }
    if request.method == "POST":
        tipo = request.POST.get("tipo")
        if tipo not in formularios:
            raise PermissionDenied
        extra = {} if tipo == "bloqueo" else {"oficinas": oficinas}
        form = type(formularios[tipo])(request.POST, prefix=tipo, **extra)
        formularios[tipo] = form
        if form.is_valid() and _publicar_propio(form, perfil, por=request.user):
            messages.success(request, _("Guardamos tu agenda."))
            return redirect("audiencias:mi_agenda")
    zona = ZoneInfo("America/Argentina/Buenos_Aires")
    hoy = timezone.localdate()
    ahora = timezone.now()
    return render(
        request,
        "audiencias/turnos/mi_agenda.html",
        {
            "perfil": perfil,
            # Each list read once; the free slots below come from one statement over the same
            # tables (disponibilidad._agenda, decision 0045).
            "franjas": list(perfil.franjas.select_related("oficina")),
            "puntuales": list(
                perfil.turnos_puntuales.filter(inicio__gte=ahora).select_related("oficina")
            ),
            "bloqueos": list(perfil.bloqueos.filter(hasta__gte=hoy)),
            # Soonest first, by keyset over audiencia_fijada_conciliador (issue 13).
            "audiencias": paginar(
                Audiencia.objects.filter(conciliador=perfil, estado=Audiencia.Estado.FIJADA)
                .select_related("reclamo")
                # The rows show the day, the modality and the claim's number: not the whole
                # claim row for each of 50 hearings (issue 13).
                .only("pk", "inicio", "modalidad", "reclamo_id", "reclamo__numero"),
                orden=("inicio", "pk"),
                cursor=request.GET.get("cursor"),
            ),
            "proximos": disponibilidad.libres(
                [perfil.pk], desde=hoy, hasta=hoy + datetime.timedelta(days=14), zona=zona
            )[:40],
            **formularios,
        },
    )


def _publicar_propio(form, perfil, *, por) -> bool:
    if not isinstance(form, BloqueoForm):
        return publicar_desde_formulario(form, perfil, por=por)
    try:
        agenda.bloquear_dias(perfil, por=por, **form.cleaned_data)
    except ErrorDeDominio as error:
        aplicar_error(form, error)
        return False
    return True


@login_required
@require_POST
def borrar_de_agenda(request, tipo, pk):
    perfil = _perfil_propio(request)
    modelo = {"franja": FranjaSemanal, "puntual": TurnoPuntual, "bloqueo": Bloqueo}.get(tipo)
    if modelo is None:
        raise PermissionDenied
    publicado = get_object_or_404(modelo, pk=pk, conciliador=perfil)
    agenda.quitar_de_agenda(publicado, por=request.user)
    messages.success(request, _("Lo quitamos de tu agenda."))
    return redirect("audiencias:mi_agenda")


@login_required
@require_http_methods(["GET", "POST"])
def fijar(request, pk):
    """Methods b/c and later hearings: the designated conciliator fixes the hearing."""
    reclamo = acceder_reclamo(request.user, pk)
    if not es_conciliador_de(request.user, reclamo):
        raise PermissionDenied
    form = FijarAudienciaForm(request.POST or None)
    zona = ZoneInfo(reclamo.regimen.zona_horaria)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            turnos.fijar_audiencia(
                reclamo,
                inicio=form.inicio(zona),
                modalidad=datos["modalidad"],
                lugar=datos["lugar"],
                enlace_video=datos["enlace_video"],
                duracion_minutos=datos["duracion_minutos"],
                por=request.user,
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Fijaste la audiencia. Se emitieron las cédulas."))
            return _al_reclamo(reclamo)
    from audiencias.anticipacion import primera_fecha_de_audiencia
    from reclamos.transiciones import hoy_en

    return render(
        request,
        "audiencias/turnos/fijar.html",
        {
            "reclamo": reclamo,
            "form": form,
            "primera_fecha": primera_fecha_de_audiencia(reclamo, hoy=hoy_en(reclamo)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancelar(request, pk):
    audiencia = acceder_audiencia(request.user, pk)
    reclamo = audiencia.reclamo
    if not (
        es_conciliador_de(request.user, audiencia) or es_parte_consumidora(request.user, reclamo)
    ):
        raise PermissionDenied
    form = CancelarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            turnos.cancelar_audiencia(
                audiencia, por=request.user, motivo=form.cleaned_data["motivo"]
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("La audiencia quedó cancelada y avisamos a las partes."))
            return _al_reclamo(reclamo)
    return render(
        request, "audiencias/turnos/cancelar.html", {"audiencia": audiencia, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def reprogramar(request, pk):
    audiencia = acceder_audiencia(request.user, pk)
    if not es_conciliador_de(request.user, audiencia):
        raise PermissionDenied
    form = ReprogramarForm(request.POST or None)
    zona = ZoneInfo(audiencia.reclamo.regimen.zona_horaria)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        inicio = datetime.datetime.combine(datos["fecha"], datos["hora"], tzinfo=zona)
        try:
            turnos.reprogramar_audiencia(
                audiencia, inicio=inicio, por=request.user, motivo=datos["motivo"]
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Reprogramaste la audiencia; se emitieron nuevas cédulas."))
            return _al_reclamo(audiencia.reclamo)
    return render(
        request, "audiencias/turnos/reprogramar.html", {"audiencia": audiencia, "form": form}
    )
