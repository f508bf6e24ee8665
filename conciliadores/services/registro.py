"""Writes of the registry: profiles, licences (D202-I.7), sanctions (D202-II.4, II.5, II.15) and
the qualification of refusals (D202-II.4 g). Preconditions: the caller authorised `por`
(conciliadores.permisos)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from conciliadores import avisos
from conciliadores.models import Conciliador, Licencia, Modalidad, Rechazo, Sancion
from conciliadores.permisos import es_personal_registro
from cuentas.models import Organizacion
from cuentas.roles import Rol

# D202-II.4: a suspension lasts 5 calendar days to 1 year.
SUSPENSION_MINIMA_DIAS = 5
SUSPENSION_MAXIMA_DIAS = 366
# D202-II.4 g: refusing without cause more than 3 conciliations in the calendar year.
RECHAZOS_TOLERADOS = 3

CAMPOS_PROPIOS = ("modalidades", "domicilio_profesional", "telefono", "email_contacto")
CAMPOS_REGISTRO = (
    "matricula",
    "tipo",
    "jurisdicciones",
    "activo",
    *CAMPOS_PROPIOS,
)


def _exigir_registro(por) -> None:
    """The registry's acts (licences, sanctions, refusals, profiles) are registry staff's."""
    if not es_personal_registro(por):
        raise AccesoDenegado(_("Solo el personal del registro de conciliadores puede hacer esto."))


def _validar_perfil(datos: dict, oficinas) -> None:
    errores = {}
    modalidades = datos.get("modalidades", [])
    if not modalidades or any(m not in Modalidad.values for m in modalidades):
        errores["modalidades"] = [_("Elegí al menos una modalidad.")]
    if "jurisdicciones" in datos and not [j for j in datos["jurisdicciones"] if j.strip()]:
        errores["jurisdicciones"] = [_("Indicá al menos una jurisdicción.")]
    # D202-I.4 b: those authorised by the Secretaría act only in the offices it sets.
    if datos.get("tipo") == Conciliador.Tipo.SECRETARIA and oficinas is not None and not oficinas:
        errores["oficinas"] = [_("Un conciliador del art. 4 b actúa solo en oficinas: elegí una.")]
    if errores:
        raise DatosInvalidos(_("Revisá los datos del conciliador."), campos=errores)


def _oficinas_validas(oficinas) -> list[Organizacion]:
    oficinas = list(oficinas or [])
    if any(o.tipo != Organizacion.Tipo.OFICINA for o in oficinas):
        raise DatosInvalidos(_("Solo se pueden elegir oficinas de la autoridad."))
    return oficinas


@transaction.atomic
def crear_conciliador(*, usuario, por, oficinas=(), **datos) -> Conciliador:
    """Registers the profile of a user with the conciliator role."""
    _exigir_registro(por)
    if usuario.rol != Rol.CONCILIADOR:
        raise DatosInvalidos(_("La cuenta elegida no tiene el rol de conciliador."))
    if Conciliador.objects.filter(usuario=usuario).exists():
        raise ConflictoDeEstado(_("Esa cuenta ya tiene un perfil de conciliador."))
    if Conciliador.objects.filter(matricula=datos.get("matricula", "")).exists():
        raise DatosInvalidos(
            _("Ya hay un conciliador con esa matrícula."),
            campos={"matricula": [_("Matrícula repetida.")]},
        )
    oficinas = _oficinas_validas(oficinas)
    _validar_perfil(datos, oficinas)
    conciliador = Conciliador.objects.create(
        usuario=usuario, **{k: v for k, v in datos.items() if k in CAMPOS_REGISTRO}
    )
    conciliador.oficinas.set(oficinas)
    return conciliador


@transaction.atomic
def actualizar_conciliador(conciliador: Conciliador, *, por, oficinas=None, **datos) -> Conciliador:
    """Registry staff edit any field; a conciliator only their contact data and modes."""
    propios = por.rol == Rol.CONCILIADOR
    permitidos = CAMPOS_PROPIOS if propios else CAMPOS_REGISTRO
    cambios = {k: v for k, v in datos.items() if k in permitidos}
    matricula = cambios.get("matricula")
    if matricula and Conciliador.objects.exclude(pk=conciliador.pk).filter(matricula=matricula):
        raise DatosInvalidos(
            _("Ya hay un conciliador con esa matrícula."),
            campos={"matricula": [_("Matrícula repetida.")]},
        )
    oficinas = _oficinas_validas(oficinas) if oficinas is not None and not propios else None
    _validar_perfil({"tipo": conciliador.tipo, **cambios}, oficinas)
    for campo, valor in cambios.items():
        setattr(conciliador, campo, valor)
    conciliador.save()
    if oficinas is not None:
        conciliador.oficinas.set(oficinas)
    return conciliador


@transaction.atomic
def solicitar_licencia(
    conciliador: Conciliador, *, por, desde: datetime.date, hasta: datetime.date, motivo: str
) -> Licencia:
    """A written, reasoned request (D202-I.7); the registry decides."""
    if hasta < desde:
        raise DatosInvalidos(
            _("La fecha de fin no puede ser anterior a la de inicio."),
            campos={"hasta": [_("Anterior al inicio.")]},
        )
    if not motivo.strip():
        raise DatosInvalidos(
            _("Explicá el motivo de la licencia."), campos={"motivo": [_("Obligatorio.")]}
        )
    superpuesta = conciliador.licencias.filter(
        estado__in=[Licencia.Estado.SOLICITADA, Licencia.Estado.APROBADA],
        desde__lte=hasta,
        hasta__gte=desde,
    )
    if superpuesta.exists():
        raise DatosInvalidos(_("Ya hay una licencia pedida o aprobada que se superpone."))
    return Licencia.objects.create(
        conciliador=conciliador, desde=desde, hasta=hasta, motivo=motivo.strip(), solicitada_por=por
    )


@transaction.atomic
def decidir_licencia(licencia: Licencia, *, por, aprobar: bool, observacion: str = "") -> Licencia:
    """The registry grants or refuses the licence; an approved one blocks designation at once
    (the registry tells the agency immediately, D202-I.7: here both read the same row)."""
    _exigir_registro(por)
    if not aprobar and not observacion.strip():
        raise DatosInvalidos(
            _("Indicá por qué se rechaza."), campos={"observacion": [_("Obligatorio.")]}
        )
    nuevo = Licencia.Estado.APROBADA if aprobar else Licencia.Estado.RECHAZADA
    ahora = timezone.now()
    cambiadas = Licencia.objects.filter(pk=licencia.pk, estado=Licencia.Estado.SOLICITADA).update(
        estado=nuevo, decidida_por=por, decidida_en=ahora, observacion=observacion.strip()
    )
    if cambiadas != 1:
        raise ConflictoDeEstado(_("Esta licencia ya fue resuelta."))
    licencia.refresh_from_db()
    avisos.licencia_decidida(licencia)
    return licencia


@transaction.atomic
def cancelar_licencia(licencia: Licencia, *, por) -> Licencia:
    """The conciliator withdraws a request not yet decided."""
    cambiadas = Licencia.objects.filter(pk=licencia.pk, estado=Licencia.Estado.SOLICITADA).update(
        estado=Licencia.Estado.CANCELADA, decidida_por=por, decidida_en=timezone.now()
    )
    if cambiadas != 1:
        raise ConflictoDeEstado(_("Solo se puede cancelar un pedido que todavía no se resolvió."))
    licencia.refresh_from_db()
    return licencia


def _validar_sancion(tipo: str, desde: datetime.date, hasta: datetime.date | None) -> None:
    if tipo not in Sancion.Tipo.values:
        raise DatosInvalidos(_("Tipo de sanción inválido."), campos={"tipo": [_("Inválido.")]})
    if tipo == Sancion.Tipo.SUSPENSION:
        if hasta is None:
            raise DatosInvalidos(
                _("La suspensión necesita fecha de fin."), campos={"hasta": [_("Obligatorio.")]}
            )
        dias = (hasta - desde).days + 1
        if not SUSPENSION_MINIMA_DIAS <= dias <= SUSPENSION_MAXIMA_DIAS:
            raise DatosInvalidos(
                _("La suspensión va de 5 días corridos a un año (Anexo II, art. 4)."),
                campos={"hasta": [_("Fuera del rango legal.")]},
            )
    elif hasta is not None and hasta < desde:
        raise DatosInvalidos(
            _("La fecha de fin no puede ser anterior a la de inicio."),
            campos={"hasta": [_("Anterior al inicio.")]},
        )


@transaction.atomic
def registrar_sancion(
    conciliador: Conciliador,
    *,
    por,
    tipo: str,
    desde: datetime.date,
    hasta: datetime.date | None = None,
    causal: str,
    resolucion: str,
) -> Sancion:
    """Records a sanction the Secretaría de Justicia applied; it bars designation while it runs.
    Exclusion and preventive suspension have no end date: they run until lifted."""
    _exigir_registro(por)
    if tipo == Sancion.Tipo.EXCLUSION:
        hasta = None
    _validar_sancion(tipo, desde, hasta)
    if not causal.strip() or not resolucion.strip():
        raise DatosInvalidos(_("Indicá la causal y el acto que dispone la sanción."))
    return Sancion.objects.create(
        conciliador=conciliador,
        tipo=tipo,
        desde=desde,
        hasta=hasta,
        causal=causal.strip(),
        resolucion=resolucion.strip(),
        registrada_por=por,
    )


@transaction.atomic
def levantar_sancion(sancion: Sancion, *, por, el: datetime.date, motivo: str) -> Sancion:
    """Ends a preventive suspension (case resolved) or an exclusion (rehabilitation, D202-II.6)."""
    _exigir_registro(por)
    if sancion.tipo == Sancion.Tipo.SUSPENSION:
        raise DatosInvalidos(_("Una suspensión termina en su fecha: no se levanta."))
    if sancion.tipo == Sancion.Tipo.EXCLUSION:
        # D202-II.6: an exclusion ends only by rehabilitation (once, after 3 years).
        from conciliadores.disciplina.servicios import rehabilitar

        return rehabilitar(sancion, por=por, el=el, fundamento=motivo)
    if not motivo.strip():
        raise DatosInvalidos(
            _("Indicá el acto que la levanta."), campos={"motivo": [_("Obligatorio.")]}
        )
    cambiadas = Sancion.objects.filter(pk=sancion.pk, levantada_el__isnull=True).update(
        levantada_el=el, levantada_por=por, motivo_levantamiento=motivo.strip()
    )
    if cambiadas != 1:
        raise ConflictoDeEstado(_("Esta sanción ya fue levantada."))
    sancion.refresh_from_db()
    return sancion


def rechazos_sin_causa(conciliador: Conciliador, anio: int) -> int:
    return conciliador.rechazos.filter(anio=anio, justificado=False).count()


def avisar_si_excede(conciliador: Conciliador, anio: int) -> bool:
    """Flags the registry staff when the count goes past the tolerated refusals."""
    from conciliadores.disciplina import ventanas

    cantidad = rechazos_sin_causa(conciliador, anio)
    if cantidad > RECHAZOS_TOLERADOS:
        avisos.exceso_de_rechazos(conciliador, anio=anio, cantidad=cantidad)
        # AR-D9: the registry's list of exceeded windows (decision 0027); the e-mail above
        # already told the registry.
        ventanas.evaluar(conciliadores=[conciliador.pk], avisar=False)
        return True
    return False


@transaction.atomic
def recalificar_rechazo(rechazo: Rechazo, *, por, justificado: bool) -> Rechazo:
    """Registry staff decide whether a refusal had a justified cause."""
    _exigir_registro(por)
    Rechazo.objects.filter(pk=rechazo.pk).update(
        justificado=justificado, recalificado_por=por, recalificado_en=timezone.now()
    )
    rechazo.refresh_from_db()
    if not justificado:
        avisar_si_excede(rechazo.conciliador, rechazo.anio)
    return rechazo
