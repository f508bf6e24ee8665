"""The disciplinary procedure of Anexo II of Decreto 202/2015 (arts. 7–22; DOMAIN §2.4): a case
with a number of its own, its append-only expediente, the writs of the parties and the alerts
of the counting windows of AR-D9 (arts. 4 g, 5 a, 5 c)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CasoDisciplinario(models.Model):
    class Origen(models.TextChoices):
        # D202-II.8: "de oficio o por denuncia"; the complaint of a party of a conciliation or of
        # the agency's staff is written, with the contents of art. 8 (DOMAIN §4.13).
        PARTE = "parte", _("Denuncia de una parte del reclamo")
        PERSONAL = "personal", _("Denuncia del personal")
        OFICIO = "oficio", _("De oficio")

    class Estado(models.TextChoices):
        RATIFICACION = "ratificacion", _("Ratificación de la denuncia (AR-D2)")
        SIN_RATIFICAR = "sin_ratificar", _("Denuncia no ratificada: impulsar de oficio o archivar")
        DESCARGO = "descargo", _("Descargo del conciliador (AR-D3)")
        EVALUACION = "evaluacion", _("Evaluación de la Dirección (art. 11)")
        SUMARIO = "sumario", _("Sumario: prueba (AR-D4)")
        ALEGATO = "alegato", _("Vista para alegar (AR-D5)")
        CIERRE = "cierre", _("Cierre del sumario (art. 20)")
        INFORME = "informe", _("Informe del instructor (AR-D6)")
        RESOLUCION = "resolucion", _("Resolución de la Secretaría de Justicia (art. 21)")
        RESUELTO = "resuelto", _("Resuelto")
        ARCHIVADO = "archivado", _("Archivado")

    CERRADOS = (Estado.RESUELTO, Estado.ARCHIVADO)

    class Resultado(models.TextChoices):
        SIN_RESPONSABILIDAD = "sin_responsabilidad", _("Sin responsabilidad")
        # Art. 3: prevenciones (the brief's "apercibimiento").
        LLAMADO = "llamado", _("Prevención: llamado de atención (art. 3 a)")
        ADVERTENCIA = "advertencia", _("Prevención: advertencia (art. 3 b)")
        SUSPENSION = "suspension", _("Suspensión (art. 4)")
        EXCLUSION = "exclusion", _("Exclusión (art. 5)")

    numero = models.CharField(_("número"), max_length=30, unique=True)
    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.PROTECT, related_name="casos_disciplinarios"
    )
    origen = models.CharField(_("origen"), max_length=10, choices=Origen.choices)
    estado = models.CharField(_("estado"), max_length=16, choices=Estado.choices)
    reclamo = models.ForeignKey(
        "reclamos.Reclamo",
        verbose_name=_("conciliación de que se trata"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    denunciante = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    denunciante_nombre = models.CharField(_("denunciante"), max_length=200, blank=True)
    denunciante_documento = models.CharField(_("DNI del denunciante"), max_length=20, blank=True)
    denunciante_domicilio = models.CharField(_("domicilio constituido"), max_length=300, blank=True)
    hechos = models.TextField(_("hechos"))
    causal = models.CharField(_("causal (Anexo II)"), max_length=200, blank=True)
    instructor = models.CharField(_("instructor sumariante"), max_length=200, blank=True)
    resultado = models.CharField(
        _("resultado"), max_length=20, choices=Resultado.choices, blank=True
    )
    dias_suspension = models.PositiveIntegerField(_("días de suspensión"), null=True, blank=True)
    sancion = models.OneToOneField(
        "conciliadores.Sancion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="caso",
    )
    abierto_en = models.DateTimeField(_("abierto"), default=timezone.now)
    abierto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    actualizado_en = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("caso disciplinario")
        verbose_name_plural = _("casos disciplinarios")
        ordering = ["-abierto_en", "-pk"]
        indexes = [
            models.Index(fields=["conciliador", "abierto_en"], name="caso_disc_conciliador"),
            models.Index(fields=["abierto_en"], name="caso_disc_abierto"),
        ]

    def __str__(self):
        return f"Caso disciplinario {self.numero}"

    @property
    def cerrado(self) -> bool:
        return self.estado in self.CERRADOS


class ActuacionDisciplinariaQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("El expediente es inalterable: no se pueden modificar actuaciones.")

    def delete(self):
        raise PermissionError("El expediente es inalterable: no se pueden borrar actuaciones.")


class ActuacionDisciplinaria(models.Model):
    """One dated act of the case's expediente. Append-only, like reclamos.Actuacion."""

    caso = models.ForeignKey(
        CasoDisciplinario, on_delete=models.PROTECT, related_name="actuaciones"
    )
    codigo = models.CharField(_("acto"), max_length=60)
    por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    en = models.DateTimeField(_("fecha"), default=timezone.now)
    estado_hacia = models.CharField(max_length=16, blank=True)
    texto = models.CharField(_("detalle"), max_length=300)
    fuente = models.CharField(_("fuente legal"), max_length=120, blank=True)
    datos = models.JSONField(default=dict, blank=True)
    documento = models.ForeignKey(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ActuacionDisciplinariaQuerySet.as_manager()

    class Meta:
        verbose_name = _("actuación disciplinaria")
        verbose_name_plural = _("actuaciones disciplinarias")
        ordering = ["en", "pk"]
        indexes = [models.Index(fields=["caso", "en"], name="actuacion_disc_caso")]

    def __str__(self):
        return f"{self.codigo} {self.en:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("El expediente es inalterable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("El expediente es inalterable.")


class Escrito(models.Model):
    """What a person files in the case: the complainant's ratification, the conciliator's
    descargo, offered evidence and alegato. Files hang from the case (documentos.ArchivoSubido,
    category = the writ's kind)."""

    class Tipo(models.TextChoices):
        RATIFICACION = "ratificacion", _("Ratificación")
        DESCARGO = "descargo", _("Descargo")
        PRUEBA = "prueba", _("Ofrecimiento de prueba")
        ALEGATO = "alegato", _("Alegato")

    caso = models.ForeignKey(CasoDisciplinario, on_delete=models.PROTECT, related_name="escritos")
    tipo = models.CharField(_("tipo"), max_length=12, choices=Tipo.choices)
    texto = models.TextField(_("texto"))
    presentado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    presentado_en = models.DateTimeField(default=timezone.now)
    admitido = models.BooleanField(_("prueba admitida"), null=True, blank=True)

    class Meta:
        verbose_name = _("escrito")
        verbose_name_plural = _("escritos")
        ordering = ["presentado_en", "pk"]
        indexes = [models.Index(fields=["caso", "tipo"], name="escrito_caso_tipo")]

    def __str__(self):
        return f"{self.get_tipo_display()} — {self.caso}"


class AlertaDisciplinaria(models.Model):
    """A counting window of AR-D9 that the conciliator's records exceed, raised to registry staff.
    One open alert per conciliator and ground; its figures are refreshed on every evaluation."""

    class Causal(models.TextChoices):
        RECHAZOS = "rechazos", _("Más de 3 rechazos sin causa en el año calendario (art. 4 g)")
        DESATENDIDOS = (
            "desatendidos",
            _("Más de 4 reclamos desatendidos en 6 meses (art. 5 c: abandono)"),
        )
        SUSPENSIONES = "suspensiones", _("3 suspensiones en 5 años (art. 5 a)")

    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.PROTECT, related_name="alertas_disciplinarias"
    )
    causal = models.CharField(_("causal"), max_length=14, choices=Causal.choices)
    cantidad = models.PositiveIntegerField(_("cantidad"))
    umbral = models.PositiveIntegerField(_("umbral"))
    ventana_desde = models.DateField(_("desde"))
    ventana_hasta = models.DateField(_("hasta"))
    detectada_en = models.DateTimeField(default=timezone.now)
    actualizada_en = models.DateTimeField(default=timezone.now)
    atendida = models.BooleanField(default=False)
    caso = models.ForeignKey(
        CasoDisciplinario, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("alerta disciplinaria")
        verbose_name_plural = _("alertas disciplinarias")
        ordering = ["-detectada_en", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conciliador", "causal"],
                condition=Q(atendida=False),
                name="alerta_disc_abierta_unica",
            )
        ]
        indexes = [
            models.Index(
                fields=["detectada_en"], condition=Q(atendida=False), name="alerta_disc_abiertas"
            )
        ]

    def __str__(self):
        return f"{self.get_causal_display()} — {self.conciliador}"
