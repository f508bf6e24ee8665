"""Conciliators' fees (D202-I.15, I.17; DOMAIN §2.2, §5) and non-appearance fines (D202-I.16,
Ley 26.993 art. 16; DOMAIN §2.3, Decision 11).

The fee schedule (normativa.ArancelHonorarios) and the unidad de referencia's peso value
(normativa.ValorReferencia, type UR) are dated data staff load (DOMAIN Q10). When either is
missing the fee is recorded without a peso amount, the pages say so, and staff liquidate it once
the values are loaded.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Pagador(models.TextChoices):
    PROVEEDOR = "proveedor", _("El proveedor")
    FONDO = "fondo", _("El Fondo de Financiamiento")
    CONSUMIDOR = "consumidor", _("El consumidor")


class Honorario(models.Model):
    """The fee a claim's ending gives its conciliator, who pays it and how it stands."""

    class Tipo(models.TextChoices):
        BASICO = "basico", _("Honorario básico")
        TOTAL = "total", _("Honorario total")

    Pagador = Pagador

    class Estado(models.TextChoices):
        DEVENGADO = "devengado", _("Devengado")
        CONSTANCIA_EMITIDA = "constancia_emitida", _("Constancia para el Fondo emitida")
        PRESENTADO_FONDO = "presentado_fondo", _("Presentado al Fondo")
        PAGADO = "pagado", _("Pagado")
        # Public-employee conciliators: the fee goes to the Fondo's account (D202-I.15, I.17).
        DEPOSITADO_FONDO = "depositado_fondo", _("Depositado en la cuenta del Fondo")
        EJECUTABLE = "ejecutable", _("Impago: ejecutable")

    class CausaTotal(models.TextChoices):
        # D202-I.17: the cases where the full fee is collected after an ending without agreement.
        AUDITOR = "auditor", _("El Auditor resolvió contra el proveedor o aprobó un acuerdo")
        COSTAS = "costas", _("Un tribunal impuso las costas al proveedor")
        VOLUNTARIO = "voluntario", _("El proveedor pagó voluntariamente")

    PENDIENTES = (Estado.DEVENGADO, Estado.CONSTANCIA_EMITIDA, Estado.PRESENTADO_FONDO)
    COBRADOS = (Estado.PAGADO, Estado.DEPOSITADO_FONDO)

    reclamo = models.OneToOneField(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="honorario"
    )
    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.PROTECT, related_name="honorarios"
    )
    tipo = models.CharField(max_length=8, choices=Tipo.choices)
    a_cargo = models.CharField(_("a cargo de"), max_length=12, choices=Pagador.choices)
    # Method b: the autonomous document decided who pays the basic fee (D202-I.17).
    pactado_en_documento = models.BooleanField(default=False)
    motivo = models.CharField(_("cómo terminó el reclamo"), max_length=200)
    accion = models.CharField(_("acto de cierre"), max_length=60, blank=True)
    estado = models.CharField(max_length=20, choices=Estado.choices, default=Estado.DEVENGADO)
    # The liquidation: the schedule and UR value in force on the closing date (Q10).
    fecha_cierre = models.DateField(_("fecha de cierre"))
    arancel = models.ForeignKey(
        "normativa.ArancelHonorarios",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unidades = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    valor_unidad = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    monto = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    deposito_en_fondo = models.BooleanField(_("se deposita en la cuenta del Fondo"), default=False)
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
    # Art. 17: the conciliator later collected the full fee and must refund the basic one (AR-17)
    # at the value in force when the full fee was collected, to whoever paid it.
    total_cobrado_el = models.DateField(null=True, blank=True)
    causa_total = models.CharField(max_length=12, choices=CausaTotal.choices, blank=True)
    monto_total_cobrado = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True
    )
    monto_reintegro = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    reintegro_a = models.CharField(max_length=12, choices=Pagador.choices, blank=True)
    reintegrado_el = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("honorario")
        verbose_name_plural = _("honorarios")
        ordering = ["-devengado_en"]
        # Period exports and the quarterly report (exportaciones) bound their rows by these.
        indexes = [
            models.Index(fields=["devengado_en"], name="honorario_devengado_en"),
            models.Index(fields=["pagado_el"], name="honorario_pagado_el"),
            models.Index(
                fields=["conciliador", "-devengado_en", "-id"],
                name="honorario_conciliador_reciente",
            ),
            # The Fondo's page (honorarios.selectors.ORDEN_FONDO): unpaid first (PostgreSQL's
            # DESC puts NULLs first), then the latest paid, newest accrued.
            models.Index(
                fields=["-pagado_el", "-devengado_en", "-id"],
                condition=Q(a_cargo="fondo"),
                name="honorario_fondo",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(tipo="total", a_cargo="proveedor") | Q(tipo="basico"),
                name="honorario_total_a_cargo_del_proveedor",
            )
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} — {self.reclamo}"

    @property
    def liquidado(self) -> bool:
        return self.monto is not None

    @property
    def reintegro_pendiente(self) -> bool:
        return self.total_cobrado_el is not None and self.reintegrado_el is None


class Multa(models.Model):
    """A non-appearance fine of a provider (art. 16): the conciliator's certification, staff's
    check and legal opinion, the definitive certificate and the intimation to pay, then its
    payment (with the consumer's third) or its referral to judicial enforcement."""

    class Estado(models.TextChoices):
        CERTIFICADA = "certificada", _("Certificada por el conciliador")
        DEFINITIVA = "definitiva", _("Certificado definitivo emitido")
        APELADA = "apelada", _("Apelada")
        PAGADA = "pagada", _("Pagada")
        EN_EJECUCION = "en_ejecucion", _("Remitida a ejecución judicial")
        ANULADA = "anulada", _("Anulada")

    class Via(models.TextChoices):
        ELECTRONICA = "electronica", _("Domicilio electrónico")
        FEHACIENTE = "fehaciente", _("Medio fehaciente")

    reclamo = models.ForeignKey("reclamos.Reclamo", on_delete=models.PROTECT, related_name="multas")
    proveedor = models.ForeignKey(
        "reclamos.ReclamoProveedor", on_delete=models.PROTECT, related_name="multas"
    )
    audiencia = models.ForeignKey(
        "audiencias.Audiencia", on_delete=models.PROTECT, related_name="multas"
    )
    cedula = models.ForeignKey("audiencias.Cedula", on_delete=models.PROTECT, related_name="+")
    # The acta de incomparecencia the portal attaches to the certification (D202-I.16).
    acta = models.ForeignKey(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    estado = models.CharField(max_length=12, choices=Estado.choices, default=Estado.CERTIFICADA)
    ar11_vencio = models.DateField(_("venció el plazo para justificar"))
    certificacion = models.OneToOneField(
        "documentos.Documento", on_delete=models.PROTECT, related_name="+"
    )
    certificada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    certificada_en = models.DateTimeField(default=timezone.now)
    # Staff's check of the papers and of the notice, and the legal opinion (D202-I.16).
    verificaciones = models.JSONField(default=dict)
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
    # The intimation is served at the domicile of the notice (D202-I.16): the cédula's route.
    intimacion_via = models.CharField(max_length=12, choices=Via.choices, blank=True)
    intimacion_domicilio = models.CharField(max_length=300, blank=True)
    intimacion_notificacion = models.ForeignKey(
        "notificaciones.Notificacion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    intimacion_notificada_el = models.DateField(null=True, blank=True)
    intimacion_medio = models.CharField(max_length=120, blank=True)
    intimacion_constancia = models.ForeignKey(
        "documentos.ArchivoSubido",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    apelada_el = models.DateField(null=True, blank=True)
    firme_desde = models.DateField(null=True, blank=True)
    pagada_el = models.DateField(null=True, blank=True)
    monto_pagado = models.DecimalField(
        _("monto pagado"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # DOMAIN §2.3 (secondary source, M): one third of the fine goes to the consumer; the
    # destination of the rest is not in the sources (docs/decisions/0010).
    parte_consumidor = models.DecimalField(
        _("parte del consumidor"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    parte_resto = models.DecimalField(
        _("resto de la multa"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    pago_referencia = models.CharField(max_length=120, blank=True)
    pago_comprobante = models.ForeignKey(
        "documentos.ArchivoSubido",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A firm, unpaid fine referred to judicial enforcement (DOMAIN §2.3).
    ejecucion_el = models.DateField(null=True, blank=True)
    ejecucion_referencia = models.CharField(max_length=200, blank=True)
    motivo_anulacion = models.TextField(blank=True)
    anulada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    anulada_en = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("multa por incomparecencia")
        verbose_name_plural = _("multas por incomparecencia")
        ordering = ["-certificada_en"]
        # The staff's list of fines, newest first, whole or by state (honorarios.views.multas);
        # the first also bounds the period exports by certification date (exportaciones), the
        # other two their issue and payment dates.
        indexes = [
            models.Index(fields=["-certificada_en", "-id"], name="multa_certificada_desc"),
            models.Index(
                fields=["estado", "-certificada_en", "-id"], name="multa_estado_certificada"
            ),
            models.Index(fields=["emitida_en"], name="multa_emitida_en"),
            models.Index(fields=["pagada_el"], name="multa_pagada_el"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["audiencia", "proveedor"],
                condition=~Q(estado="anulada"),
                name="multa_unica_por_audiencia_y_proveedor",
            )
        ]

    def __str__(self):
        return f"Multa a {self.proveedor} — {self.reclamo}"
