"""Public pages: the directory of conciliators (art. 7 c) and the draw records with their
verification (docs/decisions/0004-sorteo.md)."""

import json

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from conciliadores import selectors, verificacion
from conciliadores.forms import VerificarForm
from conciliadores.models import Modalidad


@require_GET
def directorio(request):
    jurisdiccion = request.GET.get("jurisdiccion", "").strip()[:80]
    modalidad = request.GET.get("modalidad", "")
    if modalidad not in Modalidad.values:
        modalidad = ""
    return render(
        request,
        "conciliadores/directorio.html",
        {
            "conciliadores": selectors.directorio(jurisdiccion=jurisdiccion, modalidad=modalidad),
            "jurisdicciones": selectors.jurisdicciones_del_directorio(),
            "modalidades": Modalidad.choices,
            "jurisdiccion": jurisdiccion,
            "modalidad": modalidad,
        },
    )


@require_GET
def sorteos(request):
    return render(
        request,
        "conciliadores/sorteos.html",
        {"sorteos": selectors.sorteos_realizados()[:200]},
    )


def _leer_padron(texto: str, sorteo, form) -> list | None:
    if not texto.strip():
        return sorteo.padron
    try:
        padron = json.loads(texto)
    except ValueError:
        form.add_error("padron", _("El padrón no es un JSON válido."))
        return None
    if not isinstance(padron, list):
        form.add_error("padron", _("El padrón debe ser una lista JSON."))
        return None
    return padron


def _verificar(sorteo, form):
    """Recomputes the round with the published data or with what the visitor typed."""
    if not form.is_valid():
        return None
    padron = _leer_padron(form.cleaned_data["padron"], sorteo, form)
    if padron is None:
        return None
    return verificacion.verificar(
        semilla=form.cleaned_data["semilla"] or sorteo.semilla,
        numero=sorteo.reclamo.numero,
        padron=padron,
        ronda=sorteo.ronda,
        compromiso_publicado=sorteo.compromiso,
        hmac_publicado=sorteo.hmac,
        matricula_publicada=sorteo.resultado_matricula,
    )


def _preparar(ronda) -> None:
    """What the page shows of a drawn round, computed once for the template."""
    calculado = verificacion.calcular(
        ronda.semilla, ronda.reclamo.numero, ronda.padron, ronda.ronda
    )
    ronda.empatados = [f["matricula"] for f in calculado.empatados]
    ronda.sha_semilla = verificacion.compromiso(ronda.semilla)
    ronda.verificacion = verificacion.verificar(
        semilla=ronda.semilla,
        numero=ronda.reclamo.numero,
        padron=ronda.padron,
        ronda=ronda.ronda,
        compromiso_publicado=ronda.compromiso,
        hmac_publicado=ronda.hmac,
        matricula_publicada=ronda.resultado_matricula,
    )
    ronda.padron_canonico = verificacion.json_canonico(ronda.padron)
    ronda.programa = verificacion.programa_python(
        numero=ronda.reclamo.numero, ronda=ronda.ronda, semilla=ronda.semilla, padron=ronda.padron
    )


@require_http_methods(["GET", "POST"])
def sorteo(request, numero):
    rondas = selectors.rondas_de(numero)
    if not rondas:
        raise Http404
    realizadas = [r for r in rondas if r.realizado]
    for ronda in realizadas:
        _preparar(ronda)
    verificada, resultado, form = None, None, VerificarForm()
    if request.method == "POST" and realizadas:
        pedida = request.POST.get("ronda", "")
        verificada = next((r for r in realizadas if str(r.ronda) == pedida), realizadas[-1])
        form = VerificarForm(request.POST)
        resultado = _verificar(verificada, form)
    return render(
        request,
        "conciliadores/sorteo.html",
        {
            "numero": numero,
            "rondas": rondas,
            "verificada": verificada,
            "resultado": resultado,
            "form": form,
        },
    )
