"""Writes of the Libro de Reclamaciones: one function per act, one transaction each, the event in
the sheet's timeline, the plazos opened/suspended/met and the notices queued on commit.

Preconditions: the provider's acts are called after libro.permisos.acceder_hoja(escribir=True);
the consumer's acts after libro.permisos.hoja_por_token (the signed link is the authority).
"""

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.models import Organizacion
from cuentas.permisos import administra_organizacion
from libro import avisos, eventos, eventos_webhook, terminos
from libro.enlaces import nueva_clave
from libro.estados import TRANSICIONES, EstadoHoja
from libro.models import Hoja, Libro, NotaHoja, Propuesta, Respuesta
from normativa.regimenes.peru import PERU

CAMPOS_CONSUMIDOR = (
    "tipo",
    "nombres",
    "apellidos",
    "tipo_documento",
    "numero_documento",
    "domicilio",
    "telefono",
    "email",
    "es_menor",
    "apoderado_nombre",
    "apoderado_tipo_documento",
    "apoderado_numero_documento",
    "tipo_bien",
    "monto_reclamado",
    "descripcion_bien",
    "numero_pedido",
    "detalle",
    "pedido",
    "medio_respuesta",
    "declaracion",
)


# --- Books ---------------------------------------------------------------------------------------


@transaction.atomic
def crear_libro(
    *, organizacion: Organizacion, nombre: str, codigo: str, direccion: str, canal: str, por
) -> Libro:
    """A provider (RUC) opens a book for one establishment or channel."""
    if not administra_organizacion(por, organizacion) or not organizacion.activa:
        raise AccesoDenegado(_("Solo quien administra un proveedor activo puede abrir libros."))
    libro = Libro(
        organizacion=organizacion,
        nombre=nombre,
        codigo=codigo,
        direccion=direccion,
        canal=canal,
        creado_por=por,
    )
    try:
        libro.full_clean()
    except ValidationError as error:
        raise DatosInvalidos(
            _("Revise los datos del libro."), campos=getattr(error, "message_dict", {})
        ) from None
    libro.save()
    return libro


@transaction.atomic
def cambiar_actividad_libro(libro: Libro, *, activo: bool, por) -> Libro:
    """A book is closed to new sheets, never deleted (its sheets stay on file)."""
    if not administra_organizacion(por, libro.organizacion):
        raise AccesoDenegado(_("Solo quien administra el proveedor puede cerrar o abrir libros."))
    Libro.objects.filter(pk=libro.pk).update(activo=activo)
    libro.activo = activo
    return libro


# --- State changes -------------------------------------------------------------------------------


def _transicionar(hoja: Hoja, accion: str, **campos) -> Hoja:
    """Compare-and-swap on the state: another actor got there first → 409."""
    fila = TRANSICIONES[accion]
    if hoja.estado not in fila.desde:
        raise ConflictoDeEstado(str(fila.mensaje))
    cambiadas = Hoja.objects.filter(pk=hoja.pk, estado=hoja.estado).update(
        estado=fila.hacia, actualizada_en=timezone.now(), **campos
    )
    if cambiadas != 1:
        raise ConflictoDeEstado(_("Otra persona modificó la hoja recién. Recargue la página."))
    hoja.estado = fila.hacia
    for campo, valor in campos.items():
        setattr(hoja, campo, valor)
    return hoja


def _cerrar(hoja: Hoja, accion: str) -> Hoja:
    ahora = timezone.now()
    hoy = terminos.hoy()
    return _transicionar(
        hoja,
        accion,
        cerrada_en=ahora,
        fecha_cierre=hoy,
        dias_habiles_respuesta=terminos.habiles_entre(hoja.fecha_presentacion, hoy),
    )


# --- The consumer's acts -------------------------------------------------------------------------


def _siguiente_correlativo(libro: Libro, anio: int) -> int:
    """Per book and year. The book row is locked, so two filings never share a number; the
    unique constraint (libro, anio, correlativo) is the last guard."""
    Libro.objects.select_for_update().filter(pk=libro.pk).first()
    ultimo = Hoja.objects.filter(libro=libro, anio=anio).aggregate(m=Max("correlativo"))["m"]
    return (ultimo or 0) + 1


def _validar_hoja(datos: dict) -> None:
    if not datos.get("email") and not datos.get("domicilio"):
        raise DatosInvalidos(
            _("Indique un correo electrónico o un domicilio para recibir la respuesta."),
            campos={"email": [_("Indique un correo electrónico o un domicilio.")]},
        )
    medio = datos.get("medio_respuesta")
    campo = "email" if medio == Hoja.Medio.EMAIL else "domicilio"
    if not datos.get(campo):
        raise DatosInvalidos(
            _("Falta el dato del medio elegido para la respuesta."),
            campos={campo: [_("Es obligatorio para el medio de respuesta elegido.")]},
        )
    if not datos.get("declaracion"):
        raise DatosInvalidos(
            _("Falta su declaración."), campos={"declaracion": [_("Es obligatoria.")]}
        )


@transaction.atomic
def presentar_hoja(*, libro: Libro, datos: dict) -> Hoja:
    """P1: the consumer files a sheet in the provider's book. Opens PE-01 (start = the filing
    date in Lima) and sends the constancia at once (PE-04)."""
    if not libro.activo or not libro.organizacion.activa:
        raise ConflictoDeEstado(_("Este libro no está recibiendo hojas de reclamación."))
    _validar_hoja(datos)
    return _registrar_hoja(libro, datos, presentada_en=timezone.now(), fecha=terminos.hoy())


# How far back a paper sheet may be entered: the two years the provider keeps its sheets
# (S003 5: "conservarlas como mínimo por el lapso de dos años"); an older one is out of the
# book's retention.
ANTIGUEDAD_MAXIMA_EN_PAPEL = datetime.timedelta(days=2 * 366)


@transaction.atomic
def registrar_hoja_en_papel(
    *, libro: Libro, datos: dict, presentada_en: datetime.datetime, numero_en_papel: str, por
) -> Hoja:
    """A sheet the consumer filled in on the provider's physical book, entered by the provider
    with its original date and number (S003 2: the procedure covers the virtual and the physical
    book alike). PE-01 counts from the original date: a sheet entered late may already be
    due, or overdue, and the sweeper treats it as any other. Precondition: `por` represents the
    book's organisation (libro.permisos.acceder_libro(escribir=True))."""
    numero_en_papel = (numero_en_papel or "").strip()
    if not numero_en_papel:
        raise DatosInvalidos(
            _("Indique el número impreso en la hoja física."),
            campos={"numero_en_papel": [_("Obligatorio.")]},
        )
    if timezone.is_naive(presentada_en):
        raise DatosInvalidos(
            _("Indique el día y la hora de la hoja."), campos={"presentada_en": [_("Inválida.")]}
        )
    fecha = presentada_en.astimezone(ZoneInfo(PERU.zona_horaria)).date()
    hoy = terminos.hoy()
    if fecha > hoy or presentada_en > timezone.now():
        raise DatosInvalidos(
            _("La fecha de la hoja física no puede ser futura."),
            campos={"presentada_en": [_("Fecha futura.")]},
        )
    if hoy - fecha > ANTIGUEDAD_MAXIMA_EN_PAPEL:
        raise DatosInvalidos(
            _("La hoja tiene más de dos años: ya no corresponde registrarla."),
            campos={"presentada_en": [_("Demasiado antigua.")]},
        )
    if Hoja.objects.filter(libro=libro, en_papel=True, numero_en_papel=numero_en_papel).exists():
        raise ConflictoDeEstado(
            _("La hoja física N.º %(n)s de este libro ya fue registrada.") % {"n": numero_en_papel}
        )
    _validar_hoja(datos)
    return _registrar_hoja(
        libro,
        datos,
        presentada_en=presentada_en,
        fecha=fecha,
        en_papel=True,
        numero_en_papel=numero_en_papel,
        cargada_por=por,
    )


def _registrar_hoja(libro: Libro, datos: dict, *, presentada_en, fecha, **extra) -> Hoja:
    organizacion = libro.organizacion
    hoja = Hoja(
        libro=libro,
        anio=fecha.year,
        correlativo=_siguiente_correlativo(libro, fecha.year),
        clave=nueva_clave(),
        regimen_codigo=PERU.codigo,
        regimen_version=PERU.version,
        proveedor_razon_social=organizacion.razon_social,
        proveedor_ruc=organizacion.identificador,
        establecimiento=libro.nombre,
        establecimiento_direccion=libro.direccion,
        presentada_en=presentada_en,
        fecha_presentacion=fecha,
        **extra,
        **{campo: datos[campo] for campo in CAMPOS_CONSUMIDOR if campo in datos},
    )
    hoja.full_clean(exclude=["clave"])
    hoja.save()
    eventos.hoja_registrada(hoja)
    if hoja.en_papel:
        eventos.hoja_en_papel(hoja, por=hoja.cargada_por)
    vence = terminos.abrir_respuesta(hoja)
    eventos.plazo_abierto(hoja, tipo=terminos.RESPUESTA, vence=vence)
    avisos.hoja_registrada(hoja)
    eventos_webhook.hoja_recibida(hoja)
    if hoja.email:
        eventos.constancia_enviada(hoja, email=hoja.email)
    return hoja


@transaction.atomic
def anotar(hoja: Hoja, *, por, tipo: str, texto: str, contacto_en=None) -> NotaHoja:
    """An internal note or a call to the consumer (S003 7.1 c). Precondition: `por` may write on
    the sheet (libro.permisos.acceder_hoja(escribir=True)); notes stay after closing."""
    texto = (texto or "").strip()
    if tipo not in NotaHoja.Tipo.values:
        raise DatosInvalidos(_("Tipo desconocido."), campos={"tipo": [_("Elija nota o llamada.")]})
    if not texto:
        raise DatosInvalidos(_("Escriba la nota."), campos={"texto": [_("Obligatorio.")]})
    if tipo == NotaHoja.Tipo.LLAMADA:
        if contacto_en is None:
            raise DatosInvalidos(
                _("Indique cuándo llamó al consumidor."),
                campos={"contacto_en": [_("Obligatorio para una llamada.")]},
            )
        if contacto_en > timezone.now() or contacto_en < hoja.presentada_en:
            raise DatosInvalidos(
                _("La llamada tiene que ser entre la presentación de la hoja y ahora."),
                campos={"contacto_en": [_("Fuera de rango.")]},
            )
    else:
        contacto_en = None
    return NotaHoja.objects.create(
        hoja=hoja, tipo=tipo, texto=texto, contacto_en=contacto_en, por=por
    )


def _propuesta_pendiente(hoja: Hoja) -> Propuesta:
    propuesta = (
        Propuesta.objects.select_for_update()
        .filter(hoja=hoja, estado=Propuesta.Estado.PENDIENTE)
        .first()
    )
    if propuesta is None:
        raise ConflictoDeEstado(_("La propuesta ya no está pendiente de su respuesta."))
    return propuesta


@transaction.atomic
def aceptar_propuesta(hoja: Hoja) -> Hoja:
    """P4: the consumer accepts (the first proposal within PE-02; a later one while the sheet is
    unanswered) → the sheet closes with "acuerdo aceptado"; PE-01 (and PE-02) are met, and the
    consumer gets the agreement as a document."""
    propuesta = _propuesta_pendiente(hoja)
    hoy = terminos.hoy()
    if propuesta.suspende and propuesta.vence and hoy > propuesta.vence:
        raise ConflictoDeEstado(
            _("El plazo para aceptar la propuesta venció el %(v)s.")
            % {"v": f"{propuesta.vence:%d/%m/%Y}"}
        )
    _cerrar(hoja, "aceptar")
    propuesta.estado = Propuesta.Estado.ACEPTADA
    propuesta.decidida_en = timezone.now()
    propuesta.save(update_fields=["estado", "decidida_en"])
    hoja.propuesta = propuesta
    if propuesta.suspende:
        terminos.reanudar_respuesta(hoja, enviada=propuesta.fecha_envio, hasta=hoy)
        terminos.cumplir(hoja, terminos.RESPUESTA, terminos.PROPUESTA)
    else:
        terminos.cumplir(hoja, terminos.RESPUESTA)
    eventos.propuesta_aceptada(hoja)
    avisos.propuesta_decidida(hoja, propuesta)
    avisos.acuerdo_aceptado(hoja, propuesta)
    return hoja


@transaction.atomic
def rechazar_propuesta(hoja: Hoja, *, comentario: str = "") -> Hoja:
    """P5: the consumer rejects → PE-02 met, PE-01 resumes where it stopped (a later proposal
    never suspended it); the formal answer is still owed."""
    propuesta = _propuesta_pendiente(hoja)
    _transicionar(hoja, "rechazar")
    propuesta.estado = Propuesta.Estado.RECHAZADA
    propuesta.decidida_en = timezone.now()
    propuesta.comentario_consumidor = comentario.strip()
    propuesta.save(update_fields=["estado", "decidida_en", "comentario_consumidor"])
    hoja.propuesta = propuesta
    if propuesta.suspende:
        terminos.cumplir(hoja, terminos.PROPUESTA)
        vence = terminos.reanudar_respuesta(
            hoja, enviada=propuesta.fecha_envio, hasta=terminos.hoy()
        )
    else:
        vence = hoja.vence_respuesta
    eventos.propuesta_rechazada(
        hoja, comentario=propuesta.comentario_consumidor, vence_respuesta=vence
    )
    avisos.propuesta_decidida(hoja, propuesta)
    return hoja


# --- The provider's acts -------------------------------------------------------------------------


@transaction.atomic
def atender_hoja(hoja: Hoja, *, por) -> Hoja:
    """P2: the provider takes the sheet (optional; no effect on PE-01)."""
    _transicionar(hoja, "atender")
    eventos.en_atencion(hoja, por=por)
    return hoja


@transaction.atomic
def enviar_propuesta(hoja: Hoja, *, texto: str, por) -> Propuesta:
    """P3: a solution proposal suspends PE-01 and opens PE-02 (DS 101-2022-PCM)."""
    if not texto.strip():
        raise DatosInvalidos(_("Escriba la propuesta."), campos={"texto": [_("Obligatorio.")]})
    if hoja.vencida:
        raise ConflictoDeEstado(
            _("El plazo de respuesta ya venció: corresponde enviar la respuesta formal.")
        )
    anteriores = Propuesta.objects.filter(hoja=hoja).count()
    enviada = terminos.hoy()
    if not anteriores and hoja.vence_respuesta is not None and hoja.vence_respuesta <= enviada:
        # The suspension starts the day after sending: on the last day nothing is left to
        # suspend.
        raise ConflictoDeEstado(
            _(
                "Hoy vence el plazo de respuesta: una propuesta ya no lo suspende. Envíe la "
                "respuesta formal (puede incluir en ella su propuesta de solución)."
            )
        )
    _transicionar(hoja, "proponer")
    propuesta = Propuesta.objects.create(
        hoja=hoja,
        numero=anteriores + 1,
        suspende=not anteriores,
        texto=texto.strip(),
        enviada_por=por,
        fecha_envio=enviada,
    )
    hoja.propuesta = propuesta
    if propuesta.suspende:
        propuesta.vence = terminos.abrir_propuesta(hoja, enviada=enviada, por=por)
        propuesta.save(update_fields=["vence"])
    eventos.propuesta_enviada(hoja, por=por, propuesta=propuesta)
    if propuesta.suspende:
        eventos.plazo_abierto(hoja, tipo=terminos.PROPUESTA, vence=propuesta.vence)
    avisos.propuesta_enviada(hoja, propuesta)
    return propuesta


def _destino(hoja: Hoja) -> str:
    return hoja.email if hoja.medio_respuesta == Hoja.Medio.EMAIL else hoja.domicilio


def _validar_despacho(hoja: Hoja, despacho_fecha, hoy) -> None:
    if hoja.medio_respuesta == Hoja.Medio.EMAIL:
        return
    if despacho_fecha is None:
        raise DatosInvalidos(
            _("Indique la fecha en que despachó la carta al domicilio del consumidor."),
            campos={"despacho_fecha": [_("Obligatoria si la respuesta va al domicilio.")]},
        )
    if despacho_fecha > hoy or despacho_fecha < hoja.fecha_presentacion:
        raise DatosInvalidos(
            _("La fecha de despacho debe estar entre la presentación de la hoja y hoy."),
            campos={"despacho_fecha": [_("Fecha fuera de rango.")]},
        )


@transaction.atomic
def responder_hoja(
    hoja: Hoja, *, texto: str, por, despacho_fecha=None, despacho_referencia: str = ""
) -> Respuesta:
    """P6: the formal answer by the means the consumer chose closes the sheet and PE-01. By
    e-mail it goes through notificaciones; to an address the provider records the dispatch."""
    if not texto.strip():
        raise DatosInvalidos(_("Escriba la respuesta."), campos={"texto": [_("Obligatorio.")]})
    hoy = terminos.hoy()
    _validar_despacho(hoja, despacho_fecha, hoy)
    _cerrar(hoja, "responder")
    _dejar_sin_efecto_la_propuesta(hoja, hoy=hoy, por=por)
    es_email = hoja.medio_respuesta == Hoja.Medio.EMAIL
    respuesta = Respuesta.objects.create(
        hoja=hoja,
        texto=texto.strip(),
        medio=hoja.medio_respuesta,
        destino=_destino(hoja),
        despacho_fecha=None if es_email else despacho_fecha,
        despacho_referencia="" if es_email else despacho_referencia.strip(),
        enviada_por=por,
        fecha=hoy,
    )
    terminos.cumplir(hoja, terminos.RESPUESTA, por=por)
    notificacion = avisos.respuesta_enviada(hoja, respuesta, por=por)
    if notificacion is not None:
        respuesta.notificacion_id = notificacion.pk
        respuesta.save(update_fields=["notificacion_id"])
    eventos.respuesta_enviada(hoja, por=por, respuesta=respuesta)
    return respuesta


def _dejar_sin_efecto_la_propuesta(hoja: Hoja, *, hoy, por) -> None:
    """The formal answer came while the consumer was deciding: the pending proposal loses its
    effect, PE-02 stops and PE-01's suspension ends today (then the answer meets PE-01)."""
    propuesta = (
        Propuesta.objects.select_for_update()
        .filter(hoja=hoja, estado=Propuesta.Estado.PENDIENTE)
        .first()
    )
    if propuesta is None:
        return
    propuesta.estado = Propuesta.Estado.SIN_EFECTO
    propuesta.decidida_en = timezone.now()
    propuesta.save(update_fields=["estado", "decidida_en"])
    hoja.propuesta = propuesta
    if propuesta.suspende:
        terminos.cancelar_propuesta(hoja, por=por)
        terminos.reanudar_respuesta(hoja, enviada=propuesta.fecha_envio, hasta=hoy, por=por)
    eventos.propuesta_sin_efecto(hoja, por=por, propuesta=propuesta)


@transaction.atomic
def recalificar_hoja(hoja: Hoja, *, tipo: str, motivo: str, por) -> Hoja:
    """Q19: a queja becomes a reclamo (or back) with a logged reason; PE-01 does not change
    (both have the same 15 business days)."""
    if tipo not in Hoja.Tipo.values:
        raise DatosInvalidos(_("Tipo desconocido."), campos={"tipo": [_("Elija reclamo o queja.")]})
    if not motivo.strip():
        raise DatosInvalidos(
            _("Indique el motivo de la recalificación."), campos={"motivo": [_("Obligatorio.")]}
        )
    if hoja.cerrada:
        raise ConflictoDeEstado(_("La hoja está cerrada: ya no se puede recalificar."))
    if tipo == hoja.tipo:
        raise ConflictoDeEstado(_("La hoja ya es de ese tipo."))
    anterior = hoja.tipo
    cambiadas = Hoja.objects.filter(pk=hoja.pk, tipo=anterior, estado=hoja.estado).update(
        tipo=tipo, actualizada_en=timezone.now()
    )
    if cambiadas != 1:
        raise ConflictoDeEstado(_("Otra persona modificó la hoja recién. Recargue la página."))
    hoja.tipo = tipo
    eventos.recalificada(hoja, por=por, anterior=anterior, nuevo=tipo, motivo=motivo.strip())
    return hoja


# --- Expiry consequences (registered in libro.ganchos; run by the sweeper) -----------------------


def _hoja_del_plazo(plazo) -> Hoja | None:
    if plazo.content_type.model_class() is not Hoja:
        return None
    return Hoja.objects.select_for_update().filter(pk=plazo.object_id).first()


def rechazar_por_silencio(plazo) -> None:
    """P5: PE-02 expired without acceptance → deemed rejected; PE-01 resumes the day after
    PE-02's last day. Runs inside the sweeper's transaction."""
    hoja = _hoja_del_plazo(plazo)
    if hoja is None or hoja.estado != EstadoHoja.PROPUESTA_ENVIADA:
        return
    propuesta = (
        Propuesta.objects.select_for_update()
        .filter(hoja=hoja, suspende=True, estado=Propuesta.Estado.PENDIENTE)
        .first()
    )
    if propuesta is None:
        return
    _transicionar(hoja, "rechazar")
    propuesta.estado = Propuesta.Estado.RECHAZADA_SILENCIO
    propuesta.decidida_en = timezone.now()
    propuesta.save(update_fields=["estado", "decidida_en"])
    hoja.propuesta = propuesta
    vence = terminos.reanudar_respuesta(hoja, enviada=propuesta.fecha_envio, hasta=plazo.vence)
    eventos.propuesta_rechazada_por_silencio(hoja, vence_respuesta=vence)
    avisos.propuesta_decidida(hoja, propuesta)


def marcar_vencida(plazo) -> None:
    """P8: PE-01 expired unanswered → the sheet is flagged VENCIDA (an infringement). The
    answer is still owed and can still be sent."""
    if _hoja_del_plazo(plazo) is None:
        return
    cambiadas = Hoja.objects.filter(
        pk=plazo.object_id, vencida=False, estado__in=EstadoHoja.abiertos()
    ).update(vencida=True, vencida_en=timezone.now())
    if cambiadas != 1:
        return
    hoja = Hoja.objects.get(pk=plazo.object_id)
    eventos.vencida(hoja)
    avisos.hoja_vencida(hoja)


# --- The consumer's evidence ---------------------------------------------------------------------

# Enough for receipts, photos and messages; a sheet is not a file store.
PRUEBAS_MAXIMAS = 10
CATEGORIA_PRUEBA = "prueba_consumidor"


@transaction.atomic
def adjuntar_prueba(hoja: Hoja, archivo):
    """The consumer attaches evidence (a receipt, a photo, a message) through the sheet's signed
    link while the sheet is open: checked by content and sanitised like every upload
    (documentos.services.guardar_subida), visible to the provider on the sheet, never public.
    Precondition: libro.permisos.hoja_por_token(bloquear=True)."""
    from documentos.services import guardar_subida

    if hoja.cerrada:
        raise ConflictoDeEstado(_("La hoja está cerrada: ya no admite pruebas."))
    from documentos.selectors import archivos_de

    if archivos_de(hoja, categoria=CATEGORIA_PRUEBA).count() >= PRUEBAS_MAXIMAS:
        raise DatosInvalidos(
            _("Ya adjuntó %(n)s archivos, el máximo por hoja.") % {"n": PRUEBAS_MAXIMAS},
            campos={"archivo": [_("Máximo alcanzado.")]},
        )
    subido = guardar_subida(archivo, por=None, sujeto=hoja, categoria=CATEGORIA_PRUEBA)
    eventos.prueba_adjuntada(hoja, nombre=subido.nombre_original)
    avisos.prueba_adjuntada(hoja, nombre=subido.nombre_original)
    return subido
