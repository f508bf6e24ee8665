"""Registry staff's pages (role registro): profiles, licences, sanctions and refusals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from conciliacion.errores import ErrorDeDominio
from conciliacion.paginacion import contar_acotado, paginar
from conciliadores import selectors
from conciliadores.elegibilidad import hoy_local
from conciliadores.forms import (
    ConciliadorForm,
    DecisionForm,
    LevantarSancionForm,
    NuevoConciliadorForm,
    SancionForm,
)
from conciliadores.models import AlertaDisciplinaria, Licencia, Rechazo, Sancion
from conciliadores.permisos import acceder_conciliador, es_personal_registro
from conciliadores.services import registro
from conciliadores.services.registro import RECHAZOS_TOLERADOS
from conciliadores.views.comun import aplicar_error, datos_post
from cuentas.roles import Rol


def _exigir(request):
    if not es_personal_registro(request.user):
        raise PermissionDenied


@login_required
@require_GET
def lista(request):
    _exigir(request)
    buscar = request.GET.get("q", "").strip()[:80]
    return render(
        request,
        "conciliadores/registro/lista.html",
        {
            # Keyset by registration number (unique), whatever the registry's size (issue 13).
            "conciliadores": paginar(
                selectors.lista_registro(buscar=buscar),
                orden=("matricula", "pk"),
                cursor=request.GET.get("cursor"),
            ),
            "buscar": buscar,
            "tolerados": RECHAZOS_TOLERADOS,
            "licencias_pendientes": selectors.licencias_pendientes().count(),
            "alertas_disciplinarias": contar_acotado(
                AlertaDisciplinaria.objects.filter(atendida=False)
            )[0],
        },
    )


def _datos_perfil(datos: dict) -> dict:
    claves = ("matricula", "tipo", "jurisdicciones", "modalidades", "domicilio_profesional")
    extra = ("telefono", "email_contacto", "activo")
    return {k: datos[k] for k in (*claves, *extra) if k in datos}


@login_required
@require_http_methods(["GET", "POST"])
def nuevo(request):
    _exigir(request)
    form = NuevoConciliadorForm(datos_post(request))
    if request.method == "POST" and form.is_valid():
        from cuentas.services import crear_cuenta_sin_contrasena

        datos = form.cleaned_data
        try:
            with transaction.atomic():
                usuario, _creada = crear_cuenta_sin_contrasena(
                    email=datos["email"],
                    rol=Rol.CONCILIADOR,
                    por=request.user,
                    nombre=datos["nombre"],
                    apellido=datos["apellido"],
                )
                conciliador = registro.crear_conciliador(
                    usuario=usuario,
                    por=request.user,
                    oficinas=datos["oficinas"],
                    **_datos_perfil(datos),
                )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Alta registrada."))
            return redirect("conciliadores:ficha", pk=conciliador.pk)
    return render(request, "conciliadores/registro/form.html", {"form": form, "nuevo": True})


@login_required
@require_GET
def ficha(request, pk):
    _exigir(request)
    conciliador = acceder_conciliador(request.user, pk)
    anio = hoy_local().year
    return render(
        request,
        "conciliadores/registro/ficha.html",
        {
            "conciliador": conciliador,
            "licencias": conciliador.licencias.all(),
            "sanciones": conciliador.sanciones.all(),
            # Refusals grow with the proposals declined: newest first, by keyset (issue 13).
            "rechazos": paginar(
                conciliador.rechazos.select_related("reclamo"),
                orden=("-en", "-pk"),
                cursor=request.GET.get("cursor"),
            ),
            "anio": anio,
            "sin_causa": registro.rechazos_sin_causa(conciliador, anio),
            "tolerados": RECHAZOS_TOLERADOS,
            # The latest 20, over designacion_concil_reciente.
            "designaciones": conciliador.designaciones.select_related("reclamo").order_by(
                "-fecha", "-pk"
            )[:20],
            "form_sancion": SancionForm(),
            "informes_tardios": selectors.informes_de_cierre_tardios(conciliador),
            "casos": conciliador.casos_disciplinarios.order_by("-abierto_en", "-pk")[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def editar(request, pk):
    _exigir(request)
    conciliador = acceder_conciliador(request.user, pk, escribir=True)
    inicial = {
        "matricula": conciliador.matricula,
        "tipo": conciliador.tipo,
        "oficinas": conciliador.oficinas.all(),
        "jurisdicciones": ", ".join(conciliador.jurisdicciones),
        "modalidades": conciliador.modalidades,
        "domicilio_profesional": conciliador.domicilio_profesional,
        "telefono": conciliador.telefono,
        "email_contacto": conciliador.email_contacto,
        "activo": conciliador.activo,
    }
    form = ConciliadorForm(datos_post(request), initial=inicial)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            registro.actualizar_conciliador(
                conciliador, por=request.user, oficinas=datos["oficinas"], **_datos_perfil(datos)
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Guardamos los cambios."))
            return redirect("conciliadores:ficha", pk=conciliador.pk)
    return render(
        request, "conciliadores/registro/form.html", {"form": form, "conciliador": conciliador}
    )


@login_required
@require_http_methods(["GET", "POST"])
def sancionar(request, pk):
    _exigir(request)
    conciliador = acceder_conciliador(request.user, pk, escribir=True)
    form = SancionForm(datos_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            registro.registrar_sancion(conciliador, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Registramos la sanción."))
            return redirect("conciliadores:ficha", pk=conciliador.pk)
    return render(
        request,
        "conciliadores/registro/sancion.html",
        {"form": form, "conciliador": conciliador},
    )


@login_required
@require_http_methods(["GET", "POST"])
def levantar(request, pk):
    _exigir(request)
    sancion = get_object_or_404(Sancion.objects.select_related("conciliador__usuario"), pk=pk)
    form = LevantarSancionForm(datos_post(request), initial={"el": hoy_local()})
    if request.method == "POST" and form.is_valid():
        try:
            registro.levantar_sancion(sancion, por=request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("La sanción quedó levantada."))
            return redirect("conciliadores:ficha", pk=sancion.conciliador_id)
    return render(
        request, "conciliadores/registro/levantar.html", {"form": form, "sancion": sancion}
    )


@login_required
@require_GET
def licencias(request):
    _exigir(request)
    return render(
        request,
        "conciliadores/registro/licencias.html",
        {"licencias": selectors.licencias_pendientes()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def decidir_licencia(request, pk):
    _exigir(request)
    licencia = get_object_or_404(Licencia.objects.select_related("conciliador__usuario"), pk=pk)
    form = DecisionForm(datos_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            registro.decidir_licencia(
                licencia,
                por=request.user,
                aprobar=form.cleaned_data["decision"] == "aprobar",
                observacion=form.cleaned_data["observacion"],
            )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("La licencia quedó resuelta."))
            return redirect("conciliadores:licencias")
    return render(
        request, "conciliadores/registro/licencia.html", {"licencia": licencia, "form": form}
    )


@login_required
@require_POST
def recalificar(request, pk):
    _exigir(request)
    rechazo = get_object_or_404(Rechazo, pk=pk)
    justificado = request.POST.get("justificado") == "si"
    registro.recalificar_rechazo(rechazo, por=request.user, justificado=justificado)
    messages.success(request, _("Guardamos la calificación del rechazo."))
    return redirect("conciliadores:ficha", pk=rechazo.conciliador_id)
