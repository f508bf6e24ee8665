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
from django.utils import timezone
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
from sumarios.models import (
    Denuncia,
    Disposicion,
    MedidaPreventiva,
    MultaIncomparecencia,
    RecursoDirecto,
    Sumario,
)
from sumarios.services import denuncia as servicio
from sumarios.services import medidas
from sumarios.services import sumario as sumarios

BA = ZoneInfo("America/Argentina/Buenos_Aires")
# Q5: no limit on cuartos intermedios was found; the page warns from this many on (not law).
AVISO_CUARTOS_INTERMEDIOS = 3
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


def _fecha_hora(valor: str, campo: str = "inicio") -> str:
    """A datetime-local input ("2026-03-10T10:00") in Buenos Aires time, as ISO with offset."""
    try:
        momento = datetime.datetime.fromisoformat(valor)
    except (TypeError, ValueError):
        raise DatosInvalidos(
            _("Indicá día y hora de la audiencia."), campos={campo: [_("Fecha inválida.")]}
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


def _plazo_medida() -> dict:
    hoy = timezone.localdate()
    return {
        "dias_medida": medidas.dias_de_apelacion(hoy),
        "verificar_medida": medidas.apelacion_a_verificar(hoy),
        "fuente_medida": servicio.regimen().plazo_de(Papel.APELACION_MEDIDA).fuente,
    }


def _apelables(usuario, medidas_) -> list[MedidaPreventiva]:
    """The measures this user may appeal: those addressed to a provider it represents (one
    query for the whole page)."""
    if not medidas_ or not tiene_rol(usuario, Rol.REPRESENTANTE):
        return []
    propias = set(organizaciones_representadas(usuario).values_list("pk", flat=True))
    return [m for m in medidas_ if m.organizacion_id in propias]


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
    medidas_ = list(
        reclamo.medidas_preventivas.select_related("documento").order_by("ordenada_en", "pk")
    )
    return {
        "reclamo": reclamo,
        "denuncia": denuncia,
        "personal": personal,
        "medidas": medidas_,
        "apela": _apelables(request.user, medidas_),
        "tipos_medida": MedidaPreventiva.Tipo.choices,
        **_plazo_medida(),
        "multas": list(
            reclamo.multas_incomparecencia.select_related("ejecucion_fiscal").order_by("pk")
        )
        if personal
        else [],
        "cuartos_intermedios": sum(
            1 for a in audiencias_ if a.resultado == Audiencia.Resultado.NUEVA_AUDIENCIA
        ),
        "aviso_cuartos": AVISO_CUARTOS_INTERMEDIOS,
        "pedidos_cuarto": audiencias.PEDIDO_POR,
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
    resultado = request.POST.get("resultado", "")
    continuacion = None
    if resultado == Audiencia.Resultado.NUEVA_AUDIENCIA:
        continuacion = datetime.datetime.fromisoformat(
            _fecha_hora(request.POST.get("continuacion", ""), campo="continuacion")
        )
    audiencias.celebrar_audiencia(
        audiencia,
        por=por,
        asistencias=asistencias,
        resultado=resultado,
        texto=request.POST.get("texto", ""),
        continuacion=continuacion,
        pedido_por=request.POST.get("pedido_por", ""),
    )


def _incumplimiento(request, reclamo):
    detalle = request.POST.get("detalle", "")
    servicio.denunciar_incumplimiento(reclamo, por=request.user, detalle=detalle)
    return _("Informaste el incumplimiento: la Dirección abrió un sumario.")


def _cumplimiento(request, reclamo):
    transicionar(reclamo, "confirmar_cumplimiento", por=request.user)
    return _("Gracias: registramos que la empresa cumplió.")


def _ejecucion_de_multa(request, reclamo):
    if not _es_personal(request.user):
        raise PermissionDenied
    multa = MultaIncomparecencia.objects.filter(
        reclamo=reclamo, pk=_entero(request.POST.get("multa"))
    ).first()
    if multa is None:
        raise DatosInvalidos(_("Elegí la multa."))
    return _remitir(request, multa=multa)


def _acto_de_medida(accion):
    def acto(request, reclamo):
        return ACTOS_DE_MEDIDA[accion](request, reclamo.medidas_preventivas, reclamo=reclamo)

    return acto


# Acts on the denuncia that are not a transition of its table (each checks who may act).
ACTOS_DE_LA_DENUNCIA = {
    "incumplimiento": _incumplimiento,
    "cumplimiento": _cumplimiento,
    "ejecucion_fiscal": _ejecucion_de_multa,
    "medida": _acto_de_medida("medida"),
    "apelar_medida": _acto_de_medida("apelar_medida"),
    "levantar_medida": _acto_de_medida("levantar_medida"),
}


def _acto_de_denuncia(request, reclamo: Reclamo, accion: str) -> str:
    """Runs one act; returns the success message."""
    por = request.user
    post = request.POST
    if accion in ACTOS_DE_LA_DENUNCIA:
        return ACTOS_DE_LA_DENUNCIA[accion](request, reclamo)
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


@login_required
def multas(request):
    """The Ciudad's fines for staff: the art. 9 d non-appearance fines (UF) and the
    disposiciones' fines (CBT), each with its referral to ejecución fiscal, newest first."""
    if not _es_personal(request.user):
        raise PermissionDenied
    tipo = "disposicion" if request.GET.get("tipo") == "disposicion" else "incomparecencia"
    if tipo == "disposicion":
        qs = Disposicion.objects.filter(monto_multa__isnull=False).select_related(
            "sumario", "ejecucion_fiscal"
        )
        orden = ("-firmada_en", "-pk")
    else:
        qs = MultaIncomparecencia.objects.filter(reclamo__regimen_codigo=CODIGO).select_related(
            "reclamo", "proveedor", "ejecucion_fiscal"
        )
        orden = ("-impuesta_en", "-pk")
    pagina = paginar(qs, orden=orden, cursor=request.GET.get("cursor"))
    return render(
        request, "sumarios/multas.html", {"multas": pagina, "tipo": tipo, "idioma": "es-AR"}
    )


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
    medidas_ = list(
        sumario.medidas_preventivas.select_related("documento").order_by("ordenada_en", "pk")
    )
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
        "ejecucion": getattr(disposicion, "ejecucion_fiscal", None) if disposicion else None,
        "puede_ejecutar": sumario.estado == Sumario.Estado.FIRME,
        **_plazo_medida(),
        "medidas": medidas_,
        "apela": _apelables(request.user, medidas_),
        "tipos_medida": MedidaPreventiva.Tipo.choices,
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


# --- preventive measures (C29) and ejecución fiscal (C28), on a denuncia or a sumario ------------


def _medida(post, qs) -> MedidaPreventiva:
    medida = qs.filter(pk=_entero(post.get("medida"))).first()
    if medida is None:
        raise DatosInvalidos(_("Elegí la medida."))
    return medida


def _ordenar_medida(request, qs, **donde):
    if not _es_personal(request.user):
        raise PermissionDenied
    post = request.POST
    medidas.ordenar_medida(
        por=request.user,
        tipo=post.get("tipo_medida", ""),
        ordena=post.get("ordena", ""),
        fundamentos=post.get("fundamentos_medida", ""),
        riesgo_salud_seguridad=post.get("riesgo") == "1",
        **donde,
    )
    return _("Medida preventiva ordenada: se notificó a la empresa.")


def _apelar_medida(request, qs, **_donde):
    post = request.POST
    fecha = None
    if post.get("presentada_en"):
        try:
            fecha = datetime.date.fromisoformat(post["presentada_en"])
        except ValueError:
            raise DatosInvalidos(
                _("Indicá la fecha de la apelación."), campos={"presentada_en": [_("Inválida.")]}
            ) from None
    medidas.apelar_medida(
        _medida(post, qs),
        por=request.user,
        fundamentos=post.get("apelacion", ""),
        presentada_en=fecha,
    )
    return _("Apelación registrada. No suspende la medida.")


def _levantar_medida(request, qs, **_donde):
    if not _es_personal(request.user):
        raise PermissionDenied
    medidas.levantar_medida(
        _medida(request.POST, qs), por=request.user, motivo=request.POST.get("motivo", "")
    )
    return _("Medida levantada.")


ACTOS_DE_MEDIDA = {
    "medida": _ordenar_medida,
    "apelar_medida": _apelar_medida,
    "levantar_medida": _levantar_medida,
}


def _remitir(request, **multa):
    post = request.POST
    medidas.remitir_a_ejecucion_fiscal(
        por=request.user,
        referencia=post.get("referencia", ""),
        fecha=post.get("fecha", ""),
        firme_e_impaga=post.get("firme_e_impaga") == "1",
        observaciones=post.get("observaciones", ""),
        **multa,
    )
    return _("Multa remitida a ejecución fiscal.")


def _ejecucion_fiscal(request, s):
    if not _es_personal(request.user):
        raise PermissionDenied
    disposicion = Disposicion.objects.filter(sumario=s).first()
    if disposicion is None:
        raise DatosInvalidos(_("El sumario no tiene disposición."))
    return _remitir(request, disposicion=disposicion)


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
    "ejecucion_fiscal": _ejecucion_fiscal,
}


def _acto_de_sumario(request, s: Sumario, accion: str) -> str:
    if accion in ACTOS_DE_MEDIDA:
        return ACTOS_DE_MEDIDA[accion](request, s.medidas_preventivas, sumario=s)
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
