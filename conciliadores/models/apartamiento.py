"""A conciliator steps aside from a claim (D202-I.7): excusación (their duty, within AR-05) and
recusación (a party's request with cause, decided by the agency, irrecurrible)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conciliadores.causales import Causal


class Excusacion(models.Model):
    reclamo = models.ForeignKey(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="excusaciones"
    )
    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.PROTECT, related_name="excusaciones"
    )
    designacion = models.OneToOneField(
        "conciliadores.Designacion", on_delete=models.PROTECT, related_name="excusacion"
    )
    causal = models.CharField(_("causal"), max_length=8, choices=Causal.choices)
    fundamento = models.TextField(_("fundamento"))
    en = models.DateTimeField(default=timezone.now)
    en_termino = models.BooleanField(_("dentro del plazo AR-05"))

    class Meta:
        verbose_name = _("excusación")
        verbose_name_plural = _("excusaciones")

    def __str__(self):
        return f"Excusación de {self.conciliador} en {self.reclamo}"


class Recusacion(models.Model):
    class Estado(models.TextChoices):
        EN_TRAMITE = "en_tramite", _("En trámite")
        RECHAZADA = "rechazada", _("Rechazada")
        ADMITIDA = "admitida", _("Admitida")

    class Respuesta(models.TextChoices):
        ACEPTA = "acepta", _("Acepta la recusación")
        NO_ACEPTA = "no_acepta", _("No acepta la recusación")

    reclamo = models.ForeignKey(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="recusaciones"
    )
    designacion = models.ForeignKey(
        "conciliadores.Designacion", on_delete=models.PROTECT, related_name="recusaciones"
    )
    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.PROTECT, related_name="recusaciones"
    )
    presentada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    causal = models.CharField(_("causal"), max_length=8, choices=Causal.choices)
    fundamento = models.TextField(_("fundamento"))
    presentada_en = models.DateTimeField(default=timezone.now)
    pausa = models.OneToOneField(
        "reclamos.Pausa", on_delete=models.PROTECT, related_name="recusacion"
    )
    respuesta = models.CharField(max_length=10, choices=Respuesta.choices, blank=True)
    respuesta_texto = models.TextField(_("respuesta del conciliador"), blank=True)
    respondida_en = models.DateTimeField(null=True, blank=True)
    estado = models.CharField(max_length=12, choices=Estado.choices, default=Estado.EN_TRAMITE)
    decision_fundamentos = models.TextField(blank=True)
    decidida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decidida_en = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recusación")
        verbose_name_plural = _("recusaciones")
        ordering = ["-presentada_en", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reclamo"],
                condition=Q(estado="en_tramite"),
                name="una_recusacion_en_tramite",
            )
        ]

    def __str__(self):
        return f"Recusación de {self.conciliador} en {self.reclamo}"
