"""The hearing itself (D202-I.6, I.9, I.11, I.16, I.17; DOMAIN §4.4–4.7, Decisions 4, 11, 12):
attendance and the art. 11 power checks, the outcome, the actas, the provider's justification of
its absence (AR-11) and the online signature of the agreement.

Outcomes recorded by the hearing's conciliator:
- acuerdo: the Acuerdo (terms, each obligation with its compliance date, who pays the fee) and
  the acta de acuerdo; parties present in person sign there (recorded by the conciliator), in a
  video hearing each party signs online after re-authenticating, with the document's SHA-256.
  When every party signed, the claim moves to ACUERDO_FIRMADO; AR-12 opens when a party was
  represented and absent.
- sin_acuerdo: closes the conciliation (no reopening), AR-14 opens, acta de cierre.
- nueva_audiencia: a cuarto intermedio; the conciliator fixes the next hearing.
- incomparecencia_proveedor: only with a cédula served in time (Decision 11); AR-11 opens.
- incomparecencia_consumidor: the procedure ends (DESISTIDO), never a fine.
- excede_tope: the claim turns out to exceed the cap; the procedure is suspended until staff
  decide (audiencias.services.tope, D202-I.2). The only outcome besides the absences that a
  party's absence does not bar.

Nothing of a hearing is recorded while the over-cap review is open. A provider the claim was
extended to at this hearing (audiencias.services.ampliacion) was not summoned to it: it is left
out of its attendance, and the hearing can only end in a new one (or the over-cap referral).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audiencias.models import Acuerdo, Asistencia, Audiencia, Cedula, Firma
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from conciliadores.models import Modalidad
from normativa.regimenes import Papel
from reclamos import expediente
from reclamos.estados import Estado
from reclamos.models import Reclamo
from reclamos.transiciones import hoy_en, transicionar

R = Audiencia.Resultado

PROXIMAS_INSTANCIAS = _(
    "Podés iniciar la acción judicial ante la Justicia Nacional en las Relaciones de Consumo o "
    "denunciar ante la autoridad de aplicación de la Ley 24.240; el acta de cierre acredita que "
    "se agotó la instancia de conciliación previa."
)


def proximas_instancias(reclamo: Reclamo) -> str:
    """The closing acta's next steps (D202-I.17): court and authority, and whether the Auditoría
    en las Relaciones de Consumo is open to this claim today, or why not (decision 0028)."""
    from normativa.auditoria import proximas_instancias as de_la_auditoria

    extra = de_la_auditoria(reclamo.regimen_codigo, hoy_en(reclamo))
    return f"{PROXIMAS_INSTANCIAS} {extra}".strip()


def _local(audiencia: Audiencia) -> datetime.datetime:
    return audiencia.inicio.astimezone(ZoneInfo(audiencia.reclamo.regimen.zona_horaria))


def _exigir_conciliador(audiencia: Audiencia, por) -> None:
    if por is None or audiencia.conciliador.usuario_id != por.pk:
        raise AccesoDenegado(_("Solo el conciliador de la audiencia registra lo ocurrido."))


def _bloquear(audiencia: Audiencia) -> Audiencia:
    return (
        Audiencia.objects.select_for_update(of=("self",))
        .select_related("reclamo", "conciliador__usuario")
        .get(pk=audiencia.pk)
    )


@transaction.atomic
def registrar_asistencia(
    audiencia: Audiencia,
    *,
    por,
    parte: str,
    comparecio: bool,
    proveedor=None,
    modo: str = "",
    nombre: str = "",
    documento_identidad: str = "",
    caracter: str = "",
    poder: dict | None = None,
    poder_copia=None,
    coreclamante=None,
) -> Asistencia:
    """Who attended and how. A provider's representative proves the power at the first hearing
    (art. 11): standing, the principal's domicile and the power to settle are checked and the
    copy is kept; there is no gestor de negocios."""
    from audiencias.services.suspensiones import exigir_sin_recusacion
    from audiencias.services.tope import exigir_sin_revision
    from documentos.services import guardar_subida

    audiencia = _bloquear(audiencia)
    _exigir_conciliador(audiencia, por)
    if audiencia.estado != Audiencia.Estado.FIJADA:
        raise ConflictoDeEstado(_("La audiencia ya no está abierta."))
    exigir_sin_revision(audiencia.reclamo)
    exigir_sin_recusacion(audiencia.reclamo)
    if parte not in Asistencia.Parte.values:
        raise DatosInvalidos(_("Indicá qué parte."), campos={"parte": [_("Inválida.")]})
    if coreclamante is not None and (
        parte != Asistencia.Parte.CONSUMIDOR or coreclamante.reclamo_id != audiencia.reclamo_id
    ):
        raise DatosInvalidos(
            _("Esa persona no es co-reclamante de este reclamo."),
            campos={"coreclamante": [_("Inválido.")]},
        )
    if parte == Asistencia.Parte.PROVEEDOR and proveedor is None:
        raise DatosInvalidos(_("Indicá qué proveedor."), campos={"proveedor": [_("Obligatorio.")]})
    if parte == Asistencia.Parte.PROVEEDOR and proveedor not in convocados(audiencia):
        # Art. 11: a provider the claim was extended to at this hearing was not summoned to it.
        raise DatosInvalidos(
            _("Ese proveedor no fue citado a esta audiencia."),
            campos={"proveedor": [_("No citado.")]},
        )
    if comparecio and not nombre.strip():
        raise DatosInvalidos(
            _("Indicá el nombre de quien asistió."), campos={"nombre": [_("Obligatorio.")]}
        )
    poder = poder or {}
    copia = None
    if comparecio and caracter == Asistencia.Caracter.APODERADO:
        faltan = [
            k
            for k in ("legitimacion", "domicilio_mandante", "facultad_transigir")
            if not poder.get(k)
        ]
        if faltan or poder_copia is None:
            raise DatosInvalidos(
                _(
                    "Para actuar como apoderado hay que acreditar la personería, el domicilio "
                    "del mandante y la facultad para transigir, y dejar la copia firmada del "
                    "poder (art. 11). No se admite la gestión de negocios."
                ),
                campos={"poder_copia": [_("Obligatoria.")]} if poder_copia is None else {},
            )
        copia = guardar_subida(poder_copia, por=por, sujeto=audiencia.reclamo)
    asistencia, _creada = Asistencia.objects.update_or_create(
        audiencia=audiencia,
        parte=parte,
        proveedor=proveedor if parte == Asistencia.Parte.PROVEEDOR else None,
        coreclamante=coreclamante,
        defaults={
            "comparecio": comparecio,
            "modo": modo if comparecio else "",
            "nombre": nombre.strip(),
            "documento_identidad": documento_identidad.strip(),
            "caracter": caracter if comparecio else "",
            "poder_legitimacion": bool(poder.get("legitimacion")),
            "poder_domicilio_mandante": bool(poder.get("domicilio_mandante")),
            "poder_facultad_transigir": bool(poder.get("facultad_transigir")),
            "poder_copia": copia,
        },
    )
    return asistencia


def _asistencias(audiencia: Audiencia) -> tuple[Asistencia | None, dict[int, Asistencia]]:
    consumidor = None
    proveedores = {}
    for asistencia in audiencia.asistencias.all():
        if asistencia.coreclamante_id is not None:
            continue
        if asistencia.parte == Asistencia.Parte.CONSUMIDOR:
            consumidor = asistencia
        else:
            proveedores[asistencia.proveedor_id] = asistencia
    return consumidor, proveedores


def _asistencias_coreclamantes(audiencia: Audiencia) -> dict[int, Asistencia]:
    """Attendance per co-claimant (litisconsorcio, decision 0026)."""
    return {a.coreclamante_id: a for a in audiencia.asistencias.filter(coreclamante__isnull=False)}


def convocados(audiencia: Audiencia, ampliaciones: list | None = None) -> list:
    """The providers summoned to this hearing: all of the claim's but those it was extended to
    at this very hearing (art. 11: they get the next hearing's cédula). `ampliaciones`: the
    hearing's `ampliaciones_de` when the caller already read them."""
    from audiencias.services.ampliacion import proveedores_agregados_en

    nuevos = proveedores_agregados_en(audiencia, ampliaciones)
    return [p for p in audiencia.reclamo.proveedores.all() if p.pk not in nuevos]


def _snapshot_base(audiencia: Audiencia) -> dict:
    reclamo = audiencia.reclamo
    consumidor, proveedores = _asistencias(audiencia)
    asistentes = []
    if consumidor is not None:
        asistentes.append(
            {
                "parte": "Consumidor/a",
                "comparecio": consumidor.comparecio,
                "nombre": consumidor.nombre,
                "caracter": consumidor.get_caracter_display(),
                "modo": consumidor.get_modo_display(),
            }
        )
    otros = _asistencias_coreclamantes(audiencia)
    for c in reclamo.coreclamantes.all():
        a = otros.get(c.pk)
        asistentes.append(
            {
                "parte": f"Co-reclamante: {c} (art. 2)",
                "comparecio": bool(a and a.comparecio),
                "nombre": a.nombre if a else "",
                "caracter": a.get_caracter_display() if a else "",
                "modo": a.get_modo_display() if a else "",
            }
        )
    for p in convocados(audiencia):
        a = proveedores.get(p.pk)
        asistentes.append(
            {
                "parte": f"Proveedor: {p.razon_social} (CUIT {p.identificador})",
                "comparecio": bool(a and a.comparecio),
                "nombre": a.nombre if a else "",
                "caracter": a.get_caracter_display() if a else "",
                "modo": a.get_modo_display() if a else "",
                "poder": bool(a and a.poder_copia_id),
            }
        )
    cuando = _local(audiencia)
    return {
        "reclamo_numero": reclamo.numero,
        # Which hearing the acta belongs to (audiencias.selectors.actas_de).
        "audiencia_id": audiencia.pk,
        "audiencia": {
            "orden": audiencia.orden,
            "fecha": f"{cuando:%d/%m/%Y}",
            "hora": f"{cuando:%H:%M}",
            "modalidad": audiencia.get_modalidad_display(),
            "lugar": audiencia.enlace_video or audiencia.lugar,
        },
        "conciliador": {
            "nombre": audiencia.conciliador.nombre,
            "matricula": audiencia.conciliador.matricula,
        },
        "consumidor": f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip(),
        "objeto": reclamo.objeto,
        "asistentes": asistentes,
        "observaciones": audiencia.observaciones,
        "dispensa_confidencialidad": audiencia.dispensa_confidencialidad,
    }


def _emitir(audiencia: Audiencia, *, tipo: str, titulo: str, snapshot: dict, por):
    from documentos.services import emitir_documento
    from reclamos.eventos_webhook import al_emitir_documento

    reclamo = audiencia.reclamo
    documento = emitir_documento(
        tipo=tipo,
        plantilla=f"audiencias/{tipo}",
        snapshot=snapshot,
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=titulo,
    )
    # "acta.emitida" for the providers the claim was served on (decision 0023).
    al_emitir_documento(reclamo, documento)
    return documento


def _validar_obligaciones(obligaciones: list[dict]) -> list[dict]:
    if not obligaciones:
        raise DatosInvalidos(
            _("El acuerdo necesita al menos una obligación con su fecha de cumplimiento."),
            campos={"obligaciones": [_("Obligatorio.")]},
        )
    limpias = []
    for i, o in enumerate(obligaciones, start=1):
        descripcion = (o.get("descripcion") or "").strip()
        fecha = o.get("fecha_cumplimiento")
        if isinstance(fecha, str):
            try:
                fecha = datetime.date.fromisoformat(fecha)
            except ValueError:
                fecha = None
        if not descripcion or not isinstance(fecha, datetime.date):
            raise DatosInvalidos(
                _("La obligación %(i)s necesita descripción y fecha de cumplimiento.") % {"i": i},
                campos={"obligaciones": [_("Incompleta.")]},
            )
        monto = o.get("monto")
        try:
            monto = (
                str(Decimal(str(monto)).quantize(Decimal("0.01")))
                if monto not in (None, "")
                else ""
            )
        except InvalidOperation:
            raise DatosInvalidos(
                _("El monto de la obligación %(i)s no es válido.") % {"i": i},
                campos={"obligaciones": [_("Monto inválido.")]},
            ) from None
        limpias.append(
            {
                "descripcion": descripcion,
                "monto": monto,
                "fecha_cumplimiento": fecha.isoformat(),
                "a_cargo": (o.get("a_cargo") or "proveedor").strip(),
            }
        )
    return limpias


def _primera_si_corresponde(audiencia: Audiencia, reclamo: Reclamo, por) -> None:
    """T22: the first hearing held with the parties moves the claim into conciliation."""
    if reclamo.estado == Estado.AUDIENCIA_FIJADA:
        transicionar(
            reclamo,
            "celebrar_primera_audiencia",
            por=por,
            datos={"audiencia": audiencia.pk, "plazos_desde": _local(audiencia).date()},
        )


def _abrir_registro(audiencia: Audiencia, por, resultado: str):
    audiencia = _bloquear(audiencia)
    _exigir_conciliador(audiencia, por)
    reclamo = Reclamo.objects.select_for_update().get(pk=audiencia.reclamo_id)
    if audiencia.estado != Audiencia.Estado.FIJADA:
        raise ConflictoDeEstado(_("El resultado de esta audiencia ya fue registrado."))
    if timezone.now() < audiencia.inicio:
        raise ConflictoDeEstado(_("La audiencia todavía no empezó."))
    if resultado not in R.values:
        raise DatosInvalidos(_("Elegí el resultado."), campos={"resultado": [_("Inválido.")]})
    from audiencias.services.suspensiones import exigir_sin_recusacion
    from audiencias.services.tope import exigir_sin_revision

    exigir_sin_revision(reclamo)
    exigir_sin_recusacion(reclamo)
    consumidor, proveedores = _asistencias(audiencia)
    otros = _asistencias_coreclamantes(audiencia)
    if (
        consumidor is None
        or any(p.pk not in proveedores for p in convocados(audiencia))
        or any(c.pk not in otros for c in reclamo.coreclamantes.all())
    ):
        raise DatosInvalidos(
            _("Registrá primero la asistencia de cada parte."),
            campos={"resultado": [_("Falta la asistencia.")]},
        )
    return audiencia, reclamo, consumidor, proveedores


@transaction.atomic
def registrar_resultado(
    audiencia: Audiencia,
    *,
    por,
    resultado: str,
    observaciones: str = "",
    dispensa_confidencialidad: bool = False,
    acuerdo: dict | None = None,
    remision: dict | None = None,
) -> Audiencia:
    """Records what happened at the hearing and issues its actas. `remision` ({"fundamento",
    "monto"}) is the over-cap referral's data (resultado excede_tope)."""
    from audiencias.services import tope

    audiencia, reclamo, consumidor, proveedores = _abrir_registro(audiencia, por, resultado)
    datos_remision = _verificar_resultado(audiencia, reclamo, resultado, remision)
    audiencia.observaciones = observaciones.strip()
    audiencia.dispensa_confidencialidad = dispensa_confidencialidad
    audiencia.resultado = resultado
    audiencia.estado = Audiencia.Estado.CELEBRADA
    audiencia.celebrada_en = timezone.now()
    audiencia.save()
    ausentes = [p for p in convocados(audiencia) if not proveedores[p.pk].comparecio]

    if resultado == R.INCOMPARECENCIA_CONSUMIDOR:
        if consumidor.comparecio:
            raise DatosInvalidos(_("Registraste que el consumidor asistió."))
        transicionar(
            reclamo,
            "registrar_incomparecencia_consumidor",
            por=por,
            datos={"audiencia": audiencia.pk},
        )
        _acta_audiencia(audiencia, por)
        return audiencia
    if resultado == R.INCOMPARECENCIA_PROVEEDOR:
        return _incomparecencia_proveedor(audiencia, reclamo, ausentes, por)
    todos = consumidor.comparecio and not ausentes
    if resultado == R.EXCEDE_TOPE:
        # D202-I.2 asks only that the excess come to light "en el transcurso del procedimiento
        # conciliatorio": the conciliator refers with whoever attended, and the acta says who.
        # The first hearing moves the claim into conciliation (T22) only when held with all.
        if todos:
            _primera_si_corresponde(audiencia, reclamo, por)
        acta = _acta_audiencia(audiencia, por, remision=datos_remision)
        tope.remitir(audiencia, reclamo, por=por, remision=datos_remision, acta=acta)
        return audiencia
    if not todos:
        raise DatosInvalidos(
            _("Con una parte ausente, el resultado es su incomparecencia."),
            campos={"resultado": [_("No corresponde.")]},
        )
    _primera_si_corresponde(audiencia, reclamo, por)
    _acta_audiencia(audiencia, por)
    if resultado == R.SIN_ACUERDO:
        _cerrar_sin_acuerdo(
            audiencia, reclamo, por, causa=_("Las partes no llegaron a un acuerdo.")
        )
    elif resultado == R.ACUERDO:
        _crear_acuerdo(audiencia, reclamo, por, acuerdo or {})
    elif resultado == R.NUEVA_AUDIENCIA:
        expediente._registrar(
            reclamo,
            "audiencia.cuarto_intermedio",
            por=por,
            texto=_("Cuarto intermedio: el conciliador fijará una nueva audiencia."),
            datos={"audiencia": audiencia.pk},
            fuente="Ley 26.993 art. 12",
        )
    return audiencia


def _verificar_resultado(audiencia, reclamo, resultado: str, remision: dict | None) -> dict | None:
    """The art. 11 and art. 2 conditions on the outcome; returns the referral's data, if any."""
    from audiencias.services import tope
    from audiencias.services.ampliacion import proveedores_agregados_en

    if resultado in {R.ACUERDO, R.SIN_ACUERDO} and proveedores_agregados_en(audiencia):
        raise DatosInvalidos(
            _(
                "El reclamo se amplió contra otro proveedor: corresponde fijar una nueva "
                "audiencia con su cédula (art. 11). Elegí «Nueva audiencia»."
            ),
            campos={"resultado": [_("Corresponde una nueva audiencia.")]},
        )
    if resultado != R.EXCEDE_TOPE:
        return None
    remision = remision or {}
    return tope.datos_de_remision(
        reclamo, fundamento=remision.get("fundamento", ""), monto=remision.get("monto")
    )


def grupo_de(audiencia: Audiencia) -> list[Audiencia]:
    """The rows of one joint hearing (D202-I.2): the lead claim's first, then each joined
    claim's share, first filed first. A hearing of a claim not joined is its own group."""
    principal = audiencia.conjunta_con if audiencia.conjunta_con_id else audiencia
    conjuntas = list(
        principal.conjuntas.exclude(
            estado__in=[Audiencia.Estado.CANCELADA, Audiencia.Estado.REPROGRAMADA]
        )
        .select_related("reclamo", "conciliador")
        .order_by("reclamo__presentado_en", "reclamo__pk")
    )
    return [principal, *conjuntas]


def _fila_de_reclamo(audiencia: Audiencia) -> dict:
    """One joined claim in the joint acta: its number, parties, amount against its own cap
    (the cap applies per claim, D202-I.2) and its own result."""
    reclamo = audiencia.reclamo
    base = _snapshot_base(audiencia)
    return {
        "numero": reclamo.numero,
        "consumidor": base["consumidor"],
        "objeto": reclamo.objeto,
        "monto": f"{reclamo.monto:.2f}" if reclamo.monto is not None else "",
        "monto_indeterminado": reclamo.monto_indeterminado,
        "tope": f"{reclamo.tope:.2f}" if reclamo.tope is not None else "",
        "dentro_del_tope": (
            reclamo.monto is None or reclamo.tope is None or reclamo.monto <= reclamo.tope
        ),
        "resultado": audiencia.get_resultado_display(),
        "asistentes": base["asistentes"],
    }


def _acta_conjunta(grupo: list[Audiencia], por):
    """One acta for the joint hearing, issued when the last joined claim's result is recorded;
    each claim's expediente records it with its own result."""
    principal = grupo[0]
    numeros = [a.reclamo.numero for a in grupo]
    observaciones = "\n".join(
        f"{a.reclamo.numero}: {a.observaciones}" for a in grupo if a.observaciones
    )
    acta = _emitir(
        principal,
        tipo="acta_audiencia",
        titulo=_("Acta de audiencia conjunta n.º %(o)s — reclamos %(n)s")
        % {"o": principal.orden, "n": ", ".join(numeros)},
        snapshot={
            **_snapshot_base(principal),
            "observaciones": observaciones,
            "dispensa_confidencialidad": all(a.dispensa_confidencialidad for a in grupo),
            "resultado": _(
                "Audiencia conjunta de reclamos acumulados: cada reclamo tiene su resultado."
            ),
            "conjunta": True,
            "reclamos": [_fila_de_reclamo(a) for a in grupo],
            "ampliaciones": [],
            "remision": {},
        },
        por=por,
    )
    for a in grupo:
        expediente._registrar(
            a.reclamo,
            "acta.audiencia_conjunta",
            por=por,
            texto=_(
                "Acta única de la audiencia conjunta (reclamos %(n)s): %(d)s, código %(c)s. "
                "Resultado de este reclamo: %(r)s"
            )
            % {
                "n": ", ".join(numeros),
                "d": acta.numero_visible,
                "c": acta.codigo,
                "r": a.get_resultado_display(),
            },
            datos={
                "documento": acta.pk,
                "audiencia": a.pk,
                "audiencia_principal": principal.pk,
                "reclamos": numeros,
                "resultado": a.resultado,
            },
            fuente="D202-I.2; D202-I.11",
        )
    return acta


def _acta_audiencia(audiencia: Audiencia, por, *, remision: dict | None = None):
    """The hearing's acta (DOMAIN §4.4), with the claim's widenings made at it (art. 11) and,
    for an over-cap referral, the amount found against the cap stored on the claim (art. 2).
    A joint hearing of joined claims (D202-I.2) has one acta for all of them: it is issued when
    the last claim's result is recorded (_acta_conjunta); until then this returns None."""
    from audiencias.services.ampliacion import TIPOS, ampliaciones_de

    grupo = grupo_de(audiencia)
    if len(grupo) > 1:
        faltan = [a.reclamo.numero for a in grupo if a.estado == Audiencia.Estado.FIJADA]
        if faltan:
            expediente._registrar(
                audiencia.reclamo,
                "audiencia.resultado_en_conjunta",
                por=por,
                texto=_(
                    "Resultado de este reclamo en la audiencia conjunta: %(r)s. El acta única se "
                    "emite al registrar el de %(f)s"
                )
                % {"r": audiencia.get_resultado_display(), "f": ", ".join(faltan)},
                datos={"audiencia": audiencia.pk, "resultado": audiencia.resultado},
                fuente="D202-I.2",
            )
            return None
        return _acta_conjunta(grupo, por)

    ampliaciones = [
        {**a, "tipo_texto": str(TIPOS.get(a["tipo"], ""))} for a in ampliaciones_de(audiencia)
    ]
    return _emitir(
        audiencia,
        tipo="acta_audiencia",
        titulo=_("Acta de audiencia n.º %(o)s — reclamo %(n)s")
        % {"o": audiencia.orden, "n": audiencia.reclamo.numero},
        snapshot={
            **_snapshot_base(audiencia),
            "resultado": audiencia.get_resultado_display(),
            "ampliaciones": ampliaciones,
            "remision": remision or {},
        },
        por=por,
    )


def _incomparecencia_proveedor(audiencia, reclamo, ausentes, por):
    if not ausentes:
        raise DatosInvalidos(_("Registraste que todos los proveedores asistieron."))
    cedulas = {
        c.proveedor_id: c
        for c in Cedula.objects.filter(audiencia=audiencia, proveedor__in=ausentes)
    }
    sin_notificar = [
        p.razon_social for p in ausentes if not getattr(cedulas.get(p.pk), "en_termino", False)
    ]
    if sin_notificar:
        raise DatosInvalidos(
            _(
                "No hay incomparecencia de %(p)s: su cédula no quedó notificada con 3 días "
                "hábiles de anticipación (art. 10). Fijá una nueva audiencia."
            )
            % {"p": ", ".join(sin_notificar)},
            campos={"resultado": [_("Sin notificación válida.")]},
        )
    fecha = _local(audiencia).date()
    transicionar(
        reclamo,
        "registrar_incomparecencia_proveedor",
        por=por,
        datos={"audiencia": audiencia.pk, "plazos_desde": fecha},
    )
    _acta_audiencia(audiencia, por)
    _emitir(
        audiencia,
        tipo="acta_incomparecencia",
        titulo=_("Acta de incomparecencia — reclamo %(n)s") % {"n": reclamo.numero},
        snapshot={
            **_snapshot_base(audiencia),
            "ausentes": [
                {
                    "razon_social": p.razon_social,
                    "cuit": p.identificador,
                    "domicilio": cedulas[p.pk].domicilio,
                    "via": cedulas[p.pk].get_via_display(),
                    "notificada_el": f"{cedulas[p.pk].notificada_el:%d/%m/%Y}",
                    "medio": cedulas[p.pk].medio,
                    "cedula": cedulas[p.pk].documento.numero_visible
                    if cedulas[p.pk].documento
                    else "",
                }
                for p in ausentes
            ],
        },
        por=por,
    )
    return audiencia


def _cerrar_sin_acuerdo(audiencia, reclamo, por, *, causa: str, accion: str = "cerrar_sin_acuerdo"):
    """The act closes; the acta de cierre is issued by the hook on the act (emitir_acta_de_cierre),
    so a closure by the sweeper (AR-11 expired) gets the same acta."""
    transicionar(
        reclamo,
        accion,
        por=por,
        datos={
            "causa": causa,
            "ultima_audiencia": _local(audiencia).date().isoformat(),
            "plazos_desde": hoy_en(reclamo),
        },
    )


CAUSAS_POR_ACTO = {
    "cerrar_sin_acuerdo": _("Las partes no llegaron a un acuerdo."),
    "cerrar_por_incomparecencia": _(
        "Incomparecencia del proveedor sin justificación aceptada dentro del plazo (art. 16)."
    ),
}


def emitir_acta_de_cierre(reclamo: Reclamo, *, transicion=None, por=None, datos=None) -> None:
    """Transition hook on the closing acts without agreement: the acta de cierre (DOMAIN §4.7),
    the enforcement title of unpaid fees, with the date of the last hearing (AR-16)."""
    datos = datos or {}
    audiencia = ultima_audiencia_celebrada(reclamo)
    if audiencia is None:
        return
    accion = next((a for a, f in _filas_de_cierre(reclamo).items() if f is transicion), "")
    causa = datos.get("causa") or CAUSAS_POR_ACTO.get(accion, _("Cierre sin acuerdo."))
    fecha = _local(audiencia).date()
    _emitir(
        audiencia,
        tipo="acta_cierre",
        titulo=_("Acta de cierre sin acuerdo — reclamo %(n)s") % {"n": reclamo.numero},
        snapshot={
            **_snapshot_base(audiencia),
            "causa": str(causa),
            "ultima_audiencia": f"{fecha:%d/%m/%Y}",
            "monto": f"{reclamo.monto:.2f}" if reclamo.monto is not None else "",
            "proximas_instancias": proximas_instancias(reclamo),
        },
        por=por or audiencia.conciliador.usuario,
    )


def _filas_de_cierre(reclamo: Reclamo) -> dict:
    from reclamos.estados import tabla

    filas = tabla(reclamo.regimen_codigo)
    return {a: filas[a] for a in CAUSAS_POR_ACTO if a in filas}


def _crear_acuerdo(audiencia, reclamo, por, datos: dict) -> Acuerdo:
    terminos = (datos.get("terminos") or "").strip()
    if not terminos:
        raise DatosInvalidos(
            _("Escribí los términos del acuerdo."), campos={"terminos": [_("Obligatorio.")]}
        )
    obligaciones = _validar_obligaciones(datos.get("obligaciones") or [])
    try:
        monto = (
            Decimal(str(datos["monto_total"]))
            if datos.get("monto_total") not in (None, "")
            else None
        )
    except InvalidOperation:
        raise DatosInvalidos(
            _("La suma acordada no es válida."), campos={"monto_total": [_("Inválida.")]}
        ) from None
    _c, proveedores = _asistencias(audiencia)
    representados_ausentes = any(
        a.caracter == Asistencia.Caracter.APODERADO for a in proveedores.values()
    ) or (_c is not None and _c.caracter == Asistencia.Caracter.APODERADO)
    version = (
        reclamo.acuerdos.order_by("-version").values_list("version", flat=True).first() or 0
    ) + 1
    acuerdo = Acuerdo.objects.create(
        audiencia=audiencia,
        reclamo=reclamo,
        terminos=terminos,
        monto_total=monto,
        obligaciones=obligaciones,
        honorarios_a_cargo=(datos.get("honorarios_a_cargo") or "proveedor").strip(),
        requiere_ratificacion=representados_ausentes,
        version=version,
        creado_por=por,
    )
    acuerdo.documento = _emitir(
        audiencia,
        tipo="acta_acuerdo",
        titulo=_("Acta de acuerdo — reclamo %(n)s") % {"n": reclamo.numero},
        snapshot={
            **_snapshot_base(audiencia),
            "terminos": terminos,
            "monto_total": f"{monto:.2f}" if monto is not None else "",
            "obligaciones": obligaciones,
            "honorarios_a_cargo": acuerdo.honorarios_a_cargo,
            "requiere_ratificacion": acuerdo.requiere_ratificacion,
            "version": version,
        },
        por=por,
    )
    acuerdo.save(update_fields=["documento"])
    expediente._registrar(
        reclamo,
        "acta.acuerdo_redactado",
        por=por,
        texto=_("Acta de acuerdo redactada: falta la firma de las partes."),
        datos={"acuerdo": acuerdo.pk, "version": version},
        fuente="Ley 26.993 art. 11; Decision 12",
    )
    return acuerdo


def huella_del_acuerdo(acuerdo: Acuerdo) -> str:
    """The SHA-256 a signature binds to: the rendered PDF's hash once available, else the hash
    of the issued snapshot (the exact values the PDF shows)."""
    documento = acuerdo.documento
    if documento is not None and documento.sha256:
        return documento.sha256
    canonico = json.dumps(
        documento.snapshot if documento else {}, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(canonico.encode()).hexdigest()


def firmantes_requeridos(acuerdo: Acuerdo) -> list[tuple[str, int | None]]:
    partes = [(Firma.Parte.CONSUMIDOR, None), (Firma.Parte.CONCILIADOR, None)]
    partes += [(Firma.Parte.PROVEEDOR, p.pk) for p in acuerdo.reclamo.proveedores.all()]
    return partes


def coreclamantes_requeridos(acuerdo: Acuerdo) -> list:
    """Each co-claimant signs the agreement too (litisconsorcio, decision 0026)."""
    return list(acuerdo.reclamo.coreclamantes.all())


def firmas_completas(acuerdo: Acuerdo) -> bool:
    firmadas = set(
        acuerdo.firmas.filter(coreclamante__isnull=True).values_list("parte", "proveedor_id")
    )
    coreclamantes = set(
        acuerdo.firmas.filter(coreclamante__isnull=False).values_list("coreclamante_id", flat=True)
    )
    return all((p, prov) in firmadas for p, prov in firmantes_requeridos(acuerdo)) and all(
        c.pk in coreclamantes for c in coreclamantes_requeridos(acuerdo)
    )


@transaction.atomic
def firmar_acuerdo(
    acuerdo: Acuerdo,
    *,
    por,
    parte: str,
    proveedor=None,
    metodo: str,
    nombre: str = "",
    clave=None,
    sha256_visto: str | None = None,
    coreclamante=None,
) -> Firma:
    """A signature of the agreement acta. In person: the conciliator records each party's
    signature at the hearing. Online (video hearings): the party signs after re-authenticating
    (the view checks the password), bound to the document's hash; a provider signs only for an
    organisation `por` represents (with an API key, the key's). When every party and the
    conciliator signed, the claim moves to ACUERDO_FIRMADO (T30). `sha256_visto`: the hash the
    person saw, which must still be the acta's (400 otherwise)."""
    acuerdo = (
        Acuerdo.objects.select_for_update(of=("self",))
        .select_related("audiencia__conciliador", "reclamo")
        .get(pk=acuerdo.pk)
    )
    reclamo = acuerdo.reclamo
    if reclamo.estado != Estado.EN_CONCILIACION or hasattr(acuerdo, "reemplazado_por"):
        raise ConflictoDeEstado(_("Este acuerdo ya no admite firmas."))
    _exigir_firmante(acuerdo, parte, proveedor, coreclamante)
    es_conciliador = acuerdo.audiencia.conciliador.usuario_id == getattr(por, "pk", None)
    if metodo == Firma.Metodo.PRESENCIAL and not es_conciliador:
        raise AccesoDenegado(
            _("Las firmas en la audiencia presencial las registra el conciliador.")
        )
    if metodo == Firma.Metodo.PRESENCIAL and acuerdo.audiencia.modalidad != Modalidad.PRESENCIAL:
        # Decision 12: at a video hearing nobody signs before the conciliator; each party signs
        # online after re-authenticating.
        mensaje = _(
            "La audiencia fue por video: cada parte firma en línea desde el reclamo, no se "
            "registran firmas presenciales."
        )
        raise DatosInvalidos(mensaje, campos={"metodo": [mensaje]})
    if metodo == Firma.Metodo.EN_LINEA:
        if not _firma_propia(acuerdo, por, parte, proveedor, coreclamante, clave, es_conciliador):
            raise AccesoDenegado(_("Solo podés firmar por vos o por la empresa que representás."))
        nombre = por.nombre_completo or por.email
    if Firma.objects.filter(
        acuerdo=acuerdo, parte=parte, proveedor=proveedor, coreclamante=coreclamante
    ).exists():
        raise ConflictoDeEstado(_("Esa parte ya firmó el acuerdo."))
    huella = huella_del_acuerdo(acuerdo)
    if sha256_visto is not None and sha256_visto.strip().lower() != huella:
        mensaje = _("El acta cambió desde que la viste: volvé a leerla antes de firmar.")
        raise DatosInvalidos(mensaje, campos={"sha256": [mensaje]})
    firma = Firma.objects.create(
        acuerdo=acuerdo,
        parte=parte,
        proveedor=proveedor,
        coreclamante=coreclamante,
        usuario=por if metodo == Firma.Metodo.EN_LINEA else None,
        nombre=nombre or (str(coreclamante) if coreclamante else parte),
        metodo=metodo,
        sha256=huella,
    )
    expediente._registrar(
        reclamo,
        "acta.acuerdo_firma",
        por=por,
        texto=_("Firmó el acuerdo: %(n)s (%(m)s), SHA-256 %(h)s")
        % {"n": firma.nombre, "m": firma.get_metodo_display(), "h": firma.sha256[:16]},
        datos={
            "acuerdo": acuerdo.pk,
            "parte": parte,
            "sha256": firma.sha256,
            **({"coreclamante": coreclamante.pk} if coreclamante else {}),
        },
        fuente="Decision 12",
    )
    if firmas_completas(acuerdo):
        transicionar(
            reclamo,
            "firmar_acuerdo",
            por=acuerdo.audiencia.conciliador.usuario,
            datos={"acuerdo": acuerdo.pk, "plazos_desde": hoy_en(reclamo)},
        )
        if acuerdo.requiere_ratificacion:
            from plazos.services import abrir_plazo

            abrir_plazo(
                sujeto=reclamo,
                tipo=reclamo.regimen.codigo_de(Papel.RATIFICACION),
                desde=hoy_en(reclamo),
                regimen=reclamo.regimen_codigo,
            )
    return firma


def _firma_propia(acuerdo, por, parte, proveedor, coreclamante, clave, es_conciliador) -> bool:
    """Online, each party signs only for themself (or the company they represent): the claim's
    consumer, a co-claimant (decision 0026), the conciliator or a provider's representative."""
    from cuentas.permisos import organizaciones_representadas

    quien = getattr(por, "pk", None)
    if coreclamante is not None:
        return coreclamante.usuario_id is not None and coreclamante.usuario_id == quien
    if parte == Firma.Parte.CONSUMIDOR:
        return acuerdo.reclamo.consumidor_id == quien
    if parte == Firma.Parte.CONCILIADOR:
        return es_conciliador
    return (
        parte == Firma.Parte.PROVEEDOR
        and organizaciones_representadas(por, clave).filter(pk=proveedor.organizacion_id).exists()
    )


def _exigir_firmante(acuerdo: Acuerdo, parte: str, proveedor, coreclamante=None) -> None:
    """`parte` (and, for a provider, `proveedor`; for a co-claimant, `coreclamante`) is one of
    the agreement's signatories."""
    if coreclamante is not None and (
        parte != Firma.Parte.CONSUMIDOR or coreclamante.reclamo_id != acuerdo.reclamo_id
    ):
        raise DatosInvalidos(
            _("Esa persona no es co-reclamante de este reclamo."),
            campos={"coreclamante": [_("Inválido.")]},
        )
    if parte not in Firma.Parte.values:
        raise DatosInvalidos(_("Parte desconocida."), campos={"parte": [_("Inválida.")]})
    if parte == Firma.Parte.PROVEEDOR and (
        proveedor is None or not acuerdo.reclamo.proveedores.filter(pk=proveedor.pk).exists()
    ):
        raise DatosInvalidos(
            _("Indicá cuál de los proveedores del reclamo firma."),
            campos={"proveedor": [_("Obligatorio.")]},
        )


@transaction.atomic
def justificar_incomparecencia(
    reclamo: Reclamo, *, por, motivo: str, archivos=(), clave=None
) -> list:
    """The absent provider justifies itself before the conciliator within AR-11; with an API
    key, only for the key's organisation. Returns the stored files."""
    from documentos.services import guardar_subida
    from reclamos.permisos import es_parte_proveedora

    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    if reclamo.estado != Estado.INCOMPARECENCIA_PROVEEDOR:
        raise ConflictoDeEstado(_("No hay una incomparecencia para justificar."))
    if not es_parte_proveedora(por, reclamo, clave):
        raise AccesoDenegado(_("Solo el proveedor justifica su incomparecencia."))
    if not motivo.strip():
        raise DatosInvalidos(_("Explicá el motivo."), campos={"motivo": [_("Obligatorio.")]})
    subidos = [guardar_subida(a, por=por, sujeto=reclamo) for a in archivos]
    expediente._registrar(
        reclamo,
        "audiencia.justificacion_presentada",
        por=por,
        texto=_("El proveedor presentó su justificación: %(m)s") % {"m": motivo.strip()[:200]},
        datos={"motivo": motivo.strip(), "archivos": [s.pk for s in subidos]},
        fuente="Ley 26.993 art. 16",
    )
    return subidos


@transaction.atomic
def decidir_justificacion(
    reclamo: Reclamo, *, por, aceptar: bool, motivo: str, nueva_audiencia: dict | None = None
):
    """The conciliator accepts the justification (a new hearing is fixed in the same act) or
    rejects it (closed without agreement; the fine path starts, Decision 11)."""
    reclamo = Reclamo.objects.select_for_update().get(pk=reclamo.pk)
    audiencia = (
        reclamo.audiencias.filter(resultado=R.INCOMPARECENCIA_PROVEEDOR).order_by("-inicio").first()
    )
    if reclamo.estado != Estado.INCOMPARECENCIA_PROVEEDOR or audiencia is None:
        raise ConflictoDeEstado(_("No hay una incomparecencia pendiente de decisión."))
    _exigir_conciliador(audiencia, por)
    if not motivo.strip():
        raise DatosInvalidos(_("Fundá la decisión."), campos={"motivo": [_("Obligatorio.")]})
    if aceptar:
        if not nueva_audiencia:
            raise DatosInvalidos(
                _("Indicá la nueva audiencia."), campos={"fecha": [_("Obligatoria.")]}
            )
        from audiencias.services.turnos import fijar_audiencia

        transicionar(reclamo, "aceptar_justificacion", por=por, datos={"motivo": motivo.strip()})
        return fijar_audiencia(reclamo, por=por, **nueva_audiencia)
    _cerrar_sin_acuerdo(
        audiencia,
        reclamo,
        por,
        causa=_("Incomparecencia injustificada del proveedor: %(m)s") % {"m": motivo.strip()},
        accion="cerrar_por_incomparecencia",
    )
    return None


def ultima_audiencia_celebrada(reclamo: Reclamo) -> Audiencia | None:
    """The last hearing held (AR-16 counts 45 calendar days from it, D202-I.17)."""
    return reclamo.audiencias.filter(estado=Audiencia.Estado.CELEBRADA).order_by("-inicio").first()
