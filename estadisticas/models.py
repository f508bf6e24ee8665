"""Maintained aggregates: a few rows per period that pages and the API read, refilled by the
periodic task `estadisticas.refrescar_cifras` (estadisticas/refresco.py), never by a request."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from estadisticas.definiciones import Periodo, Sector


class ClasificacionProveedor(models.Model):
    """The sector of a provider (by CUIT/RUC), kept by staff in the admin. Providers without a
    row count as «sin clasificar»."""

    tipo_identificador = models.CharField(max_length=4, default="CUIT")
    identificador = models.CharField(_("CUIT/RUC"), max_length=11)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)

    class Meta:
        verbose_name = _("sector de un proveedor")
        verbose_name_plural = _("sectores de los proveedores")
        constraints = [
            models.UniqueConstraint(
                fields=["tipo_identificador", "identificador"], name="clasificacion_unica"
            )
        ]

    def __str__(self):
        return f"{self.tipo_identificador} {self.identificador}: {self.get_sector_display()}"


class Cifra(models.Model):
    """The figures of one cut of one period. `corte` says which columns identify the row:
    «proveedor» (régimen + provider + sector), «sector» (régimen + sector), «regimen» (the whole
    régimen) and «oficina» (régimen + office where the claim was filed; None: online)."""

    class Corte(models.TextChoices):
        PROVEEDOR = "proveedor", _("Proveedor")
        SECTOR = "sector", _("Sector")
        REGIMEN = "regimen", _("Régimen")
        OFICINA = "oficina", _("Oficina")

    corte = models.CharField(max_length=10, choices=Corte.choices)
    periodo = models.CharField(max_length=6, choices=Periodo.choices)
    desde = models.DateField()
    regimen_codigo = models.CharField(max_length=20)
    tipo_identificador = models.CharField(max_length=4, blank=True)
    identificador = models.CharField(max_length=11, blank=True)
    proveedor = models.CharField(max_length=200, blank=True)
    sector = models.CharField(max_length=20, blank=True)
    oficina = models.ForeignKey(
        "cuentas.Organizacion", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Counts (the numerators and denominators of every published figure).
    recibidos = models.PositiveIntegerField(default=0)
    admitidos = models.PositiveIntegerField(default=0)
    audiencias = models.PositiveIntegerField(default=0)
    con_audiencia = models.PositiveIntegerField(default=0)
    incomparecencias = models.PositiveIntegerField(default=0)
    concluidos = models.PositiveIntegerField(default=0)
    acuerdos = models.PositiveIntegerField(default=0)
    cumplimiento_resuelto = models.PositiveIntegerField(default=0)
    cumplidos = models.PositiveIntegerField(default=0)
    cerrados = models.PositiveIntegerField(default=0)
    mediana_dias_primera_audiencia = models.DecimalField(max_digits=7, decimal_places=1, null=True)
    mediana_dias_cierre = models.DecimalField(max_digits=7, decimal_places=1, null=True)
    # Small-cell rule at the last refresh (estadisticas/supresion.py).
    suprimido = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("cifra")
        verbose_name_plural = _("cifras")
        indexes = [
            # Every read names the cut and the period kind and walks the dates.
            models.Index(
                fields=["corte", "periodo", "regimen_codigo", "desde"], name="cifra_serie"
            ),
            models.Index(
                fields=["periodo", "identificador", "desde"],
                condition=Q(corte="proveedor"),
                name="cifra_proveedor",
            ),
            # Lists of one cut, newest period first, by id within a period (rows of a period are
            # written most claims first, so the id order is that order).
            models.Index(fields=["corte", "periodo", "desde", "id"], name="cifra_lista"),
            # The lists' own order, newest period first and by id within it ("-desde", "pk":
            # the API and the page): read in index order, where cifra_lista scanned backwards
            # gives "-id" and every row of the newest period had to be sorted (26,525 rows,
            # 45 ms at 1,000,000 claims; decision 0043).
            models.Index(fields=["corte", "periodo", "-desde", "id"], name="cifra_lista_reciente"),
        ]

    def __str__(self):
        return f"{self.corte} {self.periodo} {self.desde} {self.regimen_codigo}: {self.recibidos}"


class EstadoDeCifras(models.Model):
    """One row: when the figures were last refreshed, the watermark of the expediente acts
    already taken into account, and the operational totals computed with them (fines, fees)."""

    calculado_en = models.DateTimeField(null=True, blank=True)
    marca = models.DateTimeField(null=True, blank=True)
    periodos = models.PositiveIntegerField(default=0)
    duracion_ms = models.PositiveIntegerField(default=0)
    operativas = models.JSONField(default=dict)
    k = models.PositiveSmallIntegerField(default=5)

    class Meta:
        verbose_name = _("estado de las cifras")
        verbose_name_plural = _("estado de las cifras")

    def __str__(self):
        return f"Cifras calculadas el {self.calculado_en}"

    @classmethod
    def actual(cls) -> "EstadoDeCifras":
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @property
    def hace(self):
        return timezone.now() - self.calculado_en if self.calculado_en else None
