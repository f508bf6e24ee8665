"""The Auditoría en las Relaciones de Consumo (Ley 26.993 Title II; Decreto 202/2015 Anexo I
arts. 29–38; DOMAIN §2.5, §4.12): the consumer's claim after a COPREC closure without agreement,
its written procedure, the Auditor's resolution, its firmness and its report to the Ley 24.240
authority (AR-21). One per COPREC claim; every act is an entry of that claim's expediente
(decision 0028)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReclamoAuditoria(models.Model):
    class Estado(models.TextChoices):
        PRESENTADO = "PRESENTADO", _("Presentado: espera el traslado al proveedor")
        TRASLADO = "TRASLADO", _("Traslado al proveedor: espera su contestación")
        EN_TRAMITE = "EN_TRAMITE", _("En trámite: prueba y, si hace falta, audiencia")
        RESUELTO = "RESUELTO", _("Resuelto: corre el plazo del recurso judicial directo")
        RECURRIDO = "RECURRIDO", _("Recurrido: recurso judicial directo")
        FIRME = "FIRME", _("Resolución firme: se comunica a la autoridad de aplicación")
        COMUNICADO = "COMUNICADO", _("Resolución firme comunicada a la autoridad de aplicación")

    class Decision(models.TextChoices):
        HACE_LUGAR = "hace_lugar", _("Hace lugar al reclamo")
        HACE_LUGAR_PARCIAL = "hace_lugar_parcial", _("Hace lugar parcialmente")
        RECHAZA = "rechaza", _("Rechaza el reclamo")
        APRUEBA_ACUERDO = "aprueba_acuerdo", _("Aprueba el acuerdo de las partes")

    reclamo = models.OneToOneField(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="auditoria"
    )
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado.choices, default=Estado.PRESENTADO
    )
    # D202-I.31 a): the consumer, a representative if any, and the e-mail for notices (art. 32).
    consumidor_nombre = models.CharField(_("nombre"), max_length=120)
    consumidor_apellido = models.CharField(_("apellido"), max_length=120)
    consumidor_dni = models.CharField(_("DNI"), max_length=12)
    consumidor_domicilio = models.CharField(_("domicilio"), max_length=300)
    representante = models.CharField(_("representante"), max_length=200, blank=True)
    email_notificaciones = models.EmailField(_("correo para notificaciones"))
    otro_medio = models.CharField(
        _("otro medio de notificación pedido"), max_length=200, blank=True
    )
    # b) the provider(s), from the COPREC record: [{"razon_social", "cuit", "domicilio"}].
    proveedores = models.JSONField(_("proveedores"), default=list)
    # c) the COPREC procedure: its number and closing acta, the claim's contents.
    constancia_coprec = models.ForeignKey(
        "documentos.Documento",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("acta de cierre del COPREC"),
    )
    hechos = models.TextField(_("contenido del reclamo"))
    pretension = models.TextField(_("qué pide"))
    monto = models.DecimalField(_("monto reclamado"), max_digits=14, decimal_places=2)
    # d) evidence offered and documents attached (ids of documentos.ArchivoSubido).
    prueba_ofrecida = models.TextField(_("prueba ofrecida"), blank=True)
    archivos = models.JSONField(default=list, blank=True)
    # The cap at the date of the claim (15 SMVM), as computed then.
    valor_unidad = models.DecimalField(max_digits=14, decimal_places=2)
    tope = models.DecimalField(max_digits=16, decimal_places=2)
    presentado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    presentado_en = models.DateTimeField(default=timezone.now)

    traslado_en = models.DateTimeField(null=True, blank=True)
    contestacion = models.TextField(_("contestación del proveedor"), blank=True)
    contestacion_archivos = models.JSONField(default=list, blank=True)
    contestado_en = models.DateTimeField(null=True, blank=True)
    contestacion_fuera_de_plazo = models.BooleanField(default=False)

    # The hearing is optional (decision 0028): the Auditor convenes it if needed.
    audiencia_inicio = models.DateTimeField(_("audiencia"), null=True, blank=True)
    audiencia_lugar = models.CharField(_("lugar o enlace"), max_length=300, blank=True)
    audiencia_acta = models.TextField(_("lo ocurrido en la audiencia"), blank=True)

    decision = models.CharField(_("decisión"), max_length=20, choices=Decision.choices, blank=True)
    monto_condena = models.DecimalField(
        _("monto que se ordena pagar"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fundamentos = models.TextField(_("fundamentos"), blank=True)
    resolucion = models.OneToOneField(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resuelto_en = models.DateTimeField(null=True, blank=True)

    recurso_presentado = models.DateField(_("recurso presentado el"), null=True, blank=True)
    recurso_texto = models.TextField(_("escrito del recurso"), blank=True)
    recurso_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    firme_desde = models.DateField(_("firme desde"), null=True, blank=True)
    autoridad = models.CharField(_("autoridad de aplicación"), max_length=200, blank=True)
    comunicacion = models.OneToOneField(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    comunicado_en = models.DateTimeField(null=True, blank=True)
    comunicacion_fuera_de_plazo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("reclamo ante la Auditoría")
        verbose_name_plural = _("reclamos ante la Auditoría")
        # The Auditor's tray: newest first, all or by state (keyset pagination).
        indexes = [
            models.Index(fields=["-presentado_en", "-id"], name="auditoria_bandeja"),
            models.Index(
                fields=["estado", "-presentado_en", "-id"], name="auditoria_bandeja_estado"
            ),
        ]

    def __str__(self):
        return f"Auditoría — {self.reclamo}"

    @property
    def cerrado(self) -> bool:
        return self.estado in {self.Estado.COMUNICADO, self.Estado.RECURRIDO}
