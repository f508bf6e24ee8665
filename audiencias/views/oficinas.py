"""The agency staff's agenda of its offices (issue 7: "Staff can publish slots for agency
offices"): weekly hours and one-off slots at an office for the conciliators who serve there, with
the same forms and services as the conciliator's own agenda (audiencias.services.agenda).
Staff pages: the MFA middleware already requires a second factor for every staff role."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audiencias import disponibilidad
from audiencias.forms import FranjaSemanalForm, TurnoPuntualForm
from audiencias.models import FranjaSemanal, TurnoPuntual
from audiencias.services import agenda
from audiencias.views.turnos import publicar_desde_formulario
from conciliacion.errores import ErrorDeDominio

DIAS_A_LA_VISTA = 14


def _oficina_gestionada(request, pk):
    """The office, if this user manages its agenda: 404 for an office they do not manage,
    403 for anyone who manages none."""
    gestionadas = agenda.oficinas_gestionadas(request.user)
    if not gestionadas.exists():
        raise PermissionDenied
    oficina = gestionadas.filter(pk=pk).first()
    if oficina is None:
        raise Http404
    return oficina


@login_required
@require_GET
def oficinas(request):
    gestionadas = list(agenda.oficinas_gestionadas(request.user))
    if not gestionadas:
        raise PermissionDenied
    if len(gestionadas) == 1:
        return redirect("audiencias:agenda_oficina", pk=gestionadas[0].pk)
    return render(request, "audiencias/turnos/oficinas.html", {"oficinas": gestionadas})


def _formularios(conciliadores, datos=None, tipo=None):
    formularios = {
        "franja": FranjaSemanalForm(prefix="franja", conciliadores=conciliadores, en_oficina=True),
        "puntual": TurnoPuntualForm(prefix="puntual", conciliadores=conciliadores, en_oficina=True),
    }
    if tipo is not None:
        formularios[tipo] = type(formularios[tipo])(
            datos, prefix=tipo, conciliadores=conciliadores, en_oficina=True
        )
    return formularios


@login_required
@require_http_methods(["GET", "POST"])
def agenda_oficina(request, pk):
    """What is published at one office, and the forms to publish more."""
    oficina = _oficina_gestionada(request, pk)
    conciliadores = agenda.conciliadores_de_oficina(oficina)
    formularios = _formularios(conciliadores)
    if request.method == "POST":
        tipo = request.POST.get("tipo")
        if tipo not in formularios:
            raise PermissionDenied
        formularios = _formularios(conciliadores, request.POST, tipo)
        form = formularios[tipo]
        if form.is_valid():
            conciliador = form.cleaned_data["conciliador"]
            if publicar_desde_formulario(form, conciliador, por=request.user, oficina=oficina):
                messages.success(
                    request,
                    _("Publicamos el turno de %(c)s en %(o)s.")
                    % {"c": conciliador, "o": oficina.razon_social},
                )
                return redirect("audiencias:agenda_oficina", pk=oficina.pk)
    return render(
        request,
        "audiencias/turnos/oficina.html",
        {**_contexto(oficina, conciliadores), **formularios},
    )


def _contexto(oficina, conciliadores) -> dict:
    zona = ZoneInfo("America/Argentina/Buenos_Aires")
    hoy = timezone.localdate()
    ids = [c.pk for c in conciliadores]
    libres = [
        f
        for f in disponibilidad.libres(
            ids, desde=hoy, hasta=hoy + datetime.timedelta(days=DIAS_A_LA_VISTA), zona=zona
        )
        if f.sede == oficina.pk and f.inicio > timezone.now()
    ]
    nombres = {c.pk: c for c in conciliadores}
    return {
        "oficina": oficina,
        "lugar": disponibilidad.lugar_de_oficina(oficina),
        "conciliadores": conciliadores,
        "franjas": FranjaSemanal.objects.filter(oficina=oficina)
        .select_related("conciliador__usuario", "publicada_por")
        .order_by("dia_semana", "desde", "conciliador__matricula"),
        "puntuales": TurnoPuntual.objects.filter(oficina=oficina, inicio__gte=timezone.now())
        .select_related("conciliador__usuario", "publicado_por")
        .order_by("inicio"),
        "libres": [(f, nombres.get(f.conciliador_id)) for f in libres[:60]],
        "dias_a_la_vista": DIAS_A_LA_VISTA,
    }


@login_required
@require_POST
def quitar_de_oficina(request, pk, tipo, publicado):
    oficina = _oficina_gestionada(request, pk)
    modelo = {"franja": FranjaSemanal, "puntual": TurnoPuntual}.get(tipo)
    if modelo is None:
        raise Http404
    objeto = get_object_or_404(modelo, pk=publicado, oficina=oficina)
    try:
        agenda.quitar_de_agenda(objeto, por=request.user)
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, _("Quitamos el turno de la agenda de la oficina."))
    return redirect("audiencias:agenda_oficina", pk=oficina.pk)
