"""Staff pages: the admission queue and review, office filing, appeals, accumulation, the
over-cap review and the log of staff views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from conciliacion.errores import ErrorDeDominio
from conciliacion.paginacion import contar_acotado, paginar
from cuentas.permisos import tiene_rol
from cuentas.roles import Rol
from normativa.regimenes import Papel
from reclamos import selectors
from reclamos.estados import Estado
from reclamos.forms import (
    AcumulacionForm,
    CoReclamanteForm,
    DecisionRecursoForm,
    DecisionTopeForm,
    OficinaForm,
    RevisionAdmisionForm,
    TopeForm,
)
from reclamos.models import AccesoPersonal
from reclamos.permisos import acceder_reclamo, reclamos_visibles
from reclamos.services import acumulacion, admision, coreclamantes, oficina

ADMISION = (Rol.ADMISION, Rol.ADMINISTRADOR)


def _exigir(request, *roles):
    if not tiene_rol(request.user, *roles):
        raise PermissionDenied


@login_required
@require_GET
def cola(request):
    _exigir(request, *ADMISION)
    buscar = request.GET.get("q", "").strip()[:60]
    estado = request.GET.get("estado", "")
    if estado and estado not in Estado.values:
        estado = ""
    orden = request.GET.get("orden", "")
    if orden not in selectors.ORDENES_COLA:
        orden = "vencimiento"
    revision_tope = request.GET.get("tope") == "1"
    qs = selectors.cola_admision(
        request.user, buscar=buscar, estado=estado, revision_tope=revision_tope, orden=orden
    )
    if buscar or estado or revision_tope:
        total, mas = contar_acotado(qs)
    else:
        # The whole queue's count reads up to 10,001 claims (178 ms at 1,000,000 claims):
        # kept for a minute per reader (decision 0033); a search counts live.
        from django.core.cache import cache

        clave = f"reclamos:cola_admision:total:{request.user.pk}"
        guardado = cache.get(clave)
        if guardado is None:
            guardado = contar_acotado(qs)
            cache.set(clave, guardado, 60)
        total, mas = guardado
    return render(
        request,
        "reclamos/panel/cola.html",
        {
            "reclamos": paginar(
                qs, orden=selectors.ORDENES_COLA[orden], cursor=request.GET.get("cursor")
            ),
            "total": total,
            "mas": mas,
            "buscar": buscar,
            "estado": estado,
            "orden": orden,
            "revision_tope": revision_tope,
            "espera_promedio": selectors.espera_promedio_admision(),
            "estados": [
                (Estado.EN_ADMISION, Estado.EN_ADMISION.label),
                (Estado.RECURSO_EN_TRAMITE, Estado.RECURSO_EN_TRAMITE.label),
                (Estado.REQUERIMIENTO, Estado.REQUERIMIENTO.label),
            ],
        },
    )


def _decidir_admision(request, reclamo, form) -> bool:
    decision, texto = form.cleaned_data["decision"], form.cleaned_data["texto"]
    try:
        if decision == "admitir":
            admision.admitir_reclamo(reclamo, por=request.user, observacion=texto)
        elif decision == "requerir":
            admision.requerir_acreditacion(reclamo, por=request.user, requerimiento=texto)
        else:
            admision.inadmitir_reclamo(reclamo, por=request.user, motivos=texto)
    except ErrorDeDominio as error:
        form.add_error(None, error.mensaje)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def revisar(request, pk):
    _exigir(request, *ADMISION)
    reclamo = acceder_reclamo(request.user, pk, vista="panel:revisar")
    form = RevisionAdmisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _decidir_admision(request, reclamo, form):
        messages.success(request, _("Decisión registrada para %(n)s.") % {"n": reclamo.numero})
        return redirect("reclamos:cola")
    from documentos.selectors import archivos_de

    return render(
        request,
        "reclamos/panel/revisar.html",
        {
            "reclamo": reclamo,
            "form": form,
            "archivos": archivos_de(reclamo),
            "proveedores": reclamo.proveedores.all(),
            "actuaciones": selectors.linea_de_tiempo(reclamo, para_partes=False),
            "supera_tope": reclamo.tope is not None
            and reclamo.monto is not None
            and reclamo.monto > reclamo.tope,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def confirmar_inadmision(request, pk):
    """Q18: after AR-01 expired unanswered, staff confirm the non-admission."""
    _exigir(request, *ADMISION)
    reclamo = acceder_reclamo(request.user, pk, vista="panel:confirmar_inadmision")
    if request.method == "POST":
        try:
            admision.inadmitir_reclamo(
                reclamo,
                por=request.user,
                por_silencio=True,
                motivos=request.POST.get("motivos", "").strip()
                or _("No se acreditaron los extremos requeridos."),
            )
        except ErrorDeDominio as error:
            messages.error(request, error.mensaje)
        else:
            messages.success(request, _("No admisión confirmada."))
        return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(
        request,
        "reclamos/panel/confirmar_inadmision.html",
        {
            "reclamo": reclamo,
            "codigo_acreditacion": reclamo.regimen.codigo_o_vacio(Papel.ACREDITACION),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def oficina_nuevo(request):
    _exigir(request, *ADMISION)
    form = OficinaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reclamo = oficina.iniciar_en_oficina(por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            form.add_error("email", error.mensaje)
        else:
            return redirect("reclamos:paso", pk=reclamo.pk, paso="datos")
    return render(request, "reclamos/panel/oficina.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def decidir_recurso(request, pk):
    _exigir(request, *ADMISION)
    reclamo = acceder_reclamo(request.user, pk, vista="panel:recurso")
    form = DecisionRecursoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            admision.decidir_recurso(reclamo, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(request, _("Recurso resuelto."))
            return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(
        request,
        "reclamos/panel/recurso.html",
        {
            "reclamo": reclamo,
            "form": form,
            "recurso": admision.recurso_pendiente(reclamo),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def acumular(request):
    _exigir(request, *ADMISION)
    form = AcumulacionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The first filed leads the set (as acumulacion.acumular_reclamos orders them).
        reclamos = list(
            reclamos_visibles(request.user)
            .filter(numero__in=form.cleaned_data["numeros"])
            .order_by("presentado_en", "pk")
        )
        faltan = set(form.cleaned_data["numeros"]) - {r.numero for r in reclamos}
        if faltan:
            form.add_error("numeros", _("No encontramos: %(n)s") % {"n": ", ".join(sorted(faltan))})
        else:
            try:
                acumulacion.acumular_reclamos(
                    reclamos, por=request.user, fundamento=form.cleaned_data["fundamento"]
                )
            except ErrorDeDominio as error:
                form.add_error(None, error.mensaje)
            else:
                messages.success(request, _("Reclamos acumulados."))
                return redirect("reclamos:detalle", pk=reclamos[0].pk)
    return render(request, "reclamos/panel/acumular.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def agregar_coreclamante(request, pk):
    """Staff add a further consumer to the claim (litisconsorcio, D202-I.2; decision 0026)."""
    from cuentas.models import Usuario

    _exigir(request, *ADMISION)
    reclamo = acceder_reclamo(request.user, pk)
    form = CoReclamanteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        usuario = (
            Usuario.objects.filter(email__iexact=d["email"], rol=Rol.CONSUMIDOR).first()
            if d["email"]
            else None
        )
        try:
            coreclamantes.agregar_coreclamante(
                reclamo,
                por=request.user,
                nombre=d["nombre"],
                apellido=d["apellido"],
                dni=d["dni"],
                email=d["email"],
                domicilio=d["domicilio"],
                usuario=usuario,
                fundamento=d["fundamento"],
            )
        except ErrorDeDominio as error:
            form.add_error(None, error.mensaje)
            for campo, errores in (getattr(error, "campos", None) or {}).items():
                if campo in form.fields:
                    for e in errores:
                        form.add_error(campo, e)
        else:
            messages.success(request, _("Co-reclamante agregado."))
            return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(request, "reclamos/panel/coreclamante.html", {"form": form, "reclamo": reclamo})


@login_required
@require_http_methods(["POST"])
def separar(request, pk):
    _exigir(request, *ADMISION)
    reclamo = acceder_reclamo(request.user, pk)
    try:
        acumulacion.separar_reclamo(
            reclamo, por=request.user, fundamento=request.POST.get("fundamento", "")
        )
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, _("Reclamo separado de la acumulación."))
    return redirect("reclamos:detalle", pk=reclamo.pk)


@login_required
@require_http_methods(["GET", "POST"])
def tope(request, pk):
    """Suspend for an over-cap review, or decide it when one is open."""
    _exigir(request, *ADMISION)
    reclamo = acceder_reclamo(request.user, pk, vista="panel:tope")
    abierta = reclamo.pausas.filter(tipo="limite_en_revision", hasta__isnull=True).first()
    form = (DecisionTopeForm if abierta else TopeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if abierta:
                admision.resolver_tope(reclamo, por=request.user, **form.cleaned_data)
            else:
                admision.suspender_por_tope(reclamo, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(request, _("Registrado."))
            return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(
        request, "reclamos/panel/tope.html", {"reclamo": reclamo, "form": form, "abierta": abierta}
    )


@login_required
@require_GET
def accesos(request):
    """Administrators see who viewed which claim's personal data, and when."""
    _exigir(request, Rol.ADMINISTRADOR)
    numero = request.GET.get("numero", "").strip()
    filas = AccesoPersonal.objects.select_related("usuario", "reclamo").order_by("-en")
    if numero:
        filas = filas.filter(reclamo__numero=numero)
    return render(request, "reclamos/panel/accesos.html", {"filas": filas[:500], "numero": numero})
