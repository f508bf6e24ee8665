"""Registration to the mediation platform, as seed 001 "¿Cómo registrarse?" describes it
(DOMAIN §7.2).

- A natural person (a consumer account, the portal's "SEL" account) accepts the platform's
  terms; an official then validates their identity by contacting them, and the review records
  who, when, which document was checked and how. Only then the account can file claims and
  write in the mediation thread.
- A legal person (a provider organisation) uploads the terms signed by its representative and
  the documents proving its powers to represent and to conciliate, and accepts the terms; staff
  approve or observe them from the organisation's review page (cuentas.revision). Only then its
  representatives can write in the thread and send proposals.
"""

from __future__ import annotations

import hashlib
import re

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.alcance import regimenes_a_cargo
from cuentas.models import Organizacion, Usuario
from cuentas.permisos import administra_organizacion, tiene_rol
from cuentas.roles import Rol
from normativa.regimenes import Regimen, obtener, todos
from reclamos.models import AdhesionMediacion, RevisionAdhesion

TERMINOS_VERSION = "2026-01"
PLANTILLA_TERMINOS = "reclamos/mediacion/terminos.txt"

# The documents a legal person uploads (ArchivoSubido.categoria on the Organizacion).
DOCUMENTOS_JURIDICA = {
    "rv_terminos": gettext_lazy("Términos y Condiciones firmados por el representante"),
    "rv_representacion": gettext_lazy("Documento que acredita las facultades de representación"),
    "rv_conciliacion": gettext_lazy("Documento que acredita las facultades para conciliar"),
}

# Peru's identity documents (S001: DNI for nationals, carné de extranjería for residents).
FORMATOS_DOCUMENTO = {
    AdhesionMediacion.Documento.DNI: (
        re.compile(r"^\d{8}$"),
        gettext_lazy("El DNI tiene 8 dígitos."),
    ),
    AdhesionMediacion.Documento.CE: (
        re.compile(r"^[A-Z0-9]{9,12}$"),
        gettext_lazy("El carné de extranjería tiene de 9 a 12 caracteres, sin espacios."),
    ),
    AdhesionMediacion.Documento.PASAPORTE: (
        re.compile(r"^[A-Z0-9]{6,12}$"),
        gettext_lazy("El pasaporte tiene de 6 a 12 caracteres, sin espacios."),
    ),
}

PUEDEN_REVISAR = (Rol.FUNCIONARIO, Rol.ADMINISTRADOR)


def regimenes_que_revisa(usuario) -> list[str]:
    """The mediation régimenes whose platform registrations `usuario` reviews: a reviewing role
    with the régimen in scope (decision 0038; a Ciudad official never reviews Peru's)."""
    if not tiene_rol(usuario, *PUEDEN_REVISAR):
        return []
    return sorted(c for c in regimenes_a_cargo(usuario) if obtener(c).procedimiento == "mediacion")


def regimen_de_mediacion(codigo: str | None = None) -> Regimen:
    """The régimen whose procedure is mediation (Peru's Reclama Virtual in this portal)."""
    if codigo:
        regimen = obtener(codigo)
        if regimen.procedimiento == "mediacion":
            return regimen
    for regimen in todos():
        if regimen.procedimiento == "mediacion":
            return regimen
    raise LookupError("ningún régimen con procedimiento de mediación")


def texto_terminos(regimen: Regimen) -> str:
    return render_to_string(
        PLANTILLA_TERMINOS,
        {"regimen": regimen, "textos": regimen.textos, "version": TERMINOS_VERSION},
    )


def huella_terminos(regimen: Regimen) -> str:
    return hashlib.sha256(texto_terminos(regimen).encode()).hexdigest()


def normalizar_documento(tipo: str, numero: str) -> str:
    numero = re.sub(r"[\s.\-]", "", numero or "").upper()
    formato = FORMATOS_DOCUMENTO.get(tipo)
    if formato is None:
        raise DatosInvalidos(
            _("Elija el tipo de documento."), campos={"documento_tipo": [_("Obligatorio.")]}
        )
    patron, mensaje = formato[0], str(formato[1])
    if not patron.match(numero):
        raise DatosInvalidos(mensaje, campos={"documento_numero": [mensaje]})
    return numero


def adhesion_de(usuario) -> AdhesionMediacion | None:
    return AdhesionMediacion.objects.filter(usuario=usuario).first()


def usuario_habilitado(usuario) -> bool:
    """A consumer whose identity an official validated (S001 step 3)."""
    return AdhesionMediacion.objects.filter(
        usuario=usuario, estado=AdhesionMediacion.Estado.ACTIVA
    ).exists()


def organizacion_habilitada(organizacion: Organizacion | None) -> bool:
    """An active provider whose registration to the platform staff approved."""
    return (
        organizacion is not None
        and organizacion.activa
        and AdhesionMediacion.objects.filter(
            organizacion=organizacion, estado=AdhesionMediacion.Estado.ACTIVA
        ).exists()
    )


def _terminos(regimen: Regimen, por: Usuario) -> dict:
    return {
        "regimen_codigo": regimen.codigo,
        "terminos_version": TERMINOS_VERSION,
        "terminos_sha256": huella_terminos(regimen),
        "terminos_aceptados_por": por,
        "terminos_aceptados_en": timezone.now(),
    }


def _reabrir_o_crear(existente: AdhesionMediacion | None, **campos) -> AdhesionMediacion:
    if existente is not None:
        if existente.estado == AdhesionMediacion.Estado.ACTIVA:
            raise ConflictoDeEstado(_("Ya está registrado en la plataforma."))
        if existente.estado == AdhesionMediacion.Estado.PENDIENTE:
            raise ConflictoDeEstado(_("Su registro ya está pendiente de revisión."))
        for campo, valor in campos.items():
            setattr(existente, campo, valor)
        existente.estado = AdhesionMediacion.Estado.PENDIENTE
        existente.solicitada_en = timezone.now()
        existente.save()
        return existente
    return AdhesionMediacion.objects.create(**campos)


@transaction.atomic
def solicitar_adhesion_natural(
    *,
    usuario: Usuario,
    nombres: str,
    apellidos: str,
    documento_tipo: str,
    documento_numero: str,
    telefono: str,
    acepta_terminos: bool,
    regimen_codigo: str | None = None,
) -> AdhesionMediacion:
    """S001, natural person, step 2: the consumer accepts the platform's terms; the account
    stays inactive for the platform until an official validates the identity (step 3)."""
    if not tiene_rol(usuario, Rol.CONSUMIDOR):
        raise AccesoDenegado(_("Solo una cuenta de consumidor se registra como persona natural."))
    if not acepta_terminos:
        raise DatosInvalidos(
            _("Para registrarse debe aceptar los Términos y Condiciones."),
            campos={"acepta_terminos": [_("Obligatorio.")]},
        )
    faltan = {
        campo: [_("Obligatorio.")]
        for campo, valor in {
            "nombres": nombres,
            "apellidos": apellidos,
            "telefono": telefono,
        }.items()
        if not valor.strip()
    }
    if faltan:
        raise DatosInvalidos(_("Complete sus datos."), campos=faltan)
    numero = normalizar_documento(documento_tipo, documento_numero)
    regimen = regimen_de_mediacion(regimen_codigo)
    existente = AdhesionMediacion.objects.select_for_update().filter(usuario=usuario).first()
    adhesion = _reabrir_o_crear(
        existente,
        tipo=AdhesionMediacion.Tipo.NATURAL,
        usuario=usuario,
        nombres=nombres.strip(),
        apellidos=apellidos.strip(),
        documento_tipo=documento_tipo,
        documento_numero=numero,
        telefono=telefono.strip(),
        **_terminos(regimen, usuario),
    )
    # The account keeps the declared data where it had none (the filing form starts from it).
    cambios = {
        "nombre": nombres.strip(),
        "apellido": apellidos.strip(),
        "telefono": telefono.strip(),
        "dni": numero,
    }
    Usuario.objects.filter(pk=usuario.pk).update(
        **{campo: valor for campo, valor in cambios.items() if not getattr(usuario, campo)}
    )
    return adhesion


def documentos_faltantes(organizacion: Organizacion) -> list[str]:
    from documentos.selectors import archivos_de

    presentes = set(archivos_de(organizacion).values_list("categoria", flat=True))
    return [str(nombre) for clave, nombre in DOCUMENTOS_JURIDICA.items() if clave not in presentes]


@transaction.atomic
def subir_documento_juridica(organizacion: Organizacion, *, por: Usuario, categoria: str, archivo):
    from documentos.services import guardar_subida

    if not administra_organizacion(por, organizacion):
        raise AccesoDenegado(_("Solo quien administra la empresa sube sus documentos."))
    if categoria not in DOCUMENTOS_JURIDICA:
        raise DatosInvalidos(_("Elija qué documento sube."), campos={"categoria": ["?"]})
    return guardar_subida(archivo, por=por, sujeto=organizacion, categoria=categoria)


@transaction.atomic
def solicitar_adhesion_juridica(
    organizacion: Organizacion,
    *,
    por: Usuario,
    acepta_terminos: bool,
    regimen_codigo: str | None = None,
) -> AdhesionMediacion:
    """S001, legal person, step 2: with the signed terms and both powers uploaded, the
    representative accepts the terms and the registration goes to staff review."""
    if organizacion.tipo != Organizacion.Tipo.PROVEEDOR or not administra_organizacion(
        por, organizacion
    ):
        raise AccesoDenegado(_("Solo quien administra un proveedor lo registra en la plataforma."))
    if not acepta_terminos:
        raise DatosInvalidos(
            _("Para registrarse debe aceptar los Términos y Condiciones."),
            campos={"acepta_terminos": [_("Obligatorio.")]},
        )
    faltan = documentos_faltantes(organizacion)
    if faltan:
        raise DatosInvalidos(
            _("Falta adjuntar: %(f)s.") % {"f": "; ".join(faltan)},
            campos={"archivo": faltan},
        )
    regimen = regimen_de_mediacion(regimen_codigo)
    existente = (
        AdhesionMediacion.objects.select_for_update().filter(organizacion=organizacion).first()
    )
    return _reabrir_o_crear(
        existente,
        tipo=AdhesionMediacion.Tipo.JURIDICA,
        organizacion=organizacion,
        **_terminos(regimen, por),
    )


def _avisar_revision(adhesion: AdhesionMediacion, revision: RevisionAdhesion) -> None:
    from notificaciones.services import encolar_notificacion

    if adhesion.usuario_id:
        destinatarios = [adhesion.usuario]
    else:
        destinatarios = [
            m.usuario
            for m in adhesion.organizacion.membresias.filter(
                activa=True, es_administrador=True
            ).select_related("usuario")
        ]
    regimen = obtener(adhesion.regimen_codigo)
    for usuario in destinatarios:
        encolar_notificacion(
            destinatario=usuario,
            plantilla="reclamos/mediacion/adhesion_revisada",
            asunto=_("Su registro en %(p)s") % {"p": regimen.texto("plataforma")},
            contexto={
                "plataforma": regimen.texto("plataforma"),
                "aprobada": revision.decision == RevisionAdhesion.Decision.APROBAR,
                "observacion": revision.observacion,
                "empresa": adhesion.organizacion.razon_social if adhesion.organizacion_id else "",
                "url": reverse("reclamos:mediacion_registro"),
            },
            sujeto=adhesion,
        )


def _verificar_identidad(adhesion, documento_tipo: str, documento_numero: str, medio: str):
    if medio not in RevisionAdhesion.Medio.values:
        raise DatosInvalidos(
            _("Indique cómo validó la identidad."), campos={"medio": [_("Obligatorio.")]}
        )
    numero = normalizar_documento(documento_tipo, documento_numero)
    if (documento_tipo, numero) != (adhesion.documento_tipo, adhesion.documento_numero):
        raise DatosInvalidos(
            _(
                "El documento verificado no coincide con el declarado "
                "(%(t)s %(n)s): observe el registro."
            )
            % {"t": adhesion.documento_tipo, "n": adhesion.documento_numero},
            campos={"documento_numero": [_("No coincide con el declarado.")]},
        )
    return numero


@transaction.atomic
def revisar_adhesion(
    adhesion: AdhesionMediacion,
    *,
    por: Usuario,
    decision: str,
    observacion: str = "",
    documento_tipo: str = "",
    documento_numero: str = "",
    medio: str = "",
) -> RevisionAdhesion:
    """An official approves or observes a registration. Approving a natural person records the
    identity check (which document, how); approving a legal person needs the organisation
    itself approved first."""
    if adhesion.regimen_codigo not in regimenes_que_revisa(por):
        raise AccesoDenegado(_("Solo el personal del Indecopi revisa los registros."))
    adhesion = AdhesionMediacion.objects.select_for_update().get(pk=adhesion.pk)
    if adhesion.estado != AdhesionMediacion.Estado.PENDIENTE:
        raise ConflictoDeEstado(_("Ese registro ya fue revisado."))
    revision = RevisionAdhesion(adhesion=adhesion, decision=decision, por=por)
    if decision == RevisionAdhesion.Decision.OBSERVAR:
        if not observacion.strip():
            raise DatosInvalidos(
                _("Indique la observación."), campos={"observacion": [_("Obligatorio.")]}
            )
        adhesion.estado = AdhesionMediacion.Estado.OBSERVADA
    elif decision == RevisionAdhesion.Decision.APROBAR:
        if adhesion.tipo == AdhesionMediacion.Tipo.NATURAL:
            revision.documento_numero = _verificar_identidad(
                adhesion, documento_tipo, documento_numero, medio
            )
            revision.documento_tipo, revision.medio = documento_tipo, medio
        elif not adhesion.organizacion.activa:
            raise ConflictoDeEstado(
                _("Primero apruebe el alta de la organización; después, su registro.")
            )
        adhesion.estado = AdhesionMediacion.Estado.ACTIVA
    else:
        raise DatosInvalidos(_("Elija una decisión."), campos={"decision": [_("Obligatorio.")]})
    revision.observacion = observacion.strip()
    revision.save()
    adhesion.observacion = revision.observacion
    adhesion.save(update_fields=["estado", "observacion"])
    _avisar_revision(adhesion, revision)
    return revision
