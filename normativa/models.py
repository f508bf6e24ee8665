"""Dated legal values staff maintain (SMVM, unidad de referencia, UIT) and the dated texts the
documents transcribe. A value applies from its date until the next one: a past date stays
explainable (STYLE.md, cfpb)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Confianza(models.TextChoices):
    """How sure the domain reference is of a value (DOMAIN.md / DOMAIN-CABA.md marks)."""

    H = "H", _("Alta")
    M = "M", _("Media")
    L = "L", _("Baja: verificar")


def _tipos_de_valor():
    from normativa.valores import opciones

    return opciones()


class ValorReferencia(models.Model):
    """A dated legal value: money units (SMVM, UR, UIT, UF, CBT) and the figures a decree or a
    yearly law changes (caps, fine multiples and ranges, term lengths that are configuration,
    the homologation threshold). The kinds live in normativa.valores (one catalogue)."""

    class Tipo(models.TextChoices):
        # The original money units; the full catalogue is normativa.valores.CLASES.
        SMVM = "SMVM", _("Salario Mínimo, Vital y Móvil")
        UR = "UR", _("Unidad de referencia (honorarios)")
        UIT = "UIT", _("Unidad Impositiva Tributaria (Perú)")

    tipo = models.CharField(_("tipo"), max_length=40, choices=_tipos_de_valor)
    vigente_desde = models.DateField(_("vigente desde"))
    valor = models.DecimalField(_("valor"), max_digits=14, decimal_places=2)
    fuente = models.CharField(_("norma"), max_length=200)
    confianza = models.CharField(
        _("confianza"), max_length=1, choices=Confianza.choices, default=Confianza.H
    )
    nota = models.CharField(_("nota"), max_length=300, blank=True)
    cargado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cargado_en = models.DateTimeField(auto_now_add=True)
    modificado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    modificado_en = models.DateTimeField(null=True, blank=True)
    # An L value shows "verificar" to staff until someone confirms it citing a source.
    confirmado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmado_en = models.DateTimeField(null=True, blank=True)
    fuente_confirmacion = models.CharField(_("norma que lo confirma"), max_length=200, blank=True)
    # Each edit appends {"en", "por", "antes": {...}}: a corrected row keeps what it said.
    cambios = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("valor de referencia")
        verbose_name_plural = _("valores de referencia")
        constraints = [
            models.UniqueConstraint(fields=["tipo", "vigente_desde"], name="valor_unico_por_fecha"),
            models.CheckConstraint(condition=models.Q(valor__gt=0), name="valor_positivo"),
        ]
        indexes = [
            # The staff page's "verificar" counts read only the pending rows.
            models.Index(
                fields=["tipo"],
                condition=models.Q(confianza="L", confirmado_en__isnull=True),
                name="valor_a_verificar",
            )
        ]
        ordering = ["tipo", "-vigente_desde"]

    def __str__(self):
        return f"{self.tipo} {self.valor} desde {self.vigente_desde:%d/%m/%Y}"

    @property
    def a_verificar(self) -> bool:
        return self.confianza == Confianza.L and self.confirmado_en is None

    @classmethod
    def vigente(cls, tipo: str, fecha: datetime.date) -> "ValorReferencia | None":
        return (
            cls.objects.filter(tipo=tipo, vigente_desde__lte=fecha)
            .order_by("-vigente_desde")
            .first()
        )

    @classmethod
    def valor_en(cls, tipo: str, fecha: datetime.date) -> Decimal | None:
        fila = cls.vigente(tipo, fecha)
        return fila.valor if fila else None


class ArancelHonorarios(models.Model):
    """The conciliators' fee schedule in force from a date (D202-I.15; DOMAIN §5.2, Q10): the basic
    fee and the full fee by claim-amount band, in unidades de referencia (the UR's peso value is a
    ValorReferencia of type UR). Not published any more, so staff load it; never a constant."""

    vigente_desde = models.DateField(_("vigente desde"), unique=True)
    unidades_basico = models.DecimalField(
        _("honorario básico (UR)"), max_digits=8, decimal_places=2
    )
    # [{"hasta": "500000.00" or None (no upper limit), "unidades": "6.00"}], ascending by "hasta".
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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unidades_basico__gt=0), name="arancel_basico_positivo"
            )
        ]

    def __str__(self):
        return f"Arancel de honorarios desde {self.vigente_desde:%d/%m/%Y}"

    def clean(self):
        from django.core.exceptions import ValidationError

        try:
            self.bandas_total = normalizar_bandas(self.bandas_total)
        except ValueError as error:
            raise ValidationError({"bandas_total": str(error)}) from None

    @classmethod
    def vigente(cls, fecha: datetime.date) -> "ArancelHonorarios | None":
        return cls.objects.filter(vigente_desde__lte=fecha).order_by("-vigente_desde").first()

    def unidades_total(self, monto_reclamado: Decimal | None) -> Decimal | None:
        """The full fee's units for a claimed amount: the first band whose upper limit reaches
        it (an open band takes any amount). None when no band applies (unknown amount and no
        open band, or an amount above every band)."""
        for banda in self.bandas_total:
            hasta = banda.get("hasta")
            if hasta in (None, "") or (
                monto_reclamado is not None and monto_reclamado <= Decimal(str(hasta))
            ):
                return Decimal(str(banda["unidades"]))
        return None


def normalizar_bandas(bandas) -> list[dict]:
    """Checks the full-fee bands (ascending limits, positive units, only the last one open) and
    returns them with amounts as strings, as stored."""
    if not isinstance(bandas, list) or not bandas:
        raise ValueError(_("Cargá al menos una banda del honorario total."))
    salida, anterior = [], None
    for posicion, banda in enumerate(bandas):
        try:
            unidades = Decimal(str(banda["unidades"]))
            hasta = banda.get("hasta")
            hasta = None if hasta in (None, "") else Decimal(str(hasta))
        except (KeyError, TypeError, ArithmeticError):
            raise ValueError(_("Cada banda necesita un tope y sus unidades.")) from None
        if unidades <= 0 or (hasta is not None and hasta <= 0):
            raise ValueError(_("Los topes y las unidades deben ser positivos."))
        if hasta is None and posicion != len(bandas) - 1:
            raise ValueError(_("Solo la última banda puede no tener tope."))
        if hasta is not None and anterior is not None and hasta <= anterior:
            raise ValueError(_("Los topes de las bandas deben ir de menor a mayor."))
        anterior = hasta
        salida.append(
            {"hasta": None if hasta is None else f"{hasta:.2f}", "unidades": f"{unidades:.2f}"}
        )
    return salida


class TextoNormativo(models.Model):
    """Texts transcribed into documents (e.g. Ley 26.993 arts. 11 and 16 in every cédula, Q12)."""

    clave = models.CharField(_("clave"), max_length=60)
    vigente_desde = models.DateField(_("vigente desde"))
    titulo = models.CharField(_("título"), max_length=200)
    texto = models.TextField(_("texto"))
    fuente = models.CharField(_("norma"), max_length=200)
    cargado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cargado_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("texto normativo")
        verbose_name_plural = _("textos normativos")
        constraints = [
            models.UniqueConstraint(fields=["clave", "vigente_desde"], name="texto_unico_por_fecha")
        ]

    def __str__(self):
        return f"{self.clave} ({self.vigente_desde:%d/%m/%Y})"

    @classmethod
    def vigente(cls, clave: str, fecha: datetime.date) -> "TextoNormativo | None":
        return (
            cls.objects.filter(clave=clave, vigente_desde__lte=fecha)
            .order_by("-vigente_desde")
            .first()
        )

    @classmethod
    def vigentes(cls, claves, fecha: datetime.date) -> dict[str, "TextoNormativo | None"]:
        """vigente() of several keys in one statement (each key's latest text by `fecha`)."""
        claves = list(claves)
        textos = dict.fromkeys(claves)
        filas = cls.objects.filter(clave__in=claves, vigente_desde__lte=fecha).order_by(
            "clave", "vigente_desde"
        )
        for texto in filas:  # ascending: the latest of each key is kept
            textos[texto.clave] = texto
        return textos


# The calendars a jurisdiction's decreed day may reach (DiaNoHabil.clean).
CALENDARIOS_DE_JURISDICCION = {
    "AR": {"AR", "AR-CABA"},
    "AR-C": {"AR-CABA"},
    "PE": {"PE-proveedor", "PE-entidad"},
}


class DiaNoHabil(models.Model):
    """A decreed day the `holidays` package does not know, or knows wrongly (DOMAIN §8.2).

    Rows change only through plazos.services.registrar_dia_no_habil, which recomputes the running
    plazos the day affects in the same transaction (ARCHITECTURE.md "Deadlines").
    """

    class Jurisdiccion(models.TextChoices):
        """Who decreed the day: the nation, the Ciudad de Buenos Aires, Peru."""

        AR = "AR", _("Argentina (Nación)")
        AR_C = "AR-C", _("Ciudad Autónoma de Buenos Aires")
        PE = "PE", _("Perú")

    class Tipo(models.TextChoices):
        FERIADO = "feriado", _("Feriado")
        FERIADO_TRASLADADO = "feriado_trasladado", _("Feriado trasladado")
        NO_LABORABLE = "no_laborable", _("Día no laborable")
        ASUETO = "asueto", _("Asueto administrativo")
        INHABIL = "inhabil", _("Día inhábil administrativo")
        SUSPENSION = "suspension", _("Suspensión de plazos")
        # A day the package lists as a holiday by mistake: it is a business day.
        HABIL_FORZADO = "habil_forzado", _("Día hábil (corrige el calendario)")

    fecha = models.DateField(_("fecha"), db_index=True)
    jurisdiccion = models.CharField(_("jurisdicción"), max_length=4, choices=Jurisdiccion.choices)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    # Codes of normativa.regimenes.Calendario the day applies to (e.g. ["AR"], ["PE-entidad"]).
    # A national row reaches AR-CABA only when it lists it (a national feriado trasladado does;
    # a national asueto does not unless the Ciudad adhered, DOMAIN-CABA §7).
    calendarios = models.JSONField(_("calendarios"), default=list)
    descripcion = models.CharField(_("descripción"), max_length=200, blank=True)
    fuente = models.CharField(_("norma"), max_length=200)
    cargado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cargado_en = models.DateTimeField(auto_now_add=True)
    actualizado_en = models.DateTimeField(auto_now=True)
    # The last correction (plazos.services.corregir_dia_no_habil) and what the row said before.
    modificado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cambios = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("día no hábil decretado")
        verbose_name_plural = _("días no hábiles decretados")
        constraints = [
            models.UniqueConstraint(
                fields=["fecha", "jurisdiccion"], name="dia_no_habil_unico_por_jurisdiccion"
            ),
            models.CheckConstraint(
                condition=models.Q(jurisdiccion__in=["AR", "AR-C", "PE"]),
                name="dia_no_habil_jurisdiccion",
            ),
        ]
        ordering = ["-fecha"]

    def __str__(self):
        return f"{self.fecha:%d/%m/%Y} — {self.motivo}"

    @property
    def motivo(self) -> str:
        """How the day reads in a "¿Por qué esta fecha?" explanation."""
        return f"{self.get_tipo_display()} — {self.fuente}"

    @property
    def es_habil(self) -> bool:
        return self.tipo == self.Tipo.HABIL_FORZADO

    def clean(self):
        from django.core.exceptions import ValidationError

        from normativa.regimenes import Calendario

        validos = {c.value for c in Calendario}
        if not self.calendarios or not set(self.calendarios) <= validos:
            raise ValidationError({"calendarios": _("Elegí al menos un calendario válido.")})
        if not set(self.calendarios) <= CALENDARIOS_DE_JURISDICCION.get(self.jurisdiccion, set()):
            raise ValidationError(
                {"calendarios": _("Los calendarios no corresponden a la jurisdicción elegida.")}
            )


class HabilitacionAuditoria(models.Model):
    """Whether a régimen offers the Auditoría en las Relaciones de Consumo (Ley 26.993 Title II)
    from a date: a dated switch staff maintain, like the other values here. The row in force on
    a day decides (the latest `vigente_desde` not after it); without any row it is off.

    Seeded off for COPREC from 03/02/2025 (Decreto 55/2025 repealed arts. 1–40 of Ley 26.993); a
    deployment that brings the second tier back (a province, a later law) adds a row that turns
    it on, citing its norm. Decision 0028."""

    regimen = models.CharField(_("régimen"), max_length=20)
    vigente_desde = models.DateField(_("vigente desde"))
    habilitada = models.BooleanField(_("habilitada"))
    fuente = models.CharField(_("norma"), max_length=200)
    motivo = models.CharField(
        _("motivo que ve el consumidor"),
        max_length=300,
        blank=True,
        help_text=_("Solo si no está habilitada: por qué no se ofrece."),
    )
    cargado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cargado_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("habilitación de la Auditoría")
        verbose_name_plural = _("habilitaciones de la Auditoría")
        constraints = [
            models.UniqueConstraint(
                fields=["regimen", "vigente_desde"], name="habilitacion_auditoria_unica_por_fecha"
            )
        ]
        ordering = ["regimen", "-vigente_desde"]

    def __str__(self):
        estado = "habilitada" if self.habilitada else "no habilitada"
        return f"Auditoría {self.regimen} {estado} desde {self.vigente_desde:%d/%m/%Y}"

    @classmethod
    def vigente(cls, regimen: str, fecha: datetime.date) -> "HabilitacionAuditoria | None":
        return (
            cls.objects.filter(regimen=regimen, vigente_desde__lte=fecha)
            .order_by("-vigente_desde")
            .first()
        )
