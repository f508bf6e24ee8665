"""The quarterly report for the authority: one durable row per request (Decision 0012), written
in the request's transaction; the task `exportaciones.generar_informe` computes its figures and
issues the numbered document (documentos), whose PDF the pdf queue renders. CSV exports keep no
rows: they are streamed as they are read (exportaciones.flujo)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InformeTrimestral(models.Model):
    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Calculando las cifras")
        EMITIDO = "emitido", _("Emitido")
        FALLIDO = "fallido", _("Falló: reintentá")

    anio = models.PositiveSmallIntegerField(_("año"))
    trimestre = models.PositiveSmallIntegerField(_("trimestre"))
    regimen_codigo = models.CharField(_("régimen"), max_length=20)
    oficina = models.ForeignKey(
        "cuentas.Organizacion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oficina"),
    )
    estado = models.CharField(max_length=10, choices=Estado.choices, default=Estado.PENDIENTE)
    solicitado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    solicitado_en = models.DateTimeField(default=timezone.now)
    intentos = models.PositiveSmallIntegerField(default=0)
    cifras = models.JSONField(default=dict, blank=True)
    documento = models.OneToOneField(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("informe trimestral")
        verbose_name_plural = _("informes trimestrales")
        indexes = [
            # The staff page's list (newest first, keyset) and the recovery of pending rows.
            models.Index(fields=["-solicitado_en", "-id"], name="informe_solicitado_desc"),
            models.Index(
                fields=["solicitado_en"],
                condition=Q(estado="pendiente"),
                name="informe_pendiente",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(trimestre__gte=1, trimestre__lte=4), name="informe_trimestre_valido"
            )
        ]

    def __str__(self):
        return f"Informe {self.trimestre}.º trimestre {self.anio} ({self.regimen_codigo})"
