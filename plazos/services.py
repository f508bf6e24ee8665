"""Writes on plazos: open, meet, suspend, resume, extend, cancel, and the decreed days.

Every function is keyword-only after its subject, runs inside the caller's transaction (the act
that opens or closes the term) and changes `estado` only with a compare-and-swap, so an act that
races the sweeper or another actor changes nothing twice (STYLE.md "Deadlines and tasks").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from normativa.calendarios import CalendarioHabil, calendario
from normativa.models import DiaNoHabil
from normativa.regimenes import TipoPlazo, Unidad, obtener, tipo_plazo
from plazos import registro
from plazos.computo import Computo, computar, plural
from plazos.models import Plazo, Suspension

FIN_DEL_DIA = datetime.time(23, 59, 59)


def _tipo(regimen: str, tipo: str) -> TipoPlazo:
    try:
        return obtener(regimen).plazos.get(tipo) or tipo_plazo(tipo)
    except LookupError as error:
        raise DatosInvalidos(str(error), codigo="unknown_term") from None


def _fin_del_dia(fecha: datetime.date, cal: CalendarioHabil) -> datetime.datetime:
    """Decision 5: 23:59:59 of the due day in the régimen's zone, returned in UTC."""
    local = datetime.datetime.combine(fecha, FIN_DEL_DIA, tzinfo=cal.zona)
    return local.astimezone(datetime.UTC)


def _encabezado(tp: TipoPlazo, inicio: datetime.date) -> list[str]:
    return [
        _("%(codigo)s — %(nombre)s (%(fuente)s).")
        % {"codigo": tp.codigo, "nombre": tp.nombre, "fuente": tp.fuente},
        _("Empieza con: %(evento)s, el %(fecha)s.")
        % {"evento": tp.inicio.lower(), "fecha": f"{inicio:%d/%m/%Y}"},
    ]


def _aplicar(plazo: Plazo, computo: Computo, cal: CalendarioHabil) -> None:
    """Copies a computation onto the row (not saved)."""
    tp = plazo.tipo_plazo
    plazo.vence = computo.vence_fecha
    if isinstance(computo.vence, datetime.datetime):
        plazo.vence_en = computo.vence.astimezone(datetime.UTC)
    else:
        plazo.vence_en = _fin_del_dia(computo.vence, cal)
    plazo.version_calendario = computo.version_calendario
    prorrogas = (plazo.explicacion or {}).get("prorrogas", [])
    lineas = _encabezado(tp, plazo.inicio) + computo.explicacion
    lineas += [
        _("Prorrogado el %(fecha)s por %(cantidad)s: %(motivo)s.")
        % {
            "fecha": p["fecha"],
            "cantidad": plural(p["cantidad"], plazo.unidad),
            "motivo": p["motivo"],
        }
        for p in prorrogas
    ]
    plazo.explicacion = {
        **computo.como_dict(),
        "titulo": f"{tp.codigo} — {tp.nombre}",
        "fuente": tp.fuente,
        "prorrogas": prorrogas,
        "lineas": lineas,
    }


def _suspensiones_cerradas(plazo: Plazo) -> list[tuple[datetime.date, datetime.date]]:
    return [(s.desde, s.hasta) for s in plazo.suspensiones.all() if s.hasta is not None]


def _computar_plazo(plazo: Plazo, cal: CalendarioHabil | None = None, suspensiones=None):
    cal = cal or calendario(plazo.calendario)
    computo = computar(
        calendario=cal,
        desde=plazo.inicio_en or plazo.inicio,
        cantidad=plazo.cantidad + plazo.prorroga,
        unidad=Unidad(plazo.unidad),
        suspensiones=_suspensiones_cerradas(plazo) if suspensiones is None else suspensiones,
        mueve_a_habil=plazo.mueve_a_habil,
    )
    return computo, cal


def _abiertos(sujeto, tipos: Iterable[str] | None):
    if sujeto.pk is None:
        raise ValueError("el sujeto del plazo debe estar guardado")
    qs = Plazo.objects.filter(
        content_type=ContentType.objects.get_for_model(sujeto),
        object_id=sujeto.pk,
        estado__in=Plazo.ABIERTOS,
    )
    if tipos is not None:
        qs = qs.filter(tipo__in=list(tipos))
    return qs


def _nuevo_plazo(
    *,
    sujeto,
    tipo: str,
    desde: datetime.date | datetime.datetime,
    regimen: str,
    por=None,
    suspensiones: Iterable[tuple[datetime.date, datetime.date]] = (),
    cantidad: int | None = None,
) -> tuple[Plazo, list]:
    """The unsaved term abrir_plazo_en_el_acto() opens, computed, and its suspensions."""
    tp = _tipo(regimen, tipo)
    if cantidad is not None and cantidad <= 0:
        raise DatosInvalidos(_("La cantidad del plazo debe ser positiva."))
    if tp.duracion is None:
        raise DatosInvalidos(
            _("El plazo %(tipo)s no tiene duración: no puede computarse.") % {"tipo": tipo}
        )
    if sujeto.pk is None:
        raise ValueError("el sujeto del plazo debe estar guardado")
    rangos = list(suspensiones)
    cal = calendario(tp.calendario)
    inicio, inicio_en = desde, None
    if isinstance(desde, datetime.datetime):
        inicio = (desde.astimezone(cal.zona) if desde.tzinfo else desde).date()
        inicio_en = desde if tp.unidad == Unidad.HORAS else None
    plazo = Plazo(
        content_type=ContentType.objects.get_for_model(sujeto),
        object_id=sujeto.pk,
        tipo=tp.codigo,
        regimen=regimen,
        calendario=str(tp.calendario),
        unidad=str(tp.unidad),
        cantidad=cantidad or tp.duracion,
        mueve_a_habil=tp.mueve_a_habil,
        inicio=inicio,
        inicio_en=inicio_en,
        abierto_por=por,
    )
    try:
        computo, _cal = _computar_plazo(plazo, cal, suspensiones=rangos)
    except ValueError as error:
        raise DatosInvalidos(str(error)) from None
    _aplicar(plazo, computo, cal)
    return plazo, rangos


def _guardar_suspensiones(plazo: Plazo, rangos, por) -> None:
    Suspension.objects.bulk_create(
        Suspension(
            plazo=plazo, desde=d, hasta=h, motivo="Suspensión al abrir el plazo", abierta_por=por
        )
        for d, h in rangos
    )


def abrir_plazo_en_el_acto(
    *,
    sujeto,
    tipo: str,
    desde: datetime.date | datetime.datetime,
    regimen: str,
    por=None,
    suspensiones: Iterable[tuple[datetime.date, datetime.date]] = (),
    cantidad: int | None = None,
) -> Plazo:
    """Opens a term of kind `tipo` of the régimen, counted from `desde` (the start event's date
    as the caller determined it: the day-after rule is the caller's, DOMAIN Decision 3).
    `cantidad` replaces the kind's length where an act fixes it within a legal range (a
    suspension of 5 calendar days to a year, AR-D7)."""
    plazo, rangos = _nuevo_plazo(
        sujeto=sujeto,
        tipo=tipo,
        desde=desde,
        regimen=regimen,
        por=por,
        suspensiones=suspensiones,
        cantidad=cantidad,
    )
    plazo.save()
    _guardar_suspensiones(plazo, rangos, por)
    return plazo


def abrir_plazos_en_el_acto(
    *, sujeto, aperturas: list[tuple[str, datetime.date]], regimen: str, por=None
) -> list[Plazo]:
    """abrir_plazo_en_el_acto() of several kinds at once (each a (tipo, desde) pair, without
    suspensions), stored in one INSERT (decision 0045): the terms a state transition opens."""
    plazos = [
        _nuevo_plazo(sujeto=sujeto, tipo=tipo, desde=desde, regimen=regimen, por=por)[0]
        for tipo, desde in aperturas
    ]
    if not plazos:
        return []
    if len(plazos) == 1:
        plazos[0].save()
        return plazos
    return Plazo.objects.bulk_create(plazos)


abrir_plazo_en_el_acto.__doc__ += """

    Without a savepoint of its own: for callers whose atomic block is abandoned on any error
    (a state transition). abrir_plazo is the same in its own atomic block."""
abrir_plazo = transaction.atomic(abrir_plazo_en_el_acto)


def cumplir_plazo(plazo: Plazo, *, por=None) -> Plazo:
    """The act was performed in time: the plazo is met. ConflictoDeEstado if it is no longer
    open (the sweeper expired it, or someone else met or cancelled it first)."""
    ahora = timezone.now()
    cambiados = Plazo.objects.filter(pk=plazo.pk, estado__in=Plazo.ABIERTOS).update(
        estado=Plazo.Estado.CUMPLIDO, cerrado_en=ahora, cerrado_por=por
    )
    if cambiados != 1:
        plazo.refresh_from_db(fields=["estado"])
        raise ConflictoDeEstado(
            _("El plazo %(tipo)s ya no está abierto (%(estado)s).")
            % {"tipo": plazo.tipo, "estado": plazo.get_estado_display().lower()}
        )
    plazo.estado, plazo.cerrado_en, plazo.cerrado_por = Plazo.Estado.CUMPLIDO, ahora, por
    return plazo


def cumplir_plazos(*, sujeto, tipos: Iterable[str], por=None) -> int:
    """Meets every open plazo of those kinds of the subject; returns how many."""
    return _abiertos(sujeto, tipos).update(
        estado=Plazo.Estado.CUMPLIDO, cerrado_en=timezone.now(), cerrado_por=por
    )


def cancelar_plazos(*, sujeto, tipos: Iterable[str] | None = None, por=None) -> int:
    """The procedure ended another way (archived, withdrawn): open plazos stop without effect."""
    return _abiertos(sujeto, tipos).update(
        estado=Plazo.Estado.CANCELADO, cerrado_en=timezone.now(), cerrado_por=por
    )


@transaction.atomic
def suspender_plazos(
    *, sujeto, tipos: Iterable[str] | None = None, desde: datetime.date, motivo: str, por=None
) -> int:
    """Suspends the running plazos of the subject from `desde` (included, Decision 8) until
    reanudar_plazos. A plazo whose due day is already before `desde` is left to the sweeper."""
    suspendidos = 0
    filas = _abiertos(sujeto, tipos).filter(estado=Plazo.Estado.CORRIENDO, vence__gte=desde)
    for plazo in filas.select_for_update():
        cambiados = Plazo.objects.filter(pk=plazo.pk, estado=Plazo.Estado.CORRIENDO).update(
            estado=Plazo.Estado.SUSPENDIDO
        )
        if cambiados == 1:
            Suspension.objects.create(plazo=plazo, desde=desde, motivo=motivo, abierta_por=por)
            suspendidos += 1
    return suspendidos


@transaction.atomic
def reanudar_plazos(
    *, sujeto, tipos: Iterable[str] | None = None, hasta: datetime.date, por=None
) -> int:
    """Closes the open suspension on `hasta` (included) and recomputes the due date: the count
    resumes where it stopped (Decision 8)."""
    reanudados = 0
    filas = _abiertos(sujeto, tipos).filter(estado=Plazo.Estado.SUSPENDIDO)
    for plazo in filas.select_for_update().prefetch_related("suspensiones"):
        abierta = next((s for s in plazo.suspensiones.all() if s.hasta is None), None)
        if abierta is not None:
            if hasta < abierta.desde:
                raise DatosInvalidos(
                    _("La suspensión empezó el %(desde)s: no puede terminar antes.")
                    % {"desde": f"{abierta.desde:%d/%m/%Y}"}
                )
            abierta.hasta, abierta.cerrada_por = hasta, por
            abierta.save(update_fields=["hasta", "cerrada_por"])
        computo, cal = _computar_plazo(plazo)
        _aplicar(plazo, computo, cal)
        cambiados = Plazo.objects.filter(pk=plazo.pk, estado=Plazo.Estado.SUSPENDIDO).update(
            estado=Plazo.Estado.CORRIENDO,
            vence=plazo.vence,
            vence_en=plazo.vence_en,
            version_calendario=plazo.version_calendario,
            explicacion=plazo.explicacion,
            recordatorio_enviado=False,
        )
        reanudados += cambiados
    return reanudados


@transaction.atomic
def prorrogar_plazo(plazo: Plazo, *, cantidad: int, motivo: str, por=None) -> Plazo:
    """Extends an open plazo by `cantidad` units of its own kind (Ley 19.549: on request,
    before it expires)."""
    if isinstance(cantidad, bool) or not isinstance(cantidad, int) or cantidad <= 0:
        raise DatosInvalidos(_("La prórroga debe ser de al menos un día."), campos={"cantidad": []})
    if not motivo.strip():
        raise DatosInvalidos(_("Indicá el motivo de la prórroga."), campos={"motivo": []})
    anterior = plazo.prorroga
    plazo.prorroga = anterior + cantidad
    hoy = timezone.localdate()
    plazo.explicacion = {
        **(plazo.explicacion or {}),
        "prorrogas": [
            *(plazo.explicacion or {}).get("prorrogas", []),
            {"cantidad": cantidad, "motivo": motivo, "fecha": f"{hoy:%d/%m/%Y}"},
        ],
    }
    computo, cal = _computar_plazo(plazo)
    _aplicar(plazo, computo, cal)
    cambiados = Plazo.objects.filter(
        pk=plazo.pk, estado__in=Plazo.ABIERTOS, prorroga=anterior
    ).update(
        prorroga=plazo.prorroga,
        vence=plazo.vence,
        vence_en=plazo.vence_en,
        version_calendario=plazo.version_calendario,
        explicacion=plazo.explicacion,
        recordatorio_enviado=False,
    )
    if cambiados != 1:
        raise ConflictoDeEstado(_("El plazo cambió o ya no está abierto. Recargá la página."))
    return plazo


def registrar_dia_no_habil(
    *,
    fecha: datetime.date,
    jurisdiccion: str,
    tipo: str,
    calendarios: list[str],
    fuente: str,
    por,
    descripcion: str = "",
) -> DiaNoHabil:
    """Loads a decreed day (DOMAIN §8.2) and, in the same transaction, recomputes the open
    plazos whose count covers that day and calls their owners' recalculation hooks.

    Precondition: `por` is an administrator (plazos.permisos.puede_gestionar_dias)."""
    dia = DiaNoHabil(
        fecha=fecha,
        jurisdiccion=jurisdiccion,
        tipo=tipo,
        calendarios=list(calendarios),
        fuente=fuente.strip(),
        descripcion=descripcion.strip(),
        cargado_por=por,
    )
    try:
        dia.full_clean()
    except ValidationError as error:
        raise DatosInvalidos(
            _("Revisá los datos del día no hábil."), campos=error.message_dict
        ) from None
    with transaction.atomic():
        dia.save()
        dia.plazos_recalculados = _recalcular_por_dia(dia)
    return dia


def corregir_dia_no_habil(
    dia: DiaNoHabil, *, tipo: str, calendarios: list[str], fuente: str, por, descripcion: str = ""
) -> DiaNoHabil:
    """Corrects a decreed day's kind, calendars or norm (its date and jurisdiction identify it:
    a wrong date is a new day). Recomputes the open plazos of every calendar it reached before
    or reaches now, in the same transaction, and keeps what the row said in `cambios`.

    Precondition: `por` is an administrator (plazos.permisos.puede_gestionar_dias)."""
    with transaction.atomic():
        dia = DiaNoHabil.objects.select_for_update().get(pk=dia.pk)
        antes = {
            "tipo": dia.tipo,
            "calendarios": list(dia.calendarios),
            "fuente": dia.fuente,
            "descripcion": dia.descripcion,
        }
        dia.tipo = tipo
        dia.calendarios = list(calendarios)
        dia.fuente = fuente.strip()
        dia.descripcion = descripcion.strip()
        try:
            dia.full_clean()
        except ValidationError as error:
            raise DatosInvalidos(
                _("Revisá los datos del día no hábil."), campos=error.message_dict
            ) from None
        dia.modificado_por = por
        dia.cambios = [
            *dia.cambios,
            {"en": timezone.now().isoformat(), "por": por.email, "antes": antes},
        ]
        dia.save()
        afectados = list(dict.fromkeys([*antes["calendarios"], *dia.calendarios]))
        dia.plazos_recalculados = _recalcular_por_dia(dia, calendarios=afectados)
    return dia


def _recalcular_por_dia(dia: DiaNoHabil, calendarios: list[str] | None = None) -> int:
    """Recomputes the open day-based plazos whose window (start, due] contains the day."""
    movidos = 0
    for codigo in calendarios if calendarios is not None else dia.calendarios:
        cal = calendario(codigo)
        filas = (
            Plazo.objects.filter(calendario=codigo, estado__in=Plazo.ABIERTOS, inicio__lt=dia.fecha)
            .filter(Q(estado=Plazo.Estado.SUSPENDIDO) | Q(vence__gte=dia.fecha))
            .exclude(unidad=Unidad.HORAS)
            .select_related("content_type")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        lote: list[tuple[Plazo, datetime.date]] = []
        for plazo in filas.prefetch_related("suspensiones").iterator(chunk_size=1000):
            anterior = plazo.vence
            computo, _cal = _computar_plazo(plazo, cal)
            _aplicar(plazo, computo, cal)
            if plazo.vence != anterior:
                plazo.recordatorio_enviado = False
            lote.append((plazo, anterior))
            if len(lote) >= 1000:
                movidos += _guardar_recalculo(lote, dia)
                lote = []
        movidos += _guardar_recalculo(lote, dia)
    return movidos


def _guardar_recalculo(lote: list[tuple[Plazo, datetime.date]], dia: DiaNoHabil) -> int:
    Plazo.objects.bulk_update(
        [plazo for plazo, _anterior in lote],
        ["vence", "vence_en", "version_calendario", "explicacion", "recordatorio_enviado"],
    )
    movidos = 0
    for plazo, anterior in lote:
        if plazo.vence == anterior:
            continue
        movidos += 1
        for funcion in registro.recalculos_de(plazo):
            funcion(plazo, anterior, dia)
    return movidos
