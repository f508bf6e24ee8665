"""The parties' pages: "Mis reclamos", pending actions, the claim page, and the consumer's and
provider's acts on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from conciliacion.errores import ErrorDeDominio
from conciliacion.paginacion import TAMANO, paginar
from cuentas.models import Organizacion
from cuentas.permisos import es_consumidor, organizaciones_representadas, tiene_rol
from cuentas.roles import Rol
from documentos.models import Documento
from reclamos import selectors
from reclamos.estados import CERRADOS, Estado, etiqueta_estado, tabla
from reclamos.forms import DocumentosForm, RecursoForm, RespuestaRequerimientoForm
from reclamos.permisos import (
    acceder_reclamo,
    es_parte_consumidora,
    es_parte_proveedora,
)
from reclamos.secciones import anotaciones, mirada_de, secciones_de, vacio
from reclamos.selectors_proveedor import pagina_del_proveedor
from reclamos.services import acumulacion, admision


def _estado(request) -> str:
    estado = request.GET.get("estado", "")
    return estado if estado in Estado.values else ""


@login_required
@require_GET
def mis_reclamos(request):
    if es_consumidor(request.user):
        pagina = paginar(
            selectors.mis_reclamos(request.user),
            orden=selectors.ORDEN_MIS_RECLAMOS,
            cursor=request.GET.get("cursor"),
        )
        return render(
            request,
            "reclamos/mis_reclamos.html",
            {
                "reclamos": pagina,
                # A person's pending acts are few; the cap keeps the page bounded anyway.
                "pendientes": selectors.pendientes_de(request.user, pagina, tope=TAMANO),
                "acciones": selectors.ACCION_PENDIENTE,
            },
        )
    if tiene_rol(request.user, Rol.REPRESENTANTE):
        return render(
            request,
            "reclamos/reclamos_proveedor.html",
            {
                # Walks the provider rows' own index (decision 0033).
                "reclamos": pagina_del_proveedor(
                    request.user, estado=_estado(request), cursor=request.GET.get("cursor")
                ),
                "organizaciones": organizaciones_representadas(request.user),
                # The filter's labels from the table built once (no lazy label per option).
                "estados": [(v, etiqueta_estado(v)) for v in Estado.values],
            },
        )
    raise PermissionDenied


@login_required
@require_GET
def pendientes(request):
    if not es_consumidor(request.user):
        raise PermissionDenied
    return render(
        request,
        "reclamos/pendientes.html",
        {
            "reclamos": selectors.con_accion_pendiente(request.user),
            "acciones": selectors.ACCION_PENDIENTE,
        },
    )


def _acciones_posibles(reclamo, usuario) -> set[str]:
    rol = usuario.rol
    return {
        accion
        for accion, fila in tabla(reclamo.regimen_codigo).items()
        if reclamo.estado in fila.desde and rol in fila.roles
    }


@login_required
@require_GET
def detalle(request, pk):
    reclamo = acceder_reclamo(
        request.user, pk, vista="reclamos:detalle", anotaciones=anotaciones(request.user)
    )
    if reclamo.estado == Estado.BORRADOR:
        return redirect("reclamos:paso", pk=reclamo.pk, paso="revision")
    if reclamo.regimen.pagina:
        # The régimen decides the claim's page: Peru's mediation (seed 001), CABA's denuncia.
        return redirect(reclamo.regimen.pagina, pk=reclamo.pk)
    from documentos.selectors import archivos_de, documentos_de

    # Who is looking, and which of the claim's tables hold rows: read with the claim, once for
    # the whole page and its sections (issue 13).
    mirada = mirada_de(request, reclamo)
    es_personal, es_consumidor, citado = mirada.es_personal, mirada.es_consumidor, mirada.citado
    # Decision 0015: a provider sees the claim from its service on, never the consumer's own
    # terms nor what admission decided before.
    solo_proveedor = citado is not None
    # The sections read the claim's pauses too: one query for all of them (none if empty).
    if mirada.tiene("pausas"):
        prefetch_related_objects([reclamo], "pausas")
    else:
        vacio(reclamo, "pausas")
    if not mirada.tiene("acumulacion"):
        # No set in force: the sections asking for the claim's lead query nothing.
        acumulacion.sin_membresia(reclamo)
    documentos = []
    if mirada.tiene("documentos"):
        documentos = documentos_de(reclamo)
        if solo_proveedor:
            documentos = documentos.filter(emitido_en__gte=citado)
    actuaciones = list(
        selectors.linea_de_tiempo(reclamo, para_partes=not es_personal, desde=citado)
    )
    # A joint hearing's one acta is filed on the lead claim; the joined claims list it too
    # (D202-I.2, decision 0026).
    conjuntas = [
        a.datos["documento"]
        for a in actuaciones
        if a.codigo == "acta.audiencia_conjunta" and a.datos.get("documento")
    ]
    if conjuntas:
        propios = list(documentos)
        vistos = {d.pk for d in propios}
        documentos = propios + [
            d for d in Documento.objects.filter(pk__in=conjuntas) if d.pk not in vistos
        ]
    return render(
        request,
        "reclamos/detalle.html",
        {
            "reclamo": reclamo,
            "proveedores": reclamo.proveedores.select_related("organizacion", "representante"),
            "actuaciones": actuaciones,
            "etapas": None
            if es_personal
            else _etapas(
                reclamo,
                actuaciones,
                "consumidor" if es_consumidor else "proveedor",
                con_plazos=mirada.tiene("plazos_abiertos"),
            ),
            "archivos": archivos_de(reclamo) if mirada.tiene("archivos") else [],
            "documentos": documentos,
            "acciones": _acciones_posibles(reclamo, request.user),
            "es_consumidor": es_consumidor,
            "es_proveedor": solo_proveedor,
            "solo_proveedor": solo_proveedor,
            "es_personal": es_personal,
            "cerrado": reclamo.estado in CERRADOS,
            "recurso": not solo_proveedor and admision.recurso_pendiente(reclamo),
            "requerimiento_vencido": es_personal and admision.requerimiento_vencido(reclamo),
            "pausas": [p for p in reclamo.pausas.all() if p.hasta is None],
            "acumulacion": selectors.acumulacion_vigente(reclamo)
            if mirada.tiene("acumulacion")
            else None,
            "coreclamantes": list(reclamo.coreclamantes.all())
            if mirada.tiene("coreclamantes")
            else [],
            "form_documento": DocumentosForm(),
            "secciones": secciones_de(request, reclamo, mirada),
            "correo_sin_confirmar": _correo_sin_confirmar(request.user, reclamo)
            if mirada.tiene("cambio_de_domicilio")
            else None,
        },
    )


def _etapas(
    reclamo, actuaciones, rol_del_lector: str, *, plazos=None, con_plazos=True
) -> list[dict]:
    """The party's timeline: the régimen's steps with the current step's running plazos.
    `plazos`: those already read by the page; `con_plazos` False: the claim's mark says it has
    none open, nothing is read."""
    from plazos.selectors import leer_plazos
    from reclamos.etapas import linea_de_etapas

    if plazos is None:
        # Read once for the page (its sections filter the same list), filtered and ordered as
        # plazos_corriendo_de: open ones, soonest due first.
        plazos = (
            sorted((p for p in leer_plazos(reclamo) if p.abierto), key=lambda p: (p.vence_en, p.pk))
            if con_plazos
            else []
        )
    return linea_de_etapas(
        reclamo, actuaciones=actuaciones, plazos=plazos, rol_del_lector=rol_del_lector
    )


def _correo_sin_confirmar(usuario, reclamo):
    """The consumer's pending request for the address given at filing of this claim, or None."""
    from notificaciones.cambios_de_domicilio import cambio_pendiente

    if usuario.pk != reclamo.consumidor_id:
        return None
    cambio = cambio_pendiente(usuario)
    if cambio is None or cambio.email.lower() != (reclamo.consumidor_email or "").lower():
        return None
    return cambio


def _como_consumidor(request, pk):
    reclamo = acceder_reclamo(request.user, pk)
    if not es_parte_consumidora(request.user, reclamo):
        raise PermissionDenied
    return reclamo


@login_required
@require_http_methods(["GET", "POST"])
def desistir(request, pk):
    reclamo = _como_consumidor(request, pk)
    if request.method == "POST":
        try:
            admision.desistir_reclamo(reclamo, por=request.user)
        except ErrorDeDominio as error:
            messages.error(request, error.mensaje)
        else:
            messages.success(request, _("Desististe del reclamo %(n)s.") % {"n": reclamo.numero})
        return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(request, "reclamos/desistir.html", {"reclamo": reclamo})


@login_required
@require_http_methods(["GET", "POST"])
def responder_requerimiento(request, pk):
    reclamo = _como_consumidor(request, pk)
    form = RespuestaRequerimientoForm(request.POST or None, request.FILES or None)
    requerimiento = reclamo.actuaciones.filter(codigo="reclamo.requerimiento").last()
    if request.method == "POST" and form.is_valid():
        archivo = form.cleaned_data.get("archivo")
        try:
            admision.responder_requerimiento(
                reclamo,
                por=request.user,
                respuesta=form.cleaned_data["respuesta"],
                archivos=[archivo] if archivo else [],
            )
        except ErrorDeDominio as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(request, _("Enviamos tu respuesta: el reclamo vuelve a admisión."))
            return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(
        request,
        "reclamos/responder.html",
        {
            "reclamo": reclamo,
            "form": form,
            "requerimiento": requerimiento,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def recurrir(request, pk):
    reclamo = _como_consumidor(request, pk)
    form = RecursoForm(request.POST or None)
    rechazo = reclamo.actuaciones.filter(codigo="reclamo.inadmitido").last()
    if request.method == "POST" and form.is_valid():
        try:
            admision.recurrir_inadmision(reclamo, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            form.add_error(None, error.mensaje)
        else:
            messages.success(
                request,
                _(
                    "Presentaste el recurso. Mientras se resuelve, los "
                    "plazos de prescripción están suspendidos."
                ),
            )
            return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(
        request, "reclamos/recurrir.html", {"reclamo": reclamo, "form": form, "rechazo": rechazo}
    )


@login_required
@require_http_methods(["POST"])
def subir_documento(request, pk):
    from documentos.services import guardar_subida
    from reclamos import expediente

    reclamo = acceder_reclamo(request.user, pk)
    if not (
        es_parte_consumidora(request.user, reclamo) or es_parte_proveedora(request.user, reclamo)
    ):
        raise PermissionDenied
    form = DocumentosForm(request.POST, request.FILES)
    archivo = form.cleaned_data.get("archivo") if form.is_valid() else None
    if archivo is None:
        messages.error(request, _("Elegí un archivo PDF, JPG o PNG."))
        return redirect("reclamos:detalle", pk=reclamo.pk)
    try:
        with transaction.atomic():
            subido = guardar_subida(archivo, por=request.user, sujeto=reclamo)
            expediente.documento_agregado(
                reclamo, por=request.user, nombre=subido.nombre_original, archivo_id=subido.pk
            )
    except ErrorDeDominio as error:
        messages.error(request, error.mensaje)
    else:
        messages.success(request, _("Agregamos el documento al expediente."))
    return redirect("reclamos:detalle", pk=reclamo.pk)


@login_required
@require_GET
def sugerir_proveedor(request):
    """htmx: a registered provider's name and domicile for a CUIT typed in the wizard."""
    prefijo = request.GET.get("prefijo", "")
    valor = request.GET.get(f"{prefijo}-identificador", request.GET.get("cuit", ""))
    cuit = "".join(c for c in valor if c.isdigit())
    organizacion = None
    if len(cuit) == 11:
        organizacion = Organizacion.objects.filter(
            tipo=Organizacion.Tipo.PROVEEDOR,
            identificador=cuit,
            estado=Organizacion.Estado.ACTIVA,
        ).first()
    return render(
        request,
        "reclamos/_sugerencia_proveedor.html",
        {"organizacion": organizacion, "prefijo": request.GET.get("prefijo", "")},
    )


@require_http_methods(["GET", "POST"])
def confirmar_carga(request, token):
    """The consumer confirms a claim an office or association prepared through the API."""
    from reclamos.services import remota

    try:
        reclamo = remota.reclamo_del_token(token)
    except ErrorDeDominio as error:
        return render(request, "reclamos/confirmar.html", {"error": error.mensaje}, status=400)
    if request.method == "POST" and reclamo.estado == Estado.BORRADOR:
        try:
            reclamo = remota.confirmar_carga(token)
        except ErrorDeDominio as error:
            return render(
                request,
                "reclamos/confirmar.html",
                {"reclamo": reclamo, "error": error.mensaje},
                status=400,
            )
    return render(
        request,
        "reclamos/confirmar.html",
        {"reclamo": reclamo, "proveedores": reclamo.proveedores.all()},
    )
