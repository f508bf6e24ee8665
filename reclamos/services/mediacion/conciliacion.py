"""Conciliation (a video hearing convened by the official) and the closing acts: conclusion
without agreement, the consumer's compliance report, conclusion, archive, withdrawal (S001;
DOMAIN §2.7).

The hearing itself is an audiencias.Audiencia: the audiencias machinery takes the act
"convocar_audiencia" through a transition hook (reclamos cannot import it) and creates the
hearing, conducted by the convening official, with its calendar invitations; the official then
records attendance and outcome on the hearing page, whose acta ends in "conciliar" or
"concluir_sin_acuerdo" (Regimen.audiencias)."""

from __future__ import annotations

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from cuentas.models import Usuario
from normativa.regimenes import Papel
from reclamos.estados import Estado
from reclamos.models import Reclamo
from reclamos.services.mediacion.partes import (
    Parte,
    avisar,
    bloquear,
    exigir,
    funcionario_de,
    representantes,
    trasladar,
)
from reclamos.transiciones import transicionar

DURACION_AUDIENCIA = 60  # minutes; the official may set another
LARGO_ENLACE = 200  # audiencias.Audiencia.enlace_video is a URLField of the default length

# --- conciliation: the hearing convened by the official -------------------------------------


def _enlace_video() -> str:
    base = getattr(
        settings, "AUDIENCIAS_VIDEO_URL_BASE", "https://video.conciliacion.example/sala/"
    )
    return f"{base}{uuid.uuid4()}"


def verificar_inicio(reclamo: Reclamo, inicio: datetime.datetime) -> str:
    """A hearing's start: aware, in the future, on a business day of the agency's calendar,
    within its office hours and with the régimen's least notice (both régimen values). Returns
    it as the régimen's local "dd/mm/YYYY HH:MM" (also used when it is rescheduled)."""
    if timezone.is_naive(inicio):
        raise DatosInvalidos(_("Indique día y hora."), campos={"inicio": [_("Obligatorio.")]})
    if inicio <= timezone.now():
        raise DatosInvalidos(
            _("La audiencia tiene que ser en el futuro."), campos={"inicio": [_("Pasada.")]}
        )
    cal = _calendario_de_audiencias(reclamo)
    local = inicio.astimezone(ZoneInfo(reclamo.regimen.zona_horaria))
    if not cal.es_habil(local.date()):
        raise DatosInvalidos(
            _("El %(f)s no es día hábil para el Indecopi (%(m)s).")
            % {"f": f"{local:%d/%m/%Y}", "m": cal.motivo(local.date()) or _("fin de semana")},
            campos={"inicio": [_("No es día hábil.")]},
        )
    _verificar_horario(reclamo, local)
    primero = primer_dia_convocable(reclamo)
    if local.date() < primero:
        reglas = reclamo.regimen.audiencias
        raise DatosInvalidos(
            _(
                "La audiencia se convoca con al menos %(n)s días hábiles de anticipación: "
                "el primer día posible es el %(f)s."
            )
            % {"n": reglas.anticipacion_minima_habiles, "f": f"{primero:%d/%m/%Y}"},
            campos={"inicio": [_("Sin la anticipación mínima.")]},
        )
    return f"{local:%d/%m/%Y %H:%M}"


def _calendario_de_audiencias(reclamo: Reclamo):
    from normativa.calendarios import calendario

    regimen = reclamo.regimen
    papel = Papel.RESPUESTA_MEDIACION
    tipo = regimen.plazo_de(papel) if regimen.tiene(papel) else None
    return calendario(tipo.calendario if tipo else reclamo.regimen.calendario_por_defecto)


def _verificar_horario(reclamo: Reclamo, local: datetime.datetime) -> None:
    reglas = reclamo.regimen.audiencias
    desde, hasta = reglas.horario_desde, reglas.horario_hasta
    if desde is None or hasta is None:
        return
    if not desde <= local.time() < hasta:
        raise DatosInvalidos(
            _("La audiencia tiene que empezar en el horario de atención, de %(d)s a %(h)s.")
            % {"d": f"{desde:%H:%M}", "h": f"{hasta:%H:%M}"},
            campos={"inicio": [_("Fuera del horario de atención.")]},
        )


def primer_dia_convocable(reclamo: Reclamo, hoy: datetime.date | None = None) -> datetime.date:
    """The first day a hearing convened today may be held on: the régimen's least notice in
    business days of the agency's calendar after today (today itself when there is none)."""
    cal = _calendario_de_audiencias(reclamo)
    dia = hoy or timezone.now().astimezone(ZoneInfo(reclamo.regimen.zona_horaria)).date()
    for _n in range(reclamo.regimen.audiencias.anticipacion_minima_habiles):
        dia = cal.habil_siguiente(dia)
    return dia


def verificar_enlace(enlace: str) -> str:
    """A hearing's video link (at convening and when it is rescheduled): https only, and no
    longer than the hearing's column (audiencias.Audiencia.enlace_video)."""
    if len(enlace) > LARGO_ENLACE:
        raise DatosInvalidos(
            _("El enlace de la videoconferencia es demasiado largo (hasta %(n)s caracteres).")
            % {"n": LARGO_ENLACE},
            campos={"enlace_video": [_("Demasiado largo.")]},
        )
    if not enlace.startswith("https://"):
        raise DatosInvalidos(
            _("El enlace de la videoconferencia debe empezar con https://."),
            campos={"enlace_video": [_("Inválido.")]},
        )
    return enlace


def verificar_duracion(duracion_minutos) -> int:
    """A hearing's expected length in minutes (at convening and when it is rescheduled)."""
    try:
        duracion = int(duracion_minutos)
    except (TypeError, ValueError):
        duracion = 0
    if not 15 <= duracion <= 240:
        raise DatosInvalidos(
            _("La duración debe estar entre 15 y 240 minutos."),
            campos={"duracion_minutos": [_("Fuera de rango.")]},
        )
    return duracion


@transaction.atomic
def convocar_audiencia(
    reclamo: Reclamo,
    *,
    por: Usuario,
    inicio: datetime.datetime,
    enlace_video: str = "",
    duracion_minutos: int = DURACION_AUDIENCIA,
) -> Reclamo:
    """The official convenes a conciliation hearing by video (S001 "audiencias virtuales
    convocadas por el Indecopi"), on a business day of the agency's calendar. Convening from
    REGISTRADO forwards the claim to the provider too. The Audiencia and its invitations are
    created by audiencias' hook on the act, in this transaction."""
    exigir(reclamo, por, Parte.FUNCIONARIO)
    fecha = verificar_inicio(reclamo, inicio)
    enlace = verificar_enlace((enlace_video or "").strip() or _enlace_video())
    duracion_minutos = verificar_duracion(duracion_minutos)
    reclamo = bloquear(reclamo)
    trasladar(reclamo)
    transicionar(
        reclamo,
        "convocar_audiencia",
        por=por,
        datos={
            "inicio": inicio.isoformat(),
            "fecha": fecha,
            "modalidad": "video",
            "enlace_video": enlace,
            "duracion_minutos": duracion_minutos,
            "texto": _("Audiencia de conciliación convocada para el %(f)s (%(z)s), por video")
            % {"f": fecha, "z": reclamo.regimen.texto("hora_oficial")},
        },
    )
    # The notice to each participant is the hearing's calendar invitation, sent by audiencias.
    return reclamo


# --- closing -----------------------------------------------------------------------------------


@transaction.atomic
def concluir_mediacion_sin_acuerdo(reclamo: Reclamo, *, por: Usuario, motivo: str) -> Reclamo:
    """The official closes a mediation that failed without convening a hearing (a convened
    one ends with its acta, on the hearing's page)."""
    exigir(reclamo, por, Parte.FUNCIONARIO)
    if not (motivo or "").strip():
        raise DatosInvalidos(_("Indique el motivo."), campos={"motivo": [_("Obligatorio.")]})
    reclamo = bloquear(reclamo)
    if reclamo.estado != Estado.EN_MEDIACION:
        raise ConflictoDeEstado(
            _("Con una audiencia convocada, el reclamo concluye con el acta de la audiencia.")
        )
    transicionar(reclamo, "concluir_sin_acuerdo", por=por, datos={"motivos": motivo.strip()})
    avisar(
        reclamo,
        [reclamo.consumidor, *representantes(reclamo)],
        "sin_acuerdo",
        _("Reclamo concluido sin acuerdo"),
    )
    return reclamo


@transaction.atomic
def comunicar_cumplimiento(reclamo: Reclamo, *, por: Usuario, cumplio: bool, detalle: str = ""):
    """After an agreement the consumer reports whether the provider complied (S001, concluded
    claims). A breach is a ground for a denuncia (DOMAIN §2.7)."""
    exigir(reclamo, por, Parte.CONSUMIDOR)
    if not cumplio and not (detalle or "").strip():
        raise DatosInvalidos(
            _("Cuéntenos qué no se cumplió."), campos={"detalle": [_("Obligatorio.")]}
        )
    reclamo = bloquear(reclamo)
    transicionar(
        reclamo,
        "comunicar_cumplimiento",
        por=por,
        datos={
            "cumplio": "sí" if cumplio else "no",
            "motivos": (detalle or "").strip(),
            "texto": _("El consumidor comunicó que el proveedor cumplió el acuerdo")
            if cumplio
            else _("El consumidor comunicó que el proveedor no cumplió el acuerdo"),
        },
    )
    avisar(
        reclamo,
        [*representantes(reclamo), funcionario_de(reclamo)],
        "cumplimiento",
        _("Cumplimiento comunicado"),
        cumplio=cumplio,
    )
    return reclamo


@transaction.atomic
def cerrar(reclamo: Reclamo, *, por: Usuario, accion: str) -> Reclamo:
    """The official concludes a finished claim or archives a concluded one; its history stays."""
    if accion not in {"concluir", "archivar"}:
        raise DatosInvalidos(_("Acción desconocida."))
    exigir(reclamo, por, Parte.FUNCIONARIO)
    return transicionar(bloquear(reclamo), accion, por=por)


@transaction.atomic
def desistir(reclamo: Reclamo, *, por: Usuario) -> Reclamo:
    """The consumer withdraws the claim; every running timer is cancelled."""
    exigir(reclamo, por, Parte.CONSUMIDOR)
    reclamo = transicionar(bloquear(reclamo), "desistir", por=por, datos={"quien": por.email})
    avisar(
        reclamo,
        [*representantes(reclamo), funcionario_de(reclamo)],
        "desistido",
        _("El consumidor desistió"),
    )
    return reclamo
