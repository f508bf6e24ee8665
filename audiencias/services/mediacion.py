"""Hearings convened and conducted by the agency's official: the conciliation of a Reclama
Virtual-style claim (S001 "audiencias virtuales convocadas por el Indecopi"; DOMAIN §2.7).

The claim's régimen decides everything here (Regimen.audiencias): who conducts the hearing (the
official who convened it), the wording of its invitations, the outcomes that exist and the act of
the claim's own transition table each one leads to. None of COPREC's hearing applies: no art. 10
cédula with transcribed texts nor its 3-day rule, no powers checked at the hearing (a company's
powers to represent and to conciliate were reviewed when it registered in the platform), no
fines, no fees.

- crear_audiencia_convocada: the transition hook on "convocar_audiencia" (reclamos cannot import
  audiencias) creates the Audiencia and sends the calendar invitations.
- celebrar_audiencia: the official records who attended and the outcome; the acta is issued and
  the claim moves by the act the régimen names for that outcome.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audiencias.models import Asistencia, Audiencia
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from conciliadores.models import Modalidad
from normativa.regimenes import ReglasDeAudiencia
from reclamos.estados import tabla
from reclamos.models import Reclamo
from reclamos.services.adhesion import organizacion_habilitada
from reclamos.services.mediacion.partes import avisar, representantes
from reclamos.transiciones import transicionar

FUNCIONARIO = "funcionario"
R = Audiencia.Resultado
TITULOS = {
    R.ACUERDO: gettext_lazy("Acta de conciliación"),
    R.SIN_ACUERDO: gettext_lazy("Acta de conciliación sin acuerdo"),
    R.INCOMPARECENCIA_PROVEEDOR: gettext_lazy("Acta de inasistencia"),
    R.INCOMPARECENCIA_CONSUMIDOR: gettext_lazy("Acta de inasistencia"),
    R.NUEVA_AUDIENCIA: gettext_lazy("Acta de audiencia: cuarto intermedio"),
}
AUSENCIAS = {R.INCOMPARECENCIA_PROVEEDOR, R.INCOMPARECENCIA_CONSUMIDOR}
# Who asked for a cuarto intermedio (DOMAIN-CABA Q5: record it).
PEDIDO_POR = {
    "consumidor": gettext_lazy("la parte denunciante"),
    "proveedor": gettext_lazy("la parte denunciada"),
    "ambas": gettext_lazy("ambas partes"),
    "funcionario": gettext_lazy("quien conduce la audiencia"),
}


def reglas(reclamo: Reclamo) -> ReglasDeAudiencia:
    return reclamo.regimen.audiencias


def la_conduce_un_funcionario(reclamo: Reclamo) -> bool:
    return reglas(reclamo).conduce == FUNCIONARIO


def nombre_del_resultado(reclamo: Reclamo, resultado: str) -> str:
    """The outcome as the régimen words it (Peru: "inasistencia"), else Resultado's label."""
    return reclamo.regimen.textos.get(f"resultado.{resultado}") or str(R(resultado).label)


def resultados_posibles(reclamo: Reclamo) -> list[tuple[str, str]]:
    """(value, label) of the outcomes the claim's régimen defines, in Resultado's order."""
    return [
        (v, nombre_del_resultado(reclamo, v)) for v in R.values if v in reglas(reclamo).resultados
    ]


# --- convening (transition hook) ---------------------------------------------------------------


def verificar_agenda(
    funcionario, inicio: datetime.datetime, duracion: int, *, salvo: Audiencia | None = None
) -> None:
    """The official has no other pending hearing overlapping this time (`salvo`: the one being
    rescheduled)."""
    fin = inicio + datetime.timedelta(minutes=duracion)
    cercanas = Audiencia.objects.filter(
        funcionario=funcionario,
        estado=Audiencia.Estado.FIJADA,
        inicio__lt=fin,
        inicio__gt=inicio - datetime.timedelta(hours=12),
    ).exclude(pk=getattr(salvo, "pk", None))
    if any(a.inicio < fin and inicio < a.fin for a in cercanas):
        raise DatosInvalidos(
            _("Usted ya tiene otra audiencia convocada en ese horario."),
            campos={"inicio": [_("Horario ocupado.")]},
        )


def crear_audiencia_convocada(reclamo: Reclamo, *, transicion, por, datos: dict) -> None:
    """Hook on "convocar_audiencia", inside the act's transaction: the video hearing conducted
    by the convening official, and its calendar invitation to every participant (the notice of
    the hearing in this procedure)."""
    from audiencias.services.cedulas import enviar_invitaciones

    if not la_conduce_un_funcionario(reclamo):
        raise ConflictoDeEstado(_("En este régimen las audiencias no las convoca un funcionario."))
    try:
        inicio = datetime.datetime.fromisoformat(str(datos["inicio"]))
        duracion = int(datos.get("duracion_minutos") or 60)
    except (TypeError, ValueError):
        raise DatosInvalidos(
            _("Indique día y hora de la audiencia."), campos={"inicio": [_("Fecha inválida.")]}
        ) from None
    if timezone.is_naive(inicio):
        raise DatosInvalidos(
            _("Indique día y hora de la audiencia."),
            campos={"inicio": [_("Falta la zona horaria.")]},
        )
    verificar_agenda(por, inicio, duracion)
    orden = (
        reclamo.audiencias.exclude(
            estado__in=[Audiencia.Estado.CANCELADA, Audiencia.Estado.REPROGRAMADA]
        ).count()
        + 1
    )
    try:
        with transaction.atomic():
            audiencia = Audiencia.objects.create(
                reclamo=reclamo,
                funcionario=por,
                orden=orden,
                inicio=inicio,
                duracion_minutos=duracion,
                # An in-person hearing (CABA: at a Comuna) has no link; remote and hybrid
                # ones are video calls for at least one party.
                modalidad=Modalidad.PRESENCIAL
                if datos.get("modalidad") == "presencial"
                else Modalidad.VIDEO,
                enlace_video=datos.get("enlace_video", ""),
                fijada_por=por,
            )
    except IntegrityError:
        raise ConflictoDeEstado(_("El reclamo ya tiene una audiencia pendiente.")) from None
    enviar_invitaciones(audiencia)


def cancelar_al_desistir(reclamo: Reclamo, *, transicion, por, datos: dict) -> None:
    """Hook on "desistir": a pending hearing of a withdrawn claim is called off, and every
    participant's calendar gets the cancellation (same UID, higher SEQUENCE)."""
    from audiencias.services.cedulas import enviar_invitaciones
    from audiencias.services.turnos import marcar_cancelada

    if not la_conduce_un_funcionario(reclamo):
        return
    for audiencia in reclamo.audiencias.select_for_update().filter(estado=Audiencia.Estado.FIJADA):
        marcar_cancelada(audiencia, por=por, motivo=_("El consumidor desistió del reclamo."))
        enviar_invitaciones(audiencia)


# --- holding it --------------------------------------------------------------------------------


def _limpiar_asistencias(reclamo: Reclamo, asistencias: list[dict]) -> dict:
    """{(parte, proveedor id): (comparecio, nombre)} with one row per party, or DatosInvalidos."""
    filas = {}
    for fila in asistencias:
        clave = (fila.get("parte"), fila.get("proveedor"))
        nombre = (fila.get("nombre") or "").strip()
        if fila.get("comparecio") and not nombre:
            raise DatosInvalidos(
                _("Indique el nombre de quien asistió."), campos={"asistencia": [_("Falta.")]}
            )
        filas[clave] = (bool(fila.get("comparecio")), nombre)
    esperadas = [(Asistencia.Parte.CONSUMIDOR, None)] + [
        (Asistencia.Parte.PROVEEDOR, p.pk) for p in reclamo.proveedores.all()
    ]
    if any(clave not in filas for clave in esperadas):
        raise DatosInvalidos(
            _("Registre la asistencia de cada parte."), campos={"asistencia": [_("Falta.")]}
        )
    return {clave: filas[clave] for clave in esperadas}


def _verificar_resultado(resultado: str, filas: dict, texto: str) -> None:
    consumidor = filas[(Asistencia.Parte.CONSUMIDOR, None)][0]
    proveedores = [c for (parte, _pk), (c, _n) in filas.items() if parte != "consumidor"]
    error = None
    if resultado in {R.ACUERDO, R.SIN_ACUERDO, R.NUEVA_AUDIENCIA} and not (
        consumidor and all(proveedores)
    ):
        error = _("Con una parte ausente, el resultado es su inasistencia.")
    elif resultado == R.INCOMPARECENCIA_CONSUMIDOR and consumidor:
        error = _("Registró que el consumidor asistió.")
    elif resultado == R.INCOMPARECENCIA_PROVEEDOR and all(proveedores):
        error = _("Registró que el proveedor asistió.")
    if error:
        raise DatosInvalidos(error, campos={"resultado": [_("No corresponde.")]})
    if resultado == R.ACUERDO and not texto:
        raise DatosInvalidos(
            _("Escriba los términos del acuerdo."), campos={"texto": [_("Obligatorio.")]}
        )


def _verificar_tolerancia(audiencia: Audiencia, reclamo: Reclamo, resultado: str) -> None:
    """An absence is recorded only once the régimen's tolerance passed (CABA-05: 30 minutes),
    for every hearing of the claim, a cuarto intermedio's continuation included."""
    minutos = reglas(reclamo).tolerancia_minutos
    desde = audiencia.inicio + datetime.timedelta(minutes=minutos)
    if resultado in AUSENCIAS and minutos and timezone.now() < desde:
        hora = desde.astimezone(ZoneInfo(reclamo.regimen.zona_horaria))
        raise ConflictoDeEstado(
            _("Hay %(n)s minutos de tolerancia: la ausencia se registra desde las %(h)s.")
            % {"n": minutos, "h": f"{hora:%H:%M}"}
        )


def _verificar_continuacion(
    audiencia: Audiencia, reclamo: Reclamo, continuacion
) -> datetime.datetime:
    """A cuarto intermedio's continuation: a later business day of the régimen's calendar,
    within its hearing hours, free in the same official's agenda."""
    from normativa.calendarios import calendario

    if not isinstance(continuacion, datetime.datetime) or timezone.is_naive(continuacion):
        raise DatosInvalidos(
            _("Falta el día y la hora en que continúa la audiencia."),
            campos={"continuacion": [_("Fecha inválida.")]},
        )
    regimen = reclamo.regimen
    local = continuacion.astimezone(ZoneInfo(regimen.zona_horaria))
    if continuacion <= timezone.now():
        raise DatosInvalidos(
            _("La audiencia tiene que continuar en una fecha posterior."),
            campos={"continuacion": [_("Pasada.")]},
        )
    cal = calendario(regimen.calendario_por_defecto)
    if not cal.es_habil(local.date()):
        raise DatosInvalidos(
            _("El %(f)s no es día hábil (%(m)s).")
            % {"f": f"{local:%d/%m/%Y}", "m": cal.motivo(local.date()) or _("fin de semana")},
            campos={"continuacion": [_("No es día hábil.")]},
        )
    desde, hasta = reglas(reclamo).horario_desde, reglas(reclamo).horario_hasta
    if desde is not None and hasta is not None and not desde <= local.time() < hasta:
        raise DatosInvalidos(
            _("La audiencia tiene que continuar en el horario de atención, de %(d)s a %(h)s.")
            % {"d": f"{desde:%H:%M}", "h": f"{hasta:%H:%M}"},
            campos={"continuacion": [_("Fuera del horario de atención.")]},
        )
    verificar_agenda(
        audiencia.funcionario, continuacion, audiencia.duracion_minutos, salvo=audiencia
    )
    return continuacion


def _crear_continuacion(audiencia: Audiencia, inicio: datetime.datetime, por) -> Audiencia:
    """The continuation is a hearing of its own (same official, mode and link), so everything
    about a fixed hearing (tolerance, absences, reminders, the acta) applies to it."""
    return Audiencia.objects.create(
        reclamo=audiencia.reclamo,
        funcionario=audiencia.funcionario,
        orden=audiencia.orden + 1,
        inicio=inicio,
        duracion_minutos=audiencia.duracion_minutos,
        modalidad=audiencia.modalidad,
        lugar=audiencia.lugar,
        oficina=audiencia.oficina,
        enlace_video=audiencia.enlace_video,
        fijada_por=por,
    )


def _guardar_asistencias(audiencia: Audiencia, filas: dict) -> None:
    for (parte, proveedor_id), (comparecio, nombre) in filas.items():
        Asistencia.objects.update_or_create(
            audiencia=audiencia,
            parte=parte,
            proveedor_id=proveedor_id,
            defaults={
                "comparecio": comparecio,
                "nombre": nombre if comparecio else "",
                "modo": Modalidad.VIDEO if comparecio else "",
            },
        )


def _snapshot_acta(
    audiencia: Audiencia, reclamo: Reclamo, filas: dict, texto: str, continuacion=None
) -> dict:
    regimen = reclamo.regimen
    cuando = audiencia.inicio.astimezone(ZoneInfo(regimen.zona_horaria))
    proveedores = list(reclamo.proveedores.select_related("organizacion"))
    nombres = {p.pk: p.razon_social for p in proveedores}
    consumidor = f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip()
    return {
        "audiencia_id": audiencia.pk,
        "titulo": str(TITULOS[audiencia.resultado]),
        "reclamo_numero": reclamo.numero,
        "agencia": regimen.texto("agencia"),
        "plataforma": regimen.texto("plataforma"),
        "audiencia": {
            "orden": audiencia.orden,
            "fecha": f"{cuando:%d/%m/%Y}",
            "hora": f"{cuando:%H:%M}",
            "zona": regimen.texto("hora_oficial"),
            "modalidad": audiencia.get_modalidad_display(),
            "enlace": audiencia.enlace_video,
        },
        "funcionario": audiencia.nombre_de_quien_conduce,
        "cargo": regimen.texto("funcionario"),
        "consumidor": consumidor,
        "pedido": reclamo.objeto,
        "proveedores": [
            {
                "nombre": f"{p.razon_social} ({regimen.texto('id_proveedor')} {p.identificador})",
                "facultades": organizacion_habilitada(p.organizacion),
            }
            for p in proveedores
        ],
        "asistentes": [
            {
                "parte": _("Consumidor/a: %(n)s") % {"n": consumidor}
                if parte == Asistencia.Parte.CONSUMIDOR
                else _("Proveedor: %(n)s") % {"n": nombres[pk]},
                "comparecio": comparecio,
                "nombre": nombre,
            }
            for (parte, pk), (comparecio, nombre) in filas.items()
        ],
        "resultado": audiencia.resultado,
        "resultado_nombre": nombre_del_resultado(reclamo, audiencia.resultado),
        "texto": texto,
        "continuacion": _fecha_local(reclamo, continuacion) if continuacion else "",
    }


def _fecha_local(reclamo: Reclamo, momento: datetime.datetime) -> str:
    return f"{momento.astimezone(ZoneInfo(reclamo.regimen.zona_horaria)):%d/%m/%Y %H:%M}"


def _abrir(audiencia: Audiencia, por) -> tuple[Audiencia, Reclamo]:
    audiencia = (
        Audiencia.objects.select_for_update(of=("self",))
        .select_related("reclamo", "funcionario")
        .get(pk=audiencia.pk)
    )
    reclamo = Reclamo.objects.select_for_update().get(pk=audiencia.reclamo_id)
    if audiencia.funcionario_id is None or audiencia.funcionario_id != getattr(por, "pk", None):
        raise AccesoDenegado(
            _("Solo el funcionario que conduce la audiencia registra lo ocurrido.")
        )
    if audiencia.estado != Audiencia.Estado.FIJADA:
        raise ConflictoDeEstado(_("El resultado de esta audiencia ya fue registrado."))
    if timezone.now() < audiencia.inicio:
        raise ConflictoDeEstado(_("La audiencia todavía no empezó."))
    return audiencia, reclamo


@transaction.atomic
def celebrar_audiencia(
    audiencia: Audiencia,
    *,
    por,
    asistencias: list[dict],
    resultado: str,
    texto: str = "",
    continuacion: datetime.datetime | None = None,
    pedido_por: str = "",
):
    """The conducting official records who attended (one row per party: parte, proveedor,
    comparecio, nombre) and the outcome; the acta is issued as a document and the claim moves by
    the act Regimen.audiencias.resultados names (conciliar / concluir_sin_acuerdo). A cuarto
    intermedio (nueva_audiencia, where the régimen has it) needs `continuacion` and who asked for
    it (`pedido_por`, a key of PEDIDO_POR): the same official's hearing continues then, and
    every participant is sent the new date. Returns the acta."""
    from audiencias.services.cedulas import enviar_invitaciones
    from documentos.services import emitir_documento

    audiencia, reclamo = _abrir(audiencia, por)
    acto = reglas(reclamo).resultados.get(resultado)
    if acto is None:
        raise DatosInvalidos(_("Elija el resultado."), campos={"resultado": [_("Inválido.")]})
    texto = (texto or "").strip()
    filas = _limpiar_asistencias(reclamo, asistencias)
    _verificar_resultado(resultado, filas, texto)
    _verificar_tolerancia(audiencia, reclamo, resultado)
    if resultado == R.NUEVA_AUDIENCIA:
        continuacion = _verificar_continuacion(audiencia, reclamo, continuacion)
        if pedido_por not in PEDIDO_POR:
            raise DatosInvalidos(
                _("Indique quién pidió el cuarto intermedio."),
                campos={"pedido_por": [_("Obligatorio.")]},
            )
    else:
        continuacion, pedido_por = None, ""
    _guardar_asistencias(audiencia, filas)
    audiencia.resultado = resultado
    audiencia.estado = Audiencia.Estado.CELEBRADA
    audiencia.celebrada_en = timezone.now()
    audiencia.observaciones = texto
    audiencia.save(update_fields=["resultado", "estado", "celebrada_en", "observaciones"])
    acta = emitir_documento(
        tipo="acta_audiencia",
        plantilla=reglas(reclamo).acta,
        snapshot={
            **_snapshot_acta(audiencia, reclamo, filas, texto, continuacion),
            "pedido_por": str(PEDIDO_POR[pedido_por]) if pedido_por else "",
        },
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=f"{TITULOS[resultado]} — {reclamo.numero}",
    )
    fila = tabla(reclamo.regimen_codigo)[acto]
    nombre = nombre_del_resultado(reclamo, resultado)
    siguiente = _crear_continuacion(audiencia, continuacion, por) if continuacion else None
    extra = (
        {
            "continuacion": _fecha_local(reclamo, continuacion),
            "audiencia_siguiente": siguiente.pk,
            "pedido_por": pedido_por,
            "texto": f"{fila.texto}: {_fecha_local(reclamo, continuacion)} "
            f"(acta {acta.numero_visible})",
        }
        if siguiente
        else {}
    )
    transicionar(
        reclamo,
        acto,
        por=por,
        datos={
            "acta": acta.numero_visible,
            "documento": acta.pk,
            "audiencia": audiencia.pk,
            "resultado": nombre,
            "texto": (fila.texto if resultado == R.ACUERDO else f"{fila.texto}: {nombre.lower()}")
            + f" (acta {acta.numero_visible})",
            **extra,
        },
    )
    if siguiente is not None:
        enviar_invitaciones(siguiente, cuarto_intermedio=True)
    avisar(
        reclamo,
        [reclamo.consumidor, *representantes(reclamo)],
        "acta",
        _("Acta de la audiencia"),
        acuerdo=resultado == R.ACUERDO,
    )
    return acta


def acta_de(audiencia: Audiencia):
    """The current acta of a hearing an official conducted (None before the outcome): the one
    no later issue replaced, i.e. the signed version once every attending party signed
    (audiencias.services.mediacion_firmas)."""
    from documentos.selectors import documentos_de

    return (
        documentos_de(audiencia.reclamo)
        .filter(tipo="acta_audiencia", snapshot__audiencia_id=audiencia.pk, reemplazos__isnull=True)
        .select_related("reemplaza")
        .last()
    )
