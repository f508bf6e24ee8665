"""CABA's denuncia data and the sanction case (sumario) that follows a failed conciliation
(Ley 757; DOMAIN-CABA §2 C15–C28, §4.5–§4.8, §5). Every act stores the legal value it used (the
UF or CBT peso value and its source), so a past act stays explainable (Q10)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Denuncia(models.Model):
    """What a CABA denuncia adds to the claim: the daño directo claimed at filing (Decreto
    714/2010: only then), the subject-matter (Q12) and the intake channel."""

    class Canal(models.TextChoices):
        EN_LINEA = "en_linea", _("En línea (miBA)")
        COMUNA = "comuna", _("Sede Comunal (personal)")
        VUF = "vuf", _("Ventanilla Única Federal")

    class Materia(models.TextChoices):
        LDC = "ldc", _("Ley 24.240 de Defensa del Consumidor")
        CONSORCIOS = "ley_941", _("Ley 941 (administración de consorcios)")
        SERVICIOS_PUBLICOS = "servicios_publicos", _("Servicios públicos (Ley 2.870)")

    reclamo = models.OneToOneField(
        "reclamos.Reclamo", on_delete=models.CASCADE, related_name="denuncia_caba"
    )
    canal = models.CharField(_("canal"), max_length=12, choices=Canal.choices)
    materia = models.CharField(
        _("materia"), max_length=20, choices=Materia.choices, default=Materia.LDC
    )
    modalidad_preferida = models.CharField(_("modalidad preferida"), max_length=12, blank=True)
    dano_directo_reclamado = models.BooleanField(_("reclama daño directo"), default=False)
    dano_directo_monto = models.DecimalField(
        _("daño directo reclamado"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    dano_directo_detalle = models.TextField(_("daño material a los bienes"), blank=True)
    # C1c: the national Ventanilla Única Federal's own number of a claim it routed here (Disp.
    # 423/DGDYPC/2025); one denuncia per VUF claim (decision 0038).
    numero_vuf = models.CharField(_("número de la VUF"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("denuncia (CABA)")
        verbose_name_plural = _("denuncias (CABA)")
        constraints = [
            models.UniqueConstraint(
                fields=["numero_vuf"],
                condition=~Q(numero_vuf=""),
                name="denuncia_numero_vuf_unico",
            ),
            models.CheckConstraint(
                condition=Q(dano_directo_reclamado=False) | Q(dano_directo_monto__gt=0),
                name="denuncia_dano_directo_con_monto",
            ),
        ]

    def __str__(self):
        return f"Denuncia {self.reclamo_id}"


class MultaIncomparecencia(models.Model):
    """Ley 757 art. 9 d: the provider absent without a valid excuse within CABA-01 is fined
    300–20,000 UF; the UF value of the hearing's date is stored (Q10)."""

    reclamo = models.ForeignKey(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="multas_incomparecencia"
    )
    proveedor = models.ForeignKey(
        "reclamos.ReclamoProveedor", on_delete=models.PROTECT, related_name="+"
    )
    fecha_audiencia = models.DateField(_("fecha de la audiencia"))
    unidades = models.DecimalField(_("unidades fijas"), max_digits=10, decimal_places=2)
    valor_unidad = models.DecimalField(_("valor de la UF"), max_digits=14, decimal_places=2)
    fuente_valor = models.CharField(_("norma del valor"), max_length=200)
    monto = models.DecimalField(_("monto"), max_digits=16, decimal_places=2)
    fundamentos = models.TextField(_("fundamentos"))
    documento = models.ForeignKey(
        "documentos.Documento", null=True, on_delete=models.PROTECT, related_name="+"
    )
    impuesta_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    impuesta_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("multa por incomparecencia")
        verbose_name_plural = _("multas por incomparecencia")
        constraints = [
            models.CheckConstraint(
                condition=Q(unidades__gte=300) & Q(unidades__lte=20000),
                name="multa_incomparecencia_rango_uf",
            )
        ]

    def __str__(self):
        return f"{self.unidades} UF ({self.reclamo_id})"


class Sumario(models.Model):
    class Origen(models.TextChoices):
        INCOMPARECENCIA = "incomparecencia", _("Incomparecencia injustificada del proveedor")
        SIN_ACUERDO = "sin_acuerdo", _("Audiencia sin acuerdo")
        SIN_DOMICILIO = "sin_domicilio", _("Sin domicilio electrónico (CABA-04)")
        INCUMPLIMIENTO = "incumplimiento", _("Incumplimiento del acuerdo")
        DE_OFICIO = "de_oficio", _("De oficio (inspección)")

    class Estado(models.TextChoices):
        ABIERTO = "abierto", _("Abierto: análisis del área jurídica")
        IMPUTADO = "imputado", _("Imputado: plazo de descargo")
        EN_PRUEBA = "en_prueba", _("Prueba abierta")
        PARA_RESOLVER = "para_resolver", _("Para resolver")
        SANCIONADO = "sancionado", _("Sancionado")
        SOBRESEIDO = "sobreseido", _("Sobreseído")
        FIRME = "firme", _("Sanción firme")

    numero = models.CharField(_("número"), max_length=40, unique=True)
    reclamo = models.OneToOneField(
        "reclamos.Reclamo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sumario",
    )
    origen = models.CharField(_("origen"), max_length=20, choices=Origen.choices)
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado.choices, default=Estado.ABIERTO
    )
    # The provider charged (from the claim, or named by an inspection record).
    organizacion = models.ForeignKey(
        "cuentas.Organizacion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    razon_social = models.CharField(_("razón social"), max_length=200)
    cuit = models.CharField(_("CUIT"), max_length=11)
    domicilio = models.CharField(_("domicilio real o legal"), max_length=300)
    actividad = models.CharField(_("actividad comercial"), max_length=200, blank=True)
    hechos = models.TextField(_("hechos"))
    # Imputación (C20)
    normas_imputadas = models.TextField(_("normas presuntamente infringidas"), blank=True)
    imputado_en = models.DateTimeField(null=True, blank=True)
    imputacion = models.ForeignKey(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    abierto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    abierto_en = models.DateTimeField(default=timezone.now)
    actualizado_en = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sumario")
        verbose_name_plural = _("sumarios")
        ordering = ["-abierto_en", "-pk"]
        indexes = [
            models.Index(fields=["estado", "-abierto_en", "-id"], name="sumario_estado_fecha"),
            models.Index(fields=["organizacion", "-abierto_en"], name="sumario_organizacion"),
        ]

    def __str__(self):
        return self.numero


class Descargo(models.Model):
    """C21: the provider's defence, with its documents (documentos.ArchivoSubido with this
    descargo's sumario as subject) and the evidence it offers."""

    sumario = models.ForeignKey(Sumario, on_delete=models.PROTECT, related_name="descargos")
    texto = models.TextField(_("descargo"))
    presentado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    presentado_en = models.DateTimeField(default=timezone.now)
    fuera_de_termino = models.BooleanField(default=False)

    class Meta:
        ordering = ["presentado_en", "pk"]

    def __str__(self):
        return f"Descargo {self.pk} ({self.sumario_id})"


class Prueba(models.Model):
    """An item of evidence offered; the authority may reject what is manifestly irrelevant,
    with reasons (Ley 757 art. 12 a, as cited in J03F)."""

    class Estado(models.TextChoices):
        OFRECIDA = "ofrecida", _("Ofrecida")
        ADMITIDA = "admitida", _("Admitida")
        RECHAZADA = "rechazada", _("Rechazada por inconducente")

    sumario = models.ForeignKey(Sumario, on_delete=models.PROTECT, related_name="pruebas")
    descargo = models.ForeignKey(
        Descargo, null=True, blank=True, on_delete=models.PROTECT, related_name="pruebas"
    )
    descripcion = models.CharField(_("prueba ofrecida"), max_length=500)
    estado = models.CharField(max_length=10, choices=Estado.choices, default=Estado.OFRECIDA)
    motivo_rechazo = models.TextField(_("motivo del rechazo"), blank=True)
    resuelta_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(estado="rechazada") | ~Q(motivo_rechazo=""),
                name="prueba_rechazo_con_motivo",
            )
        ]

    def __str__(self):
        return self.descripcion


class Disposicion(models.Model):
    """C23: the Director General's disposición: an LDC art. 47 sanction graded by the art. 49
    criteria written in the act, plus daño directo when the consumer claimed it at filing (kept
    apart from the fine: it is compensation), or sobreseimiento."""

    class Tipo(models.TextChoices):
        SANCION = "sancion", _("Sanción")
        SOBRESEIMIENTO = "sobreseimiento", _("Sobreseimiento")

    sumario = models.OneToOneField(Sumario, on_delete=models.PROTECT, related_name="disposicion")
    tipo = models.CharField(max_length=15, choices=Tipo.choices)
    sanciones = models.JSONField(_("sanciones (LDC art. 47)"), default=list)
    multa_cbt = models.DecimalField(
        _("multa en CBT"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    valor_cbt = models.DecimalField(
        _("valor de la CBT"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fuente_cbt = models.CharField(_("fuente del valor de la CBT"), max_length=200, blank=True)
    monto_multa = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    criterios = models.JSONField(_("graduación (LDC art. 49)"), default=dict)
    fundamentos = models.TextField(_("fundamentos"))
    dano_directo = models.DecimalField(
        _("daño directo"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # Q3: whether prior payment of the fine is asked for an appeal: information, never blocking.
    deposito_previo = models.BooleanField(_("se informa depósito previo"), default=False)
    documento = models.ForeignKey(
        "documentos.Documento", null=True, on_delete=models.PROTECT, related_name="+"
    )
    firmada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    firmada_en = models.DateTimeField(default=timezone.now)
    publicacion_acreditada_en = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("disposición")
        verbose_name_plural = _("disposiciones")
        constraints = [
            models.CheckConstraint(
                condition=Q(multa_cbt__isnull=True)
                | (Q(multa_cbt__gte="0.5") & Q(multa_cbt__lte=2100)),
                name="disposicion_multa_rango_cbt",
            )
        ]

    def __str__(self):
        return f"Disposición {self.get_tipo_display()} ({self.sumario_id})"


class RecursoDirecto(models.Model):
    """C24: the recurso directo to the Cámara CAyTyRC, recorded. Not suspensive (Ley 5.591);
    whether the fine was deposited is noted and never blocks the filing (Q3)."""

    class Resultado(models.TextChoices):
        PENDIENTE = "pendiente", _("En trámite ante la Cámara")
        CONFIRMADA = "confirmada", _("Sanción confirmada")
        MODIFICADA = "modificada", _("Sanción modificada")
        REVOCADA = "revocada", _("Sanción revocada")

    sumario = models.ForeignKey(Sumario, on_delete=models.PROTECT, related_name="recursos")
    presentado_en = models.DateField(_("fecha de presentación"))
    deposito_acreditado = models.BooleanField(_("acreditó el depósito de la multa"))
    observaciones = models.TextField(blank=True)
    resultado = models.CharField(
        max_length=12, choices=Resultado.choices, default=Resultado.PENDIENTE
    )
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registrado_en = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["registrado_en", "pk"]

    def __str__(self):
        return f"Recurso directo {self.presentado_en:%d/%m/%Y}"


class RegistroInfractor(models.Model):
    """C27: an entry of the Registro de Infractores once the sanction is firm. Fields as
    Decreto 234/2001 (Ley 22.802 register; Decreto 248/2001 assumed equivalent, L)."""

    sumario = models.OneToOneField(Sumario, on_delete=models.PROTECT, related_name="registro")
    razon_social = models.CharField(max_length=200)
    cuit = models.CharField(max_length=11, db_index=True)
    domicilio = models.CharField(max_length=300)
    actividad = models.CharField(max_length=200, blank=True)
    expediente = models.CharField(max_length=40)
    disposicion_numero = models.CharField(max_length=40)
    disposicion_fecha = models.DateField()
    sancion = models.TextField()
    registrado_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("inscripción en el Registro de Infractores")
        verbose_name_plural = _("Registro de Infractores")
        ordering = ["-registrado_en"]

    def __str__(self):
        return f"{self.razon_social} — {self.expediente}"


class MedidaPreventiva(models.Model):
    """C29 (Ley 757 art. 13 as worded by Ley 6407 art. 2): cease, no-innovation, closure (only
    for an actual or imminent danger to health or safety) or another measure, ordered by a
    disposición when there is urgency and a plausible right, on a denuncia or a sumario. The
    provider may appeal (CABA-13, L): recorded, not suspensive (the text that would say
    otherwise is cut off). Staff lift it or it ends."""

    class Tipo(models.TextChoices):
        CESE = "cese", _("Cese de la conducta")
        NO_INNOVAR = "no_innovar", _("No innovar")
        CLAUSURA = "clausura", _("Clausura preventiva")
        OTRA = "otra", _("Otra medida")

    class Estado(models.TextChoices):
        VIGENTE = "vigente", _("Vigente")
        LEVANTADA = "levantada", _("Levantada")

    reclamo = models.ForeignKey(
        "reclamos.Reclamo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="medidas_preventivas",
    )
    sumario = models.ForeignKey(
        Sumario,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="medidas_preventivas",
    )
    # The provider it is addressed to (who may appeal it).
    organizacion = models.ForeignKey(
        "cuentas.Organizacion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    razon_social = models.CharField(_("razón social"), max_length=200)
    cuit = models.CharField(_("CUIT"), max_length=11)
    tipo = models.CharField(_("tipo de medida"), max_length=12, choices=Tipo.choices)
    ordena = models.TextField(_("qué ordena"))
    fundamentos = models.TextField(_("fundamentos (verosimilitud y peligro en la demora)"))
    riesgo_salud_seguridad = models.BooleanField(
        _("peligro actual o inminente para la salud o la seguridad"), default=False
    )
    fecha = models.DateField(_("fecha de la disposición"))
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.VIGENTE
    )
    documento = models.ForeignKey(
        "documentos.Documento", null=True, on_delete=models.PROTECT, related_name="+"
    )
    ordenada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ordenada_en = models.DateTimeField(default=timezone.now)
    # The appeal (recurso de apelación, filed and argued in writing before the authority).
    apelada_en = models.DateField(_("fecha de la apelación"), null=True, blank=True)
    apelacion = models.TextField(_("fundamentos de la apelación"), blank=True)
    apelacion_fuera_de_termino = models.BooleanField(default=False)
    apelacion_registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    levantada_en = models.DateField(_("fecha del levantamiento"), null=True, blank=True)
    motivo_levantamiento = models.TextField(_("motivo del levantamiento"), blank=True)
    levantada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("medida preventiva")
        verbose_name_plural = _("medidas preventivas")
        ordering = ["ordenada_en", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reclamo__isnull=False) | Q(sumario__isnull=False),
                name="medida_preventiva_con_expediente",
            ),
            models.CheckConstraint(
                condition=~Q(tipo="clausura") | Q(riesgo_salud_seguridad=True),
                name="medida_clausura_con_riesgo",
            ),
            models.CheckConstraint(
                condition=Q(estado="vigente", levantada_en__isnull=True)
                | Q(estado="levantada", levantada_en__isnull=False),
                name="medida_levantada_con_fecha",
            ),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} ({self.fecha:%d/%m/%Y})"


class EjecucionFiscal(models.Model):
    """C28: an unpaid firm fine sent to court collection (art. 450 CCAyT applies to fines, not
    to the daño directo). The referral records the amount and the unit value it used (the one
    stored by the fine's act); it blocks nothing else in the file."""

    disposicion = models.OneToOneField(
        Disposicion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ejecucion_fiscal",
    )
    multa_incomparecencia = models.OneToOneField(
        MultaIncomparecencia,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ejecucion_fiscal",
    )
    fecha = models.DateField(_("fecha de la remisión"))
    referencia = models.CharField(_("referencia (expediente o boleta de deuda)"), max_length=120)
    unidades = models.DecimalField(_("unidades"), max_digits=10, decimal_places=2)
    unidad = models.CharField(_("unidad"), max_length=5)
    valor_unidad = models.DecimalField(_("valor de la unidad"), max_digits=14, decimal_places=2)
    fuente_valor = models.CharField(_("norma del valor"), max_length=200)
    monto = models.DecimalField(_("monto"), max_digits=18, decimal_places=2)
    observaciones = models.TextField(blank=True)
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registrada_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("remisión a ejecución fiscal")
        verbose_name_plural = _("remisiones a ejecución fiscal")
        constraints = [
            models.CheckConstraint(
                condition=Q(disposicion__isnull=True, multa_incomparecencia__isnull=False)
                | Q(disposicion__isnull=False, multa_incomparecencia__isnull=True),
                name="ejecucion_fiscal_de_una_multa",
            )
        ]

    def __str__(self):
        return f"Ejecución fiscal {self.referencia}"
