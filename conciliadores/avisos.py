"""Notices of conciliadores' acts. Called by services inside their transaction; notificaciones
sends them after commit (templates under templates/correo/conciliadores/)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cuentas.models import Usuario
from cuentas.roles import Rol
from reclamos.models import MetodoDesignacion, Reclamo


def _encolar(*, plantilla: str, asunto: str, contexto: dict, sujeto=None, **destino):
    from notificaciones.services import encolar_notificacion

    return encolar_notificacion(
        plantilla=f"conciliadores/{plantilla}",
        asunto=asunto,
        contexto=contexto,
        sujeto=sujeto,
        **destino,
    )


def _del_reclamo(reclamo: Reclamo, **extra) -> dict:
    return {
        "numero": reclamo.numero,
        "metodo": reclamo.get_metodo_designacion_display(),
        "url": reverse("reclamos:detalle", args=[reclamo.pk]),
        "es_sorteo": reclamo.metodo_designacion == MetodoDesignacion.SORTEO,
        **extra,
    }


def _datos_conciliador(conciliador) -> dict:
    return {
        "nombre": conciliador.nombre,
        "matricula": conciliador.matricula,
        "email": conciliador.email_para_partes,
        "telefono": conciliador.telefono,
        "domicilio": conciliador.domicilio_profesional,
        "modalidades": conciliador.get_modalidades_display(),
    }


def _destinos_de_partes(reclamo: Reclamo) -> list[dict]:
    """The consumer at the e-mail constituted at filing; each provider at its constituted
    electronic domicile, else its designated representative (Decision 3)."""
    destinos = [{"destinatario": reclamo.consumidor, "email": reclamo.consumidor_email or None}]
    from reclamos.services.partes import proveedores_de

    for proveedor in proveedores_de(reclamo):
        email = proveedor.organizacion.domicilio_electronico if proveedor.organizacion else ""
        if email or proveedor.representante:
            destinos.append({"destinatario": proveedor.representante, "email": email or None})
    return destinos


def designacion(reclamo: Reclamo, designacion) -> None:
    """The conciliator and every party are told, in one INSERT of the act's notices."""
    from notificaciones.services import encolar_notificaciones

    conciliador = designacion.conciliador
    avisos = [
        {
            "destinatario": conciliador.usuario,
            "plantilla": "conciliadores/designado",
            "asunto": f"Designación en el reclamo {reclamo.numero}",
            "contexto": _del_reclamo(
                reclamo,
                notificado_el=f"{designacion.notificado_el:%d/%m/%Y}",
                conciliador=conciliador.nombre,
            ),
            "sujeto": reclamo,
        }
    ]
    for destino in _destinos_de_partes(reclamo):
        avisos.append(
            {
                "plantilla": "conciliadores/datos_conciliador",
                "asunto": f"Conciliador/a designado/a en el reclamo {reclamo.numero}",
                "contexto": _del_reclamo(reclamo, conciliador=_datos_conciliador(conciliador)),
                "sujeto": reclamo,
                **destino,
            }
        )
    encolar_notificaciones(avisos)


def propuesta(reclamo: Reclamo, propuesta) -> None:
    _encolar(
        destinatario=propuesta.conciliador.usuario,
        plantilla="propuesta",
        asunto=f"Te propusieron como conciliador/a en el reclamo {reclamo.numero}",
        contexto=_del_reclamo(
            reclamo,
            notificado_el=f"{propuesta.notificado_el:%d/%m/%Y}",
            url_respuesta=reverse("conciliadores:propuesta", args=[propuesta.pk]),
        ),
        sujeto=reclamo,
    )


def propuesta_rechazada(reclamo: Reclamo, propuesta) -> None:
    _encolar(
        destinatario=reclamo.consumidor,
        email=reclamo.consumidor_email or None,
        plantilla="propuesta_rechazada",
        asunto=f"El conciliador propuesto no aceptó (reclamo {reclamo.numero})",
        contexto=_del_reclamo(reclamo, conciliador=propuesta.conciliador.nombre),
        sujeto=reclamo,
    )


def documento_observado(reclamo: Reclamo, documento) -> None:
    _encolar(
        destinatario=reclamo.consumidor,
        email=reclamo.consumidor_email or None,
        plantilla="documento_observado",
        asunto=f"Observamos el documento de designación (reclamo {reclamo.numero})",
        contexto=_del_reclamo(reclamo, observacion=documento.observacion),
        sujeto=reclamo,
    )


def recusacion_presentada(reclamo: Reclamo, recusacion) -> None:
    _encolar(
        destinatario=recusacion.conciliador.usuario,
        plantilla="recusacion",
        asunto=f"Recusación en el reclamo {reclamo.numero}",
        contexto=_del_reclamo(
            reclamo,
            causal=recusacion.get_causal_display(),
            fundamento=recusacion.fundamento,
            url_respuesta=reverse("conciliadores:responder_recusacion", args=[recusacion.pk]),
        ),
        sujeto=reclamo,
    )


def recusacion_decidida(reclamo: Reclamo, recusacion) -> None:
    contexto = _del_reclamo(
        reclamo,
        estado=recusacion.get_estado_display().lower(),
        fundamentos=recusacion.decision_fundamentos,
        conciliador=recusacion.conciliador.nombre,
    )
    destinos = [*_destinos_de_partes(reclamo), {"destinatario": recusacion.conciliador.usuario}]
    for destino in destinos:
        _encolar(
            plantilla="recusacion_decidida",
            asunto=f"Se resolvió la recusación (reclamo {reclamo.numero})",
            contexto=contexto,
            sujeto=reclamo,
            **destino,
        )


def excusacion(reclamo: Reclamo, excusacion) -> None:
    for destino in _destinos_de_partes(reclamo):
        _encolar(
            plantilla="excusacion",
            asunto=f"El conciliador se excusó (reclamo {reclamo.numero})",
            contexto=_del_reclamo(reclamo, conciliador=excusacion.conciliador.nombre),
            sujeto=reclamo,
            **destino,
        )


def licencia_decidida(licencia) -> None:
    _encolar(
        destinatario=licencia.conciliador.usuario,
        plantilla="licencia_decidida",
        asunto="Tu pedido de licencia fue resuelto",
        contexto={
            "desde": f"{licencia.desde:%d/%m/%Y}",
            "hasta": f"{licencia.hasta:%d/%m/%Y}",
            "estado": licencia.get_estado_display().lower(),
            "observacion": licencia.observacion,
            "url": reverse("conciliadores:mi_perfil"),
        },
        sujeto=licencia.conciliador,
    )


def exceso_de_rechazos(conciliador, *, anio: int, cantidad: int) -> None:
    """D202-II.4 g: more than 3 unjustified refusals in the calendar year is a suspension
    ground; the registry staff are told (the sanction itself is the Ministry's decision)."""
    for usuario in Usuario.objects.filter(rol=Rol.REGISTRO, is_active=True):
        _encolar(
            destinatario=usuario,
            plantilla="exceso_rechazos",
            asunto=f"Rechazos sin causa: {conciliador} ({cantidad} en {anio})",
            contexto={
                "conciliador": str(conciliador),
                "anio": anio,
                "cantidad": cantidad,
                "url": reverse("conciliadores:ficha", args=[conciliador.pk]),
            },
            sujeto=conciliador,
        )


def elegir_nuevo_turno(reclamo: Reclamo) -> None:
    """Method a after a change of conciliator nobody free could take at the booked slot: the
    consumer picks another slot (the hearing's cancellation went with the calendar notice)."""
    _encolar(
        destinatario=reclamo.consumidor,
        email=reclamo.consumidor_email or None,
        plantilla="nuevo_turno",
        asunto=_("Elegí un nuevo turno (reclamo %(n)s)") % {"n": reclamo.numero},
        contexto=_del_reclamo(
            reclamo, url_turnos=reverse("audiencias:elegir_turno", args=[reclamo.pk])
        ),
        sujeto=reclamo,
    )


def sin_conciliadores_elegibles(reclamo: Reclamo) -> None:
    """Registry staff: nobody in the roll can be designated for this claim after a change of
    conciliator (the admission staff see it on "Designaciones de conciliadores")."""
    for usuario in Usuario.objects.filter(rol=Rol.REGISTRO, is_active=True):
        _encolar(
            destinatario=usuario,
            plantilla="sin_elegibles",
            asunto=_("Sin conciliadores habilitados para el reclamo %(n)s") % {"n": reclamo.numero},
            contexto=_del_reclamo(reclamo),
            sujeto=reclamo,
        )


def alerta_disciplinaria(alerta) -> None:
    """AR-D9: a counting window exceeded (D202-II.4 g, II.5 a, c): registry staff are told; the
    case, if any, is theirs to open."""
    for usuario in Usuario.objects.filter(rol=Rol.REGISTRO, is_active=True):
        _encolar(
            destinatario=usuario,
            plantilla="alerta_disciplinaria",
            asunto=f"Anexo II: {alerta.get_causal_display()} — {alerta.conciliador}",
            contexto={
                "conciliador": str(alerta.conciliador),
                "causal": str(alerta.get_causal_display()),
                "cantidad": alerta.cantidad,
                "desde": f"{alerta.ventana_desde:%d/%m/%Y}",
                "hasta": f"{alerta.ventana_hasta:%d/%m/%Y}",
                "url": reverse("conciliadores:disciplina"),
            },
            sujeto=alerta.conciliador,
        )
