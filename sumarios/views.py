"""CABA pages: the consumer's online denuncia, the denuncia's page (parties and DGDyPC staff,
with the staff's acts), the staff tray, and the sumario (legal area, Director General and the
charged provider). Staff reach these pages only with MFA (cuentas.middleware). Every act goes
through the services; bad input comes back as a Spanish message with status 400."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audiencias.models import Audiencia
from audiencias.services import mediacion as audiencias
from conciliacion.errores import DatosInvalidos, ErrorDeDominio
from conciliacion.paginacion import paginar
from cuentas.permisos import organizaciones_representadas, tiene_rol
from cuentas.roles import Rol
from normativa.regimenes import Papel
from normativa.regimenes.caba import CODIGO, CRITERIOS_ART_49, MODALIDADES, SANCIONES_LDC
from reclamos.estados import Estado
from reclamos.models import Reclamo
from reclamos.permisos import acceder_reclamo, es_parte_consumidora
from reclamos.transiciones import transicionar
from sumarios.models import Denuncia, RecursoDirecto, Sumario
from sumarios.services import denuncia as servicio
from sumarios.services import sumario as sumarios

BA = ZoneInfo("America/Argentina/Buenos_Aires")
CAMPOS_DENUNCIA = [
    ("nombre", _("Nombre")),
    ("apellido", _("Apellido")),
    ("dni", _("DNI")),
    ("domicilio", _("Domicilio")),
    ("email", _("Correo para notificaciones")),
    ("telefono", _("Teléfono (opcional)")),
    ("cuit", _("CUIT de la empresa")),
    ("razon_social", _("Nombre de la empresa")),
    ("domicilio_proveedor", _("Domicilio de la empresa")),
]


def _error(request, error: ErrorDeDominio) -> None:
    detalle = " ".join(str(m) for ms in (getattr(error, "campos", None) or {}).values() for m in ms)
    messages.error(request, f"{error} {detalle}".strip())


def _es_personal(usuario) -> bool:
    return sumarios.es_personal(usuario)


def _fecha_hora(valor: str) -> str:
    """A datetime-local input ("2026-03-10T10:00") in Buenos Aires time, as ISO with offset."""
    try:
        momento = datetime.datetime.fromisoformat(valor)
    except (TypeError, ValueError):
        raise DatosInvalidos(
            _("Indicá día y hora de la audiencia."), campos={"inicio": [_("Fecha inválida.")]}
        ) from None
    if momento.tzinfo is None:
        momento = momento.replace(tzinfo=BA)
    return momento.isoformat()


# --- the consumer's denuncia ---------------------------------------------------------------------


def _presentar(request, personal: bool, datos: dict) -> tuple[Reclamo, str]:
    """Files the denuncia the page was sent: the consumer's own (C1), a Comuna intake (C1b) or,
    with a VUF number and the flag on, a claim routed by the national VUF (C1c, decision 0038).
    Returns it with the message for the page."""
    if personal and datos.get("numero_vuf"):
        if not servicio.vuf_habilitada():
            raise PermissionDenied
        reclamo, nueva = servicio.presentar_desde_vuf(por=request.user, datos=datos)
        aviso = _("Cargaste la denuncia N.º %(n)s derivada de la VUF (reclamo %(v)s).") % {
            "n": reclamo.numero,
            "v": reclamo.denuncia_caba.numero_vuf,
        }
    elif personal:
        reclamo, nueva = servicio.presentar_en_comuna(por=request.user, datos=datos)
        aviso = _("Cargaste la denuncia N.º %(n)s en la Comuna.") % {"n": reclamo.numero}
    else:
        reclamo = servicio.presentar_denuncia(
            consumidor=request.user, datos=datos, por=request.user
        )
        return reclamo, _("Recibimos tu denuncia N.º %(n)s.") % {"n": reclamo.numero}
    if nueva:
        aviso += " " + _(
            "La persona denunciante entra con «Solicitar una nueva contraseña» "
            "usando el correo que dio."
        )
    return reclamo, aviso


@login_required
@require_http_methods(["GET", "POST"])
def denunciar(request):
    # The consumer files in her own name (C1); an official of the Ciudad files at a Sede Comunal
    # for a consumer who came in person (C1b), who then claims the account.
    personal = sumarios.es_personal(request.user)
    if not personal and not tiene_rol(request.user, Rol.CONSUMIDOR):
        raise PermissionDenied
    datos = (
        {}
        if personal
        else {
            "nombre": request.user.nombre,
            "apellido": request.user.apellido,
            "dni": request.user.dni,
            "email": request.user.email,
        }
    )
    estado = 200
    if request.method == "POST":
        datos = {k: v.strip() for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        for casilla in ("consumidor_final", "en_caba", "dano_directo"):
            datos[casilla] = request.POST.get(casilla) == "1"
        try:
            reclamo, aviso = _presentar(request, personal, datos)
        except ErrorDeDominio as error:
            _error(request, error)
            estado = 409 if error.codigo == "duplicate_vuf" else 400
        else:
            messages.success(request, aviso)
            return redirect("sumarios:denuncia", pk=reclamo.pk)
    return render(
        request,
        "sumarios/denunciar.html",
        {
            "datos": datos,
            "campos": [(c, e, datos.get(c) or "") for c, e in CAMPOS_DENUNCIA],
            "modalidades": MODALIDADES,
            "materias": Denuncia.Materia.choices,
            "regimen": servicio.regimen(),
            "idioma": "es-AR",
            "personal": personal,
            "vuf": personal and servicio.vuf_habilitada(),
        },
        status=estado,
    )


def _denuncia(request, pk) -> Reclamo:
    reclamo = acceder_reclamo(request.user, pk, vista="caba.denuncia")
    if reclamo.regimen_codigo != CODIGO:
        raise Http404
    return reclamo


def _contexto_denuncia(request, reclamo: Reclamo) -> dict:
    from documentos.selectors import documentos_de

    personal = _es_personal(request.user)
    denuncia = Denuncia.objects.filter(reclamo=reclamo).first()
    audiencias_ = list(reclamo.audiencias.select_related("funcionario").order_by("inicio"))
    pendiente = next((a for a in audiencias_ if a.estado == Audiencia.Estado.FIJADA), None)
    return {
        "reclamo": reclamo,
        "denuncia": denuncia,
        "personal": personal,
        "consumidor": es_parte_consumidora(request.user, reclamo),
        "audiencias": audiencias_,
        "pendiente": pendiente,
        "documentos": list(documentos_de(reclamo).order_by("pk")),
        "sumario": Sumario.objects.filter(reclamo=reclamo).first() if personal else None,
        "E": Estado,
        "modalidades": MODALIDADES,
        "resultados": audiencias.resultados_posibles(reclamo),
        "regimen": reclamo.regimen,
        "idioma": "es-AR",
    }


@login_required
def denuncia(request, pk):
    reclamo = _denuncia(request, pk)
    return render(request, "sumarios/denuncia.html", _contexto_denuncia(request, reclamo))


def _celebrar(request, reclamo, por):
    audiencia = reclamo.audiencias.filter(estado=Audiencia.Estado.FIJADA).first()
    if audiencia is None:
        raise DatosInvalidos(_("No hay una audiencia pendiente."))
    proveedores = list(reclamo.proveedores.order_by("pk"))
    asistencias = [
        {
            "parte": "consumidor",
            "comparecio": request.POST.get("asistio_consumidor") == "1",
            "nombre": request.POST.get("nombre_consumidor", ""),
        }
    ] + [
        {
            "parte": "proveedor",
            "proveedor": p.pk,
            "comparecio": request.POST.get(f"asistio_p{p.pk}") == "1",
            "nombre": request.POST.get(f"nombre_p{p.pk}", ""),
        }
        for p in proveedores
    ]
    audiencias.celebrar_audiencia(
        audiencia,
        por=por,
        asistencias=asistencias,
        resultado=request.POST.get("resultado", ""),
        texto=request.POST.get("texto", ""),
    )


def _acto_de_denuncia(request, reclamo: Reclamo, accion: str) -> str:
    """Runs one act; returns the success message."""
    por = request.user
    post = request.POST
    if accion == "incumplimiento":
        servicio.denunciar_incumplimiento(reclamo, por=por, detalle=post.get("detalle", ""))
        return _("Informaste el incumplimiento: la Dirección abrió un sumario.")
    if accion == "cumplimiento":
        transicionar(reclamo, "confirmar_cumplimiento", por=por)
        return _("Gracias: registramos que la empresa cumplió.")
    if not _es_personal(por):
        raise PermissionDenied
    if accion == "convocar_audiencia":
        transicionar(
            reclamo,
            accion,
            por=por,
            datos={
                "inicio": _fecha_hora(post.get("inicio", "")),
                "modalidad": post.get("modalidad", "presencial"),
                "enlace_video": post.get("enlace_video", ""),
                "duracion_minutos": 60,
            },
        )
        return _("Audiencia fijada: avisamos a las partes.")
    if accion == "celebrar":
        _celebrar(request, reclamo, por)
        return _("Acta emitida.")
    if accion == "multar":
        servicio.multar_incomparecencia(
            reclamo,
            por=por,
            unidades=post.get("unidades", ""),
            fundamentos=post.get("fundamentos", ""),
        )
        return _("Multa impuesta: el expediente pasó a sumario.")
    if accion == "sumario":
        servicio.cerrar_sin_acuerdo(reclamo, por=por)
        return _("El expediente pasó al área jurídica.")
    if accion == "sin_domicilio":
        servicio.concluir_sin_domicilio(reclamo, por=por)
        return _("Instancia conciliatoria concluida: el expediente pasó a sumario.")
    simples = {
        "admitir_denuncia": (),
        "inadmitir": ("motivos",),
        "intimar_domicilio_electronico": (),
        "constituir_domicilio_electronico": (),
        "aceptar_justificacion": ("justificacion",),
        "reactivar": ("justificacion",),
        "archivar": (),
    }
    if accion not in simples:
        raise DatosInvalidos(_("Acción desconocida."))
    transicionar(reclamo, accion, por=por, datos={c: post.get(c, "") for c in simples[accion]})
    return _("Listo.")


@login_required
@require_POST
def denuncia_acto(request, pk):
    reclamo = _denuncia(request, pk)
    try:
        mensaje = _acto_de_denuncia(request, reclamo, request.POST.get("accion", ""))
    except ErrorDeDominio as error:
        _error(request, error)
        reclamo.refresh_from_db()
        return render(
            request, "sumarios/denuncia.html", _contexto_denuncia(request, reclamo), status=400
        )
    messages.success(request, mensaje)
    return redirect("sumarios:denuncia", pk=pk)


@login_required
def bandeja(request):
    """The DGDyPC's tray of denuncias, newest first (keyset over the régimen/date index)."""
    if not _es_personal(request.user):
        raise PermissionDenied
    qs = Reclamo.objects.filter(regimen_codigo=CODIGO).exclude(estado=Estado.BORRADOR)
    pagina = paginar(qs, orden=("-presentado_en", "-pk"), cursor=request.GET.get("cursor"))
    return render(request, "sumarios/bandeja.html", {"reclamos": pagina, "idioma": "es-AR"})


# --- the sumario ---------------------------------------------------------------------------------


def _sumarios_visibles(usuario):
    if _es_personal(usuario):
        return Sumario.objects.all()
    if tiene_rol(usuario, Rol.REPRESENTANTE):
        return Sumario.objects.filter(organizacion__in=organizaciones_representadas(usuario))
    return Sumario.objects.none()


@login_required
def lista_sumarios(request):
    if not (_es_personal(request.user) or tiene_rol(request.user, Rol.REPRESENTANTE)):
        raise PermissionDenied
    qs = _sumarios_visibles(request.user).select_related("reclamo")
    estado = request.GET.get("estado", "")
    if estado in Sumario.Estado.values:
        qs = qs.filter(estado=estado)
    pagina = paginar(qs, orden=("-abierto_en", "-pk"), cursor=request.GET.get("cursor"))
    return render(
        request,
        "sumarios/lista.html",
        {
            "sumarios": pagina,
            "estado": estado,
            "estados": Sumario.Estado.choices,
            "idioma": "es-AR",
        },
    )


def _sumario(request, pk) -> Sumario:
    sumario = _sumarios_visibles(request.user).select_related("reclamo").filter(pk=pk).first()
    if sumario is None:
        raise Http404
    return sumario


def _contexto_sumario(request, sumario: Sumario) -> dict:
    from documentos.selectors import documentos_de

    disposicion = getattr(sumario, "disposicion", None)
    return {
        "sumario": sumario,
        "personal": _es_personal(request.user),
        "director": tiene_rol(request.user, sumarios.DIRECTOR_GENERAL),
        "sumariado": sumarios.es_sumariado(request.user, sumario),
        "descargos": list(sumario.descargos.order_by("pk")),
        "pruebas": list(sumario.pruebas.order_by("pk")),
        "disposicion": disposicion,
        "recursos": list(sumario.recursos.order_by("pk")),
        "registro": getattr(sumario, "registro", None),
        "documentos": list(documentos_de(sumario).order_by("pk")),
        "dano_reclamado": getattr(
            getattr(sumario.reclamo, "denuncia_caba", None), "dano_directo_monto", None
        )
        if sumario.reclamo_id
        else None,
        "S": Sumario.Estado,
        "sanciones": SANCIONES_LDC,
        "criterios": CRITERIOS_ART_49,
        "resultados_recurso": [r for r in RecursoDirecto.Resultado.choices if r[0] != "pendiente"],
        "plazo_descargo": servicio.regimen().plazo_de(Papel.DESCARGO),
        "idioma": "es-AR",
    }


@login_required
def sumario(request, pk):
    return render(
        request, "sumarios/sumario.html", _contexto_sumario(request, _sumario(request, pk))
    )


def _imputar(request, s):
    post = request.POST
    sumarios.imputar(
        s, por=request.user, hechos=post.get("hechos", ""), normas=post.get("normas", "")
    )
    return _("Imputación emitida.")


def _descargo(request, s):
    sumarios.presentar_descargo(
        s,
        por=request.user,
        texto=request.POST.get("texto", ""),
        pruebas=request.POST.get("pruebas", "").splitlines(),
        archivos=request.FILES.getlist("archivos"),
    )
    return _("Descargo presentado.")


def _abrir_prueba(request, s):
    sumarios.abrir_prueba(s, por=request.user)
    return _("Prueba abierta.")


def _resolver_prueba(request, s):
    post = request.POST
    prueba = s.pruebas.filter(pk=_entero(post.get("prueba"))).first()
    if prueba is None:
        raise DatosInvalidos(_("Elegí una prueba."))
    sumarios.resolver_prueba(
        prueba, por=request.user, admitir=post.get("admitir") == "1", motivo=post.get("motivo", "")
    )
    return _("Prueba resuelta.")


def _pasar_a_resolver(request, s):
    sumarios.pasar_a_resolver(s, por=request.user)
    return _("Pase a resolver.")


def _disponer(request, s):
    post = request.POST
    sumarios.dictar_disposicion(
        s,
        por=request.user,
        tipo=post.get("tipo", ""),
        fundamentos=post.get("fundamentos", ""),
        sanciones=post.getlist("sanciones"),
        multa_cbt=post.get("multa_cbt") or None,
        criterios={k: post.get(f"criterio_{k}", "") for k in CRITERIOS_ART_49},
        dano_directo=post.get("dano_directo") or None,
        deposito_previo=post.get("deposito_previo") == "1",
    )
    return _("Disposición firmada.")


def _recurso(request, s):
    post = request.POST
    try:
        fecha = datetime.date.fromisoformat(post.get("presentado_en", ""))
    except ValueError:
        raise DatosInvalidos(
            _("Indicá la fecha del recurso."), campos={"presentado_en": [_("Inválida.")]}
        ) from None
    sumarios.registrar_recurso_directo(
        s,
        por=request.user,
        presentado_en=fecha,
        deposito_acreditado=post.get("deposito") == "1",
        observaciones=post.get("observaciones", ""),
    )
    return _("Recurso directo registrado. No suspende la disposición.")


def _resolver_recurso(request, s):
    recurso = s.recursos.filter(pk=_entero(request.POST.get("recurso"))).first()
    if recurso is None:
        raise DatosInvalidos(_("Elegí el recurso."))
    sumarios.resolver_recurso(
        recurso, por=request.user, resultado=request.POST.get("resultado", "")
    )
    return _("Sentencia de la Cámara registrada.")


def _publicacion(request, s):
    sumarios.acreditar_publicacion(s, por=request.user)
    return _("Publicación acreditada.")


def _firme(request, s):
    sumarios.declarar_firme(s, por=request.user)
    return _("Sanción firme: se inscribió en el Registro de Infractores.")


def _entero(valor) -> int:
    try:
        return int(valor)
    except (TypeError, ValueError):
        return 0


ACTOS_DEL_SUMARIO = {
    "imputar": _imputar,
    "descargo": _descargo,
    "abrir_prueba": _abrir_prueba,
    "resolver_prueba": _resolver_prueba,
    "pasar_a_resolver": _pasar_a_resolver,
    "disponer": _disponer,
    "recurso": _recurso,
    "resolver_recurso": _resolver_recurso,
    "publicacion": _publicacion,
    "firme": _firme,
}


def _acto_de_sumario(request, s: Sumario, accion: str) -> str:
    acto = ACTOS_DEL_SUMARIO.get(accion)
    if acto is None:
        raise DatosInvalidos(_("Acción desconocida."))
    return acto(request, s)


@login_required
@require_POST
def sumario_acto(request, pk):
    s = _sumario(request, pk)
    try:
        mensaje = _acto_de_sumario(request, s, request.POST.get("accion", ""))
    except ErrorDeDominio as error:
        _error(request, error)
        s.refresh_from_db()
        return render(request, "sumarios/sumario.html", _contexto_sumario(request, s), status=400)
    messages.success(request, mensaje)
    return redirect("sumarios:sumario", pk=pk)
