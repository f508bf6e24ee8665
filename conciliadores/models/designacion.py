"""Who conciliates a claim (D202-I.7): the designation itself, the proposal a conciliator accepts
or declines (methods b and c), the autonomous designation document (method b, DOMAIN §4.2) and
the draw record (method a)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reclamos.models import MetodoDesignacion, copiar_fecha_de_presentacion


class Designacion(models.Model):
    class Fin(models.TextChoices):
        EXCUSACION = "excusacion", _("Excusación")
        RECUSACION = "recusacion", _("Recusación admitida")
        # Anexo II arts. 4–5: suspended or excluded, from the sanction's effect.
        SANCION = "sancion", _("Suspensión o exclusión del registro")

    reclamo = models.ForeignKey(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="designaciones"
    )
    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.PROTECT, related_name="designaciones"
    )
    # The claim's method never changes (D202-I.7); a replacement keeps it.
    metodo = models.CharField(_("forma"), max_length=1, choices=MetodoDesignacion.choices)
    fecha = models.DateTimeField(_("designado el"), default=timezone.now)
    # D202-I.4: agency → conciliator messages are deemed notified the next calendar day.
    notificado_el = models.DateField(_("notificado el"))
    sorteo = models.OneToOneField(
        "conciliadores.Sorteo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="designacion",
    )
    # Q9: after an excusación or an upheld recusación in methods b/c, staff record the conciliator
    # the Ministry of Justice's procedure assigns.
    reemplazo_ministerio = models.BooleanField(default=False)
    referencia = models.CharField(_("referencia del acto"), max_length=200, blank=True)
    designada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    activa = models.BooleanField(default=True)
    fin = models.CharField(_("motivo de fin"), max_length=12, choices=Fin.choices, blank=True)
    fin_en = models.DateTimeField(null=True, blank=True)
    # A copy of the claim's filing date (Reclamo.presentado_en, set once when filed, before
    # any designation), so a conciliator's API list walks designacion_activa_fecha newest
    # filed first instead of every claim's index (decision 0041). Set on save.
    presentado_en = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("designación")
        verbose_name_plural = _("designaciones")
        ordering = ["fecha", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reclamo"], condition=Q(activa=True), name="una_designacion_activa"
            )
        ]
        indexes = [
            models.Index(fields=["conciliador", "metodo", "fecha"]),
            # Newest first: "Mis reclamos como conciliador/a" (the active ones, which are most:
            # a designation stays active after the claim ends) and the registry file's latest
            # designations (issue 13).
            models.Index(
                fields=["conciliador", "-fecha", "-id"], name="designacion_concil_reciente"
            ),
            # conciliadores.selectors_api: the claims a conciliator is designated to, newest
            # filed first (the API's list).
            models.Index(
                fields=["conciliador", "-presentado_en", "-reclamo"],
                condition=Q(activa=True),
                name="designacion_activa_fecha",
            ),
        ]

    def __str__(self):
        return f"{self.conciliador} en {self.reclamo}"

    def save(self, *args, **kwargs):
        copiar_fecha_de_presentacion(self, kwargs)
        super().save(*args, **kwargs)


class Propuesta(models.Model):
    """Methods b and c: the claim names a conciliator, who accepts or declines in the portal."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de respuesta")
        ACEPTADA = "aceptada", _("Aceptada")
        RECHAZADA = "rechazada", _("Rechazada")
        RETIRADA = "retirada", _("Sin efecto")

    reclamo = models.ForeignKey(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="propuestas_conciliador"
    )
    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.PROTECT, related_name="propuestas"
    )
    metodo = models.CharField(max_length=1, choices=MetodoDesignacion.choices)
    documento = models.OneToOneField(
        "conciliadores.DocumentoAutonomo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="propuesta",
    )
    estado = models.CharField(max_length=10, choices=Estado.choices, default=Estado.PENDIENTE)
    creada_en = models.DateTimeField(default=timezone.now)
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notificado_el = models.DateField()
    respondida_en = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("propuesta de conciliador")
        verbose_name_plural = _("propuestas de conciliador")
        ordering = ["-creada_en", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reclamo"],
                condition=Q(estado="pendiente"),
                name="una_propuesta_pendiente",
            )
        ]

    def __str__(self):
        return f"{self.conciliador} propuesto en {self.reclamo}"


class DocumentoAutonomo(models.Model):
    """The autonomous designation document (D202-I.7, DOMAIN §4.2) and staff's checklist."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de revisión")
        APROBADO = "aprobado", _("Cumple los requisitos")
        OBSERVADO = "observado", _("Observado")

    class Honorario(models.TextChoices):
        # D202-I.17: absent other agreement the provider pays the basic fee in method b.
        SIN_PACTO = "", _("No dice (lo paga el proveedor, art. 17)")
        PROVEEDOR = "proveedor", _("El proveedor")
        CONSUMIDOR = "consumidor", _("El consumidor")

    reclamo = models.ForeignKey(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="documentos_autonomos"
    )
    archivo = models.ForeignKey(
        "documentos.ArchivoSubido", on_delete=models.PROTECT, related_name="+"
    )
    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.PROTECT, related_name="+"
    )
    fecha_documento = models.DateField(_("fecha del documento"))
    honorario_basico = models.CharField(
        _("honorario básico a cargo de"),
        max_length=10,
        choices=Honorario.choices,
        blank=True,
        default=Honorario.SIN_PACTO,
    )
    subido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    subido_en = models.DateTimeField(default=timezone.now)
    estado = models.CharField(max_length=10, choices=Estado.choices, default=Estado.PENDIENTE)
    # The requisites of D202-I.7 a–d and the approved model; None until staff check them.
    independiente = models.BooleanField(null=True)
    posterior = models.BooleanField(null=True)
    refiere_reclamo = models.BooleanField(null=True)
    firmas = models.BooleanField(null=True)
    modelo_aprobado = models.BooleanField(null=True)
    observacion = models.TextField(_("observación"), blank=True)
    revisado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revisado_en = models.DateTimeField(null=True, blank=True)

    REQUISITOS = ("independiente", "posterior", "refiere_reclamo", "firmas", "modelo_aprobado")

    class Meta:
        verbose_name = _("documento autónomo de designación")
        verbose_name_plural = _("documentos autónomos de designación")
        ordering = ["-subido_en", "-pk"]

    def __str__(self):
        return f"Documento autónomo de {self.reclamo} ({self.fecha_documento:%d/%m/%Y})"


class Sorteo(models.Model):
    """One round of the verifiable draw (docs/decisions/0004-sorteo.md). The commitment (SHA-256
    of the secret seed) is public from the start; the seed, the snapshot of the eligible list and
    the result are public once the round is drawn. Each later round has its own seed."""

    reclamo = models.ForeignKey(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="sorteos"
    )
    ronda = models.PositiveSmallIntegerField(default=1)
    semilla = models.CharField(max_length=64)
    compromiso = models.CharField(_("compromiso (SHA-256 de la semilla)"), max_length=64)
    comprometido_en = models.DateTimeField(default=timezone.now)
    fecha_elegibilidad = models.DateField(null=True, blank=True)
    padron = models.JSONField(null=True, blank=True)
    padron_sha256 = models.CharField(max_length=64, blank=True)
    hmac = models.CharField(max_length=64, blank=True)
    indice = models.PositiveIntegerField(null=True, blank=True)
    resultado = models.ForeignKey(
        "conciliadores.Conciliador",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resultado_matricula = models.CharField(max_length=20, blank=True)
    con_candidatos = models.BooleanField(
        default=False, help_text=_("El sorteo se limitó a los disponibles en el turno elegido.")
    )
    excluidos = models.JSONField(default=list, blank=True)
    realizado_en = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sorteo")
        verbose_name_plural = _("sorteos")
        ordering = ["reclamo", "ronda"]
        constraints = [
            models.UniqueConstraint(fields=["reclamo", "ronda"], name="sorteo_ronda_unica")
        ]

    def __str__(self):
        return f"Sorteo {self.reclamo} ronda {self.ronda}"

    @property
    def realizado(self) -> bool:
        return self.realizado_en is not None

    @property
    def semilla_publica(self) -> str:
        """The seed is published only after the round was drawn."""
        return self.semilla if self.realizado else ""
