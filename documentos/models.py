"""Issued documents (immutable snapshots rendered to PDF) and uploaded files.

A Documento is written once: its snapshot holds every value the PDF shows, it is numbered per
kind and year under a unique constraint, and only the render task fills in the PDF and its
SHA-256, once. A correction is a new document whose `reemplaza` points at the old one
(STYLE.md "Documents", after pretix).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conciliacion.errores import ConflictoDeEstado


class TipoDocumento(models.TextChoices):
    CONSTANCIA_PRESENTACION = "constancia_presentacion", _("Constancia de presentación")
    DOCUMENTO_DESIGNACION = "documento_designacion", _("Documento autónomo de designación")
    CEDULA = "cedula", _("Cédula de notificación")
    ACTA_AUDIENCIA = "acta_audiencia", _("Acta de audiencia")
    ACTA_ACUERDO = "acta_acuerdo", _("Acta de acuerdo")
    ACTA_CIERRE = "acta_cierre", _("Acta de cierre")
    ACTA_INCOMPARECENCIA = "acta_incomparecencia", _("Acta de incomparecencia")
    INFORME_CIERRE = "informe_cierre", _("Informe de cierre")
    HOMOLOGACION = "homologacion", _("Resolución de homologación")
    CERTIFICACION_MULTA = "certificacion_multa", _("Certificación de imposición de multa")
    CERTIFICADO_MULTA = "certificado_multa", _("Certificado de imposición de multa")
    CONSTANCIA_HONORARIOS = "constancia_honorarios", _("Constancia de honorarios")
    CERTIFICADO_EJECUTORIEDAD = "certificado_ejecutoriedad", _("Certificado de ejecutoriedad")
    INTIMACION = "intimacion", _("Intimación")
    RESOLUCION_AUDITORIA = "resolucion_auditoria", _("Resolución del Auditor")
    COMUNICACION_AUDITORIA = (
        "comunicacion_auditoria",
        _("Comunicación de la resolución firme del Auditor"),
    )
    PODER_FIRMANTE = "poder_firmante", _("Poder del firmante")
    HOJA_RECLAMACION = "hoja_reclamacion", _("Hoja de reclamación")
    # Anexo II of Decreto 202/2015: the conciliators' disciplinary procedure.
    CARGO_DISCIPLINARIO = "cargo_disciplinario", _("Traslado de cargos al conciliador")
    ORDEN_SUMARIO = "orden_sumario", _("Resolución que ordena el sumario")
    INFORME_SUMARIO = "informe_sumario", _("Informe del instructor sumariante")
    RESOLUCION_DISCIPLINARIA = "resolucion_disciplinaria", _("Resolución disciplinaria")
    INFORME_TRIMESTRAL = "informe_trimestral", _("Informe trimestral a la autoridad")
    # CABA, Ley 757: the non-appearance fine (art. 9 d) and the sanction case (sumarios app).
    MULTA_INCOMPARECENCIA = "multa_incomparecencia", _("Multa por incomparecencia (art. 9 d)")
    IMPUTACION = "imputacion", _("Disposición de imputación")
    DISPOSICION = "disposicion", _("Disposición de la Dirección General")
    GENERICO = "generico", _("Documento")


class DocumentoInmutable(ConflictoDeEstado):
    codigo = "document_immutable"


# The only columns written after issue: by the render task, once (compare-and-swap on sha256="").
# The render's claim (render_tomado_en, render_intentos) is written by the task and the recovery.
CAMPOS_DEL_RENDER = frozenset(
    {"archivo", "sha256", "renderizado_en", "render_tomado_en", "render_intentos"}
)


class DocumentoQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if set(kwargs) - CAMPOS_DEL_RENDER:
            raise DocumentoInmutable(
                "Un documento emitido no se modifica: emití uno que lo reemplace."
            )
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        raise DocumentoInmutable("Un documento emitido no se modifica.")

    def delete(self):
        raise DocumentoInmutable("Un documento emitido no se borra.")


class ContadorDocumento(models.Model):
    """The last number given to a kind of document in a year (locked with select_for_update)."""

    tipo = models.CharField(max_length=40, choices=TipoDocumento.choices)
    anio = models.PositiveSmallIntegerField()
    ultimo = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tipo", "anio"], name="documento_contador_unico")
        ]

    def __str__(self):
        return f"{self.tipo} {self.anio}: {self.ultimo}"


class Documento(models.Model):
    tipo = models.CharField(_("tipo"), max_length=40, choices=TipoDocumento.choices)
    anio = models.PositiveSmallIntegerField(_("año"))
    numero = models.PositiveIntegerField(_("número"))
    titulo = models.CharField(_("título"), max_length=250)
    plantilla = models.CharField(_("plantilla"), max_length=120)
    snapshot = models.JSONField(_("datos del documento"), encoder=DjangoJSONEncoder)
    regimen_codigo = models.CharField(_("régimen"), max_length=20)
    regimen_version = models.CharField(_("versión del régimen"), max_length=20)
    codigo = models.CharField(_("código de verificación"), max_length=32, unique=True)
    emitido_en = models.DateTimeField(_("emitido"), default=timezone.now)
    emitido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("emitido por"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sujeto_tipo = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sujeto_id = models.PositiveBigIntegerField(null=True, blank=True)
    sujeto = GenericForeignKey("sujeto_tipo", "sujeto_id")
    reemplaza = models.ForeignKey(
        "self",
        verbose_name=_("reemplaza a"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reemplazos",
    )
    archivo = models.FileField(_("PDF"), blank=True, max_length=200)
    sha256 = models.CharField(_("SHA-256 del PDF"), max_length=64, blank=True)
    renderizado_en = models.DateTimeField(_("PDF generado"), null=True, blank=True)
    # The render job's lease: set when a worker takes the render, cleared when it gives up; a
    # lease older than DOCUMENTOS_RENDER_VENCIDO belongs to a worker that died (Decision 0012).
    render_tomado_en = models.DateTimeField(_("PDF en generación desde"), null=True, blank=True)
    render_intentos = models.PositiveSmallIntegerField(_("intentos de generar el PDF"), default=0)

    objects = DocumentoQuerySet.as_manager()

    class Meta:
        verbose_name = _("documento emitido")
        verbose_name_plural = _("documentos emitidos")
        ordering = ["-emitido_en", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["tipo", "anio", "numero"], name="documento_numero"),
            models.CheckConstraint(
                condition=Q(sujeto_tipo__isnull=True, sujeto_id__isnull=True)
                | Q(sujeto_tipo__isnull=False, sujeto_id__isnull=False),
                name="documento_sujeto_completo",
            ),
        ]
        indexes = [
            models.Index(fields=["sujeto_tipo", "sujeto_id"]),
            # The render queue (recovery task, operations page, metrics): documents without PDF.
            models.Index(fields=["emitido_en"], condition=Q(sha256=""), name="documento_sin_pdf"),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} N.º {self.numero_visible}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise DocumentoInmutable(
                "Un documento emitido no se modifica: emití uno que lo reemplace."
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documentos:descargar", args=[self.pk])

    def delete(self, *args, **kwargs):
        raise DocumentoInmutable("Un documento emitido no se borra.")

    @property
    def numero_visible(self) -> str:
        """As courts cite them: "326/2018"."""
        return f"{self.numero}/{self.anio}"

    @property
    def renderizado(self) -> bool:
        return bool(self.sha256)

    def url_verificacion(self) -> str:
        return settings.SITE_URL.rstrip("/") + reverse("documentos:verificar", args=[self.codigo])

    def como_adjunto(self) -> tuple[str, bytes, str] | None:
        """For notificaciones: the PDF to attach, or None while it is still being rendered."""
        if not self.renderizado:
            return None
        with self.archivo.open("rb") as pdf:
            contenido = pdf.read()
        nombre = f"{self.tipo}-{self.numero}-{self.anio}.pdf"
        return nombre, contenido, "application/pdf"


class ArchivoSubido(models.Model):
    """A file a person uploaded: checked by content, sanitised, stored under a generated name
    outside any public URL, and served only by a view that checks access."""

    # None: uploaded through a signed link by someone without an account (the consumer of a
    # Libro de Reclamaciones sheet); the subject's access rule alone decides who reads it.
    subido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="archivos_subidos",
    )
    categoria = models.CharField(_("categoría"), max_length=40, blank=True)
    nombre_original = models.CharField(_("nombre original"), max_length=255)
    archivo = models.FileField(_("archivo"), max_length=200)
    tipo_contenido = models.CharField(_("tipo de contenido"), max_length=60)
    tamano = models.PositiveIntegerField(_("tamaño en bytes"))
    sha256 = models.CharField(_("SHA-256 del archivo guardado"), max_length=64)
    sha256_original = models.CharField(_("SHA-256 del archivo recibido"), max_length=64)
    sujeto_tipo = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sujeto_id = models.PositiveBigIntegerField(null=True, blank=True)
    sujeto = GenericForeignKey("sujeto_tipo", "sujeto_id")
    creado_en = models.DateTimeField(_("subido"), default=timezone.now)

    class Meta:
        verbose_name = _("archivo subido")
        verbose_name_plural = _("archivos subidos")
        ordering = ["creado_en", "pk"]
        indexes = [models.Index(fields=["sujeto_tipo", "sujeto_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(sujeto_tipo__isnull=True, sujeto_id__isnull=True)
                | Q(sujeto_tipo__isnull=False, sujeto_id__isnull=False),
                name="archivo_sujeto_completo",
            )
        ]

    def __str__(self):
        return self.nombre_original

    def get_absolute_url(self):
        return reverse("documentos:archivo", args=[self.pk])
