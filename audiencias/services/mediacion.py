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
    if resultado in {R.ACUERDO, R.SIN_ACUERDO} and not (consumidor and all(proveedores)):
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


def _snapshot_acta(audiencia: Audiencia, reclamo: Reclamo, filas: dict, texto: str) -> dict:
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
    }


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
    audiencia: Audiencia, *, por, asistencias: list[dict], resultado: str, texto: str = ""
):
    """The conducting official records who attended (one row per party: parte, proveedor,
    comparecio, nombre) and the outcome; the acta is issued as a document and the claim moves by
    the act Regimen.audiencias.resultados names (conciliar / concluir_sin_acuerdo). Returns the
    acta."""
    from documentos.services import emitir_documento

    audiencia, reclamo = _abrir(audiencia, por)
    acto = reglas(reclamo).resultados.get(resultado)
    if acto is None:
        raise DatosInvalidos(_("Elija el resultado."), campos={"resultado": [_("Inválido.")]})
    texto = (texto or "").strip()
    filas = _limpiar_asistencias(reclamo, asistencias)
    _verificar_resultado(resultado, filas, texto)
    _guardar_asistencias(audiencia, filas)
    audiencia.resultado = resultado
    audiencia.estado = Audiencia.Estado.CELEBRADA
    audiencia.celebrada_en = timezone.now()
    audiencia.observaciones = texto
    audiencia.save(update_fields=["resultado", "estado", "celebrada_en", "observaciones"])
    acta = emitir_documento(
        tipo="acta_audiencia",
        plantilla=reglas(reclamo).acta,
        snapshot=_snapshot_acta(audiencia, reclamo, filas, texto),
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=f"{TITULOS[resultado]} — {reclamo.numero}",
    )
    fila = tabla(reclamo.regimen_codigo)[acto]
    nombre = nombre_del_resultado(reclamo, resultado)
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
        },
    )
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
