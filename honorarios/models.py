"""Conciliators' fees (D202-I.15, I.17; DOMAIN §2.2, §5) and non-appearance fines (D202-I.16,
Ley 26.993 art. 16; DOMAIN §2.3, Decision 11).

The fee schedule (basic and full fee in unidades de referencia, the full one possibly by
claim-amount band) is dated data staff load (DOMAIN Q10: not published any more); the value of
the unidad de referencia is a normativa.ValorReferencia of type UR. When either is missing the
fee is recorded without a peso amount and the pages say so.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Arancel(models.Model):
    """The fee schedule in force from a date: the basic fee and the full fee by band."""

    vigente_desde = models.DateField(_("vigente desde"), unique=True)
    unidades_basico = models.DecimalField(
        _("honorario básico (UR)"), max_digits=8, decimal_places=2
    )
    # [{"hasta": "500000.00" or null (no upper limit), "unidades": "6.00"}], ascending.
    bandas_total = models.JSONField(_("honorario total por monto reclamado (UR)"), default=list)
    fuente = models.CharField(_("norma"), max_length=200)
    cargado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cargado_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("arancel de honorarios")
        verbose_name_plural = _("aranceles de honorarios")
        ordering = ["-vigente_desde"]

    def __str__(self):
        return f"Arancel desde {self.vigente_desde:%d/%m/%Y}"


class Honorario(models.Model):
    """The fee a claim's ending gives its conciliator, who pays it and how it stands."""

    class Tipo(models.TextChoices):
        BASICO = "basico", _("Honorario básico")
        TOTAL = "total", _("Honorario total")

    class Pagador(models.TextChoices):
        PROVEEDOR = "proveedor", _("El proveedor")
        FONDO = "fondo", _("El Fondo de Financiamiento")
        CONSUMIDOR = "consumidor", _("El consumidor")

    class Estado(models.TextChoices):
        DEVENGADO = "devengado", _("Devengado")
        CONSTANCIA_EMITIDA = "constancia_emitida", _("Constancia para el Fondo emitida")
        PRESENTADO_FONDO = "presentado_fondo", _("Presentado al Fondo")
        PAGADO = "pagado", _("Pagado")
        EJECUTABLE = "ejecutable", _("Impago: ejecutable")

    reclamo = models.OneToOneField(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="honorario"
    )
    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.PROTECT, related_name="honorarios"
    )
    tipo = models.CharField(max_length=8, choices=Tipo.choices)
    a_cargo = models.CharField(_("a cargo de"), max_length=12, choices=Pagador.choices)
    motivo = models.CharField(_("cómo terminó el reclamo"), max_length=200)
    estado = models.CharField(max_length=20, choices=Estado.choices, default=Estado.DEVENGADO)
    unidades = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    valor_unidad = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    monto = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # Public-employee conciliators: the fee goes to the Fondo's account (D202-I.15, I.17).
    deposito_en_fondo = models.BooleanField(default=False)
    ultima_audiencia = models.DateField(_("última audiencia"), null=True, blank=True)
    devengado_en = models.DateTimeField(default=timezone.now)
    constancia = models.OneToOneField(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    presentado_fondo_el = models.DateField(null=True, blank=True)
    pagado_el = models.DateField(null=True, blank=True)
    copia_certificada = models.OneToOneField(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Art. 17: the conciliator later collected the full fee and must refund the basic one.
    total_cobrado_el = models.DateField(null=True, blank=True)
    reintegrado_el = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("honorario")
        verbose_name_plural = _("honorarios")
        ordering = ["-devengado_en"]

    def __str__(self):
        return f"{self.get_tipo_display()} — {self.reclamo}"


class Multa(models.Model):
    """A non-appearance fine of a provider (art. 16): the conciliator's certification, staff's
    check and legal opinion, the definitive certificate and the intimation to pay."""

    class Estado(models.TextChoices):
        CERTIFICADA = "certificada", _("Certificada por el conciliador")
        DEFINITIVA = "definitiva", _("Certificado definitivo emitido")
        PAGADA = "pagada", _("Pagada")
        ANULADA = "anulada", _("Anulada")

    reclamo = models.ForeignKey("reclamos.Reclamo", on_delete=models.PROTECT, related_name="multas")
    proveedor = models.ForeignKey(
        "reclamos.ReclamoProveedor", on_delete=models.PROTECT, related_name="multas"
    )
    audiencia = models.ForeignKey(
        "audiencias.Audiencia", on_delete=models.PROTECT, related_name="multas"
    )
    cedula = models.ForeignKey("audiencias.Cedula", on_delete=models.PROTECT, related_name="+")
    estado = models.CharField(max_length=12, choices=Estado.choices, default=Estado.CERTIFICADA)
    certificacion = models.OneToOneField(
        "documentos.Documento", on_delete=models.PROTECT, related_name="+"
    )
    certificada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    certificada_en = models.DateTimeField(default=timezone.now)
    dictamen = models.TextField(_("dictamen jurídico"), blank=True)
    smvm = models.DecimalField(_("SMVM aplicado"), max_digits=14, decimal_places=2, null=True)
    monto = models.DecimalField(_("monto"), max_digits=14, decimal_places=2, null=True)
    certificado = models.OneToOneField(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intimacion = models.OneToOneField(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    emitida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    emitida_en = models.DateTimeField(null=True, blank=True)
    pagada_el = models.DateField(null=True, blank=True)
    motivo_anulacion = models.TextField(blank=True)

    class Meta:
        verbose_name = _("multa por incomparecencia")
        verbose_name_plural = _("multas por incomparecencia")
        ordering = ["-certificada_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["audiencia", "proveedor"],
                condition=~Q(estado="anulada"),
                name="multa_unica_por_audiencia_y_proveedor",
            )
        ]

    def __str__(self):
        return f"Multa a {self.proveedor} — {self.reclamo}"
