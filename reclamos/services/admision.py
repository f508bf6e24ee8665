"""Admissibility (D202-I.6), appeals against non-admission, the over-cap review (D202-I.2) and
withdrawal. Preconditions: the caller authorised `por` through reclamos.permisos."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.roles import Rol
from normativa.regimenes import Papel
from reclamos import avisos, expediente
from reclamos.estados import Estado
from reclamos.models import MetodoDesignacion, Pausa, Reclamo
from reclamos.transiciones import ejecutar_hooks, hoy_en, transicionar

# The remedies a rejection notice names (their terms by papel), with the office that decides each.
RECURSOS = {
    "reconsideracion": {
        "nombre": "Recurso de reconsideración",
        "papel": Papel.RECONSIDERACION,
        "ante": "la misma oficina que rechazó el reclamo",
        "decide": {Rol.ADMISION, Rol.ADMINISTRADOR},
    },
    "jerarquico": {
        "nombre": "Recurso jerárquico",
        "papel": Papel.RECURSO_JERARQUICO,
        "ante": "la autoridad superior de la oficina",
        "decide": {Rol.ADMINISTRADOR},
    },
}


def fecha_de_notificacion(reclamo: Reclamo) -> date:
    """Decision 3: the consumer constituted an electronic address at filing, so a notice sent
    today is deemed served the next calendar day; business-day terms start after that."""
    hoy = hoy_en(reclamo)
    return (
        hoy + timedelta(days=1) if reclamo.regimen.notificacion_electronica_dia_siguiente else hoy
    )


@transaction.atomic
def admitir_reclamo(reclamo: Reclamo, *, por, observacion: str = "") -> Reclamo:
    """Admits the claim (T10) and moves it to the path of its designation method (T12a, T13a)."""
    transicionar(reclamo, "admitir", por=por, datos={"observacion": observacion})
    if reclamo.metodo_designacion == MetodoDesignacion.SORTEO:
        transicionar(reclamo, "esperar_turno", por=por)
    elif reclamo.metodo_designacion == MetodoDesignacion.ACUERDO:
        transicionar(
            reclamo,
            "esperar_documento_autonomo",
            por=por,
            datos={"plazos_desde": fecha_de_notificacion(reclamo)},
        )
    avisos.admision(reclamo)
    return reclamo


@transaction.atomic
def requerir_acreditacion(reclamo: Reclamo, *, por, requerimiento: str) -> Reclamo:
    """Asks the consumer to prove points within AR-01 (10 business days) (T4)."""
    transicionar(
        reclamo,
        "requerir",
        por=por,
        datos={
            "requerimiento": requerimiento.strip(),
            "plazos_desde": fecha_de_notificacion(reclamo),
        },
    )
    avisos.requerimiento(reclamo, texto=requerimiento.strip())
    return reclamo


@transaction.atomic
def responder_requerimiento(reclamo: Reclamo, *, por, respuesta: str, archivos=()) -> Reclamo:
    """The consumer answers by uploading documents: the claim returns to the queue (T5)."""
    from documentos.services import guardar_subida

    if not archivos and not respuesta.strip():
        raise DatosInvalidos(
            "Adjuntá la documentación pedida o escribí tu respuesta.",
            campos={"archivos": ["Obligatorio."]},
        )
    subidos = [guardar_subida(a, por=por, sujeto=reclamo) for a in archivos]
    transicionar(
        reclamo,
        "responder_requerimiento",
        por=por,
        datos={
            "respuesta": respuesta.strip(),
            "archivos": [s.pk for s in subidos],
        },
    )
    return reclamo


def _recursos_disponibles(reclamo: Reclamo) -> list[dict]:
    regimen = reclamo.regimen
    return [
        {
            "clave": k,
            "nombre": v["nombre"],
            "plazo": regimen.codigo_de(v["papel"]),
            "ante": v["ante"],
        }
        for k, v in RECURSOS.items()
        if regimen.tiene(v["papel"])
    ]


def requerimiento_vencido(reclamo: Reclamo) -> bool:
    """The requirement's proof term expired unanswered: staff may confirm the non-admission
    (Q18)."""
    from plazos.models import Plazo
    from plazos.selectors import plazos_de

    if reclamo.estado != Estado.REQUERIMIENTO:
        return False
    tipo = reclamo.regimen.codigo_de(Papel.ACREDITACION)
    ultimo = plazos_de(reclamo).filter(tipo=tipo).first()
    return ultimo is not None and ultimo.estado == Plazo.Estado.VENCIDO


@transaction.atomic
def inadmitir_reclamo(reclamo: Reclamo, *, por, motivos: str, por_silencio=False) -> Reclamo:
    """Rejects the claim with reasons; the notice names the remedies and their terms (T6, T7).
    `por_silencio`: staff confirm the non-admission after AR-01 expired (Q18), never before."""
    if por_silencio and not requerimiento_vencido(reclamo):
        raise ConflictoDeEstado(
            "El plazo para acreditar lo requerido (AR-01) no venció: la no admisión por falta "
            "de respuesta se confirma recién después del vencimiento.",
            codigo="plazo_running",
        )
    accion = "inadmitir_por_silencio" if por_silencio else "inadmitir"
    transicionar(
        reclamo,
        accion,
        por=por,
        datos={
            "motivos": motivos.strip(),
            "recursos": _recursos_disponibles(reclamo),
            "plazos_desde": fecha_de_notificacion(reclamo),
        },
    )
    avisos.inadmision(reclamo, motivos=motivos.strip(), recursos=_recursos_disponibles(reclamo))
    return reclamo


@transaction.atomic
def recurrir_inadmision(reclamo: Reclamo, *, por, tipo: str, fundamentos: str) -> Reclamo:
    """The consumer appeals (T8): limitation periods are suspended while it is pending."""
    if tipo not in RECURSOS:
        raise DatosInvalidos("Elegí reconsideración o jerárquico.", campos={"tipo": ["Inválido."]})
    if not fundamentos.strip():
        raise DatosInvalidos("Explicá por qué recurrís.", campos={"fundamentos": ["Obligatorio."]})
    transicionar(reclamo, "recurrir", por=por, datos={"tipo": tipo, "fundamentos": fundamentos})
    return reclamo


def recurso_pendiente(reclamo: Reclamo) -> dict | None:
    """The pending appeal's data, from the expediente."""
    if reclamo.estado != Estado.RECURSO_EN_TRAMITE:
        return None
    ultima = reclamo.actuaciones.filter(codigo="reclamo.recurso_interpuesto").last()
    return ultima.datos if ultima else None


@transaction.atomic
def decidir_recurso(reclamo: Reclamo, *, por, admitido: bool, fundamentos: str) -> Reclamo:
    """Decided by the office the remedy goes to (T9)."""
    pendiente = recurso_pendiente(reclamo)
    if pendiente is None:
        raise ConflictoDeEstado("No hay un recurso en trámite.")
    if por.rol not in RECURSOS[pendiente["tipo"]]["decide"]:
        raise AccesoDenegado(f"Este recurso lo decide {RECURSOS[pendiente['tipo']]['ante']}.")
    if not fundamentos.strip():
        raise DatosInvalidos("Fundá la decisión.", campos={"fundamentos": ["Obligatorio."]})
    accion = "admitir_recurso" if admitido else "rechazar_recurso"
    transicionar(reclamo, accion, por=por, datos={"fundamentos": fundamentos})
    avisos.recurso_decidido(reclamo, admitido=admitido, fundamentos=fundamentos)
    if admitido and reclamo.metodo_designacion == MetodoDesignacion.SORTEO:
        transicionar(reclamo, "esperar_turno", por=por)
    elif admitido and reclamo.metodo_designacion == MetodoDesignacion.ACUERDO:
        transicionar(
            reclamo,
            "esperar_documento_autonomo",
            por=por,
            datos={"plazos_desde": fecha_de_notificacion(reclamo)},
        )
    return reclamo


@transaction.atomic
def suspender_por_tope(reclamo: Reclamo, *, por, motivo: str) -> Pausa:
    """Over the cap found later (art. 2): the procedure is suspended until staff decide."""
    from plazos.services import suspender_plazos

    if reclamo.estado in {Estado.BORRADOR, Estado.ARCHIVADO, Estado.DESISTIDO}:
        raise ConflictoDeEstado("Este reclamo no admite la suspensión.")
    if reclamo.pausas.filter(tipo=Pausa.Tipo.LIMITE_EN_REVISION, hasta__isnull=True).exists():
        raise ConflictoDeEstado("Ya hay una revisión del tope en curso.")
    pausa = Pausa.objects.create(
        reclamo=reclamo, tipo=Pausa.Tipo.LIMITE_EN_REVISION, motivo=motivo, abierta_por=por
    )
    suspender_plazos(sujeto=reclamo, desde=hoy_en(reclamo), motivo=motivo, por=por)
    expediente.pausa_abierta(reclamo, por=por, tipo=pausa.tipo, motivo=motivo)
    # Downstream apps react (audiencias: no hearing is held meanwhile; notices).
    ejecutar_hooks("suspender_por_tope", reclamo, por=por, datos={"motivo": motivo})
    return pausa


@transaction.atomic
def resolver_tope(reclamo: Reclamo, *, por, continuar: bool, fundamentos: str) -> Reclamo:
    """Staff decide whether the procedure continues or closes (T29)."""
    from plazos.services import reanudar_plazos

    if por.rol not in {Rol.ADMISION, Rol.ADMINISTRADOR}:
        raise AccesoDenegado("Solo el personal de admisión decide sobre el tope.")
    # The open review is locked: of two staff members deciding at once, the second finds it
    # already closed and is refused instead of writing a second decision.
    pausa = (
        reclamo.pausas.select_for_update()
        .filter(tipo=Pausa.Tipo.LIMITE_EN_REVISION, hasta__isnull=True)
        .first()
    )
    if pausa is None:
        raise ConflictoDeEstado("No hay una revisión del tope en curso.")
    pausa.hasta, pausa.cerrada_por, pausa.resolucion = timezone.now(), por, fundamentos
    pausa.save(update_fields=["hasta", "cerrada_por", "resolucion"])
    expediente.pausa_cerrada(reclamo, por=por, tipo=pausa.tipo, resolucion=fundamentos)
    if continuar:
        reanudar_plazos(sujeto=reclamo, hasta=hoy_en(reclamo), por=por)
    else:
        transicionar(reclamo, "cerrar_por_tope", por=por, datos={"fundamentos": fundamentos})
    ejecutar_hooks(
        "resolver_tope",
        reclamo,
        por=por,
        datos={"continuar": continuar, "fundamentos": fundamentos},
    )
    return reclamo


@transaction.atomic
def desistir_reclamo(reclamo: Reclamo, *, por) -> Reclamo:
    """The consumer withdraws (T12c, T12d); the expediente records who."""
    transicionar(reclamo, "desistir", por=por, datos={"quien": por.email})
    avisos.desistimiento(reclamo)
    return reclamo
