"""Publishing availability (S000; issue 7): weekly hours, one-off slots and blocked days.

The conciliator publishes their own agenda (at their office, at an agency office they serve in,
or by video). Agency staff publish slots at the agency's offices for the conciliators who serve
there — those authorised by the Secretaría to work only in its offices (D202-I.4 b) and any
other conciliator the registry lists at that office: admission staff for their own office,
administrators for any. Both pages call these services with the same forms.

The place of a slot at an office is the office itself (name and address, as
disponibilidad.lugar_de_oficina writes it): "Elegir Turno" and the cédula show it. A conciliator
authorised under art. 4 b works only in the agency's offices, so their in-person slots are
always at one of them.

Preconditions: none; each service checks who may publish for whom (`puede_publicar`).
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from audiencias.models import Bloqueo, FranjaSemanal, TurnoPuntual
from conciliacion.errores import AccesoDenegado, DatosInvalidos
from conciliadores.models import Conciliador, Modalidad
from cuentas.models import Organizacion
from cuentas.permisos import tiene_rol
from cuentas.roles import Rol


def oficinas_gestionadas(usuario) -> QuerySet[Organizacion]:
    """The agency offices whose agenda this user manages: every active office for an
    administrator, their own office for admission staff, none for anyone else."""
    oficinas = Organizacion.objects.filter(
        tipo=Organizacion.Tipo.OFICINA, estado=Organizacion.Estado.ACTIVA
    ).order_by("razon_social")
    if tiene_rol(usuario, Rol.ADMINISTRADOR):
        return oficinas
    if tiene_rol(usuario, Rol.ADMISION) and usuario.oficina_id:
        return oficinas.filter(pk=usuario.oficina_id)
    return oficinas.none()


def conciliadores_de_oficina(oficina: Organizacion) -> QuerySet[Conciliador]:
    """The active conciliators the registry lists at this office (art. 4 b or any other)."""
    return (
        Conciliador.objects.filter(oficinas=oficina, activo=True, usuario__is_active=True)
        .select_related("usuario")
        .order_by("usuario__apellido", "usuario__nombre", "matricula")
    )


def puede_publicar(usuario, conciliador: Conciliador, oficina: Organizacion | None) -> bool:
    """The conciliator for themself; staff only at an office they manage where the conciliator
    serves."""
    if conciliador.usuario_id == getattr(usuario, "pk", None):
        return True
    return (
        oficina is not None
        and oficinas_gestionadas(usuario).filter(pk=oficina.pk).exists()
        and conciliador.oficinas.filter(pk=oficina.pk).exists()
    )


def _exigir_permiso(usuario, conciliador: Conciliador, oficina: Organizacion | None) -> None:
    if not puede_publicar(usuario, conciliador, oficina):
        raise AccesoDenegado(_("No podés publicar turnos para este conciliador en ese lugar."))


def _validar_lugar(
    conciliador: Conciliador, *, modalidad: str, oficina: Organizacion | None, lugar: str
) -> None:
    errores: dict[str, list[str]] = {}
    if modalidad not in Modalidad.values:
        errores["modalidad"] = [_("Elegí una modalidad válida.")]
    elif conciliador.modalidades and modalidad not in conciliador.modalidades:
        errores["modalidad"] = [
            _("%(c)s no atiende en esta modalidad según el registro.") % {"c": conciliador}
        ]
    if oficina is not None:
        if oficina.tipo != Organizacion.Tipo.OFICINA or not oficina.activa:
            errores["oficina"] = [_("Elegí una oficina activa de la autoridad.")]
        elif not conciliador.oficinas.filter(pk=oficina.pk).exists():
            errores["oficina"] = [
                _("%(c)s no actúa en %(o)s según el registro.")
                % {"c": conciliador, "o": oficina.razon_social}
            ]
    elif modalidad == Modalidad.PRESENCIAL:
        if conciliador.tipo == Conciliador.Tipo.SECRETARIA:
            # D202-I.4 b: authorised by the Secretaría to act only in its offices.
            errores["oficina"] = [
                _("Un conciliador del art. 4 b atiende solo en las oficinas de la autoridad.")
            ]
        elif not lugar.strip():
            errores["lugar"] = [_("Indicá dónde se hacen las audiencias presenciales.")]
    if errores:
        # The message names each problem: a page may lack the field an error belongs to.
        raise DatosInvalidos(
            " ".join(t for textos in errores.values() for t in textos), campos=errores
        )


def _superpuesta(conciliador: Conciliador, franja: FranjaSemanal) -> FranjaSemanal | None:
    """Another weekly range of the same conciliator on the same weekday, overlapping in hours
    and in validity."""
    hasta = franja.vigente_hasta or datetime.date.max
    otras = conciliador.franjas.filter(
        dia_semana=franja.dia_semana,
        desde__lt=franja.hasta,
        hasta__gt=franja.desde,
        vigente_desde__lte=hasta,
    ).filter(Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=franja.vigente_desde))
    return otras.first()


@transaction.atomic
def publicar_franja(
    conciliador: Conciliador,
    *,
    por,
    dia_semana: int,
    desde: datetime.time,
    hasta: datetime.time,
    modalidad: str,
    vigente_desde: datetime.date,
    duracion_minutos: int = 60,
    intervalo_minutos: int = 0,
    lugar: str = "",
    oficina: Organizacion | None = None,
    vigente_hasta: datetime.date | None = None,
) -> FranjaSemanal:
    """Weekly hours, cut into hearings of `duracion_minutos` with `intervalo_minutos` between."""
    conciliador = Conciliador.objects.select_for_update().get(pk=conciliador.pk)
    _exigir_permiso(por, conciliador, oficina)
    _validar_lugar(conciliador, modalidad=modalidad, oficina=oficina, lugar=lugar)
    if hasta <= desde:
        raise DatosInvalidos(
            _("El horario termina antes de empezar."),
            campos={"hasta": [_("Tiene que ser posterior a «desde».")]},
        )
    if vigente_hasta is not None and vigente_hasta < vigente_desde:
        raise DatosInvalidos(
            _("La vigencia termina antes de empezar."),
            campos={"vigente_hasta": [_("No puede ser anterior a «vigente desde».")]},
        )
    franja = FranjaSemanal(
        conciliador=conciliador,
        dia_semana=dia_semana,
        desde=desde,
        hasta=hasta,
        duracion_minutos=duracion_minutos,
        intervalo_minutos=intervalo_minutos,
        modalidad=modalidad,
        oficina=oficina,
        lugar="" if oficina is not None else lugar.strip(),
        vigente_desde=vigente_desde,
        vigente_hasta=vigente_hasta,
        publicada_por=por,
    )
    otra = _superpuesta(conciliador, franja)
    if otra is not None:
        raise DatosInvalidos(
            _("Se superpone con otro horario de %(c)s: %(f)s.") % {"c": conciliador, "f": otra},
            campos={"desde": [_("Horario superpuesto.")]},
        )
    franja.save()
    return franja


@transaction.atomic
def publicar_turno_puntual(
    conciliador: Conciliador,
    *,
    por,
    inicio: datetime.datetime,
    modalidad: str,
    duracion_minutos: int = 60,
    lugar: str = "",
    oficina: Organizacion | None = None,
) -> TurnoPuntual:
    """A one-off slot."""
    conciliador = Conciliador.objects.select_for_update().get(pk=conciliador.pk)
    _exigir_permiso(por, conciliador, oficina)
    _validar_lugar(conciliador, modalidad=modalidad, oficina=oficina, lugar=lugar)
    if inicio <= timezone.now():
        raise DatosInvalidos(
            _("El turno tiene que ser en el futuro."), campos={"inicio": [_("Pasado.")]}
        )
    try:
        with transaction.atomic():
            return TurnoPuntual.objects.create(
                conciliador=conciliador,
                inicio=inicio,
                duracion_minutos=duracion_minutos,
                modalidad=modalidad,
                oficina=oficina,
                lugar="" if oficina is not None else lugar.strip(),
                publicado_por=por,
            )
    except IntegrityError:
        raise DatosInvalidos(
            _("%(c)s ya tiene un turno publicado a esa hora.") % {"c": conciliador},
            campos={"inicio": [_("Ya publicado.")]},
        ) from None


def bloquear_dias(
    conciliador: Conciliador,
    *,
    por,
    desde: datetime.date,
    hasta: datetime.date,
    motivo: str = "",
) -> Bloqueo:
    """Days the conciliator takes no hearings (their own act)."""
    if conciliador.usuario_id != getattr(por, "pk", None):
        raise AccesoDenegado(_("Solo el conciliador bloquea días de su agenda."))
    if hasta < desde:
        raise DatosInvalidos(
            _("El período termina antes de empezar."),
            campos={"hasta": [_("No puede ser anterior a «desde».")]},
        )
    return Bloqueo.objects.create(
        conciliador=conciliador, desde=desde, hasta=hasta, motivo=motivo.strip(), creado_por=por
    )


def quitar_de_agenda(publicado: FranjaSemanal | TurnoPuntual | Bloqueo, *, por) -> None:
    """Withdraws a published range, slot or blocked period. Hearings already fixed stay."""
    oficina = getattr(publicado, "oficina", None)
    if isinstance(publicado, Bloqueo) or oficina is None:
        if publicado.conciliador.usuario_id != getattr(por, "pk", None):
            raise AccesoDenegado(_("Solo el conciliador cambia su propia agenda."))
    else:
        _exigir_permiso(por, publicado.conciliador, oficina)
    publicado.delete()
