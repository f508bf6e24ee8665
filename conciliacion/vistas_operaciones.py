"""The operations page: each kind of background job, how many are overdue, the oldest one's
age and a button to publish them again (Decision 0012). Staff with MFA only."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from conciliacion import operaciones
from cuentas.permisos import es_personal, tiene_mfa

POR_PAGINA = 20


def _exigir_personal(request) -> None:
    if not (es_personal(request.user) and tiene_mfa(request.user)):
        raise PermissionDenied


def _cursor(valor: str) -> tuple[datetime, int] | None:
    fecha, _, pk = valor.rpartition("|")
    try:
        return datetime.fromisoformat(fecha), int(pk)
    except ValueError:
        return None


def _pagina(tipo: operaciones.TipoDeTrabajo, despues: tuple[datetime, int] | None):
    """Keyset page over (date, id) of the kind's overdue rows: the index order, no OFFSET."""
    campo = tipo.campo_fecha
    qs = tipo.atrasados()
    if despues:
        fecha, pk = despues
        qs = qs.filter(Q(**{f"{campo}__gt": fecha}) | Q(**{campo: fecha, "pk__gt": pk}))
    filas = list(qs.order_by(campo, "pk")[: POR_PAGINA + 1])
    siguiente = None
    if len(filas) > POR_PAGINA:
        filas = filas[:POR_PAGINA]
        ultima = filas[-1]
        siguiente = f"{getattr(ultima, campo).isoformat()}|{ultima.pk}"
    return [(fila, getattr(fila, campo)) for fila in filas], siguiente


@login_required
@require_GET
def operaciones_pagina(request):
    _exigir_personal(request)
    tipos = operaciones.tipos()
    elegido = operaciones.tipo(request.GET.get("tipo", "")) or tipos[0]
    despues = None
    if request.GET.get("despues"):
        despues = _cursor(request.GET["despues"])
        if despues is None:
            messages.error(request, _("La página pedida no es válida: te mostramos la primera."))
    filas, siguiente = _pagina(elegido, despues)
    contexto = {
        "cifras": [t.cifras() for t in tipos],
        "elegido": elegido,
        "filas": filas,
        "siguiente": siguiente,
        "maximo": operaciones.CONTEO_MAXIMO,
    }
    return render(request, "operaciones/pagina.html", contexto)


@login_required
@require_POST
def reintentar(request, codigo: str):
    _exigir_personal(request)
    tipo = operaciones.tipo(codigo)
    if tipo is None:
        raise Http404
    hechos = tipo.reencolar()
    if tipo.reintentar_fallidos:
        hechos += tipo.reintentar_fallidos()
    messages.success(
        request,
        _("%(tipo)s: se volvieron a encolar %(n)s trabajos.") % {"tipo": tipo.nombre, "n": hechos},
    )
    return redirect(f"{reverse('operaciones:pagina')}?tipo={codigo}")
