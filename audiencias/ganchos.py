"""What audiencias registers upstream: transition hooks, plazo consequences and responsables,
document access and the claim page's sections. One block per area (turnos, cedulas, audiencia)."""

# --- turnos ------------------------------------------------------------------------------------
from conciliadores.disponibilidad import registrar_disponibilidad
from normativa.regimenes import Papel, codigos_de
from plazos import registro
from reclamos.estados import Estado
from reclamos.models import MetodoDesignacion
from reclamos.secciones import registrar_seccion


def _libres_en_el_turno(reclamo):
    """For a redraw (excusación, upheld recusación): the conciliators free at the claim's fixed
    hearing — same start, same mode and, in person at an agency office, that office — so the
    new conciliator keeps the slot the consumer picked (the hook below moves the hearing). A slot
    already past has nobody free: the consumer picks another (apartamiento._continuar)."""
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from audiencias import disponibilidad
    from audiencias.models import Audiencia
    from conciliadores.models import Conciliador

    audiencia = (
        Audiencia.objects.filter(reclamo=reclamo, estado=Audiencia.Estado.FIJADA)
        .order_by("-inicio")
        .first()
    )
    if audiencia is None:
        return None
    if audiencia.inicio <= timezone.now():
        return Conciliador.objects.none()
    zona = ZoneInfo(reclamo.regimen.zona_horaria)
    fecha = audiencia.inicio.astimezone(zona).date()
    sede = disponibilidad.sede_de_audiencia(audiencia)
    libres = {
        f.conciliador_id
        for f in disponibilidad.libres(
            Conciliador.objects.filter(activo=True).values_list("pk", flat=True),
            desde=fecha,
            hasta=fecha,
            zona=zona,
        )
        if f.inicio == audiencia.inicio
        and f.modalidad == audiencia.modalidad
        and (sede is disponibilidad.CUALQUIERA or f.sede == sede)
    }
    return Conciliador.objects.filter(pk__in=libres)


registrar_disponibilidad(_libres_en_el_turno)


def _audiencias_del_conciliador(conciliador_id, desde, hasta):
    """For a suspension or exclusion (Anexo II arts. 4–5): the claims whose fixed hearings the
    conciliator holds on a day from `desde` to `hasta` (local dates; None: no end)."""
    import datetime
    from zoneinfo import ZoneInfo

    from audiencias.models import Audiencia
    from normativa.regimenes import registro_de_conciliadores

    zona = ZoneInfo(registro_de_conciliadores().zona_horaria)
    qs = Audiencia.objects.filter(
        conciliador_id=conciliador_id,
        estado=Audiencia.Estado.FIJADA,
        inicio__gte=datetime.datetime.combine(desde, datetime.time.min, tzinfo=zona),
    )
    if hasta is not None:
        qs = qs.filter(
            inicio__lt=datetime.datetime.combine(
                hasta + datetime.timedelta(days=1), datetime.time.min, tzinfo=zona
            )
        )
    return qs.values_list("reclamo_id", flat=True)


def _registrar_agenda():
    from conciliadores.disciplina.agenda import registrar_agenda

    registrar_agenda(_audiencias_del_conciliador)


_registrar_agenda()


def _registrar_ganchos_de_turnos():
    from audiencias.services.reasignacion import (
        cancelar_al_apartarse,
        cancelar_al_volver_a_elegir_turno,
        pasar_audiencia_al_nuevo_conciliador,
        seguir_audiencia_del_principal,
    )
    from audiencias.services.turnos import cancelar_al_desistir
    from reclamos.transiciones import registrar_hook

    # T15, T21: the fixed hearing follows the claim to the conciliator designated in place of
    # the one who stepped aside.
    for accion in ("designar_por_sorteo", "designar_por_acuerdo", "designar_por_eleccion"):
        registrar_hook(accion, pasar_audiencia_al_nuevo_conciliador)
    # D202-I.2: a joined claim's share of the joint hearing follows the lead's.
    registrar_hook("designar_por_acumulacion", seguir_audiencia_del_principal)
    # Issue 6: no hearing stays with a conciliator who is no longer designated (b/c at once;
    # method a when nobody eligible is free at its slot and the consumer picks another).
    registrar_hook("redesignar", cancelar_al_apartarse)
    registrar_hook("volver_a_elegir_turno", cancelar_al_volver_a_elegir_turno)
    # T12d: a withdrawn claim's pending hearing is called off and its cédulas annulled.
    registrar_hook("desistir", cancelar_al_desistir)


_registrar_ganchos_de_turnos()


def _cedulas_del_reclamo(reclamo, mirada) -> list:
    """The claim's cédulas with their hearings, read once for the page's sections."""
    from audiencias.models import Cedula

    if "_cedulas" not in reclamo.__dict__:
        cedulas = (
            list(
                Cedula.objects.filter(audiencia__reclamo=reclamo)
                .select_related(
                    "audiencia__conciliador__usuario",
                    "proveedor",
                    "notificacion",
                    "documento",
                )
                .order_by("audiencia__inicio", "pk")
            )
            if mirada is None or mirada.tiene("cedulas")
            else []
        )
        # The hearings' claim is the page's own (not read again with every row: issue 13).
        for cedula in cedulas:
            cedula.audiencia.reclamo = reclamo
        reclamo.__dict__["_cedulas"] = cedulas
    return reclamo.__dict__["_cedulas"]


def _audiencias_del_reclamo(reclamo, mirada) -> list:
    """The claim's hearings, read once for the page's sections: none if the mark says so, and
    from the cédulas' query when every hearing has a cédula (the usual COPREC case)."""
    if "_audiencias" not in reclamo.__dict__:
        if mirada is not None and not mirada.tiene("audiencias"):
            audiencias = []
        elif mirada is not None and mirada.marca("audiencias_sin_cedula") is False:
            audiencias = list(
                {
                    c.audiencia_id: c.audiencia for c in _cedulas_del_reclamo(reclamo, mirada)
                }.values()
            )
        else:
            audiencias = list(
                reclamo.audiencias.select_related("conciliador__usuario").order_by("inicio")
            )
        reclamo.__dict__["_audiencias"] = audiencias
    return reclamo.__dict__["_audiencias"]


def _contexto_turnos(request, reclamo, mirada=None):
    from audiencias.permisos import es_conciliador_de
    from audiencias.services.suspensiones import recusacion_en_tramite
    from reclamos.permisos import es_parte_consumidora

    audiencias = _audiencias_del_reclamo(reclamo, mirada)
    es_consumidor = mirada.es_consumidor if mirada else es_parte_consumidora(request.user, reclamo)
    es_conciliador = es_conciliador_de(request.user, reclamo)
    recusacion = recusacion_en_tramite(reclamo)
    puede_elegir = (
        reclamo.consumidor_id == request.user.pk
        and reclamo.metodo_designacion == MetodoDesignacion.SORTEO
        and reclamo.estado == Estado.ESPERA_TURNO
    )
    puede_fijar = (
        es_conciliador
        and reclamo.estado
        in {
            Estado.CONCILIADOR_DESIGNADO,
            Estado.EN_CONCILIACION,
            Estado.INCOMPARECENCIA_PROVEEDOR,
        }
        and not any(a.estado == "fijada" for a in audiencias)
        and not recusacion
    )
    # D202-I.2: a joined claim follows its lead's hearings (decision 0026).
    principal = None
    if puede_elegir or puede_fijar or reclamo.estado == Estado.ESPERA_TURNO:
        from reclamos.services.acumulacion import principal_de

        principal = principal_de(reclamo)
        if principal is not None:
            puede_elegir = puede_fijar = False
    if not (audiencias or puede_elegir or puede_fijar or principal):
        return None
    return {
        "principal": principal,
        "audiencias": audiencias,
        "puede_elegir": puede_elegir,
        "puede_fijar": puede_fijar,
        "es_consumidor": es_consumidor,
        "es_conciliador": es_conciliador,
        "fuera_de_plazo": any(a.fuera_de_plazo and a.estado == "fijada" for a in audiencias),
        # T19: the procedure is suspended; the hearing is neither moved nor held meanwhile.
        "recusacion_en_tramite": recusacion,
    }


registrar_seccion("audiencias/_seccion_turnos.html", _contexto_turnos, orden=20)


# --- cedulas -----------------------------------------------------------------------------------
def _contexto_cedulas(request, reclamo, mirada=None):
    from audiencias.models import Cedula
    from audiencias.permisos import es_conciliador_de
    from audiencias.services import suspensiones
    from audiencias.services.cedulas import quien_notifica
    from reclamos.models import Pausa

    cedulas = _cedulas_del_reclamo(reclamo, mirada)
    abiertas = {p.tipo for p in reclamo.pausas.all() if p.hasta is None}
    busca = suspensiones.puede_buscar_domicilio(request.user, reclamo)
    acciones = {
        "buscar_domicilio": busca
        and reclamo.estado in suspensiones.ANTES_DE_LA_PRIMERA_AUDIENCIA
        and Pausa.Tipo.BUSQUEDA_DOMICILIO not in abiertas,
        "domicilio_hallado": busca and Pausa.Tipo.BUSQUEDA_DOMICILIO in abiertas,
        "asistencia_letrada": reclamo.estado in suspensiones.CON_CONCILIADOR
        and Pausa.Tipo.ASISTENCIA_LETRADA not in abiertas
        and es_conciliador_de(request.user, reclamo),
    }
    if not cedulas and not any(acciones.values()):
        return None
    from audiencias.services.cedulas import VIAS_DEL_CONSUMIDOR, quien_notifica_al_consumidor

    audiencias = list({c.audiencia_id: c.audiencia for c in cedulas}.values())
    return {
        "cedulas": cedulas,
        "al_consumidor": [
            {
                "audiencia": a,
                "via": VIAS_DEL_CONSUMIDOR.get(a.consumidor_via, ""),
                "puede_registrar": a.consumidor_via == "fehaciente"
                and a.consumidor_notificado_el is None
                and a.estado == "fijada"
                and quien_notifica_al_consumidor(a, request.user),
            }
            for a in audiencias
            if a.consumidor_via
        ],
        "acciones": acciones,
        "puede_registrar": {
            c.pk
            for c in cedulas
            if c.via == Cedula.Via.FEHACIENTE
            and c.notificada_el is None
            and c.audiencia.estado == "fijada"
            and quien_notifica(c, request.user)
        },
    }


registrar_seccion("audiencias/_seccion_cedulas.html", _contexto_cedulas, orden=30)


def _registrar_ganchos_de_cedulas():
    from audiencias.services.suspensiones import fin_de_asistencia_letrada
    from plazos.registro import registrar_consecuencia

    for codigo in codigos_de(Papel.ASISTENCIA_LETRADA):
        registrar_consecuencia(codigo, fin_de_asistencia_letrada)


_registrar_ganchos_de_cedulas()


# --- audiencia ---------------------------------------------------------------------------------
# The hearing acts possible while a recusación can be pending (designated .. hearing fixed).
ACTOS_SUSPENDIDOS_POR_RECUSACION = (
    "fijar_audiencia",
    "celebrar_primera_audiencia",
    "registrar_incomparecencia_proveedor",
    "registrar_incomparecencia_consumidor",
)


def _registrar_ganchos_de_audiencia():
    from audiencias.services.audiencia import emitir_acta_de_cierre
    from audiencias.services.homologacion import emitir_acta_de_cierre_por_denegacion
    from audiencias.services.suspensiones import guardia_de_recusacion
    from reclamos.transiciones import registrar_hook

    for accion in ("cerrar_sin_acuerdo", "cerrar_por_incomparecencia"):
        registrar_hook(accion, emitir_acta_de_cierre)
    # T19: while a recusación is pending no hearing is fixed, held or has its outcome recorded.
    for accion in ACTOS_SUSPENDIDOS_POR_RECUSACION:
        registrar_hook(accion, guardia_de_recusacion)
    # T36: a denied homologation is a closure without agreement too (D202-I.17).
    registrar_hook("cerrar_por_denegacion", emitir_acta_de_cierre_por_denegacion)


_registrar_ganchos_de_audiencia()


def _contexto_audiencia(request, reclamo, mirada=None):
    from audiencias.models import Audiencia
    from audiencias.permisos import es_conciliador_de
    from audiencias.services.audiencia import proximas_instancias
    from reclamos.permisos import es_parte_consumidora, es_parte_proveedora

    es_conciliador = es_conciliador_de(request.user, reclamo)
    if mirada is not None:
        es_proveedor = mirada.es_proveedor
        es_parte = mirada.es_consumidor or es_proveedor
    else:
        es_proveedor = es_parte_proveedora(request.user, reclamo)
        es_parte = es_parte_consumidora(request.user, reclamo) or es_proveedor
    # The hearing page is offered from the hearing's day (its outcome cannot be recorded earlier).
    from django.utils import timezone

    from audiencias.services.suspensiones import recusacion_en_tramite

    fin_del_dia = timezone.localtime().replace(hour=23, minute=59, second=59)
    para_conducir = (
        [
            a
            for a in _audiencias_del_reclamo(reclamo, mirada)
            if a.estado == Audiencia.Estado.FIJADA and a.inicio <= fin_del_dia
        ]
        if es_conciliador and not recusacion_en_tramite(reclamo)
        else []
    )
    acuerdo = None
    if (
        es_parte
        and reclamo.estado == Estado.EN_CONCILIACION
        and (mirada is None or mirada.tiene("acuerdos"))
    ):
        acuerdo = reclamo.acuerdos.order_by("-version").first()
    contexto = {
        "para_conducir": para_conducir,
        "acuerdo_para_firmar": acuerdo,
        "justificacion": reclamo.estado == Estado.INCOMPARECENCIA_PROVEEDOR
        and (es_conciliador or es_proveedor),
        "es_conciliador": es_conciliador,
        "cerrado_sin_acuerdo": reclamo.estado == Estado.CERRADO_SIN_ACUERDO,
        "proximas_instancias": proximas_instancias(reclamo)
        if reclamo.estado == Estado.CERRADO_SIN_ACUERDO
        else "",
    }
    if not (
        para_conducir or acuerdo or contexto["justificacion"] or contexto["cerrado_sin_acuerdo"]
    ):
        return None
    return contexto


registrar_seccion("audiencias/_seccion_audiencia.html", _contexto_audiencia, orden=15)


# --- homologación ------------------------------------------------------------------------------


def _contexto_homologacion(request, reclamo, mirada=None):
    from audiencias.views.homologacion import contexto_seccion

    return contexto_seccion(request, reclamo, mirada=mirada)


def _personal_de_homologacion(plazo):
    """Homologation: the homologation unit must decide (an L-marked term: reminded and flagged)."""
    from cuentas.models import Usuario
    from cuentas.roles import Rol

    return Usuario.objects.filter(rol=Rol.HOMOLOGACION, is_active=True)


registrar_seccion("audiencias/homologacion/_seccion.html", _contexto_homologacion, orden=18)
for _codigo in codigos_de(Papel.HOMOLOGACION):
    registro.registrar_responsable(_codigo, _personal_de_homologacion)


# --- acumulación (D202-I.2, decision 0026) ---------------------------------------------------
def _al_separar(reclamo, *, principal, por):
    from audiencias.services.turnos import al_separar

    al_separar(reclamo, principal=principal, por=por)


def _ve_acta_conjunta(usuario, documento) -> bool:
    """The one acta of a joint hearing (filed on the lead claim) is also for whoever may see any
    of the joined claims it lists."""
    from reclamos.permisos import reclamos_visibles

    numeros = [r.get("numero") for r in (documento.snapshot or {}).get("reclamos") or []]
    if documento.tipo != "acta_audiencia" or not numeros:
        return False
    return reclamos_visibles(usuario).filter(numero__in=numeros).exists()


def _registrar_acumulacion():
    from documentos.permisos import registrar_acceso_a_documento
    from reclamos.services.acumulacion import registrar_al_separar

    registrar_al_separar(_al_separar)
    registrar_acceso_a_documento(_ve_acta_conjunta)


_registrar_acumulacion()


def _registrar_marcas():
    """Which of audiencias' tables hold rows for the claim, read with the claim (issue 13)."""
    from django.db.models import Exists, OuterRef

    from audiencias.models import Acuerdo, Audiencia, Cedula, RevisionHomologacion
    from reclamos.secciones import registrar_marca

    registrar_marca(
        "audiencias",
        lambda u: Exists(Audiencia.objects.filter(reclamo=OuterRef("pk"))),
        fija=True,
        # The mediation file's hearing section reads it too (decision 0043).
        procedimientos=("conciliacion", "mediacion"),
    )
    registrar_marca(
        "cedulas",
        lambda u: Exists(Cedula.objects.filter(audiencia__reclamo=OuterRef("pk"))),
        fija=True,
    )
    registrar_marca(
        "audiencias_sin_cedula",
        lambda u: Exists(
            Audiencia.objects.filter(reclamo=OuterRef("pk")).exclude(
                Exists(Cedula.objects.filter(audiencia=OuterRef("pk")))
            )
        ),
        fija=True,
    )
    registrar_marca(
        "acuerdos", lambda u: Exists(Acuerdo.objects.filter(reclamo=OuterRef("pk"))), fija=True
    )
    registrar_marca(
        "revisiones_homologacion",
        lambda u: Exists(RevisionHomologacion.objects.filter(acuerdo__reclamo=OuterRef("pk"))),
        fija=True,
    )


_registrar_marcas()
