"""The outbox of notices and each party's constituted electronic address.

A Notificacion row is the proof of a notice on the platform: what was sent (the rendered text is
stored, so a later template change never alters it), to whom, when the SMTP server accepted it
and when the recipient first opened it in "Mis notificaciones".
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notificacion(models.Model):
    class Canal(models.TextChoices):
        EMAIL = "email", _("Correo electrónico")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de envío")
        ENVIADA = "enviada", _("Enviada")
        FALLIDA = "fallida", _("Fallida")

    destinatario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinatario"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notificaciones",
    )
    email = models.EmailField(_("dirección de destino"))
    a_domicilio_constituido = models.BooleanField(
        _("enviada al domicilio electrónico constituido"),
        default=False,
        help_text=_("Solo entonces cuenta como notificación electrónica (Decisión 3)."),
    )
    canal = models.CharField(_("canal"), max_length=10, choices=Canal.choices, default=Canal.EMAIL)
    plantilla = models.CharField(_("plantilla"), max_length=120)
    contexto = models.JSONField(_("contexto"), default=dict, encoder=DjangoJSONEncoder)
    asunto = models.CharField(_("asunto"), max_length=250)
    cuerpo = models.TextField(_("texto enviado"))
    cuerpo_html = models.TextField(_("HTML enviado"), blank=True)
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.PENDIENTE
    )
    intentos = models.PositiveSmallIntegerField(_("intentos"), default=0)
    proximo_intento = models.DateTimeField(_("próximo intento"), default=timezone.now)
    # Set while a worker holds the row (compare-and-swap claim); a stale claim can be taken over.
    tomada_en = models.DateTimeField(null=True, blank=True, editable=False)
    ultimo_error = models.TextField(_("último error"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=250, unique=True)
    creada_en = models.DateTimeField(_("creada"), default=timezone.now)
    enviada_en = models.DateTimeField(_("enviada"), null=True, blank=True)
    aceptada_en = models.DateTimeField(
        _("aceptada por el servidor de correo"), null=True, blank=True
    )
    leida_en = models.DateTimeField(_("leída"), null=True, blank=True)
    sujeto_tipo = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sujeto_id = models.PositiveBigIntegerField(null=True, blank=True)
    sujeto = GenericForeignKey("sujeto_tipo", "sujeto_id")
    ics = models.TextField(_("invitación de calendario (.ics)"), blank=True)
    # Objects attached when sending, as [{"modelo": "app_label.model", "pk": n}]. Each must offer
    # como_adjunto() -> (nombre, bytes, tipo) or None while it is not ready (e.g. a PDF being
    # rendered). Kept generic because notificaciones may not import documentos.
    adjuntos = models.JSONField(_("adjuntos"), default=list, blank=True)

    class Meta:
        verbose_name = _("notificación")
        verbose_name_plural = _("notificaciones")
        ordering = ["-creada_en", "-pk"]
        indexes = [
            models.Index(fields=["destinatario", "-creada_en"]),
            models.Index(fields=["sujeto_tipo", "sujeto_id"]),
            models.Index(
                fields=["proximo_intento"],
                condition=Q(estado="pendiente"),
                name="notificacion_pendientes",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(sujeto_tipo__isnull=True, sujeto_id__isnull=True)
                | Q(sujeto_tipo__isnull=False, sujeto_id__isnull=False),
                name="notificacion_sujeto_completo",
            )
        ]

    def __str__(self):
        return f"{self.asunto} → {self.email}"

    def get_absolute_url(self):
        return reverse("notificaciones:detalle", args=[self.pk])


class DomicilioElectronico(models.Model):
    """A constituted electronic address (DOMAIN Decision 3) of a person or of an organisation,
    with the dates it was valid.

    Consumers constitute theirs when they file; a provider registers its own with the
    organisation and changes it from the portal. The row not revoked is the valid one; earlier
    rows stay as the record of where notices went until then. For an organisation the valid
    address is also kept on cuentas.Organizacion.domicilio_electronico, which every sender reads.
    """

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="domicilios_electronicos",
    )
    organizacion = models.ForeignKey(
        "cuentas.Organizacion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="domicilios_electronicos",
    )
    email = models.EmailField(_("domicilio electrónico"))
    constituido_en = models.DateTimeField(_("constituido"), default=timezone.now)
    constituido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    revocado_en = models.DateTimeField(_("reemplazado"), null=True, blank=True)

    class Meta:
        verbose_name = _("domicilio electrónico")
        verbose_name_plural = _("domicilios electrónicos")
        constraints = [
            models.UniqueConstraint(
                fields=["usuario"],
                condition=Q(revocado_en__isnull=True),
                name="un_domicilio_electronico_vigente",
            ),
            models.UniqueConstraint(
                fields=["organizacion"],
                condition=Q(revocado_en__isnull=True),
                name="un_domicilio_electronico_vigente_por_organizacion",
            ),
            models.CheckConstraint(
                condition=Q(usuario__isnull=False, organizacion__isnull=True)
                | Q(usuario__isnull=True, organizacion__isnull=False),
                name="domicilio_electronico_de_persona_u_organizacion",
            ),
        ]

    def __str__(self):
        return f"{self.usuario or self.organizacion} → {self.email}"


class CambioDeDomicilio(models.Model):
    """A request to constitute a new electronic domicile, pending until somebody opens the link
    e-mailed to the new address and confirms it (DOMAIN Decision 3: notices to the constituted
    domicile count as served, so an address that does not receive mail must never become one).

    The request is an organisation's (an administrator changes its domicile) or a person's (a
    consumer gave at filing an address that is not a verified e-mail of the account; see
    docs/decisions/0011-domicilio-del-consumidor.md): exactly one of `organizacion`, `usuario`.

    The link carries the row's id and `nonce`, signed (django.core.signing); it works once, until
    `vence_en`, and only while the request is pending. Resending it draws a new nonce (the
    previous link stops working) and a new expiry; a new request replaces the pending one.
    """

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de confirmación")
        CONFIRMADO = "confirmado", _("Confirmado")
        CANCELADO = "cancelado", _("Cancelado")
        REEMPLAZADO = "reemplazado", _("Reemplazado por otro pedido")

    organizacion = models.ForeignKey(
        "cuentas.Organizacion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cambios_de_domicilio",
    )
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cambios_de_domicilio",
    )
    email = models.EmailField(_("nuevo domicilio electrónico"))
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado.choices, default=Estado.PENDIENTE
    )
    solicitado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    solicitado_en = models.DateTimeField(_("solicitado"), default=timezone.now)
    enviado_en = models.DateTimeField(_("último enlace enviado"), default=timezone.now)
    vence_en = models.DateTimeField(_("el enlace vence"))
    nonce = models.CharField(max_length=64, editable=False)
    cerrado_en = models.DateTimeField(_("confirmado o dejado sin efecto"), null=True, blank=True)
    domicilio = models.OneToOneField(
        DomicilioElectronico,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cambio",
        help_text=_("El domicilio constituido al confirmar."),
    )

    class Meta:
        verbose_name = _("cambio de domicilio electrónico")
        verbose_name_plural = _("cambios de domicilio electrónico")
        ordering = ["-solicitado_en", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organizacion"],
                condition=Q(estado="pendiente"),
                name="un_cambio_de_domicilio_pendiente_por_organizacion",
            ),
            models.UniqueConstraint(
                fields=["usuario"],
                condition=Q(estado="pendiente"),
                name="un_cambio_de_domicilio_pendiente_por_usuario",
            ),
            models.CheckConstraint(
                condition=Q(usuario__isnull=False, organizacion__isnull=True)
                | Q(usuario__isnull=True, organizacion__isnull=False),
                name="cambio_de_domicilio_de_persona_u_organizacion",
            ),
        ]

    def __str__(self):
        titular = self.organizacion or self.usuario
        return f"{titular} → {self.email} ({self.get_estado_display()})"

    @property
    def vencido(self) -> bool:
        return self.vence_en <= timezone.now()
