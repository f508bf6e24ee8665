"""The claim widened or redirected at the first hearing (D202-I.11 last three ¶; DOMAIN T22).

"En la primera audiencia el consumidor o usuario podrá ampliar el objeto de su reclamo, incluyendo
rubros que no hubieran sido identificados en el formulario de inicio y siempre que no supere el
monto legal establecido. En la misma oportunidad podrá enderezar su reclamo, dirigiéndolo contra
quien comparezca y asuma el carácter de proveedor o prestador o ampliarlo contra otros
proveedores (...). El conciliador notificará por vía informática a la autoridad (...) las
modificaciones (...) y si hubiera ampliado su reclamo contra otro u otros proveedores, designará
nueva audiencia".

- "First hearing" is the hearing that opens the conciliation: it is in progress and the claim is
  still AUDIENCIA_FIJADA (T22 not applied yet). A first hearing the provider missed, followed by
  an accepted justification, leaves the claim there, so the next one is still the first held.
- The consumer must be at the hearing (recorded attendance); the conciliator records each change.
- Widening the object: the new total is checked against the cap computed with the SMVM value
  stored on the claim at filing; without a precise amount the consumer declares it stays within
  the cap (art. 2 ¶2). The claim's object and amount change, so later cédulas and actas show them.
- Redirecting: the provider named at filing is replaced by whoever appeared and assumed the role
  (same ReclamoProveedor row, its previous data kept in the expediente; old cédulas keep theirs).
- Extending to another provider: it joins the claim (linked to its registered organisation by
  CUIT, if any, so it sees the claim and may have an electronic domicile); it was not summoned to
  this hearing, so it is not in its attendance, the hearing can only end in a new hearing (or the
  over-cap referral), and fixing that hearing issues its own cédula by the usual route.
- Every change is an expediente entry ("audiencia.ampliacion", datos.audiencia = the hearing),
  listed in the hearing's acta, and reported to the agency's staff by notice.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audiencias import avisos
from audiencias.models import Asistencia, Audiencia
from audiencias.services.tope import exigir_sin_revision, importe, local, tope_del_reclamo
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from reclamos import expediente
from reclamos.estados import Estado
from reclamos.models import Actuacion, Reclamo, ReclamoProveedor

CODIGO = "audiencia.ampliacion"
OBJETO, ENDEREZAR, PROVEEDOR = "objeto", "enderezar", "proveedor"
TIPOS = {
    OBJETO: _("Ampliación del objeto"),
    ENDEREZAR: _("Reclamo enderezado contra quien compareció"),
    PROVEEDOR: _("Ampliación contra otro proveedor"),
}


def es_primera_audiencia(audiencia: Audiencia) -> bool:
    return (
        audiencia.estado == Audiencia.Estado.FIJADA
        and audiencia.reclamo.estado == Estado.AUDIENCIA_FIJADA
    )


def ampliaciones_de(audiencia: Audiencia) -> list[dict]:
    """The changes recorded at this hearing, oldest first (the acta lists them)."""
    filas = Actuacion.objects.filter(
        reclamo_id=audiencia.reclamo_id, codigo=CODIGO, datos__audiencia=audiencia.pk
    ).order_by("en", "pk")
    return [fila.datos for fila in filas]


def proveedores_agregados_en(audiencia: Audiencia, ampliaciones: list | None = None) -> set[int]:
    """Providers the claim was extended to at this hearing: not summoned to it.
    `ampliaciones`: `ampliaciones_de(audiencia)` when the caller already read them."""
    if ampliaciones is None:
        ampliaciones = ampliaciones_de(audiencia)
    return {a["proveedor"] for a in ampliaciones if a.get("tipo") == PROVEEDOR}


def _abrir(audiencia: Audiencia, por) -> tuple[Audiencia, Reclamo]:
    from django.utils import timezone

    audiencia = (
        Audiencia.objects.select_for_update(of=("self",))
        .select_related("reclamo", "conciliador__usuario")
        .get(pk=audiencia.pk)
    )
    # A hearing an agency official conducts (Reclama Virtual) has no conciliator: not art. 11.
    if por is None or getattr(audiencia.conciliador, "usuario_id", None) != por.pk:
        raise AccesoDenegado(_("Solo el conciliador de la audiencia registra la ampliación."))
    reclamo = Reclamo.objects.select_for_update().get(pk=audiencia.reclamo_id)
    audiencia.reclamo = reclamo
    exigir_sin_revision(reclamo)
    if not es_primera_audiencia(audiencia) or timezone.now() < audiencia.inicio:
        raise ConflictoDeEstado(
            _(
                "El reclamo solo puede ampliarse o enderezarse durante la primera audiencia "
                "(art. 11)."
            )
        )
    consumidor = audiencia.asistencias.filter(parte=Asistencia.Parte.CONSUMIDOR).first()
    if consumidor is None or not consumidor.comparecio:
        raise DatosInvalidos(
            _("Registrá primero que el consumidor está presente: la ampliación es un acto suyo."),
            campos={"tipo": [_("Falta la asistencia del consumidor.")]},
        )
    return audiencia, reclamo


def _registrar(audiencia: Audiencia, reclamo: Reclamo, *, por, datos: dict, texto: str):
    expediente._registrar(
        reclamo,
        CODIGO,
        por=por,
        texto=texto,
        datos={"audiencia": audiencia.pk, **datos},
        fuente="D202-I.11",
    )
    # "El conciliador notificará por vía informática a la autoridad": the staff's notice.
    avisos.avisar(
        avisos.personal(reclamo),
        reclamo=reclamo,
        plantilla="audiencias/ampliacion",
        asunto=_("Reclamo %(n)s: ampliación en la primera audiencia") % {"n": reclamo.numero},
        contexto={
            "texto": texto,
            "conciliador": audiencia.conciliador.nombre,
            "nueva_audiencia": datos.get("tipo") == PROVEEDOR,
        },
    )


def _monto(valor) -> Decimal | None:
    if valor in (None, ""):
        return None
    try:
        monto = Decimal(str(valor)).quantize(Decimal("0.01"))
    except InvalidOperation:
        monto = Decimal("-1")
    if monto <= 0:
        raise DatosInvalidos(
            _("El monto total tiene que ser un número mayor que cero."),
            campos={"monto_total": [_("Monto inválido.")]},
        )
    return monto


@transaction.atomic
def ampliar_objeto(
    audiencia: Audiencia, *, por, rubros: str, monto_total=None, declaracion_jurada: bool = False
) -> dict:
    """New items not named in the filing form, as long as the claim stays within the cap."""
    audiencia, reclamo = _abrir(audiencia, por)
    rubros = (rubros or "").strip()
    if not rubros:
        raise DatosInvalidos(
            _("Describí los rubros que se agregan."), campos={"rubros": [_("Obligatorio.")]}
        )
    monto = _monto(monto_total)
    tope = tope_del_reclamo(reclamo)
    if monto is None and not declaracion_jurada:
        raise DatosInvalidos(
            _(
                "Indicá el monto total del reclamo ampliado o dejá constancia de la declaración "
                "jurada del consumidor de que no supera el tope (art. 2)."
            ),
            campos={"monto_total": [_("Obligatorio sin declaración jurada.")]},
        )
    if monto is not None and reclamo.monto is not None and monto < reclamo.monto:
        raise DatosInvalidos(
            _("El monto total ampliado no puede ser menor que el reclamado (%(m)s).")
            % {"m": importe(reclamo, reclamo.monto)},
            campos={"monto_total": [_("Menor que el reclamado.")]},
        )
    if monto is not None and tope is not None and monto > tope:
        raise DatosInvalidos(
            _(
                "Con la ampliación el reclamo superaría el tope de %(t)s (%(u)s %(unidad)s al "
                "valor de la presentación): no puede ampliarse (art. 11). Si el reclamo ya "
                "excede el tope, remitilo al personal (art. 2)."
            )
            % {
                "t": importe(reclamo, tope),
                "u": reclamo.regimen.tope_unidades,
                "unidad": reclamo.regimen.unidad_tope,
            },
            campos={"monto_total": [_("Supera el tope.")]},
        )
    anterior = reclamo.monto
    fecha = local(audiencia).date()
    reclamo.objeto = _("%(o)s\n\nAmpliado en la primera audiencia (%(f)s): %(r)s") % {
        "o": reclamo.objeto.rstrip(),
        "f": f"{fecha:%d/%m/%Y}",
        "r": rubros,
    }
    if monto is not None:
        reclamo.monto = monto
    reclamo.save(update_fields=["objeto", "monto", "actualizado_en"])
    datos = {
        "tipo": OBJETO,
        "rubros": rubros,
        "monto_anterior": importe(reclamo, anterior),
        "monto_nuevo": importe(reclamo, monto),
        "declaracion_jurada": bool(declaracion_jurada and monto is None),
        "tope": importe(reclamo, tope),
    }
    texto = _("El consumidor amplió el objeto del reclamo: %(r)s") % {"r": rubros}
    if monto is not None:
        texto += _(" Monto total: %(m)s (tope: %(t)s).") % {
            "m": datos["monto_nuevo"],
            "t": datos["tope"] or _("sin dato"),
        }
    else:
        texto += _(" Declaró que el total no supera el tope.")
    _registrar(audiencia, reclamo, por=por, datos=datos, texto=texto)
    return datos


def _proveedor_nuevo(reclamo: Reclamo, *, cuit: str, razon_social: str, domicilio: str) -> dict:
    from cuentas.identificadores import validar_cuit

    errores = {}
    try:
        cuit = validar_cuit((cuit or "").strip())
    except ValidationError as error:
        errores["cuit"] = [str(m) for m in error.messages]
    if not (razon_social or "").strip():
        errores["razon_social"] = [_("Obligatorio.")]
    if len((domicilio or "").strip()) < 8:
        errores["domicilio_legal"] = [_("Escribí el domicilio inscripto completo.")]
    if errores:
        raise DatosInvalidos(_("Revisá los datos del proveedor."), campos=errores)
    if reclamo.proveedores.filter(identificador=cuit).exists():
        raise DatosInvalidos(
            _("Ese proveedor ya está en el reclamo."), campos={"cuit": [_("Repetido.")]}
        )
    from cuentas.models import Organizacion

    return {
        "identificador": cuit,
        "razon_social": razon_social.strip(),
        "domicilio_legal": domicilio.strip(),
        "organizacion": Organizacion.objects.filter(
            tipo=Organizacion.Tipo.PROVEEDOR, identificador=cuit
        ).first(),
    }


@transaction.atomic
def ampliar_a_proveedor(
    audiencia: Audiencia, *, por, cuit: str, razon_social: str, domicilio_legal: str
) -> ReclamoProveedor:
    """The claim is extended to a provider not named at filing: it joins the claim and the
    conciliator must fix a new hearing, whose cédula it receives (art. 11)."""
    audiencia, reclamo = _abrir(audiencia, por)
    datos = _proveedor_nuevo(
        reclamo, cuit=cuit, razon_social=razon_social, domicilio=domicilio_legal
    )
    proveedor = ReclamoProveedor.objects.create(reclamo=reclamo, tipo_identificador="CUIT", **datos)
    _registrar(
        audiencia,
        reclamo,
        por=por,
        datos={
            "tipo": PROVEEDOR,
            "proveedor": proveedor.pk,
            "cuit": proveedor.identificador,
            "razon_social": proveedor.razon_social,
            "domicilio": proveedor.domicilio_legal,
        },
        texto=_(
            "El consumidor amplió el reclamo contra %(p)s (CUIT %(c)s): se fijará una nueva "
            "audiencia con su cédula."
        )
        % {"p": proveedor.razon_social, "c": proveedor.identificador},
    )
    return proveedor


@transaction.atomic
def enderezar_reclamo(
    audiencia: Audiencia,
    *,
    por,
    proveedor: ReclamoProveedor,
    cuit: str,
    razon_social: str,
    domicilio_legal: str,
) -> ReclamoProveedor:
    """The claim is redirected against whoever appeared and assumed the provider's role."""
    audiencia, reclamo = _abrir(audiencia, por)
    if proveedor is None or proveedor.reclamo_id != reclamo.pk:
        raise DatosInvalidos(
            _("Elegí el proveedor que se reemplaza."), campos={"proveedor": [_("Obligatorio.")]}
        )
    asistencia = audiencia.asistencias.filter(proveedor=proveedor).first()
    if asistencia is None or not asistencia.comparecio:
        raise DatosInvalidos(
            _("Solo puede enderezarse contra quien compareció y asumió el carácter de proveedor."),
            campos={"proveedor": [_("No compareció nadie por ese proveedor.")]},
        )
    datos = _proveedor_nuevo(
        reclamo, cuit=cuit, razon_social=razon_social, domicilio=domicilio_legal
    )
    anteriores = {
        "cuit": proveedor.identificador,
        "razon_social": proveedor.razon_social,
        "domicilio": proveedor.domicilio_legal,
    }
    for campo, valor in datos.items():
        setattr(proveedor, campo, valor)
    proveedor.representante = None
    proveedor.save(
        update_fields=[
            "identificador",
            "razon_social",
            "domicilio_legal",
            "organizacion",
            "representante",
        ]
    )
    _registrar(
        audiencia,
        reclamo,
        por=por,
        datos={
            "tipo": ENDEREZAR,
            "proveedor": proveedor.pk,
            "cuit": proveedor.identificador,
            "razon_social": proveedor.razon_social,
            "domicilio": proveedor.domicilio_legal,
            "anterior": anteriores,
        },
        texto=_("El reclamo se enderezó contra %(p)s (CUIT %(c)s), en lugar de %(a)s.")
        % {
            "p": proveedor.razon_social,
            "c": proveedor.identificador,
            "a": anteriores["razon_social"],
        },
    )
    return proveedor
