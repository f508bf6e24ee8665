"""The provider's proposal, issued as a document, and the consumer's conformidad bound to its
SHA-256 or rejection (S001)."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from cuentas.models import Usuario
from cuentas.templatetags.formato import moneda
from reclamos.estados import Estado
from reclamos.models import (
    PropuestaMediacion,
    Reclamo,
)
from reclamos.services.mediacion.conformidad import exigir_huella, huella_del_documento
from reclamos.services.mediacion.partes import (
    Parte,
    avisar,
    bloquear,
    exigir,
    funcionario_de,
    organizacion_en_el_reclamo,
    representantes,
)
from reclamos.transiciones import transicionar


def _snapshot_propuesta(reclamo: Reclamo, proveedor, numero: int, texto: str, monto) -> dict:
    zona = ZoneInfo(reclamo.regimen.zona_horaria)
    return {
        "reclamo_numero": reclamo.numero,
        "numero": numero,
        "fecha": f"{timezone.now().astimezone(zona):%d/%m/%Y %H:%M}",
        "consumidor": f"{reclamo.consumidor_nombre} {reclamo.consumidor_apellido}".strip(),
        "proveedor": proveedor.razon_social,
        "id_proveedor": f"{reclamo.regimen.texto('id_proveedor')} {proveedor.identificador}",
        "pedido": reclamo.objeto,
        "texto": texto,
        "monto": moneda(monto, reclamo.regimen.moneda) if monto is not None else "",
        "agencia": reclamo.regimen.texto("agencia"),
    }


@transaction.atomic
def proponer(reclamo: Reclamo, *, por: Usuario, texto: str, monto=None) -> PropuestaMediacion:
    """The provider's proposal, issued as an immutable document (its PDF's SHA-256 is what the
    consumer's conformidad binds to). Meets PE-SAC-2."""
    from documentos.services import emitir_documento

    exigir(reclamo, por, Parte.PROVEEDOR)
    reclamo = bloquear(reclamo)
    if reclamo.estado != Estado.EN_MEDIACION:
        raise ConflictoDeEstado(_("Ahora no se puede enviar una propuesta en este reclamo."))
    texto = (texto or "").strip()
    if not texto:
        raise DatosInvalidos(_("Escriba la propuesta."), campos={"texto": [_("Obligatorio.")]})
    if monto is not None and Decimal(monto) <= 0:
        raise DatosInvalidos(_("El monto debe ser mayor que cero."), campos={"monto": ["?"]})
    organizacion = organizacion_en_el_reclamo(por, reclamo)
    proveedor = reclamo.proveedores.get(organizacion=organizacion)
    numero = reclamo.propuestas.count() + 1
    documento = emitir_documento(
        tipo="generico",
        plantilla="reclamos/mediacion/propuesta",
        snapshot=_snapshot_propuesta(reclamo, proveedor, numero, texto, monto),
        por=por,
        sujeto=reclamo,
        regimen=(reclamo.regimen_codigo, reclamo.regimen_version),
        titulo=_("Propuesta de solución N.º %(n)s — reclamo %(r)s")
        % {"n": numero, "r": reclamo.numero},
    )
    propuesta = PropuestaMediacion.objects.create(
        reclamo=reclamo,
        proveedor=proveedor,
        numero=numero,
        texto=texto,
        monto=monto,
        documento=documento,
        propuesta_por=por,
    )
    transicionar(
        reclamo,
        "proponer",
        por=por,
        datos={"propuesta": propuesta.pk, "documento": documento.numero_visible},
    )
    avisar(reclamo, [reclamo.consumidor], "propuesta", _("El proveedor le envió una propuesta"))
    return propuesta


def huella_de(propuesta: PropuestaMediacion) -> str:
    """The SHA-256 of the proposal's PDF ("" while it is still being rendered)."""
    return huella_del_documento(propuesta.documento_id)


def _propuesta_pendiente(propuesta: PropuestaMediacion, por: Usuario) -> PropuestaMediacion:
    propuesta = PropuestaMediacion.objects.select_for_update().get(pk=propuesta.pk)
    exigir(propuesta.reclamo, por, Parte.CONSUMIDOR)
    if propuesta.estado != PropuestaMediacion.Estado.PENDIENTE:
        raise ConflictoDeEstado(_("Esa propuesta ya fue respondida."))
    return propuesta


def _responder(propuesta: PropuestaMediacion, **cambios) -> None:
    """Compare-and-swap on the pending proposal: a second answer finds nothing to change."""
    cambiados = PropuestaMediacion.objects.filter(
        pk=propuesta.pk, estado=PropuestaMediacion.Estado.PENDIENTE
    ).update(respondida_en=timezone.now(), **cambios)
    if cambiados != 1:
        raise ConflictoDeEstado(_("Esa propuesta ya fue respondida."))


@transaction.atomic
def dar_conformidad(propuesta: PropuestaMediacion, *, por: Usuario, sha256_visto: str):
    """The consumer's online conformidad (S001): an explicit act, after re-authentication in
    the view, recording the SHA-256 of the exact proposal document the consumer was shown. The
    claim concludes with agreement."""
    propuesta = _propuesta_pendiente(propuesta, por)
    huella = exigir_huella(propuesta.documento_id, sha256_visto)
    reclamo = bloquear(propuesta.reclamo)
    _responder(
        propuesta,
        estado=PropuestaMediacion.Estado.ACEPTADA,
        respondida_por=por,
        sha256_conformidad=huella,
    )
    transicionar(
        reclamo,
        "dar_conformidad",
        por=por,
        datos={
            "propuesta": propuesta.pk,
            "documento": propuesta.documento.numero_visible,
            "sha256": huella,
            "texto": _("Conformidad con la propuesta N.º %(n)s (SHA-256 %(h)s)")
            % {"n": propuesta.numero, "h": huella},
        },
    )
    avisar(
        reclamo,
        [*representantes(reclamo), funcionario_de(reclamo)],
        "conformidad",
        _("El consumidor dio su conformidad"),
        sha256=huella,
    )
    propuesta.refresh_from_db()
    return propuesta


@transaction.atomic
def rechazar_propuesta(propuesta: PropuestaMediacion, *, por: Usuario, motivo: str):
    """The consumer rejects the proposal; the mediation goes on (PE-SAC-2 runs again)."""
    propuesta = _propuesta_pendiente(propuesta, por)
    if not (motivo or "").strip():
        raise DatosInvalidos(_("Indique el motivo."), campos={"motivo": [_("Obligatorio.")]})
    reclamo = bloquear(propuesta.reclamo)
    _responder(
        propuesta,
        estado=PropuestaMediacion.Estado.RECHAZADA,
        respondida_por=por,
        motivo_rechazo=motivo.strip(),
    )
    transicionar(
        reclamo,
        "rechazar_propuesta",
        por=por,
        datos={"propuesta": propuesta.pk, "motivos": motivo.strip()},
    )
    avisar(
        reclamo,
        [*representantes(reclamo), funcionario_de(reclamo)],
        "propuesta_rechazada",
        _("El consumidor no aceptó la propuesta"),
    )
    propuesta.refresh_from_db()
    return propuesta
