"""Running terms (ARCHITECTURE.md "Deadlines"): one Plazo row per term, swept every minute.

Plazos change only through plazos.services (open, meet, suspend, resume, extend, cancel) and the
sweeper, always with a compare-and-swap on `estado`.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from normativa.regimenes import Calendario, Unidad


class Plazo(models.Model):
    class Estado(models.TextChoices):
        CORRIENDO = "corriendo", _("Corriendo")
        SUSPENDIDO = "suspendido", _("Suspendido")
        CUMPLIDO = "cumplido", _("Cumplido")
        VENCIDO = "vencido", _("Vencido")
        CANCELADO = "cancelado", _("Cancelado")

    ABIERTOS = (Estado.CORRIENDO, Estado.SUSPENDIDO)

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    sujeto = GenericForeignKey("content_type", "object_id")

    tipo = models.CharField(_("tipo"), max_length=16)  # code of the régimen's catalogue: AR-01
    regimen = models.CharField(_("régimen"), max_length=32)
    calendario = models.CharField(
        _("calendario"), max_length=16, choices=[(c.value, c.value) for c in Calendario]
    )
    unidad = models.CharField(
        _("unidad"), max_length=10, choices=[(u.value, u.value) for u in Unidad]
    )
    cantidad = models.PositiveIntegerField(_("cantidad"))
    prorroga = models.PositiveIntegerField(_("prórroga"), default=0)
    mueve_a_habil = models.BooleanField(default=True)

    # The start event's date as the opening service gave it (hour terms: the exact moment too).
    inicio = models.DateField(_("inicio"))
    inicio_en = models.DateTimeField(null=True, blank=True)
    vence = models.DateField(_("vence"))
    # Decision 5: on time until 23:59:59 of `vence` in the régimen's zone; stored in UTC.
    vence_en = models.DateTimeField(_("vence el"))
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado.choices, default=Estado.CORRIENDO
    )
    version_calendario = models.CharField(max_length=80)
    explicacion = models.JSONField(default=dict)

    recordatorio_enviado = models.BooleanField(default=False)
    # A consequence that failed: retried after `postergado_hasta`, with exponential backoff.
    postergado_hasta = models.DateTimeField(null=True, blank=True)
    intentos = models.PositiveIntegerField(default=0)
    ultimo_error = models.TextField(blank=True)
    # DOMAIN Q18: the consequence waits for staff confirmation.
    requiere_atencion = models.BooleanField(default=False)

    abierto_en = models.DateTimeField(auto_now_add=True)
    abierto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cerrado_en = models.DateTimeField(null=True, blank=True)
    cerrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("plazo")
        verbose_name_plural = _("plazos")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="plazo_sujeto"),
            # The sweeper's query: running rows by due moment.
            models.Index(
                fields=["vence_en"],
                name="plazo_corriendo_vence",
                condition=models.Q(estado="corriendo"),
            ),
            # Queues that flag subjects with an expired term of a kind (admission: AR-01).
            models.Index(
                fields=["object_id", "tipo"],
                name="plazo_vencido_sujeto",
                condition=models.Q(estado="vencido"),
            ),
            # AR-D9: expiries of a kind in a window (unattended claims, Anexo II art. 5 c).
            models.Index(
                fields=["tipo", "vence"],
                name="plazo_vencido_tipo_vence",
                condition=models.Q(estado="vencido"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(vence__gte=models.F("inicio")),
                name="plazo_vence_despues_del_inicio",
            ),
            models.CheckConstraint(
                condition=models.Q(cantidad__gt=0), name="plazo_cantidad_positiva"
            ),
        ]

    def __str__(self):
        return f"{self.tipo} vence {self.vence:%d/%m/%Y} ({self.get_estado_display()})"

    @property
    def tipo_plazo(self):
        from normativa.regimenes import obtener, tipo_plazo

        try:
            return obtener(self.regimen).plazo(self.tipo)
        except LookupError:
            return tipo_plazo(self.tipo)

    @property
    def abierto(self) -> bool:
        return self.estado in self.ABIERTOS

    @property
    def dias_restantes(self) -> int | None:
        """Business days left, counted after today up to the due day (0 = it falls due today)."""
        from plazos.selectors import dias_restantes

        return dias_restantes(self)


class Suspension(models.Model):
    """A pause of one plazo (Decision 8: both ends included). `hasta` is empty while it lasts."""

    plazo = models.ForeignKey(Plazo, on_delete=models.CASCADE, related_name="suspensiones")
    desde = models.DateField(_("desde"))
    hasta = models.DateField(_("hasta"), null=True, blank=True)
    motivo = models.CharField(_("motivo"), max_length=300)
    abierta_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    abierta_en = models.DateTimeField(auto_now_add=True)
    cerrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("suspensión")
        verbose_name_plural = _("suspensiones")
        ordering = ["desde", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hasta__isnull=True) | models.Q(hasta__gte=models.F("desde")),
                name="suspension_hasta_no_antes_de_desde",
            ),
        ]

    def __str__(self):
        hasta = f"{self.hasta:%d/%m/%Y}" if self.hasta else "…"
        return f"{self.desde:%d/%m/%Y} – {hasta}: {self.motivo}"
