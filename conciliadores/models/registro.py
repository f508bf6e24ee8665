"""The registry of conciliators (D202-I.4): the profile, licences (D202-I.7), sanctions that
block designation (D202-II.4, II.5, II.15) and refusals to intervene (D202-II.4 g)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Modalidad(models.TextChoices):
    PRESENCIAL = "presencial", _("Presencial")
    VIDEO = "video", _("Videoconferencia")


class Conciliador(models.Model):
    class Tipo(models.TextChoices):
        # D202-I.4 a: members of the Registro Nacional de Mediación; act in CABA.
        REGISTRO_MEDIACION = "a", _("Registro Nacional de Mediación (art. 4 a)")
        # D202-I.4 b: authorised by the Secretaría de Comercio; only in the offices it sets.
        SECRETARIA = "b", _("Autorizado por la Secretaría de Comercio (art. 4 b)")

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="perfil_conciliador",
        limit_choices_to={"rol": "conciliador"},
    )
    matricula = models.CharField(_("matrícula"), max_length=20, unique=True)
    tipo = models.CharField(_("tipo"), max_length=1, choices=Tipo.choices)
    oficinas = models.ManyToManyField(
        "cuentas.Organizacion",
        verbose_name=_("oficinas"),
        blank=True,
        related_name="conciliadores",
        limit_choices_to={"tipo": "oficina"},
    )
    # Names as people write them ("CABA", "Córdoba"); compared normalised (jurisdicciones.py).
    jurisdicciones = models.JSONField(_("jurisdicciones"), default=list)
    modalidades = models.JSONField(_("modalidades"), default=list)
    domicilio_profesional = models.CharField(_("domicilio profesional"), max_length=300)
    telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    email_contacto = models.EmailField(
        _("correo de contacto"),
        blank=True,
        help_text=_("El que reciben las partes al ser designado. Si está vacío, el de la cuenta."),
    )
    activo = models.BooleanField(_("activo en el registro"), default=True)
    alta_en = models.DateField(_("alta en el registro"), default=datetime.date.today)
    actualizado_en = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("conciliador")
        verbose_name_plural = _("conciliadores")
        ordering = ["matricula"]

    def __str__(self):
        return f"{self.nombre} (mat. {self.matricula})"

    @property
    def nombre(self) -> str:
        return self.usuario.nombre_completo or self.usuario.email

    @property
    def email_para_partes(self) -> str:
        return self.email_contacto or self.usuario.email

    def get_modalidades_display(self) -> str:
        nombres = dict(Modalidad.choices)
        return ", ".join(str(nombres.get(m, m)) for m in self.modalidades)


class Licencia(models.Model):
    """Requested in writing with reasons; the registry decides (D202-I.7). Approved, it blocks the
    three designation methods on every day of its range (both ends included)."""

    class Estado(models.TextChoices):
        SOLICITADA = "solicitada", _("Solicitada")
        APROBADA = "aprobada", _("Aprobada")
        RECHAZADA = "rechazada", _("Rechazada")
        CANCELADA = "cancelada", _("Cancelada")

    conciliador = models.ForeignKey(Conciliador, on_delete=models.PROTECT, related_name="licencias")
    desde = models.DateField(_("desde"))
    hasta = models.DateField(_("hasta"))
    motivo = models.TextField(_("motivo"))
    estado = models.CharField(max_length=12, choices=Estado.choices, default=Estado.SOLICITADA)
    solicitada_en = models.DateTimeField(default=timezone.now)
    solicitada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decidida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decidida_en = models.DateTimeField(null=True, blank=True)
    observacion = models.TextField(_("observación"), blank=True)

    class Meta:
        verbose_name = _("licencia")
        verbose_name_plural = _("licencias")
        ordering = ["-desde", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hasta__gte=models.F("desde")), name="licencia_rango")
        ]

    def __str__(self):
        return f"{self.conciliador} {self.desde:%d/%m/%Y}–{self.hasta:%d/%m/%Y}"


class SancionQuerySet(models.QuerySet):
    def vigentes_en(self, fecha: datetime.date):
        """Sanctions that bar designation on `fecha`: started, not ended, not lifted."""
        return (
            self.filter(desde__lte=fecha)
            .filter(Q(hasta__isnull=True) | Q(hasta__gte=fecha))
            .filter(Q(levantada_el__isnull=True) | Q(levantada_el__gt=fecha))
        )


class Sancion(models.Model):
    class Tipo(models.TextChoices):
        # D202-II.4: 5 calendar days to 1 year from reliable notice.
        SUSPENSION = "suspension", _("Suspensión")
        # D202-II.5; lifted only by rehabilitation (D202-II.6).
        EXCLUSION = "exclusion", _("Exclusión")
        # D202-II.15: until the disciplinary case is resolved.
        SUSPENSION_PREVENTIVA = "preventiva", _("Suspensión preventiva")

    conciliador = models.ForeignKey(Conciliador, on_delete=models.PROTECT, related_name="sanciones")
    tipo = models.CharField(_("tipo"), max_length=12, choices=Tipo.choices)
    desde = models.DateField(_("desde"))
    hasta = models.DateField(_("hasta"), null=True, blank=True)
    causal = models.CharField(_("causal"), max_length=200)
    resolucion = models.CharField(_("acto que la dispone"), max_length=200)
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registrada_en = models.DateTimeField(default=timezone.now)
    levantada_el = models.DateField(_("levantada el"), null=True, blank=True)
    levantada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    motivo_levantamiento = models.TextField(blank=True)
    # D202-II.6: an exclusion lifted by rehabilitation (granted once only).
    rehabilitacion = models.BooleanField(_("levantada por rehabilitación"), default=False)

    objects = SancionQuerySet.as_manager()

    class Meta:
        verbose_name = _("sanción")
        verbose_name_plural = _("sanciones")
        ordering = ["-desde", "-pk"]
        # AR-D9: the suspensions of the last 5 years (art. 5 a).
        indexes = [models.Index(fields=["tipo", "desde", "conciliador"], name="sancion_ventana")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(tipo="suspension") | Q(hasta__isnull=False),
                name="suspension_con_fin",
            ),
            models.CheckConstraint(
                condition=Q(hasta__isnull=True) | Q(hasta__gte=models.F("desde")),
                name="sancion_rango",
            ),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} de {self.conciliador}"


class Rechazo(models.Model):
    """A proposed or chosen conciliator declined to intervene. Unjustified refusals count toward
    D202-II.4 g (more than 3 in the calendar year is a suspension ground)."""

    conciliador = models.ForeignKey(Conciliador, on_delete=models.PROTECT, related_name="rechazos")
    reclamo = models.ForeignKey("reclamos.Reclamo", on_delete=models.PROTECT, related_name="+")
    propuesta = models.OneToOneField(
        "conciliadores.Propuesta",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rechazo",
    )
    en = models.DateTimeField(default=timezone.now)
    anio = models.PositiveSmallIntegerField(_("año calendario"))
    motivo = models.TextField(_("motivo"))
    causal = models.CharField(_("causal de excusación"), max_length=8, blank=True)
    justificado = models.BooleanField(_("con causa justificada"))
    recalificado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recalificado_en = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rechazo")
        verbose_name_plural = _("rechazos")
        ordering = ["-en", "-pk"]
        indexes = [
            models.Index(fields=["conciliador", "anio", "justificado"]),
            # AR-D9: the refusals of a calendar year across the registry (art. 4 g).
            models.Index(fields=["anio", "justificado", "conciliador"], name="rechazo_ventana"),
            # The conciliator's file in the registry: refusals newest first (issue 13).
            models.Index(fields=["conciliador", "-en", "-id"], name="rechazo_conciliador_reciente"),
        ]

    def __str__(self):
        return f"{self.conciliador} rechazó {self.reclamo}"
