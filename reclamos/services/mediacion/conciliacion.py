"""Conciliation (a video hearing convened by the official, with its acta) and the closing acts:
conclusion without agreement, the consumer's compliance report, conclusion, archive,
withdrawal (S001; DOMAIN §2.7)."""

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
from reclamos.estados import Estado
from reclamos.models import (
    Mediacion,
    Reclamo,
)
from reclamos.services.mediacion.partes import (
    Parte,
    avisar,
    bloquear,
    exigir,
    funcionario_de,
    representantes,
)
from reclamos.transiciones import transicionar

# --- conciliation: the hearing convened by the official -------------------------------------


def _enlace_video() -> str:
    base = getattr(
        settings, "AUDIENCIAS_VIDEO_URL_BASE", "https://video.conciliacion.example/sala/"
    )
    return f"{base}{uuid.uuid4()}"


def _verificar_inicio(reclamo: Reclamo, inicio: datetime.datetime) -> str:
    from normativa.calendarios import calendario

    if timezone.is_naive(inicio):
        raise DatosInvalidos(_("Indique día y hora."), campos={"inicio": [_("Obligatorio.")]})
    if inicio <= timezone.now():
        raise DatosInvalidos(
            _("La audiencia tiene que ser en el futuro."), campos={"inicio": [_("Pasada.")]}
        )
    tipo = reclamo.regimen.plazos.get("PE-SAC-2")
    cal = calendario(tipo.calendario if tipo else reclamo.regimen.calendario_por_defecto)
    local = inicio.astimezone(ZoneInfo(reclamo.regimen.zona_horaria))
    if not cal.es_habil(local.date()):
        raise DatosInvalidos(
            _("El %(f)s no es día hábil para el Indecopi (%(m)s).")
            % {"f": f"{local:%d/%m/%Y}", "m": cal.motivo(local.date()) or _("fin de semana")},
            campos={"inicio": [_("No es día hábil.")]},
        )
    return f"{local:%d/%m/%Y %H:%M}"


@transaction.atomic
def convocar_audiencia(
    reclamo: Reclamo, *, por: Usuario, inicio: datetime.datetime, enlace_video: str = ""
) -> Mediacion:
    """The official convenes a conciliation hearing by video (S001 "audiencias virtuales").

    The act is the transition "convocar_audiencia"; the audiencias machinery can take the
    hearing through a transition hook registered for that act (reclamos cannot import it).
    """
    exigir(reclamo, por, Parte.FUNCIONARIO)
    fecha = _verificar_inicio(reclamo, inicio)
    enlace = (enlace_video or "").strip() or _enlace_video()
    if not enlace.startswith("https://"):
        raise DatosInvalidos(
            _("El enlace de la videoconferencia debe empezar con https://."),
            campos={"enlace_video": [_("Inválido.")]},
        )
    reclamo = bloquear(reclamo)
    Mediacion.objects.filter(reclamo=reclamo).update(
        audiencia_inicio=inicio, audiencia_enlace=enlace
    )
    transicionar(
        reclamo,
        "convocar_audiencia",
        por=por,
        datos={
            "inicio": inicio.isoformat(),
            "fecha": fecha,
            "modalidad": "video",
            "enlace_video": enlace,
        },
    )
    avisar(
        reclamo,
        [reclamo.consumidor, *representantes(reclamo)],
        "audiencia_convocada",
        _("Audiencia de conciliación convocada"),
        fecha=fecha,
        enlace=enlace,
    )
    return Mediacion.objects.get(reclamo=reclamo)


@transaction.atomic
def registrar_resultado_audiencia(reclamo: Reclamo, *, por: Usuario, acuerdo: bool, texto: str):
    """The official records the hearing's acta: with agreement (conciliar) or without it
    (concluir_sin_acuerdo). The acta is an issued document."""
    from documentos.services import emitir_documento

    exigir(reclamo, por, Parte.FUNCIONARIO)
    reclamo = bloquear(reclamo)
    if reclamo.estado != Estado.AUDIENCIA_CONVOCADA:
        raise ConflictoDeEstado(_("No hay una audiencia convocada en este reclamo."))
    texto = (texto or "").strip()
    if not texto:
        raise DatosInvalidos(
            _("Escriba el contenido del acta."), campos={"texto": [_("Obligatorio.")]}
        )
    mediacion = Mediacion.objects.get(reclamo=reclamo)
    zona = ZoneInfo(reclamo.regimen.zona_horaria)
    documento = emitir_documento(
        tipo="acta_audiencia",
        plantilla="reclamos/mediacion/acta_conciliacion",
        snapshot={
            "reclamo_numero": reclamo.numero,
            "agencia": reclamo.regimen.texto("agencia"),
            "fecha": f"{mediacion.audiencia_inicio.astimezone(zona):%d/%m/%Y %H:%M}",
            "enlace": mediacion.audiencia_enlace,
            "consumidor": f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip(),
            "proveedores": [
                f"{p.razon_social} ({reclamo.regimen.texto('id_proveedor')} {p.identificador})"
                for p in reclamo.proveedores.all()
            ],
            "funcionario": por.nombre_completo or por.email,
            "acuerdo": acuerdo,
            "texto": texto,
        },
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=(_("Acta de conciliación") if acuerdo else _("Acta de conciliación sin acuerdo"))
        + f" — {reclamo.numero}",
    )
    transicionar(
        reclamo,
        "conciliar" if acuerdo else "concluir_sin_acuerdo",
        por=por,
        datos={"acta": documento.numero_visible, "documento": documento.pk},
    )
    avisar(
        reclamo,
        [reclamo.consumidor, *representantes(reclamo)],
        "acta",
        _("Acta de la audiencia"),
        acuerdo=acuerdo,
    )
    return documento


# --- closing -----------------------------------------------------------------------------------


@transaction.atomic
def concluir_mediacion_sin_acuerdo(reclamo: Reclamo, *, por: Usuario, motivo: str) -> Reclamo:
    """The official closes a mediation that failed without convening a hearing."""
    exigir(reclamo, por, Parte.FUNCIONARIO)
    if not (motivo or "").strip():
        raise DatosInvalidos(_("Indique el motivo."), campos={"motivo": [_("Obligatorio.")]})
    reclamo = bloquear(reclamo)
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
