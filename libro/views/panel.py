"""The provider's pages: dashboard and queue, one sheet with its acts, the archive, the CSV
export for the regulator and the books themselves. Only representatives of the provider."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conciliacion.errores import ErrorDeDominio
from conciliacion.paginacion import paginar
from cuentas.permisos import organizaciones_representadas, tiene_rol
from cuentas.roles import Rol
from documentos.selectors import archivos_de, documentos_de
from libro import exportacion, selectors, services, terminos
from libro.estados import TRANSICIONES
from libro.forms import (
    HojaEnPapelForm,
    LibroForm,
    NotaForm,
    PropuestaForm,
    RecalificarForm,
    RespuestaForm,
)
from libro.models import Hoja, Libro
from libro.permisos import acceder_hoja, acceder_libro, libros_visibles
from libro.templatetags.libro_tags import LIMA


def _exigir_representante(request):
    if not tiene_rol(request.user, Rol.REPRESENTANTE):
        raise PermissionDenied


def _entero(valor, defecto=None):
    try:
        return int(valor)
    except (TypeError, ValueError):
        return defecto


@login_required
@require_GET
def tablero(request):
    _exigir_representante(request)
    organizacion = _entero(request.GET.get("organizacion"))
    libro = request.GET.get("libro", "").strip()
    buscar = request.GET.get("q", "")
    hoy = terminos.hoy()
    hojas = selectors.buscar(
        selectors.cola(request.user, organizacion=organizacion, libro=libro), buscar
    )
    pagina = selectors.pagina_cola(hojas, request.GET.get("cursor"))
    return render(
        request,
        "libro/panel/tablero.html",
        {
            "pagina": pagina,
            "filas": selectors.filas_cola(pagina),
            "resumen": selectors.resumen(
                request.user, anio=hoy.year, organizacion=organizacion, libro=libro
            ),
            "libros": libros_visibles(request.user).select_related("organizacion"),
            "organizaciones": organizaciones_representadas(request.user),
            "filtro": {"organizacion": organizacion, "libro": libro, "q": buscar},
            "hoy": hoy,
            "desde_export": hoy.replace(day=1),
        },
    )


def _formularios(hoja: Hoja, **enviados) -> dict:
    formularios = {}
    if hoja.estado in TRANSICIONES["proponer"].desde and not hoja.vencida:
        formularios["form_propuesta"] = enviados.get("propuesta") or PropuestaForm(
            auto_id=PropuestaForm.ID
        )
    if hoja.estado in TRANSICIONES["responder"].desde:
        formularios["form_respuesta"] = enviados.get("respuesta") or RespuestaForm(
            hoja=hoja, auto_id=RespuestaForm.ID
        )
    formularios["form_nota"] = enviados.get("nota") or NotaForm(auto_id=NotaForm.ID)
    if not hoja.cerrada:
        otro = Hoja.Tipo.QUEJA if hoja.tipo == Hoja.Tipo.RECLAMO else Hoja.Tipo.RECLAMO
        formularios["form_recalificar"] = enviados.get("recalificar") or RecalificarForm(
            initial={"tipo": otro}, auto_id=RecalificarForm.ID
        )
    # A refused act keeps its form (and the reason) on the page whatever the state.
    formularios.update({f"form_{nombre}": form for nombre, form in enviados.items() if form})
    return formularios


def _pagina_hoja(request, hoja: Hoja, status=200, **enviados):
    return render(
        request,
        "libro/panel/hoja.html",
        {
            "hoja": hoja,
            "propuesta": hoja.propuesta,
            "propuestas": list(hoja.propuestas.all()),
            "notas": list(hoja.notas.select_related("por")),
            "pruebas": archivos_de(hoja, categoria=services.CATEGORIA_PRUEBA),
            "contacto": selectors.contacto_inicial(hoja),
            "respuesta": getattr(hoja, "respuesta", None),
            "eventos": selectors.linea_de_tiempo(hoja),
            "fila": selectors.filas_cola([hoja])[0],
            "puede_atender": hoja.estado in TRANSICIONES["atender"].desde,
            "documentos": documentos_de(hoja),
            **_formularios(hoja, **enviados),
        },
        status=status,
    )


@login_required
@require_GET
def hoja(request, pk):
    _exigir_representante(request)
    return _pagina_hoja(request, acceder_hoja(request.user, pk))


def _actuar(request, pk, nombre: str, form_class, accion, exito: str):
    """Runs one provider act on the sheet; a refused act shows its reason on the same page."""
    _exigir_representante(request)
    with transaction.atomic():
        hoja = acceder_hoja(request.user, pk, escribir=True, bloquear=True)
        kwargs = {"hoja": hoja} if form_class is RespuestaForm else {}
        form = form_class(request.POST, auto_id=form_class.ID, **kwargs) if form_class else None
        if form is None or form.is_valid():
            try:
                accion(hoja, form.cleaned_data if form else {})
            except ErrorDeDominio as error:
                if form is None:
                    messages.error(request, error.mensaje)
                    return redirect("libro:hoja", pk=pk)
                form.add_error(None, error.mensaje)
            else:
                messages.success(request, exito)
                return redirect("libro:hoja", pk=pk)
    hoja.refresh_from_db()
    return _pagina_hoja(request, hoja, status=400, **{nombre: form})


@login_required
@require_POST
def atender(request, pk):
    return _actuar(
        request,
        pk,
        "atender",
        None,
        lambda hoja, _datos: services.atender_hoja(hoja, por=request.user),
        _("La hoja quedó en atención."),
    )


@login_required
@require_POST
def proponer(request, pk):
    return _actuar(
        request,
        pk,
        "propuesta",
        PropuestaForm,
        lambda hoja, datos: services.enviar_propuesta(hoja, texto=datos["texto"], por=request.user),
        _(
            "Propuesta enviada: el plazo de respuesta queda suspendido "
            "mientras el consumidor decide."
        ),
    )


@login_required
@require_POST
def responder(request, pk):
    return _actuar(
        request,
        pk,
        "respuesta",
        RespuestaForm,
        lambda hoja, datos: services.responder_hoja(
            hoja,
            texto=datos["texto"],
            por=request.user,
            despacho_fecha=datos.get("despacho_fecha"),
            despacho_referencia=datos.get("despacho_referencia", ""),
        ),
        _("Respuesta formal registrada: la hoja quedó cerrada."),
    )


@login_required
@require_POST
def recalificar(request, pk):
    return _actuar(
        request,
        pk,
        "recalificar",
        RecalificarForm,
        lambda hoja, datos: services.recalificar_hoja(
            hoja, tipo=datos["tipo"], motivo=datos["motivo"], por=request.user
        ),
        _("Hoja recalificada. El plazo de respuesta no cambia."),
    )


@login_required
@require_POST
def anotar(request, pk):
    def accion(hoja, datos):
        services.anotar(
            hoja,
            por=request.user,
            tipo=datos["tipo"],
            texto=datos["texto"],
            contacto_en=datos.get("contacto_en"),
        )

    return _actuar(request, pk, "nota", NotaForm, accion, _("Nota guardada."))


@login_required
@require_http_methods(["GET", "POST"])
def hoja_en_papel(request):
    """The provider enters a sheet filled in on paper, with its original date and number."""
    _exigir_representante(request)
    libros = libros_visibles(request.user)
    form = HojaEnPapelForm(request.POST or None, libros=libros)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        presentada_en = datos["presentada_en"]
        try:
            libro = acceder_libro(request.user, datos["libro"].codigo)
            hoja = services.registrar_hoja_en_papel(
                libro=libro,
                datos=datos,
                presentada_en=presentada_en,
                numero_en_papel=datos["numero_en_papel"],
                por=request.user,
            )
        except ErrorDeDominio as error:
            form.add_error(None, error.mensaje)
            for campo, errores in error.campos.items():
                for texto in errores:
                    if campo in form.fields:
                        form.add_error(campo, texto)
        else:
            messages.success(
                request,
                _("Hoja física registrada como N.º %(n)s; el plazo de respuesta vence el %(v)s.")
                % {"n": hoja.numero, "v": f"{hoja.vence_respuesta:%d/%m/%Y}"},
            )
            return redirect("libro:hoja", pk=hoja.pk)
    return render(
        request,
        "libro/panel/hoja_en_papel.html",
        {"form": form, "hay_libros": libros.exists()},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def archivo(request):
    """PE-03: closed sheets, by year of filing; kept at least two years, never deleted here."""
    _exigir_representante(request)
    anios = selectors.anios_con_hojas(request.user)
    anio = _entero(request.GET.get("anio"), anios[0] if anios else terminos.hoy().year)
    libro = request.GET.get("libro", "").strip()
    return render(
        request,
        "libro/panel/archivo.html",
        {
            "hojas": paginar(
                selectors.archivo(request.user, anio=anio, libro=libro),
                orden=("-presentada_en", "-pk"),
                cursor=request.GET.get("cursor"),
            ),
            "anios": anios,
            "anio": anio,
            "libros": libros_visibles(request.user),
            "libro": libro,
        },
    )


def _fecha(texto: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(texto)
    except (TypeError, ValueError):
        return None


@login_required
@require_GET
def exportar(request):
    """CSV for the regulator: every sheet filed in the period, with its fields and dates."""
    _exigir_representante(request)
    desde, hasta = _fecha(request.GET.get("desde")), _fecha(request.GET.get("hasta"))
    if desde is None or hasta is None or hasta < desde:
        messages.error(request, _("Indique un período válido (desde y hasta, en ese orden)."))
        return redirect("libro:panel")
    hojas = selectors.periodo(
        request.user,
        desde=desde,
        hasta=hasta,
        organizacion=_entero(request.GET.get("organizacion")),
    )
    sirec = request.GET.get("formato") == "sirec"
    contenido = exportacion.csv_sirec_de(hojas) if sirec else exportacion.csv_de(hojas, zona=LIMA)
    respuesta = HttpResponse(contenido, content_type="text/csv; charset=utf-8")
    prefijo = "controla-tus-reclamos" if sirec else "libro-reclamaciones"
    nombre = f"{prefijo}-{desde:%Y%m%d}-{hasta:%Y%m%d}.csv"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


def _organizaciones_con_ruc(usuario):
    return (
        organizaciones_representadas(usuario)
        .filter(
            tipo_identificador="RUC", membresias__usuario=usuario, membresias__es_administrador=True
        )
        .distinct()
    )


@login_required
@require_http_methods(["GET", "POST"])
def libros(request):
    """The provider's books and a form to open one per establishment or channel."""
    _exigir_representante(request)
    organizaciones = _organizaciones_con_ruc(request.user)
    form = LibroForm(request.POST or None, organizaciones=organizaciones)
    if request.method == "POST" and form.is_valid():
        try:
            libro = services.crear_libro(por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(request, _("Libro abierto: %(n)s.") % {"n": libro.nombre})
            return redirect("libro:libros")
    return render(
        request,
        "libro/panel/libros.html",
        {
            "libros": libros_visibles(request.user).select_related("organizacion"),
            "form": form,
            "puede_crear": organizaciones.exists(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def actividad_libro(request, codigo):
    _exigir_representante(request)
    libro: Libro = acceder_libro(request.user, codigo, escribir=True)
    services.cambiar_actividad_libro(libro, activo=not libro.activo, por=request.user)
    messages.success(
        request,
        _("El libro vuelve a recibir hojas.")
        if libro.activo
        else _("El libro dejó de recibir hojas."),
    )
    return redirect("libro:libros")
