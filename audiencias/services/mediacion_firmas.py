"""Each attending party's online signature of the acta of a hearing an agency official conducted
(the mediation procedure), and the signed acta issued when all of them signed.

The act is the portal's existing express act (S001 "conformidad en línea"; DOMAIN Decision 12
for video hearings): the party re-enters the password (views and API, through
reclamos.services.mediacion.conformidad.exigir_contrasena) and sends the SHA-256 of the exact
acta PDF shown, checked by the same exigir_huella. The claim already moved at the hearing by the
act its régimen names; the signatures are a recorded step after it, not a precondition, and no
term to sign exists (S001 and DOMAIN §2.7 are silent; Q16): an acta missing a signature stays
issued without it, and the pages say so (docs/decisions/0009).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _

from audiencias import expediente
from audiencias.models import Asistencia, Audiencia, FirmaActa
from audiencias.services.mediacion import acta_de, la_conduce_un_funcionario
from conciliacion.errores import ConflictoDeEstado, DatosInvalidos
from reclamos.models import Reclamo
from reclamos.services.mediacion.conformidad import exigir_huella
from reclamos.services.mediacion.partes import (
    Parte,
    avisar,
    exigir,
    funcionario_de,
    organizacion_en_el_reclamo,
    representantes,
)


def acta_firmada(acta) -> bool:
    """Whether this acta is the version issued with every attending party's signature."""
    return acta is not None and "firmas" in acta.snapshot


def firmantes(audiencia: Audiencia) -> list[Asistencia]:
    """The parties who attended: the ones who sign the acta."""
    return list(
        audiencia.asistencias.filter(comparecio=True)
        .select_related("proveedor")
        .order_by("parte", "proveedor_id")
    )


def estado_de_las_firmas(audiencia: Audiencia) -> list[dict]:
    """For the pages: each attending party and its signature of the current acta (None while
    missing)."""
    acta = acta_de(audiencia)
    if acta is None or audiencia.funcionario_id is None:
        return []
    original = acta.reemplaza if acta_firmada(acta) else acta
    firmas = {
        (f.parte, f.proveedor_id): f
        for f in FirmaActa.objects.filter(acta=original).select_related("audiencia__reclamo")
    }
    return [
        {
            "parte": _etiqueta(a),
            "asistencia": a,
            "firma": firmas.get((a.parte, a.proveedor_id)),
        }
        for a in firmantes(audiencia)
    ]


def le_falta_firmar(usuario, reclamo: Reclamo, firmas: list[dict]) -> bool:
    """Whether `usuario` is an attending party whose signature is missing (firmas: as
    estado_de_las_firmas returns them), for the button on the claim page."""
    organizacion = organizacion_en_el_reclamo(usuario, reclamo)
    consumidor = reclamo.consumidor_id == getattr(usuario, "pk", None)
    return any(
        f["firma"] is None
        and (
            (f["asistencia"].parte == Asistencia.Parte.CONSUMIDOR and consumidor)
            or (
                f["asistencia"].proveedor is not None
                and organizacion is not None
                and f["asistencia"].proveedor.organizacion_id == organizacion.pk
            )
        )
        for f in firmas
    )


def _etiqueta(asistencia: Asistencia) -> str:
    if asistencia.parte == Asistencia.Parte.CONSUMIDOR:
        return _("Consumidor/a: %(n)s") % {"n": asistencia.nombre}
    return _("Proveedor: %(p)s (por %(n)s)") % {
        "p": asistencia.proveedor.razon_social,
        "n": asistencia.nombre,
    }


def _parte_que_firma(audiencia: Audiencia, reclamo: Reclamo, por) -> Asistencia:
    """The attendance row of the party `por` signs for (403 for anyone else, the official
    included: nobody signs for a party)."""
    parte = exigir(reclamo, por, Parte.CONSUMIDOR, Parte.PROVEEDOR)
    filtro = {"parte": parte, "proveedor": None}
    if parte == Parte.PROVEEDOR:
        organizacion = organizacion_en_el_reclamo(por, reclamo)
        filtro["proveedor"] = reclamo.proveedores.get(organizacion=organizacion)
    asistencia = audiencia.asistencias.filter(**filtro).select_related("proveedor").first()
    if asistencia is None or not asistencia.comparecio:
        raise ConflictoDeEstado(_("Firman el acta solo las partes que asistieron a la audiencia."))
    return asistencia


def _acta_por_firmar(audiencia: Audiencia):
    if audiencia.estado != Audiencia.Estado.CELEBRADA:
        raise ConflictoDeEstado(_("El acta se firma después de la audiencia."))
    acta = acta_de(audiencia)
    if acta is None or acta_firmada(acta):
        raise ConflictoDeEstado(_("El acta ya fue firmada por todas las partes que asistieron."))
    return acta


@transaction.atomic
def firmar_acta(audiencia: Audiencia, *, por, sha256_visto: str) -> FirmaActa:
    """An attending party signs the acta online, bound to the SHA-256 of the PDF it was shown
    (a different or stale hash: 400). When every attending party signed, the signed acta is
    issued (it replaces the unsigned one on /verificar/).

    Precondition: `por` re-entered the password (exigir_contrasena) in the view or API."""
    audiencia = (
        Audiencia.objects.select_for_update(of=("self",))
        .select_related("reclamo", "funcionario")
        .get(pk=audiencia.pk)
    )
    reclamo = audiencia.reclamo
    if not la_conduce_un_funcionario(reclamo) or audiencia.funcionario_id is None:
        raise ConflictoDeEstado(_("Esta acta no se firma en línea."))
    asistencia = _parte_que_firma(audiencia, reclamo, por)
    acta = _acta_por_firmar(audiencia)
    if FirmaActa.objects.filter(
        acta=acta, parte=asistencia.parte, proveedor=asistencia.proveedor
    ).exists():
        raise ConflictoDeEstado(_("Usted ya firmó esta acta."))
    huella = exigir_huella(acta.pk, sha256_visto, distinta=DatosInvalidos)
    firma = FirmaActa.objects.create(
        audiencia=audiencia,
        acta=acta,
        parte=asistencia.parte,
        proveedor=asistencia.proveedor,
        usuario=por,
        nombre=por.nombre_completo or por.email,
        sha256=huella,
    )
    expediente.acta_firmada_por(
        reclamo,
        por=por,
        datos={"acta": acta.numero_visible, "sha256": huella, "nombre": firma.nombre},
    )
    firmadas = set(FirmaActa.objects.filter(acta=acta).values_list("parte", "proveedor_id"))
    if all((a.parte, a.proveedor_id) in firmadas for a in firmantes(audiencia)):
        _emitir_acta_firmada(audiencia, reclamo, acta, por=por)
    return firma


def _emitir_acta_firmada(audiencia: Audiencia, reclamo: Reclamo, acta, *, por) -> None:
    """The acta again, same values plus who signed, when and the hash each signed; it replaces
    the unsigned one (documentos: a document is never edited)."""
    from documentos.services import emitir_documento

    zona = ZoneInfo(reclamo.regimen.zona_horaria)
    por_asistencia = {(a.parte, a.proveedor_id): _etiqueta(a) for a in firmantes(audiencia)}
    firmas = [
        {
            "parte": por_asistencia[(f.parte, f.proveedor_id)],
            "nombre": f.nombre,
            "cuenta": f.usuario.email,
            "en": f"{f.en.astimezone(zona):%d/%m/%Y %H:%M}",
            "sha256": f.sha256,
        }
        for f in FirmaActa.objects.filter(acta=acta).select_related("usuario")
    ]
    firmada = emitir_documento(
        tipo=acta.tipo,
        plantilla=acta.plantilla,
        snapshot={
            **acta.snapshot,
            "firmas": firmas,
            "acta_original": {"numero": acta.numero_visible, "sha256": acta.sha256},
        },
        por=por,
        sujeto=reclamo,
        regimen=(acta.regimen_codigo, acta.regimen_version),
        titulo=_("%(t)s (firmada)") % {"t": acta.titulo},
        reemplaza=acta,
    )
    expediente.acta_firmada(
        reclamo,
        por=por,
        datos={
            "acta": acta.numero_visible,
            "firmada": firmada.numero_visible,
            "documento": firmada.pk,
        },
    )
    avisar(
        reclamo,
        [reclamo.consumidor, *representantes(reclamo), funcionario_de(reclamo)],
        "acta_firmada",
        _("Acta firmada por las partes"),
    )
