"""Peru's Libro de Reclamaciones: a provider's books, their sheets (hojas de reclamación), the
solution proposal, the formal answer and the append-only timeline of every event.

Retention (PE-03, DS 011-2011-PCM): sheets and everything attached to them are kept at least two
years from filing; the portal never deletes them (delete is refused on instances, querysets and
in the admin), a later purge is an operator's decision outside the portal.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from libro.estados import EstadoHoja
from normativa.regimenes.peru import PERU

# Paths under /libro/ that a book's public code may not take.
CODIGOS_RESERVADOS = frozenset({"panel", "hoja", "hojas", "api", "nuevo", "archivo"})


class BorradoProhibido(PermissionError):
    """The Libro de Reclamaciones is kept ≥ 2 years (PE-03): nothing is deleted via the portal."""


def _prohibir_borrado(*args, **kwargs):
    raise BorradoProhibido(
        "Las hojas de reclamación, propuestas, respuestas y eventos se conservan al menos dos "
        "años (DS 011-2011-PCM): el portal no los borra."
    )


class ConservadoQuerySet(models.QuerySet):
    def delete(self):
        _prohibir_borrado()

    delete.alters_data = True
    delete.queryset_only = True


class Conservado(models.Model):
    """Base for every record of the book: instances and querysets refuse deletion."""

    objects = ConservadoQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        _prohibir_borrado()


class Libro(Conservado):
    """One virtual complaints book per establishment or channel, with its own numbering."""

    class Canal(models.TextChoices):
        FISICO = "fisico", _("Establecimiento físico")
        VIRTUAL = "virtual", _("Canal virtual (teléfono, aplicación)")
        WEB = "web", _("Tienda web")

    organizacion = models.ForeignKey(
        "cuentas.Organizacion",
        verbose_name=_("proveedor"),
        on_delete=models.PROTECT,
        related_name="libros_reclamaciones",
    )
    nombre = models.CharField(_("nombre del establecimiento o canal"), max_length=160)
    codigo = models.SlugField(
        _("código"),
        max_length=60,
        unique=True,
        help_text=_("Forma parte de la dirección pública del libro: /libro/<código>/."),
    )
    direccion = models.CharField(_("dirección del establecimiento"), max_length=300)
    canal = models.CharField(_("canal"), max_length=10, choices=Canal.choices, default=Canal.WEB)
    activo = models.BooleanField(_("recibe hojas"), default=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    creado_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("libro de reclamaciones")
        verbose_name_plural = _("libros de reclamaciones")
        ordering = ["organizacion_id", "nombre"]

    def __str__(self):
        return f"{self.nombre} ({self.codigo})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("libro:publico", args=[self.codigo])

    def clean(self):
        from cuentas.identificadores import validar_ruc

        if self.codigo in CODIGOS_RESERVADOS:
            raise ValidationError({"codigo": _("Ese código está reservado: elija otro.")})
        organizacion = self.organizacion
        if organizacion.tipo != organizacion.Tipo.PROVEEDOR:
            raise ValidationError(_("Solo un proveedor lleva Libro de Reclamaciones."))
        if organizacion.tipo_identificador != "RUC":
            raise ValidationError(_("El Libro de Reclamaciones es para proveedores con RUC."))
        validar_ruc(organizacion.identificador)


class Hoja(Conservado):
    """A hoja de reclamación as filed (DOMAIN §4.15): the consumer's and the provider's data
    are copied at filing, so the sheet reads the same two years later."""

    class Tipo(models.TextChoices):
        RECLAMO = "reclamo", _("Reclamo")
        QUEJA = "queja", _("Queja")

    class TipoDocumento(models.TextChoices):
        DNI = "DNI", _("DNI")
        CE = "CE", _("Carné de extranjería")
        PASAPORTE = "PASAPORTE", _("Pasaporte")
        RUC = "RUC", _("RUC")

    class TipoBien(models.TextChoices):
        PRODUCTO = "producto", _("Producto")
        SERVICIO = "servicio", _("Servicio")

    class Medio(models.TextChoices):
        EMAIL = "email", _("Correo electrónico")
        DOMICILIO = "domicilio", _("Domicilio (carta)")

    libro = models.ForeignKey(Libro, on_delete=models.PROTECT, related_name="hojas")
    anio = models.PositiveSmallIntegerField(_("año"))
    correlativo = models.PositiveIntegerField(_("correlativo"))
    clave = models.CharField(max_length=64, unique=True, editable=False)
    regimen_codigo = models.CharField(max_length=20, default=PERU.codigo)
    regimen_version = models.CharField(max_length=20, default="2022")
    estado = models.CharField(
        _("estado"), max_length=24, choices=EstadoHoja.choices, default=EstadoHoja.REGISTRADA
    )
    tipo = models.CharField(_("tipo"), max_length=8, choices=Tipo.choices)
    # The provider as it was at filing.
    proveedor_razon_social = models.CharField(_("razón social"), max_length=200)
    proveedor_ruc = models.CharField(_("RUC"), max_length=11)
    establecimiento = models.CharField(_("establecimiento"), max_length=160)
    establecimiento_direccion = models.CharField(_("dirección"), max_length=300)
    # 1. The consumer.
    nombres = models.CharField(_("nombres"), max_length=120)
    apellidos = models.CharField(_("apellidos"), max_length=120)
    tipo_documento = models.CharField(
        _("tipo de documento"), max_length=10, choices=TipoDocumento.choices
    )
    numero_documento = models.CharField(_("número de documento"), max_length=20)
    domicilio = models.CharField(_("domicilio"), max_length=300, blank=True)
    telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    email = models.EmailField(_("correo electrónico"), blank=True)
    es_menor = models.BooleanField(_("el consumidor es menor de edad"), default=False)
    apoderado_nombre = models.CharField(
        _("padre, madre o representante"), max_length=240, blank=True
    )
    apoderado_tipo_documento = models.CharField(
        _("tipo de documento del representante"),
        max_length=10,
        choices=TipoDocumento.choices,
        blank=True,
    )
    apoderado_numero_documento = models.CharField(
        _("documento del representante"), max_length=20, blank=True
    )
    # 2. The contracted good.
    tipo_bien = models.CharField(_("bien contratado"), max_length=10, choices=TipoBien.choices)
    monto_reclamado = models.DecimalField(
        _("monto reclamado (S/)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    descripcion_bien = models.TextField(_("descripción del producto o servicio"))
    numero_pedido = models.CharField(_("número de pedido"), max_length=60, blank=True)
    # 3. Detail.
    detalle = models.TextField(_("detalle"))
    pedido = models.TextField(_("pedido del consumidor"))
    medio_respuesta = models.CharField(
        _("medio para la respuesta"), max_length=10, choices=Medio.choices
    )
    declaracion = models.BooleanField(_("declaración del consumidor"), default=False)
    # A sheet the consumer filled in on paper (the physical book) and the provider entered here
    # with its original date and number.
    en_papel = models.BooleanField(_("hoja física"), default=False)
    numero_en_papel = models.CharField(_("número de la hoja física"), max_length=40, blank=True)
    cargada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    presentada_en = models.DateTimeField(_("presentada el"), default=timezone.now)
    fecha_presentacion = models.DateField(_("fecha de presentación (Lima)"))
    # Cached from plazos for the queue; plazos stays the source of truth.
    vence_respuesta = models.DateField(_("vence la respuesta (PE-01)"), null=True, blank=True)
    respuesta_suspendida = models.BooleanField(default=False)
    vencida = models.BooleanField(_("vencida sin respuesta (infracción)"), default=False)
    vencida_en = models.DateTimeField(null=True, blank=True)
    cerrada_en = models.DateTimeField(_("cerrada el"), null=True, blank=True)
    fecha_cierre = models.DateField(_("fecha de cierre (Lima)"), null=True, blank=True)
    actualizada_en = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hoja de reclamación")
        verbose_name_plural = _("hojas de reclamación")
        ordering = ["-presentada_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["libro", "anio", "correlativo"], name="hoja_correlativo_por_libro_y_anio"
            ),
            models.CheckConstraint(
                condition=Q(monto_reclamado__isnull=True) | Q(monto_reclamado__gte=0),
                name="hoja_monto_no_negativo",
                violation_error_message=_("El monto reclamado no puede ser negativo."),
            ),
            # DOMAIN §4.15 (art. 5, as reported): a sheet without e-mail nor address is not filed.
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(domicilio=""),
                name="hoja_con_email_o_domicilio",
                violation_error_message=_(
                    "La hoja no puede registrarse sin un correo electrónico ni un domicilio: "
                    "indique al menos uno para recibir la respuesta."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["libro", "estado", "vence_respuesta"]),
            models.Index(fields=["fecha_presentacion"]),
            # The archive of closed sheets by year, newest filed first (issue 13).
            models.Index(fields=["libro", "anio", "-presentada_en", "-id"], name="hoja_archivo"),
        ]

    def __str__(self):
        return f"{self.libro.codigo} {self.numero}"

    @property
    def numero(self) -> str:
        return f"{self.correlativo:06d}-{self.anio}"

    @property
    def consumidor(self) -> str:
        return f"{self.nombres} {self.apellidos}".strip()

    @property
    def propuesta(self):
        """The latest solution proposal, or None (from `prefetch_related("propuestas")` when the
        query prefetched them)."""
        if not hasattr(self, "_propuesta"):
            prefetched = getattr(self, "_prefetched_objects_cache", {}).get("propuestas")
            if prefetched is not None:
                filas = list(prefetched)
                self._propuesta = filas[-1] if filas else None
            else:
                self._propuesta = (
                    self.propuestas.order_by("-numero").first() if self.pk is not None else None
                )
        return self._propuesta

    @propuesta.setter
    def propuesta(self, valor) -> None:
        self._propuesta = valor

    @property
    def cerrada(self) -> bool:
        return self.estado in EstadoHoja.cerrados()

    @property
    def conservar_hasta(self):
        """PE-03: two years from filing (a floor, not a purge date)."""
        fecha = self.fecha_presentacion
        try:
            return fecha.replace(year=fecha.year + 2)
        except ValueError:  # 29 February
            return fecha.replace(year=fecha.year + 2, day=28)


class Propuesta(Conservado):
    """A solution proposal (DS 101-2022-PCM; S003 7.3).

    The first one suspends PE-01 and opens PE-02 (5 business days to accept; silence is a
    rejection). After a rejection the provider may propose again (S003: "en caso de rechazo a la
    primera propuesta, se contacta al cliente para llegar a un acuerdo"), but a later proposal
    does not suspend PE-01 again: the suspension exists once, so a term the law calls not
    extendable cannot be stretched by repeated proposals. One pending at a time. A pending
    proposal loses its effect when the provider sends the formal answer."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de respuesta del consumidor")
        ACEPTADA = "aceptada", _("Aceptada")
        RECHAZADA = "rechazada", _("Rechazada")
        RECHAZADA_SILENCIO = "silencio", _("Rechazada por silencio (5 días hábiles)")
        SIN_EFECTO = "sin_efecto", _("Sin efecto: el proveedor envió la respuesta formal")

    hoja = models.ForeignKey(Hoja, on_delete=models.PROTECT, related_name="propuestas")
    numero = models.PositiveSmallIntegerField(_("número de propuesta"), default=1)
    # Only the first proposal suspends PE-01 (and has a PE-02 due date in `vence`).
    suspende = models.BooleanField(default=True)
    texto = models.TextField(_("propuesta de solución"))
    enviada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    enviada_en = models.DateTimeField(default=timezone.now)
    fecha_envio = models.DateField()
    vence = models.DateField(_("plazo para aceptar (PE-02)"), null=True, blank=True)
    estado = models.CharField(max_length=10, choices=Estado.choices, default=Estado.PENDIENTE)
    decidida_en = models.DateTimeField(null=True, blank=True)
    comentario_consumidor = models.TextField(blank=True)

    class Meta:
        verbose_name = _("propuesta de solución")
        verbose_name_plural = _("propuestas de solución")
        ordering = ["hoja", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["hoja", "numero"], name="libro_propuesta_numero_unico"),
            models.UniqueConstraint(
                fields=["hoja"],
                condition=Q(estado="pendiente"),
                name="libro_una_propuesta_pendiente",
            ),
        ]

    def __str__(self):
        return f"Propuesta {self.hoja} ({self.get_estado_display()})"


class Respuesta(Conservado):
    """The formal answer, by the means the consumer chose: it closes the sheet and PE-01."""

    hoja = models.OneToOneField(Hoja, on_delete=models.PROTECT, related_name="respuesta")
    texto = models.TextField(_("respuesta y acciones adoptadas"))
    medio = models.CharField(_("medio"), max_length=10, choices=Hoja.Medio.choices)
    destino = models.CharField(_("enviada a"), max_length=300)
    despacho_fecha = models.DateField(_("fecha de despacho postal"), null=True, blank=True)
    despacho_referencia = models.CharField(
        _("empresa y número de guía"), max_length=160, blank=True
    )
    notificacion_id = models.PositiveBigIntegerField(null=True, blank=True)
    enviada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registrada_en = models.DateTimeField(default=timezone.now)
    fecha = models.DateField(_("fecha de la respuesta"))

    class Meta:
        verbose_name = _("respuesta formal")
        verbose_name_plural = _("respuestas formales")
        constraints = [
            models.CheckConstraint(
                condition=Q(medio="email") | Q(despacho_fecha__isnull=False),
                name="respuesta_postal_con_despacho",
            )
        ]

    def __str__(self):
        return f"Respuesta {self.hoja}"


class NotaHoja(Conservado):
    """The provider's internal record on a sheet: notes and calls to the consumer (S003 7.1 c:
    the provider phones the consumer on receiving the claim and, as an internal measure, tells
    them the corrective solution within 48 hours). Never shown to the consumer."""

    class Tipo(models.TextChoices):
        NOTA = "nota", _("Nota interna")
        LLAMADA = "llamada", _("Llamada al consumidor")

    hoja = models.ForeignKey(Hoja, on_delete=models.PROTECT, related_name="notas")
    tipo = models.CharField(_("tipo"), max_length=8, choices=Tipo.choices, default=Tipo.NOTA)
    texto = models.TextField(_("texto"))
    contacto_en = models.DateTimeField(_("día y hora de la llamada"), null=True, blank=True)
    por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("nota interna")
        verbose_name_plural = _("notas internas")
        ordering = ["hoja", "en", "pk"]

    def __str__(self):
        return f"{self.get_tipo_display()} — {self.hoja}"


class EventoHojaQuerySet(ConservadoQuerySet):
    def update(self, **kwargs):
        raise PermissionError("La línea de tiempo de la hoja es inalterable.")


class EventoHoja(Conservado):
    """One event in a sheet's timeline: append-only (who, when, what)."""

    class Actor(models.TextChoices):
        CONSUMIDOR = "consumidor", _("Consumidor")
        PROVEEDOR = "proveedor", _("Proveedor")
        PORTAL = "portal", _("El portal")

    hoja = models.ForeignKey(Hoja, on_delete=models.PROTECT, related_name="eventos")
    codigo = models.CharField(_("evento"), max_length=60)
    actor = models.CharField(max_length=12, choices=Actor.choices)
    por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    en = models.DateTimeField(default=timezone.now)
    texto = models.CharField(_("detalle"), max_length=300)
    datos = models.JSONField(default=dict, blank=True)
    fuente = models.CharField(_("fuente legal"), max_length=120, blank=True)

    objects = EventoHojaQuerySet.as_manager()

    class Meta:
        verbose_name = _("evento de la hoja")
        verbose_name_plural = _("eventos de la hoja")
        ordering = ["en", "pk"]
        indexes = [models.Index(fields=["hoja", "en"])]

    def __str__(self):
        return f"{self.codigo} {self.en:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("La línea de tiempo de la hoja es inalterable.")
        super().save(*args, **kwargs)
