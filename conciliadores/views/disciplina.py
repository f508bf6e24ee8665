"""Pages of the disciplinary procedure (Anexo II): registry staff run the case; the investigated
conciliator sees their own case and files their writs in it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conciliacion.errores import ErrorDeDominio
from conciliacion.paginacion import contar_acotado, paginar
from conciliadores.disciplina import forms as f
from conciliadores.disciplina import servicios
from conciliadores.disciplina.permisos import acceder_caso
from conciliadores.models import AlertaDisciplinaria, CasoDisciplinario, Escrito
from conciliadores.permisos import es_personal_registro, perfil_de
from conciliadores.views.comun import aplicar_error, datos_y_archivos
from reclamos.models import Reclamo

E = CasoDisciplinario.Estado


def _exigir_registro(request):
    if not es_personal_registro(request.user):
        raise PermissionDenied


def _archivos(form) -> list:
    archivo = form.cleaned_data.get("archivo")
    return [archivo] if archivo else []


# ------------------------------------------------------------------ registry staff


@login_required
@require_GET
def lista(request):
    _exigir_registro(request)
    qs = CasoDisciplinario.objects.select_related("conciliador__usuario")
    estado = request.GET.get("estado", "")
    if estado in E.values:
        qs = qs.filter(estado=estado)
    pagina = paginar(qs, orden=("-abierto_en", "-pk"), cursor=request.GET.get("cursor"))
    abiertas = AlertaDisciplinaria.objects.filter(atendida=False)
    return render(
        request,
        "conciliadores/disciplina/lista.html",
        {
            "casos": pagina,
            "estado": estado,
            "estados": E.choices,
            "alertas": contar_acotado(abiertas)[0],
        },
    )


@login_required
@require_GET
def alertas(request):
    _exigir_registro(request)
    qs = AlertaDisciplinaria.objects.filter(atendida=False).select_related("conciliador__usuario")
    pagina = paginar(qs, orden=("-detectada_en", "-pk"), cursor=request.GET.get("cursor"))
    return render(request, "conciliadores/disciplina/alertas.html", {"alertas": pagina})


@login_required
@require_POST
def alerta_atendida(request, pk):
    _exigir_registro(request)
    AlertaDisciplinaria.objects.filter(pk=pk, atendida=False).update(atendida=True)
    messages.success(request, _("La alerta quedó marcada como atendida."))
    return redirect("conciliadores:disciplina_alertas")


def _inicial(request) -> tuple[dict, AlertaDisciplinaria | None]:
    """A case opened from an AR-D9 alert (ex officio, its figures as the facts) or from a
    conciliator's registry card."""
    alerta = None
    if request.GET.get("alerta", "").isdigit():
        alerta = AlertaDisciplinaria.objects.filter(pk=request.GET["alerta"]).first()
    if alerta is not None:
        return {
            "conciliador": alerta.conciliador_id,
            "origen": CasoDisciplinario.Origen.OFICIO,
            "causal": alerta.get_causal_display(),
            "hechos": _("%(c)s: %(n)s entre el %(d)s y el %(h)s (AR-D9).")
            % {
                "c": alerta.get_causal_display(),
                "n": alerta.cantidad,
                "d": f"{alerta.ventana_desde:%d/%m/%Y}",
                "h": f"{alerta.ventana_hasta:%d/%m/%Y}",
            },
        }, alerta
    if request.GET.get("conciliador", "").isdigit():
        return {"conciliador": request.GET["conciliador"]}, None
    return {}, None


def _reclamo_de(form) -> Reclamo | None:
    numero = form.cleaned_data["reclamo"].strip()
    if not numero:
        return None
    reclamo = Reclamo.objects.filter(numero=numero).first()
    if reclamo is None:
        form.add_error("reclamo", _("No hay un reclamo con ese número."))
    return reclamo


def _abrir(request, form, alerta):
    d = form.cleaned_data
    reclamo = _reclamo_de(form)
    if form.errors:
        return None
    try:
        caso = servicios.abrir_caso(
            d["conciliador"],
            por=request.user,
            origen=d["origen"],
            hechos=d["hechos"],
            causal=d["causal"],
            reclamo=reclamo,
            denunciante_nombre=d["denunciante_nombre"],
            denunciante_documento=d["denunciante_documento"],
            denunciante_domicilio=d["denunciante_domicilio"],
            archivos=_archivos(form),
        )
    except ErrorDeDominio as error:
        aplicar_error(form, error)
        return None
    if alerta is not None:
        AlertaDisciplinaria.objects.filter(pk=alerta.pk).update(atendida=True, caso=caso)
    return caso


@login_required
@require_http_methods(["GET", "POST"])
def nuevo(request):
    _exigir_registro(request)
    datos, archivos = datos_y_archivos(request)
    inicial, alerta = _inicial(request)
    form = f.CasoForm(datos, archivos, initial=inicial)
    if request.method == "POST" and form.is_valid():
        caso = _abrir(request, form, alerta)
        if caso is not None:
            messages.success(request, _("Abrimos el caso %(n)s.") % {"n": caso.numero})
            return redirect("conciliadores:disciplina_caso", pk=caso.pk)
    return render(request, "conciliadores/disciplina/nuevo.html", {"form": form})


def _contexto(caso, *, registro: bool) -> dict:
    from django.contrib.contenttypes.models import ContentType

    from documentos.models import ArchivoSubido, Documento
    from plazos.models import Plazo

    tipo = ContentType.objects.get_for_model(CasoDisciplinario)
    return {
        "caso": caso,
        "es_registro": registro,
        "actuaciones": caso.actuaciones.select_related("documento", "por").order_by("en", "pk"),
        "escritos": caso.escritos.select_related("presentado_por"),
        "plazos": Plazo.objects.filter(content_type=tipo, object_id=caso.pk).order_by("pk"),
        "documentos": Documento.objects.filter(sujeto_tipo=tipo, sujeto_id=caso.pk).order_by("pk"),
        "archivos": ArchivoSubido.objects.filter(sujeto_tipo=tipo, sujeto_id=caso.pk),
    }


# The staff's acts: name → (form, stages where it is offered, call)
ACCIONES_REGISTRO = {
    "ratificar": (
        f.RatificacionForm,
        (E.RATIFICACION,),
        lambda c, u, d, a: servicios.ratificar(c, por=u, texto=d["texto"], archivos=a),
    ),
    "impulsar": (
        f.FundamentoForm,
        (E.SIN_RATIFICAR,),
        lambda c, u, d, a: servicios.impulsar_de_oficio(c, por=u, fundamento=d["fundamento"]),
    ),
    "archivar": (
        f.FundamentoForm,
        (E.SIN_RATIFICAR, E.EVALUACION),
        lambda c, u, d, a: servicios.archivar(c, por=u, fundamento=d["fundamento"]),
    ),
    "sumario": (
        f.SumarioForm,
        (E.EVALUACION,),
        lambda c, u, d, a: servicios.ordenar_sumario(
            c, por=u, instructor=d["instructor"], fundamento=d["fundamento"]
        ),
    ),
    "prevencion": (
        f.PrevencionForm,
        (E.EVALUACION,),
        lambda c, u, d, a: servicios.resolver(
            c,
            por=u,
            resultado=d["resultado"],
            fundamentos=d["fundamentos"],
            perjuicio=d["perjuicio"],
        ),
    ),
    "vista": (
        None,
        (E.SUMARIO,),
        lambda c, u, d, a: servicios.correr_vista(c, por=u),
    ),
    "cerrar": (
        None,
        (E.CIERRE,),
        lambda c, u, d, a: servicios.cerrar_sumario(c, por=u),
    ),
    "informe": (
        f.InformeForm,
        (E.INFORME,),
        lambda c, u, d, a: servicios.presentar_informe(c, por=u, **d),
    ),
    "resolver": (
        f.ResolucionForm,
        (E.RESOLUCION,),
        lambda c, u, d, a: servicios.resolver(
            c,
            por=u,
            resultado=d["resultado"],
            dias=d["dias"],
            fundamentos=d["fundamentos"],
            perjuicio=d["perjuicio"],
        ),
    ),
}

ACCIONES_CONCILIADOR = {
    "descargo": (
        f.DescargoForm,
        (E.DESCARGO,),
        lambda c, u, d, a: servicios.presentar_descargo(c, por=u, texto=d["texto"], archivos=a),
    ),
    "prueba": (
        f.PruebaForm,
        (E.SUMARIO,),
        lambda c, u, d, a: servicios.ofrecer_prueba(c, por=u, texto=d["texto"], archivos=a),
    ),
    "alegato": (
        f.AlegatoForm,
        (E.ALEGATO,),
        lambda c, u, d, a: servicios.presentar_alegato(c, por=u, texto=d["texto"]),
    ),
}


def _ids(nombre: str) -> str:
    """Several forms share a page: each one's field ids carry its act's name."""
    return f"id_{nombre}_%s"


def _formularios(caso, acciones, ligado=None) -> list[dict]:
    """The forms offered at the case's stage; `ligado` = (name, bound form) after an error."""
    filas = []
    for nombre, (clase, etapas, _llamada) in acciones.items():
        if caso.estado not in etapas:
            continue
        if ligado and ligado[0] == nombre:
            form = ligado[1]
        else:
            form = clase(auto_id=_ids(nombre)) if clase else None
        filas.append({"nombre": nombre, "form": form})
    return filas


def _pagina_caso(request, caso, *, registro: bool, ligado=None, status=200):
    acciones = ACCIONES_REGISTRO if registro else ACCIONES_CONCILIADOR
    contexto = _contexto(caso, registro=registro)
    contexto["formularios"] = _formularios(caso, acciones, ligado)
    return render(request, "conciliadores/disciplina/caso.html", contexto, status=status)


def _actuar(request, caso, nombre, acciones, *, registro: bool, destino: str):
    if nombre not in acciones:
        raise Http404
    clase, _etapas, llamada = acciones[nombre]
    form = clase(request.POST, request.FILES, auto_id=_ids(nombre)) if clase else None
    if form is not None and not form.is_valid():
        return _pagina_caso(request, caso, registro=registro, ligado=(nombre, form), status=400)
    try:
        llamada(
            caso, request.user, form.cleaned_data if form else {}, _archivos(form) if form else []
        )
    except ErrorDeDominio as error:
        if form is None:
            messages.error(request, error.mensaje)
            return redirect(destino, pk=caso.pk)
        aplicar_error(form, error)
        return _pagina_caso(request, caso, registro=registro, ligado=(nombre, form), status=400)
    messages.success(request, _("Quedó registrado en el expediente del caso."))
    return redirect(destino, pk=caso.pk)


@login_required
@require_GET
def caso(request, pk):
    _exigir_registro(request)
    return _pagina_caso(request, acceder_caso(request.user, pk), registro=True)


@login_required
@require_POST
def accion(request, pk, nombre):
    _exigir_registro(request)
    caso = acceder_caso(request.user, pk, escribir=True)
    return _actuar(
        request,
        caso,
        nombre,
        ACCIONES_REGISTRO,
        registro=True,
        destino="conciliadores:disciplina_caso",
    )


@login_required
@require_POST
def decidir_prueba(request, pk, escrito):
    _exigir_registro(request)
    caso = acceder_caso(request.user, pk, escribir=True)
    escrito = get_object_or_404(Escrito, pk=escrito, caso=caso)
    try:
        servicios.decidir_prueba(
            escrito, por=request.user, admitida=request.POST.get("admitida") == "si"
        )
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, _("Quedó registrado en el expediente del caso."))
    return redirect("conciliadores:disciplina_caso", pk=caso.pk)


# ------------------------------------------------------------------ the conciliator


def _mi_caso(request, pk) -> CasoDisciplinario:
    if perfil_de(request.user) is None:
        raise PermissionDenied
    caso = acceder_caso(request.user, pk)
    if caso.conciliador.usuario_id != request.user.pk:
        raise Http404
    return caso


@login_required
@require_GET
def mis_casos(request):
    perfil = perfil_de(request.user)
    if perfil is None:
        raise PermissionDenied
    pagina = paginar(
        CasoDisciplinario.objects.filter(conciliador=perfil).select_related("conciliador__usuario"),
        orden=("-abierto_en", "-pk"),
        cursor=request.GET.get("cursor"),
    )
    return render(request, "conciliadores/disciplina/mis_casos.html", {"casos": pagina})


@login_required
@require_GET
def mi_caso(request, pk):
    return _pagina_caso(request, _mi_caso(request, pk), registro=False)


@login_required
@require_POST
def mi_accion(request, pk, nombre):
    caso = _mi_caso(request, pk)
    return _actuar(
        request,
        caso,
        nombre,
        ACCIONES_CONCILIADOR,
        registro=False,
        destino="conciliadores:mi_caso",
    )
