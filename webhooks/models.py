"""Webhook endpoints of an organisation, the events emitted for it and their deliveries.

An Evento is written in the transaction of the act that caused it (the outbox); one Entrega per
subscribed endpoint is the durable job the sender works (docs/decisions/0023-webhooks.md)."""

import base64
import secrets
import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIJO_SECRETO = "whsec_"


def nuevo_secreto() -> str:
    """Standard Webhooks: "whsec_" + base64 of 32 random bytes (the HMAC key)."""
    return PREFIJO_SECRETO + base64.b64encode(secrets.token_bytes(32)).decode()


def nuevo_identificador() -> str:
    return f"msg_{uuid.uuid4().hex}"


class Endpoint(models.Model):
    class Estado(models.TextChoices):
        ACTIVO = "activo", _("Activo")
        PAUSADO = "pausado", _("Pausado por fallas")
        DESACTIVADO = "desactivado", _("Desactivado")

    organizacion = models.ForeignKey(
        "cuentas.Organizacion", on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(_("URL (https)"), max_length=500)
    descripcion = models.CharField(_("descripción"), max_length=120, blank=True)
    tipos = models.JSONField(_("tipos de evento"), default=list)
    dias_aviso = models.PositiveSmallIntegerField(
        _("días hábiles de anticipación del aviso de vencimiento"), default=2
    )
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado.choices, default=Estado.ACTIVO
    )
    secreto = models.CharField(max_length=80, default=nuevo_secreto)
    # Rotation: the previous secret still signs (a second signature) until anterior_vence_en.
    secreto_anterior = models.CharField(max_length=80, blank=True)
    anterior_vence_en = models.DateTimeField(null=True, blank=True)
    fallos_seguidos = models.PositiveIntegerField(default=0)
    pausado_en = models.DateTimeField(null=True, blank=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    creado_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        indexes = [models.Index(fields=["organizacion", "estado"], name="webhook_org_estado")]

    def __str__(self):
        return self.url

    def secretos_vigentes(self, ahora=None) -> list[str]:
        ahora = ahora or timezone.now()
        vigentes = [self.secreto]
        if self.secreto_anterior and self.anterior_vence_en and self.anterior_vence_en > ahora:
            vigentes.append(self.secreto_anterior)
        return vigentes


class Evento(models.Model):
    """One event for one organisation: its payload is what that organisation may see."""

    identificador = models.CharField(max_length=40, unique=True, default=nuevo_identificador)
    tipo = models.CharField(max_length=40)
    organizacion = models.ForeignKey(
        "cuentas.Organizacion", on_delete=models.CASCADE, related_name="+"
    )
    # Deliveries with the same key go in order per endpoint ("reclamo:12", "hoja:7").
    clave_orden = models.CharField(max_length=40, blank=True)
    datos = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    creado_en = models.DateTimeField(default=timezone.now)
    # Events that must never be emitted twice (the deadline warning: "plazo:<pk>:<n>:<org>").
    clave_unica = models.CharField(max_length=80, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("evento de webhook")

    def __str__(self):
        return f"{self.tipo} {self.identificador}"


class Entrega(models.Model):
    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        ENTREGADA = "entregada", _("Entregada")
        ABANDONADA = "abandonada", _("Abandonada")

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="entregas")
    evento = models.ForeignKey(Evento, on_delete=models.CASCADE, related_name="entregas")
    clave_orden = models.CharField(max_length=40, blank=True)
    estado = models.CharField(max_length=12, choices=Estado.choices, default=Estado.PENDIENTE)
    intentos = models.PositiveIntegerField(default=0)
    proximo_intento = models.DateTimeField(default=timezone.now)
    # A sender's lease: nobody else attempts this delivery until then.
    en_curso_hasta = models.DateTimeField(null=True, blank=True)
    ultimo_codigo = models.PositiveSmallIntegerField(null=True, blank=True)
    ultima_latencia_ms = models.PositiveIntegerField(null=True, blank=True)
    ultimo_error = models.CharField(max_length=300, blank=True)
    ultimo_intento_en = models.DateTimeField(null=True, blank=True)
    entregada_en = models.DateTimeField(null=True, blank=True)
    creada_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("entrega de webhook")
        indexes = [
            # The delivery log of an endpoint, newest first (keyset pagination).
            models.Index(fields=["endpoint", "-creada_en", "-id"], name="entrega_log"),
            # The recovery's and sender's queue: pending rows by due time.
            models.Index(
                fields=["proximo_intento"],
                name="entrega_pendiente_vence",
                condition=Q(estado="pendiente"),
            ),
            # Order per claim: the earlier pending delivery of the same endpoint and key.
            models.Index(
                fields=["endpoint", "clave_orden", "id"],
                name="entrega_pendiente_orden",
                condition=Q(estado="pendiente"),
            ),
        ]

    def __str__(self):
        return f"{self.evento} → {self.endpoint}"
