"""Fixing hearings: the consumer's "Elegir Turno" (method a), the designated conciliator fixing
one (methods b/c and every later hearing), rescheduling and cancelling (T12b, T16, T16b).

No double booking, ever: the claim row and the candidate conciliators' rows are locked, the
slot is re-checked after the lock, and the partial unique indexes on Audiencia back it up; a
loser gets ConflictoDeEstado("Ese turno acaba de ser tomado; elegí otro.") — 409 in the API,
the refreshed list in the browser — and nothing of its transaction survives (not even the draw).
"""

from __future__ import annotations

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from audiencias import anticipacion, disponibilidad, expediente
from audiencias.models import Audiencia
from audiencias.services.suspensiones import exigir_sin_recusacion
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from conciliacion.trabajos import un_mensaje_por_acto
from conciliadores.models import Conciliador, Modalidad
from normativa.calendarios import una_version_por_operacion
from notificaciones.domicilios import una_lectura_de_domicilios_por_operacion
from reclamos.estados import Estado
from reclamos.expediente import _registrar
from reclamos.models import MetodoDesignacion, Reclamo, ReclamoProveedor
from reclamos.services.acumulacion import exigir_no_seguidor, recordar_membresia, seguidores_de
from reclamos.transiciones import hoy_en, transicionar

TURNO_TOMADO = _("Ese turno acaba de ser tomado; elegí otro.")
CUALQUIERA = disponibilidad.CUALQUIERA


class TurnoTomado(ConflictoDeEstado):
    codigo = "slot_taken"


def _enlace_video(audiencia_uid) -> str:
    base = getattr(
        settings, "AUDIENCIAS_VIDEO_URL_BASE", "https://video.conciliacion.example/sala/"
    )
    return f"{base}{audiencia_uid}"


def _despues_de_fijar(audiencia: Audiencia, *, por) -> None:
    """The cédulas and the calendar invites of a new hearing (audiencias.services.cedulas)."""
    try:
        from audiencias.services import cedulas
    except ImportError:  # pragma: no cover - the notices part is built separately
        return
    if hasattr(cedulas, "emitir_cedulas"):
        cedulas.emitir_cedulas(audiencia, por=por)
    if hasattr(cedulas, "enviar_invitaciones"):
        cedulas.enviar_invitaciones(audiencia)


def _datos_del_acto(audiencia: Audiencia) -> dict:
    zona = ZoneInfo(audiencia.reclamo.regimen.zona_horaria)
    return {
        "audiencia": audiencia.pk,
        "orden": audiencia.orden,
        "fecha": f"{audiencia.inicio.astimezone(zona):%d/%m/%Y %H:%M}",
        "modalidad": audiencia.get_modalidad_display(),
        "lugar": audiencia.lugar,
        "fuera_de_plazo": audiencia.fuera_de_plazo,
    }


def _crear(
    reclamo: Reclamo,
    *,
    conciliador,
    franja_inicio,
    duracion,
    modalidad,
    lugar,
    enlace,
    por,
    fuera_de_plazo=False,
    reemplaza=None,
    oficina_id=None,
    conjunta_con=None,
    punto_de_guardado=True,
) -> Audiencia:
    """`punto_de_guardado` False: the caller's transaction is abandoned on a taken slot (the
    insert needs no savepoint of its own to turn into TurnoTomado)."""
    orden = (
        reclamo.audiencias.exclude(
            estado__in=[Audiencia.Estado.CANCELADA, Audiencia.Estado.REPROGRAMADA]
        ).count()
        + 1
    )
    uid = uuid.uuid4()
    if modalidad == Modalidad.VIDEO and not enlace:
        enlace = _enlace_video(uid)
    try:
        with transaction.atomic(savepoint=punto_de_guardado):
            return Audiencia.objects.create(
                reclamo=reclamo,
                conciliador=conciliador,
                orden=orden,
                inicio=franja_inicio,
                duracion_minutos=duracion,
                modalidad=modalidad,
                lugar=lugar,
                oficina_id=oficina_id if modalidad == Modalidad.PRESENCIAL else None,
                enlace_video=enlace,
                fuera_de_plazo=fuera_de_plazo,
                fijada_por=por,
                uid_ics=uid,
                reemplaza=reemplaza,
                conjunta_con=conjunta_con,
            )
    except IntegrityError:
        raise TurnoTomado(TURNO_TOMADO) from None


def _verificar_anticipacion(reclamo: Reclamo, inicio: datetime.datetime) -> None:
    zona = ZoneInfo(reclamo.regimen.zona_horaria)
    primera = anticipacion.primera_fecha_de_audiencia(reclamo, hoy=hoy_en(reclamo))
    if inicio.astimezone(zona).date() < primera:
        raise DatosInvalidos(
            _(
                "La audiencia debe fijarse desde el %(f)s: la notificación tiene que llegar a "
                "cada parte, el consumidor y cada proveedor, al menos 3 días hábiles antes "
                "(art. 10)."
            )
            % {"f": f"{primera:%d/%m/%Y}"},
            campos={"inicio": [_("Muy próxima para notificar a tiempo.")]},
        )


def elegir_turno(
    reclamo: Reclamo,
    *,
    inicio: datetime.datetime,
    modalidad: str | None = None,
    sede=disponibilidad.CUALQUIERA,
    por,
) -> Audiencia:
    """Method a: the consumer picks a slot; the conciliator is drawn among those free at it and
    the hearing is fixed, all in one transaction (Decision 10). `sede`: the agency office of an
    in-person slot (None: at the conciliators' own offices; omitted: the first slot offered at
    that time and mode)."""
    try:
        with (
            transaction.atomic(),
            una_version_por_operacion(),
            una_lectura_de_domicilios_por_operacion(),
            un_mensaje_por_acto(),
        ):
            return _elegir_turno(reclamo, inicio=inicio, modalidad=modalidad, sede=sede, por=por)
    except IntegrityError:
        raise TurnoTomado(TURNO_TOMADO) from None


def _elegir_turno(reclamo, *, inicio, modalidad, sede, por) -> Audiencia:
    from conciliadores.elegibilidad import apartados_de
    from conciliadores.services.sorteo import SinConciliadoresDisponibles, sortear_conciliador

    reclamo = (
        Reclamo.objects.select_for_update(of=("self",))
        .select_related("consumidor")
        .get(pk=reclamo.pk)
    )
    # The claim's pauses, read once under its lock for every check of this act (a pending
    # recusación, the over-cap review): pauses are opened by acts that lock the claim too.
    # Its providers (with organisation and representative) too, for the slot check, the
    # notices and the cédulas.
    prefetch_related_objects(
        [reclamo],
        "pausas",
        Prefetch(
            "proveedores",
            queryset=ReclamoProveedor.objects.select_related("organizacion", "representante"),
        ),
    )
    # A claim that follows its lead (D202-I.2) is refused by the designation, in this same
    # transaction; the hearing then knows the claim's membership without reading it again.
    if reclamo.metodo_designacion != MetodoDesignacion.SORTEO:
        raise ConflictoDeEstado(_("En este reclamo la audiencia la fija el conciliador designado."))
    if reclamo.estado != Estado.ESPERA_TURNO:
        raise ConflictoDeEstado(_("Este reclamo no está esperando que elijas un turno."))
    if por is not None and por.pk != reclamo.consumidor_id and por.rol == "consumidor":
        raise AccesoDenegado(_("Solo quien presentó el reclamo elige el turno."))
    exigir_sin_recusacion(reclamo)
    # Who stepped aside from the claim, read once under its lock for the slot check and the
    # draw (decision 0045): it changes only when a designation of the claim is excused, recused,
    # declined or ended by a sanction, and a claim waiting for its slot has none (the draw
    # checks it).
    apartados = apartados_de(reclamo)
    turno = disponibilidad.turno_en(
        reclamo,
        inicio=inicio,
        ahora=timezone.now(),
        modalidad=modalidad,
        sede=sede,
        apartados=apartados,
    )
    if turno is None:
        raise TurnoTomado(TURNO_TOMADO)
    # Lock only the conciliators free at this slot (in pk order, so two bookings never wait on
    # each other crosswise), then re-check them all at once: a concurrent booking that
    # committed meanwhile is visible now. Bookings of other conciliators are not held back.
    ids = sorted({f.conciliador_id for f in turno.libres})
    bloqueados = list(Conciliador.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    franjas = {}
    for franja in disponibilidad.libres_en(
        [c.pk for c in bloqueados],
        inicio=turno.inicio,
        zona=ZoneInfo(reclamo.regimen.zona_horaria),
        modalidad=turno.modalidad,
        sede=turno.oficina_id if turno.modalidad == Modalidad.PRESENCIAL else CUALQUIERA,
    ):
        franjas.setdefault(franja.conciliador_id, franja)
    if not franjas:
        raise TurnoTomado(TURNO_TOMADO)
    try:
        # The draw works on this locked instance (not read again) and recomputes eligibility
        # under the locks: that is the guarantee. The instance follows the state change.
        designacion = sortear_conciliador(
            reclamo,
            candidatos=[c for c in bloqueados if c.pk in franjas],
            por=por,
            momento=turno.inicio,
            bloqueado=True,
            apartados=apartados,
        )
    except SinConciliadoresDisponibles:
        raise TurnoTomado(TURNO_TOMADO) from None
    franja = franjas[designacion.conciliador_id]
    recordar_membresia(designacion.reclamo, reclamo)
    audiencia = _crear(
        reclamo,
        conciliador=designacion.conciliador,
        franja_inicio=franja.inicio,
        duracion=franja.duracion_minutos,
        modalidad=franja.modalidad,
        lugar=franja.lugar,
        enlace="",
        por=por,
        fuera_de_plazo=not turno.dentro_de_plazo,
        oficina_id=franja.sede,
        punto_de_guardado=False,
    )
    transicionar(
        reclamo,
        "fijar_audiencia",
        por=por,
        datos=_datos_del_acto(audiencia),
        punto_de_guardado=False,
    )
    _despues_de_fijar(audiencia, por=por)
    fijar_conjuntas(audiencia, por=por)
    return audiencia


def _designado(reclamo: Reclamo):
    designacion = reclamo.designaciones.filter(activa=True).select_related("conciliador").first()
    if designacion is None:
        raise ConflictoDeEstado(_("El reclamo no tiene conciliador designado."))
    return designacion.conciliador


def _verificar_agenda_libre(conciliador, inicio: datetime.datetime, duracion: int) -> None:
    fin = inicio + datetime.timedelta(minutes=duracion)
    mismas_horas = Audiencia.objects.filter(
        conciliador=conciliador,
        estado=Audiencia.Estado.FIJADA,
        inicio__lt=fin,
        inicio__gt=inicio - datetime.timedelta(hours=12),
    )
    if any(a.inicio < fin and inicio < a.fin for a in mismas_horas):
        raise TurnoTomado(_("El conciliador ya tiene otra audiencia en ese horario."))


ESTADOS_CON_AUDIENCIA_CONJUNTA = {Estado.CONCILIADOR_DESIGNADO, Estado.EN_CONCILIACION}


def fijar_conjuntas(audiencia: Audiencia, *, por) -> list[Audiencia]:
    """D202-I.2 (decision 0026): the lead claim's hearing is the joined set's hearing. Each claim
    that follows the lead gets its share of it (same conciliator, time, room or link), in the
    same act: its own row, cédulas to its providers and notice to its consumer (and
    co-claimants), and the act in its own expediente. A follower that cannot take part (another
    conciliator, a state without a hearing to fix) records why."""
    principal = audiencia.reclamo
    hechas = []
    for seguidor in seguidores_de(principal):
        seguidor = Reclamo.objects.select_for_update().get(pk=seguidor.pk)
        mismo_conciliador = seguidor.designaciones.filter(
            activa=True, conciliador_id=audiencia.conciliador_id
        ).exists()
        pendiente = seguidor.audiencias.filter(estado=Audiencia.Estado.FIJADA).exists()
        if (
            not mismo_conciliador
            or pendiente
            or seguidor.estado not in ESTADOS_CON_AUDIENCIA_CONJUNTA
        ):
            _registrar(
                seguidor,
                "audiencia.conjunta_no_fijada",
                por=por,
                texto=(
                    f"No se lo incluyó en la audiencia del reclamo principal {principal.numero}: "
                    + (
                        "tiene otro conciliador o ninguno"
                        if not mismo_conciliador
                        else "ya tiene una audiencia pendiente"
                        if pendiente
                        else f"su estado ({seguidor.get_estado_display()}) no admite audiencia"
                    )
                )[:300],
                datos={"principal": principal.numero, "audiencia_principal": audiencia.pk},
                fuente="D202-I.2",
            )
            continue
        conjunta = _crear(
            seguidor,
            conciliador=audiencia.conciliador,
            franja_inicio=audiencia.inicio,
            duracion=audiencia.duracion_minutos,
            modalidad=audiencia.modalidad,
            lugar=audiencia.lugar,
            enlace=audiencia.enlace_video,
            por=por,
            fuera_de_plazo=audiencia.fuera_de_plazo,
            oficina_id=audiencia.oficina_id,
            conjunta_con=audiencia,
        )
        datos = {
            **_datos_del_acto(conjunta),
            "principal": principal.numero,
            "audiencia_principal": audiencia.pk,
        }
        texto = _(
            "Audiencia conjunta con el reclamo principal %(p)s (acumulación): n.º %(o)s, %(f)s"
        ) % {"p": principal.numero, "o": conjunta.orden, "f": datos["fecha"]}
        if seguidor.estado == Estado.CONCILIADOR_DESIGNADO:
            transicionar(seguidor, "fijar_audiencia", por=por, datos={**datos, "texto": texto})
        else:
            _registrar(
                seguidor, "audiencia.fijada", por=por, texto=texto, datos=datos, fuente="D202-I.2"
            )
        _despues_de_fijar(conjunta, por=por)
        hechas.append(conjunta)
    return hechas


def fijar_audiencia(
    reclamo: Reclamo,
    *,
    inicio: datetime.datetime,
    modalidad: str,
    por,
    lugar: str = "",
    enlace_video: str = "",
    duracion_minutos: int = 60,
) -> Audiencia:
    """The designated conciliator fixes a hearing: the first one in methods b/c (T16) and any
    later one (cuarto intermedio, after an accepted justification, for a new provider)."""
    if timezone.is_naive(inicio):
        raise DatosInvalidos(_("Indicá día y hora con zona horaria."), campos={"inicio": ["?"]})
    if modalidad not in Modalidad.values:
        raise DatosInvalidos(
            _("Elegí una modalidad válida."), campos={"modalidad": [_("Inválida.")]}
        )
    if modalidad != Modalidad.VIDEO and not lugar.strip():
        raise DatosInvalidos(
            _("Indicá el lugar de la audiencia presencial."), campos={"lugar": [_("Obligatorio.")]}
        )
    try:
        with transaction.atomic(), una_version_por_operacion():
            reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
            exigir_no_seguidor(reclamo)
            conciliador = Conciliador.objects.select_for_update().get(pk=_designado(reclamo).pk)
            if por is not None and por.rol == "conciliador" and conciliador.usuario_id != por.pk:
                raise AccesoDenegado(_("Solo el conciliador designado fija la audiencia."))
            exigir_sin_recusacion(reclamo)
            if inicio <= timezone.now():
                raise DatosInvalidos(
                    _("La audiencia tiene que ser en el futuro."), campos={"inicio": [_("Pasada.")]}
                )
            _verificar_anticipacion(reclamo, inicio)
            _verificar_agenda_libre(conciliador, inicio, duracion_minutos)
            audiencia = _crear(
                reclamo,
                conciliador=conciliador,
                franja_inicio=inicio,
                duracion=duracion_minutos,
                modalidad=modalidad,
                lugar=lugar.strip(),
                enlace=enlace_video.strip(),
                por=por,
            )
            if reclamo.estado == Estado.CONCILIADOR_DESIGNADO:
                transicionar(reclamo, "fijar_audiencia", por=por, datos=_datos_del_acto(audiencia))
            else:
                expediente.audiencia_fijada(reclamo, por=por, datos=_datos_del_acto(audiencia))
            _despues_de_fijar(audiencia, por=por)
            fijar_conjuntas(audiencia, por=por)
            return audiencia
    except IntegrityError:
        raise TurnoTomado(TURNO_TOMADO) from None


def marcar_cancelada(audiencia: Audiencia, *, por, motivo: str) -> None:
    """The locked hearing is called off; SEQUENCE goes up so the calendars' CANCEL applies."""
    audiencia.estado = Audiencia.Estado.CANCELADA
    audiencia.cancelada_por = por
    audiencia.motivo_cancelacion = motivo
    audiencia.secuencia_ics += 1
    audiencia.save(update_fields=["estado", "cancelada_por", "motivo_cancelacion", "secuencia_ics"])


def reemplazar_audiencia(
    anterior: Audiencia,
    *,
    inicio: datetime.datetime,
    por,
    motivo: str,
    duracion_minutos: int | None = None,
    enlace_video: str | None = None,
    **kwargs_conjunta,
):
    """A rescheduled hearing is a new row (its own reminders, attendance and acta) replacing the
    locked old one, conducted by the same person in the same room (its length and video link too,
    unless the caller, having validated them, passes new ones). The calendar entry keeps its
    UID with a higher SEQUENCE (attendees' calendars move the event); the replaced row takes a
    fresh UID."""
    uid = anterior.uid_ics
    conjunta_con = kwargs_conjunta.get("conjunta_con", anterior.conjunta_con)
    anterior.estado = Audiencia.Estado.REPROGRAMADA
    anterior.motivo_cancelacion = motivo
    anterior.cancelada_por = por
    anterior.uid_ics = uuid.uuid4()
    anterior.save(update_fields=["estado", "motivo_cancelacion", "cancelada_por", "uid_ics"])
    return Audiencia.objects.create(
        reclamo=anterior.reclamo,
        conciliador=anterior.conciliador,
        funcionario=anterior.funcionario,
        orden=anterior.orden,
        inicio=inicio,
        duracion_minutos=duracion_minutos or anterior.duracion_minutos,
        modalidad=anterior.modalidad,
        lugar=anterior.lugar,
        oficina_id=anterior.oficina_id,
        enlace_video=enlace_video or anterior.enlace_video,
        fijada_por=por,
        reemplaza=anterior,
        uid_ics=uid,
        secuencia_ics=anterior.secuencia_ics + 1,
        conjunta_con=conjunta_con,
    )


def cancelar_audiencia(audiencia: Audiencia, *, por, motivo: str) -> None:
    """Cancels a fixed hearing (T16b): the conciliator with a reason, the consumer only before the
    notice is served. A cancelled first hearing of method a returns the claim to waiting for a
    slot (and the drawn conciliator's designation ends, so the next pick draws again)."""
    if not motivo.strip():
        raise DatosInvalidos(_("Indicá el motivo."), campos={"motivo": [_("Obligatorio.")]})
    with transaction.atomic():
        audiencia = (
            Audiencia.objects.select_for_update(of=("self",))
            .select_related("reclamo")
            .get(pk=audiencia.pk)
        )
        reclamo = audiencia.reclamo
        if audiencia.estado != Audiencia.Estado.FIJADA:
            raise ConflictoDeEstado(_("La audiencia ya no está fijada."))
        servida = audiencia.cedulas.filter(notificada_el__lte=hoy_en(reclamo)).exists()
        if por is not None and por.rol == "consumidor" and servida:
            raise ConflictoDeEstado(
                _("La cédula ya fue notificada: pedile al conciliador que reprograme.")
            )
        _cancelar_una(audiencia, reclamo, por=por, motivo=motivo.strip())
        # D202-I.2: the joined claims' shares of the hearing are called off with it.
        for conjunta in audiencia.conjuntas.select_for_update(of=("self",)).filter(
            estado=Audiencia.Estado.FIJADA
        ):
            seguidor = Reclamo.objects.select_for_update().get(pk=conjunta.reclamo_id)
            _cancelar_una(conjunta, seguidor, por=por, motivo=motivo.strip())


def _cancelar_una(audiencia: Audiencia, reclamo: Reclamo, *, por, motivo: str) -> None:
    """Cancels one claim's hearing: a cancelled first hearing of method a returns the claim to
    waiting for a slot and ends the drawn (or followed) designation."""
    marcar_cancelada(audiencia, por=por, motivo=motivo)
    datos = {**_datos_del_acto(audiencia), "motivo": motivo}
    if reclamo.estado == Estado.AUDIENCIA_FIJADA:
        primera = reclamo.metodo_designacion == MetodoDesignacion.SORTEO and audiencia.orden == 1
        if primera:
            reclamo.designaciones.filter(activa=True).update(activa=False)
        transicionar(
            reclamo,
            "cancelar_audiencia_a" if primera else "cancelar_audiencia",
            por=por,
            datos=datos,
        )
    else:
        expediente.audiencia_cancelada(reclamo, por=por, datos=datos)
    _anular(audiencia)


def al_separar(reclamo: Reclamo, *, principal, por) -> None:
    """Hook (reclamos.services.acumulacion): a claim leaving a joined set gets its own path
    back. Its share of a pending joint hearing is called off (what was held stays); a first
    hearing of method a also ends the followed designation, so its consumer picks a slot and
    its own draw designates (D202-I.2, I.7)."""
    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    for conjunta in reclamo.audiencias.select_for_update(of=("self",)).filter(
        estado=Audiencia.Estado.FIJADA, conjunta_con__isnull=False
    ):
        _cancelar_una(
            conjunta,
            reclamo,
            por=por,
            motivo=_(
                "Separación de la acumulación con el reclamo %(p)s: el reclamo sigue por su cuenta"
            )
            % {"p": principal.numero},
        )


def cancelar_al_desistir(reclamo: Reclamo, *, transicion=None, por=None, datos=None) -> None:
    """Transition hook on "desistir" (T12d): the withdrawn claim's pending hearing with a
    conciliator is called off, its cédulas annulled and every calendar told. (A hearing an
    agency official conducts is handled by audiencias.services.mediacion.)"""
    pendientes = reclamo.audiencias.select_for_update().filter(
        estado=Audiencia.Estado.FIJADA, conciliador__isnull=False
    )
    for audiencia in pendientes:
        marcar_cancelada(audiencia, por=por, motivo=_("El consumidor desistió del reclamo."))
        _anular(audiencia)


def _anular(audiencia: Audiencia) -> None:
    """A cancelled hearing: its cédulas are annulled (each provider told) and every
    participant's calendar drops it."""
    from audiencias.services import cedulas, reemision

    reemision.anular_cedulas(audiencia)
    cedulas.enviar_invitaciones(audiencia)


def reprogramar_audiencia(
    audiencia: Audiencia, *, inicio: datetime.datetime, por, motivo: str
) -> Audiencia:
    """The conciliator moves a fixed hearing: a new row replaces it, with new cédulas (the 3-day
    rule is checked again) and the same calendar UID with a higher SEQUENCE."""
    if not motivo.strip():
        raise DatosInvalidos(_("Indicá el motivo."), campos={"motivo": [_("Obligatorio.")]})
    try:
        with transaction.atomic():
            anterior = (
                Audiencia.objects.select_for_update(of=("self",))
                .select_related("reclamo", "conciliador")
                .get(pk=audiencia.pk)
            )
            reclamo = Reclamo.objects.select_for_update().get(pk=anterior.reclamo_id)
            if anterior.estado != Audiencia.Estado.FIJADA:
                raise ConflictoDeEstado(_("La audiencia ya no está fijada."))
            if (
                por is not None
                and por.rol == "conciliador"
                and anterior.conciliador.usuario_id != por.pk
            ):
                raise AccesoDenegado(_("Solo el conciliador de la audiencia la reprograma."))
            exigir_sin_recusacion(reclamo)
            if inicio <= timezone.now():
                raise DatosInvalidos(
                    _("La audiencia tiene que ser en el futuro."), campos={"inicio": [_("Pasada.")]}
                )
            _verificar_anticipacion(reclamo, inicio)
            nueva = reemplazar_audiencia(anterior, inicio=inicio, por=por, motivo=motivo.strip())
            expediente.audiencia_reprogramada(
                reclamo, por=por, datos={**_datos_del_acto(nueva), "motivo": motivo.strip()}
            )
            from audiencias.services.reemision import anular_cedulas

            anular_cedulas(anterior, por=por)
            _despues_de_fijar(nueva, por=por)
            _reprogramar_conjuntas(anterior, nueva, por=por, motivo=motivo.strip())
            return nueva
    except IntegrityError:
        raise TurnoTomado(TURNO_TOMADO) from None


def _reprogramar_conjuntas(anterior: Audiencia, nueva: Audiencia, *, por, motivo: str) -> None:
    """D202-I.2: moving the lead's hearing moves every joined claim's share of it, each with new
    cédulas and the act in its own expediente."""
    from audiencias.services.reemision import anular_cedulas

    for conjunta in anterior.conjuntas.select_for_update(of=("self",)).filter(
        estado=Audiencia.Estado.FIJADA
    ):
        seguidor = Reclamo.objects.select_for_update().get(pk=conjunta.reclamo_id)
        movida = reemplazar_audiencia(
            conjunta, inicio=nueva.inicio, por=por, motivo=motivo, conjunta_con=nueva
        )
        expediente.audiencia_reprogramada(
            seguidor,
            por=por,
            datos={
                **_datos_del_acto(movida),
                "motivo": motivo,
                "principal": nueva.reclamo.numero,
            },
        )
        anular_cedulas(conjunta, por=por)
        _despues_de_fijar(movida, por=por)
