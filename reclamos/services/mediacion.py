"""Reclama Virtual-style mediation and conciliation, the agency side (seed 001; DOMAIN §2.7,
§7.2, §7.3, Q16).

A claim runs under the régimen of its provider's country (configuration, not code: the
provider organisation's `pais`, else the deployment's REGIMEN_POR_DEFECTO); when that régimen's
procedure is "mediacion" the claim goes through these acts: the consumer files (SOLICITADO), an
official registers it (REGISTRADO) and opens the mediation (EN_MEDIACION); consumer, provider
and official talk in a thread recorded in the expediente; the provider sends a proposal issued
as a document and the consumer gives conformidad (bound to the document's SHA-256) or rejects
it; or the official convenes a video hearing and records its acta; after an agreement the
consumer reports whether the provider complied.

Every act goes through transicionar(); the agency's timers PE-SAC-1/2 are opened and met by the
rows of TRANSICIONES_PERU. Views authorise with acceder_reclamo() first; these functions check
the participant's part and registration again (the same rules for pages and any future API).
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.models import Organizacion, Usuario
from cuentas.permisos import organizaciones_representadas, tiene_rol
from cuentas.roles import Rol
from normativa.regimenes import Regimen, obtener, todos
from normativa.regimenes.vigencia import admite_presentaciones, motivo_cierre
from reclamos import expediente
from reclamos.estados import Estado
from reclamos.models import (
    LecturaMensaje,
    Mediacion,
    MensajeMediacion,
    PropuestaMediacion,
    Reclamo,
    ReclamoProveedor,
)
from reclamos.numeracion import siguiente_numero
from reclamos.permisos import es_parte_consumidora, es_personal_del_reclamo
from reclamos.services.adhesion import (
    normalizar_documento,
    organizacion_habilitada,
    usuario_habilitado,
)
from reclamos.transiciones import transicionar

MEDIACION = "mediacion"
PAIS_DEL_IDENTIFICADOR = {"CUIT": "AR", "RUC": "PE"}
# While the claim is being worked, the three participants talk in the thread.
CON_DIALOGO = frozenset(
    {Estado.REGISTRADO, Estado.EN_MEDIACION, Estado.PROPUESTA_PROVEEDOR, Estado.AUDIENCIA_CONVOCADA}
)
LARGO_MAXIMO_MENSAJE = 5000


class Parte:
    CONSUMIDOR = "consumidor"
    PROVEEDOR = "proveedor"
    FUNCIONARIO = "funcionario"


def es_de_mediacion(reclamo: Reclamo) -> bool:
    return reclamo.regimen.procedimiento == MEDIACION


def regimen_para_proveedor(*, tipo_identificador: str, identificador: str) -> Regimen:
    """The régimen a claim against this provider runs under: the one of the registered
    organisation's country, else of the identifier's country, else REGIMEN_POR_DEFECTO."""
    organizacion = Organizacion.objects.filter(
        tipo=Organizacion.Tipo.PROVEEDOR,
        tipo_identificador=tipo_identificador,
        identificador=identificador,
    ).first()
    pais = organizacion.pais if organizacion else PAIS_DEL_IDENTIFICADOR.get(tipo_identificador)
    for regimen in todos():
        if regimen.pais == pais:
            return regimen
    return obtener(settings.REGIMEN_POR_DEFECTO)


# --- who takes part ------------------------------------------------------------------------


def organizacion_en_el_reclamo(usuario, reclamo: Reclamo) -> Organizacion | None:
    """The provider organisation of this claim that `usuario` represents, if any."""
    if not tiene_rol(usuario, Rol.REPRESENTANTE):
        return None
    return (
        organizaciones_representadas(usuario)
        .filter(reclamos_recibidos__reclamo=reclamo)
        .distinct()
        .first()
    )


def parte_de(usuario, reclamo: Reclamo) -> str | None:
    if es_parte_consumidora(usuario, reclamo):
        return Parte.CONSUMIDOR
    if organizacion_en_el_reclamo(usuario, reclamo) is not None:
        return Parte.PROVEEDOR
    if es_personal_del_reclamo(usuario, reclamo):
        return Parte.FUNCIONARIO
    return None


def puede_escribir(usuario, reclamo: Reclamo) -> bool:
    """Staff of the régimen always; a consumer whose identity was validated; a representative
    of a provider whose registration was approved (S001)."""
    parte = parte_de(usuario, reclamo)
    if parte == Parte.FUNCIONARIO:
        return True
    if parte == Parte.CONSUMIDOR:
        return usuario_habilitado(usuario)
    if parte == Parte.PROVEEDOR:
        return organizacion_habilitada(organizacion_en_el_reclamo(usuario, reclamo))
    return False


def _exigir(reclamo: Reclamo, usuario, *partes: str) -> str:
    if not es_de_mediacion(reclamo):
        raise ConflictoDeEstado(_("Este reclamo no se tramita por mediación."))
    parte = parte_de(usuario, reclamo)
    if parte not in partes:
        raise AccesoDenegado(_("No interviene en este acto del reclamo."))
    if not puede_escribir(usuario, reclamo):
        raise AccesoDenegado(reclamo.regimen.texto("adhesion_requerida"))
    return parte


def _bloquear(reclamo: Reclamo) -> Reclamo:
    return Reclamo.objects.select_for_update().get(pk=reclamo.pk)


# --- notices -------------------------------------------------------------------------------


def _representantes(reclamo: Reclamo) -> list[Usuario]:
    return list(
        Usuario.objects.filter(
            membresias__organizacion__reclamos_recibidos__reclamo=reclamo,
            membresias__organizacion__estado=Organizacion.Estado.ACTIVA,
            membresias__activa=True,
        ).distinct()
    )


def _avisar(reclamo: Reclamo, destinatarios, plantilla: str, asunto: str, **extra) -> None:
    from notificaciones.services import encolar_notificacion

    contexto = {
        "numero": reclamo.numero,
        "agencia": reclamo.regimen.texto("agencia"),
        "plataforma": reclamo.regimen.texto("plataforma"),
        "url": reverse("reclamos:mediacion", args=[reclamo.pk]),
        **extra,
    }
    for destinatario in destinatarios:
        if destinatario is None:
            continue
        email = reclamo.consumidor_email if destinatario.pk == reclamo.consumidor_id else None
        encolar_notificacion(
            destinatario=destinatario,
            email=email or None,
            plantilla=f"reclamos/mediacion/{plantilla}",
            asunto=f"{asunto} — {reclamo.numero}",
            contexto=contexto,
            sujeto=reclamo,
        )


def _funcionario(reclamo: Reclamo):
    mediacion = Mediacion.objects.filter(reclamo=reclamo).select_related("funcionario").first()
    return mediacion.funcionario if mediacion else None


# --- filing and registration -----------------------------------------------------------------


def _datos_presentacion(datos: dict) -> dict:
    obligatorios = [
        "nombres",
        "apellidos",
        "domicilio",
        "email",
        "ruc",
        "razon_social",
        "hechos",
        "pedido",
    ]
    faltan = {c: [_("Obligatorio.")] for c in obligatorios if not str(datos.get(c, "")).strip()}
    if faltan:
        raise DatosInvalidos(_("Complete los datos que faltan."), campos=faltan)
    monto = datos.get("monto")
    if monto is not None and Decimal(monto) <= 0:
        raise DatosInvalidos(
            _("El monto debe ser mayor que cero."), campos={"monto": [_("Inválido.")]}
        )
    return {
        **datos,
        "documento_numero": normalizar_documento(
            datos.get("documento_tipo", ""), datos.get("documento_numero", "")
        ),
    }


@transaction.atomic
def presentar_reclamo_mediacion(*, consumidor: Usuario, datos: dict) -> Reclamo:
    """The consumer files a claim against a provider (S001 "nuevas solicitudes de reclamo"):
    SOLICITADO, numbered, with PE-SAC-1 running for the agency to register it.

    `datos`: nombres, apellidos, documento_tipo, documento_numero, domicilio, email, telefono,
    ruc (validated), razon_social, domicilio_proveedor, hechos, pedido, monto (or None).
    """
    from notificaciones.domicilios import constituir_domicilio_electronico

    if not tiene_rol(consumidor, Rol.CONSUMIDOR):
        raise AccesoDenegado(_("Solo un consumidor presenta su reclamo."))
    datos = _datos_presentacion(datos)
    regimen = regimen_para_proveedor(tipo_identificador="RUC", identificador=datos["ruc"])
    if regimen.procedimiento != MEDIACION:
        raise DatosInvalidos(
            _("Ese proveedor se tramita por otro procedimiento."), campos={"ruc": ["?"]}
        )
    if not usuario_habilitado(consumidor):
        raise AccesoDenegado(regimen.texto("adhesion_requerida"))
    hoy = timezone.now().astimezone(ZoneInfo(regimen.zona_horaria)).date()
    if not admite_presentaciones(regimen.codigo, hoy):
        raise ConflictoDeEstado(motivo_cierre(regimen.codigo), codigo="regimen_closed")
    reclamo = Reclamo.objects.create(
        numero=siguiente_numero(prefijo=regimen.prefijo_numero, anio=hoy.year),
        regimen_codigo=regimen.codigo,
        regimen_version=regimen.version,
        consumidor=consumidor,
        consumidor_nombre=datos["nombres"].strip(),
        consumidor_apellido=datos["apellidos"].strip(),
        consumidor_dni=datos["documento_numero"],
        consumidor_domicilio=datos["domicilio"].strip(),
        consumidor_email=datos["email"].strip().lower(),
        consumidor_telefono=datos.get("telefono", "").strip(),
        hechos=datos["hechos"].strip(),
        objeto=datos["pedido"].strip(),
        monto=datos.get("monto"),
        presentado_en=timezone.now(),
    )
    ReclamoProveedor.objects.create(
        reclamo=reclamo,
        organizacion=Organizacion.objects.filter(
            tipo=Organizacion.Tipo.PROVEEDOR, tipo_identificador="RUC", identificador=datos["ruc"]
        ).first(),
        tipo_identificador="RUC",
        identificador=datos["ruc"],
        razon_social=datos["razon_social"].strip(),
        domicilio_legal=datos.get("domicilio_proveedor", "").strip(),
    )
    Mediacion.objects.create(reclamo=reclamo, consumidor_documento_tipo=datos["documento_tipo"])
    constituir_domicilio_electronico(
        usuario=consumidor, email=reclamo.consumidor_email, por=consumidor
    )
    transicionar(reclamo, "presentar", por=consumidor, datos={"numero": reclamo.numero})
    _avisar(reclamo, [consumidor], "solicitado", _("Recibimos su reclamo"))
    return reclamo


@transaction.atomic
def registrar_reclamo(reclamo: Reclamo, *, por: Usuario, funcionario: Usuario | None = None):
    """The agency registers the claim and assigns the official in charge (S001; DOMAIN §7.3:
    "claim number and officer assigned, e-mail to consumer"). Meets PE-SAC-1."""
    _exigir(reclamo, por, Parte.FUNCIONARIO)
    funcionario = funcionario or por
    if not es_personal_del_reclamo(funcionario, reclamo):
        raise DatosInvalidos(_("Elija un funcionario del régimen."), campos={"funcionario": ["?"]})
    reclamo = _bloquear(reclamo)
    Mediacion.objects.filter(reclamo=reclamo).update(funcionario=funcionario)
    nombre = funcionario.nombre_completo or funcionario.email
    transicionar(reclamo, "registrar", por=por, datos={"funcionario": nombre})
    _avisar(
        reclamo, [reclamo.consumidor], "registrado", _("Reclamo registrado"), funcionario=nombre
    )
    return reclamo


@transaction.atomic
def iniciar_mediacion(reclamo: Reclamo, *, por: Usuario) -> Reclamo:
    """The official forwards the claim to the provider and opens the mediation (PE-SAC-2)."""
    _exigir(reclamo, por, Parte.FUNCIONARIO)
    reclamo = _bloquear(reclamo)
    proveedor = reclamo.proveedores.select_related("organizacion").first()
    en_plataforma = organizacion_habilitada(proveedor.organizacion if proveedor else None)
    transicionar(
        reclamo,
        "iniciar_mediacion",
        por=por,
        datos={
            "proveedor": proveedor.razon_social if proveedor else "",
            "en_plataforma": en_plataforma,
        },
    )
    _avisar(
        reclamo,
        [reclamo.consumidor, *_representantes(reclamo)],
        "mediacion_iniciada",
        _("Mediación iniciada"),
        en_plataforma=en_plataforma,
    )
    return reclamo


# --- the thread ------------------------------------------------------------------------------


@transaction.atomic
def enviar_mensaje(reclamo: Reclamo, *, por: Usuario, texto: str, adjunto=None) -> MensajeMediacion:
    """A message of the thread, with an optional attachment; recorded in the expediente and
    announced by e-mail to the other participants."""
    from documentos.services import guardar_subida

    parte = _exigir(reclamo, por, Parte.CONSUMIDOR, Parte.PROVEEDOR, Parte.FUNCIONARIO)
    if reclamo.estado not in CON_DIALOGO:
        raise ConflictoDeEstado(_("La mediación de este reclamo no admite mensajes ahora."))
    texto = (texto or "").strip()
    if not texto:
        raise DatosInvalidos(_("Escriba el mensaje."), campos={"texto": [_("Obligatorio.")]})
    if len(texto) > LARGO_MAXIMO_MENSAJE:
        raise DatosInvalidos(
            _("El mensaje supera los %(n)s caracteres.") % {"n": LARGO_MAXIMO_MENSAJE},
            campos={"texto": [_("Muy largo.")]},
        )
    archivo = (
        guardar_subida(adjunto, por=por, sujeto=reclamo, categoria="mensaje") if adjunto else None
    )
    mensaje = MensajeMediacion.objects.create(
        reclamo=reclamo,
        autor=por,
        rol=parte,
        organizacion=organizacion_en_el_reclamo(por, reclamo) if parte == Parte.PROVEEDOR else None,
        texto=texto,
        adjunto=archivo,
    )
    expediente.mensaje_mediacion(
        reclamo,
        por=por,
        mensaje_id=mensaje.pk,
        texto=texto,
        adjunto_id=archivo.pk if archivo else None,
    )
    otros = [reclamo.consumidor, *_representantes(reclamo), _funcionario(reclamo)]
    _avisar(
        reclamo,
        [u for u in otros if u is not None and u.pk != por.pk],
        "mensaje",
        _("Nuevo mensaje en su reclamo"),
    )
    return mensaje


def marcar_leidos(reclamo: Reclamo, *, usuario: Usuario) -> int:
    """Read receipts: every message of others the participant has now seen. Idempotent."""
    pendientes = (
        MensajeMediacion.objects.filter(reclamo=reclamo)
        .exclude(autor=usuario)
        .exclude(lecturas__usuario=usuario)
        .values_list("pk", flat=True)
    )
    ahora = timezone.now()
    nuevas = [LecturaMensaje(mensaje_id=pk, usuario=usuario, leido_en=ahora) for pk in pendientes]
    LecturaMensaje.objects.bulk_create(nuevas, ignore_conflicts=True)
    return len(nuevas)


# --- the provider's proposal and the consumer's conformidad ---------------------------------


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
        "monto": reclamo.regimen.formatear_monto(Decimal(monto)) if monto is not None else "",
        "agencia": reclamo.regimen.texto("agencia"),
    }


@transaction.atomic
def proponer(reclamo: Reclamo, *, por: Usuario, texto: str, monto=None) -> PropuestaMediacion:
    """The provider's proposal, issued as an immutable document (its PDF's SHA-256 is what the
    consumer's conformidad binds to). Meets PE-SAC-2."""
    from documentos.services import emitir_documento

    _exigir(reclamo, por, Parte.PROVEEDOR)
    reclamo = _bloquear(reclamo)
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
    _avisar(reclamo, [reclamo.consumidor], "propuesta", _("El proveedor le envió una propuesta"))
    return propuesta


def huella_de(propuesta: PropuestaMediacion) -> str:
    """The SHA-256 of the proposal's PDF ("" while it is still being rendered)."""
    from documentos.models import Documento

    return (
        Documento.objects.filter(pk=propuesta.documento_id).values_list("sha256", flat=True).get()
    )


def _propuesta_pendiente(propuesta: PropuestaMediacion, por: Usuario) -> PropuestaMediacion:
    propuesta = PropuestaMediacion.objects.select_for_update().get(pk=propuesta.pk)
    _exigir(propuesta.reclamo, por, Parte.CONSUMIDOR)
    if propuesta.estado != PropuestaMediacion.Estado.PENDIENTE:
        raise ConflictoDeEstado(_("Esa propuesta ya fue respondida."))
    return propuesta


@transaction.atomic
def dar_conformidad(propuesta: PropuestaMediacion, *, por: Usuario, sha256_visto: str):
    """The consumer's online conformidad (S001): an explicit act, after re-authentication in
    the view, recording the SHA-256 of the exact proposal document the consumer was shown. The
    claim concludes with agreement."""
    propuesta = _propuesta_pendiente(propuesta, por)
    huella = huella_de(propuesta)
    if not huella:
        raise ConflictoDeEstado(
            _("El documento de la propuesta todavía se está generando. Intente en unos segundos.")
        )
    if sha256_visto != huella:
        raise ConflictoDeEstado(
            _("La huella del documento no coincide con la que usted vio: revise la propuesta.")
        )
    reclamo = _bloquear(propuesta.reclamo)
    PropuestaMediacion.objects.filter(pk=propuesta.pk).update(
        estado=PropuestaMediacion.Estado.ACEPTADA,
        respondida_por=por,
        respondida_en=timezone.now(),
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
    _avisar(
        reclamo,
        [*_representantes(reclamo), _funcionario(reclamo)],
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
    reclamo = _bloquear(propuesta.reclamo)
    PropuestaMediacion.objects.filter(pk=propuesta.pk).update(
        estado=PropuestaMediacion.Estado.RECHAZADA,
        respondida_por=por,
        respondida_en=timezone.now(),
        motivo_rechazo=motivo.strip(),
    )
    transicionar(
        reclamo,
        "rechazar_propuesta",
        por=por,
        datos={"propuesta": propuesta.pk, "motivos": motivo.strip()},
    )
    _avisar(
        reclamo,
        [*_representantes(reclamo), _funcionario(reclamo)],
        "propuesta_rechazada",
        _("El consumidor no aceptó la propuesta"),
    )
    propuesta.refresh_from_db()
    return propuesta


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
    _exigir(reclamo, por, Parte.FUNCIONARIO)
    fecha = _verificar_inicio(reclamo, inicio)
    enlace = (enlace_video or "").strip() or _enlace_video()
    if not enlace.startswith("https://"):
        raise DatosInvalidos(
            _("El enlace de la videoconferencia debe empezar con https://."),
            campos={"enlace_video": [_("Inválido.")]},
        )
    reclamo = _bloquear(reclamo)
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
    _avisar(
        reclamo,
        [reclamo.consumidor, *_representantes(reclamo)],
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

    _exigir(reclamo, por, Parte.FUNCIONARIO)
    reclamo = _bloquear(reclamo)
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
    _avisar(
        reclamo,
        [reclamo.consumidor, *_representantes(reclamo)],
        "acta",
        _("Acta de la audiencia"),
        acuerdo=acuerdo,
    )
    return documento


# --- closing -----------------------------------------------------------------------------------


@transaction.atomic
def concluir_mediacion_sin_acuerdo(reclamo: Reclamo, *, por: Usuario, motivo: str) -> Reclamo:
    """The official closes a mediation that failed without convening a hearing."""
    _exigir(reclamo, por, Parte.FUNCIONARIO)
    if not (motivo or "").strip():
        raise DatosInvalidos(_("Indique el motivo."), campos={"motivo": [_("Obligatorio.")]})
    reclamo = _bloquear(reclamo)
    transicionar(reclamo, "concluir_sin_acuerdo", por=por, datos={"motivos": motivo.strip()})
    _avisar(
        reclamo,
        [reclamo.consumidor, *_representantes(reclamo)],
        "sin_acuerdo",
        _("Reclamo concluido sin acuerdo"),
    )
    return reclamo


@transaction.atomic
def comunicar_cumplimiento(reclamo: Reclamo, *, por: Usuario, cumplio: bool, detalle: str = ""):
    """After an agreement the consumer reports whether the provider complied (S001, concluded
    claims). A breach is a ground for a denuncia (DOMAIN §2.7)."""
    _exigir(reclamo, por, Parte.CONSUMIDOR)
    if not cumplio and not (detalle or "").strip():
        raise DatosInvalidos(
            _("Cuéntenos qué no se cumplió."), campos={"detalle": [_("Obligatorio.")]}
        )
    reclamo = _bloquear(reclamo)
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
    _avisar(
        reclamo,
        [*_representantes(reclamo), _funcionario(reclamo)],
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
    _exigir(reclamo, por, Parte.FUNCIONARIO)
    return transicionar(_bloquear(reclamo), accion, por=por)


@transaction.atomic
def desistir(reclamo: Reclamo, *, por: Usuario) -> Reclamo:
    """The consumer withdraws the claim; every running timer is cancelled."""
    _exigir(reclamo, por, Parte.CONSUMIDOR)
    reclamo = transicionar(_bloquear(reclamo), "desistir", por=por, datos={"quien": por.email})
    _avisar(
        reclamo,
        [*_representantes(reclamo), _funcionario(reclamo)],
        "desistido",
        _("El consumidor desistió"),
    )
    return reclamo
