"""Hearings of a claim (D202-I.7, I.9, I.10, I.11; S000): the conciliators' availability, the
hearing fixed at a slot, the cédula served to each provider, attendance, and the agreement signed
at the hearing.

No double booking, ever: a conciliator holds at most one active hearing per start time and a claim
at most one pending hearing. Both are partial unique indexes, which SQLite enforces too; overlaps
of different start times are refused by the booking service under a row lock on the conciliator.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conciliadores.models import Modalidad


class FranjaSemanal(models.Model):
    """Recurring weekly hours in which a conciliator takes hearings, cut into slots of
    `duracion_minutos` separated by `intervalo_minutos` (the buffer between hearings)."""

    class Dia(models.IntegerChoices):
        LUNES = 0, _("lunes")
        MARTES = 1, _("martes")
        MIERCOLES = 2, _("miércoles")
        JUEVES = 3, _("jueves")
        VIERNES = 4, _("viernes")
        SABADO = 5, _("sábado")
        DOMINGO = 6, _("domingo")

    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.CASCADE, related_name="franjas"
    )
    dia_semana = models.PositiveSmallIntegerField(_("día"), choices=Dia.choices)
    desde = models.TimeField(_("desde"))
    hasta = models.TimeField(_("hasta"))
    duracion_minutos = models.PositiveSmallIntegerField(_("duración de cada audiencia"), default=60)
    intervalo_minutos = models.PositiveSmallIntegerField(_("intervalo entre audiencias"), default=0)
    modalidad = models.CharField(_("modalidad"), max_length=12, choices=Modalidad.choices)
    # In person: the conciliator's office or agency premises (an organisation of kind oficina).
    oficina = models.ForeignKey(
        "cuentas.Organizacion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sede de la autoridad"),
    )
    lugar = models.CharField(_("lugar"), max_length=300, blank=True)
    vigente_desde = models.DateField(_("vigente desde"), default=timezone.localdate)
    vigente_hasta = models.DateField(_("vigente hasta"), null=True, blank=True)
    publicada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    creada_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("franja semanal")
        verbose_name_plural = _("franjas semanales")
        ordering = ["conciliador", "dia_semana", "desde"]
        constraints = [
            models.CheckConstraint(condition=Q(hasta__gt=models.F("desde")), name="franja_rango"),
            models.CheckConstraint(condition=Q(duracion_minutos__gt=0), name="franja_duracion"),
        ]

    def __str__(self):
        return f"{self.get_dia_semana_display()} {self.desde:%H:%M}–{self.hasta:%H:%M}"


class TurnoPuntual(models.Model):
    """A one-off slot the conciliator (or staff, for agency premises) publishes."""

    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.CASCADE, related_name="turnos_puntuales"
    )
    inicio = models.DateTimeField(_("inicio"))
    duracion_minutos = models.PositiveSmallIntegerField(_("duración"), default=60)
    modalidad = models.CharField(_("modalidad"), max_length=12, choices=Modalidad.choices)
    oficina = models.ForeignKey(
        "cuentas.Organizacion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lugar = models.CharField(_("lugar"), max_length=300, blank=True)
    publicado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    creado_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("turno puntual")
        verbose_name_plural = _("turnos puntuales")
        ordering = ["inicio"]
        constraints = [
            models.UniqueConstraint(
                fields=["conciliador", "inicio"], name="turno_puntual_unico_por_inicio"
            )
        ]

    def __str__(self):
        return f"{timezone.localtime(self.inicio):%d/%m/%Y %H:%M} ({self.conciliador})"


class Bloqueo(models.Model):
    """Days a conciliator takes no hearings (both ends included)."""

    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.CASCADE, related_name="bloqueos"
    )
    desde = models.DateField(_("desde"))
    hasta = models.DateField(_("hasta"))
    motivo = models.CharField(_("motivo"), max_length=200, blank=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    creado_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("día bloqueado")
        verbose_name_plural = _("días bloqueados")
        constraints = [
            models.CheckConstraint(condition=Q(hasta__gte=models.F("desde")), name="bloqueo_rango")
        ]

    def __str__(self):
        return f"{self.desde:%d/%m/%Y}–{self.hasta:%d/%m/%Y}"


class Audiencia(models.Model):
    """A hearing of a claim. `FIJADA` is the only pending state; a held hearing records its
    outcome; a cancelled or rescheduled one stays as history (rescheduling creates a new row)."""

    class Estado(models.TextChoices):
        FIJADA = "fijada", _("Fijada")
        CELEBRADA = "celebrada", _("Celebrada")
        CANCELADA = "cancelada", _("Cancelada")
        REPROGRAMADA = "reprogramada", _("Reprogramada")

    class Resultado(models.TextChoices):
        ACUERDO = "acuerdo", _("Acuerdo")
        SIN_ACUERDO = "sin_acuerdo", _("Sin acuerdo")
        NUEVA_AUDIENCIA = "nueva_audiencia", _("Nueva audiencia (cuarto intermedio)")
        INCOMPARECENCIA_PROVEEDOR = "incomparecencia_proveedor", _("Incomparecencia del proveedor")
        INCOMPARECENCIA_CONSUMIDOR = (
            "incomparecencia_consumidor",
            _("Incomparecencia del consumidor"),
        )
        EXCEDE_TOPE = "excede_tope", _("Remitido por exceder el tope")

    reclamo = models.ForeignKey(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="audiencias"
    )
    # Who conducts it, as the claim's régimen says (Regimen.audiencias.conduce): a registered
    # conciliator (COPREC) or the agency's official who convened it (Reclama Virtual, S001).
    # Exactly one of the two is set.
    conciliador = models.ForeignKey(
        "conciliadores.Conciliador",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audiencias",
    )
    funcionario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audiencias_conducidas",
        verbose_name=_("funcionario/a que la conduce"),
    )
    orden = models.PositiveSmallIntegerField(_("número de audiencia"), default=1)
    inicio = models.DateTimeField(_("día y hora"))
    duracion_minutos = models.PositiveSmallIntegerField(_("duración"), default=60)
    modalidad = models.CharField(_("modalidad"), max_length=12, choices=Modalidad.choices)
    lugar = models.CharField(_("lugar"), max_length=300, blank=True)
    # In person at one of the agency's offices: that office, carried from the slot it was booked
    # in (`lugar` is only the text the cédula shows; None: a conciliator's own office or video).
    oficina = models.ForeignKey(
        "cuentas.Organizacion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sede de la autoridad"),
    )
    enlace_video = models.URLField(_("enlace de la videoconferencia"), blank=True)
    estado = models.CharField(max_length=14, choices=Estado.choices, default=Estado.FIJADA)
    resultado = models.CharField(max_length=30, choices=Resultado.choices, blank=True)
    # AR-07 overrun: no slot was free within the term to hold the first hearing (flag to staff).
    fuera_de_plazo = models.BooleanField(_("fuera del plazo para celebrarla"), default=False)
    fijada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    fijada_en = models.DateTimeField(default=timezone.now)
    # The consumer's notice of the hearing (D202-I.10: 3 days ahead "en todos los casos"):
    # "presente" when the consumer booked it, "electronica" to a constituted e-mail (deemed
    # served the next day), "fehaciente" by reliable means to the real domicile (date recorded
    # with its proof). Empty for hearings the régimen notifies otherwise (Peru's invitations).
    consumidor_via = models.CharField(_("notificación al consumidor"), max_length=12, blank=True)
    consumidor_notificado_el = models.DateField(
        _("consumidor notificado el"), null=True, blank=True
    )
    consumidor_en_termino = models.BooleanField(null=True)
    consumidor_constancia = models.ForeignKey(
        "documentos.ArchivoSubido",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    consumidor_medio = models.CharField(max_length=120, blank=True)
    reemplaza = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reemplazada_por"
    )
    # D202-I.2 (decision 0026): the hearing of a joined claim is its share of the lead claim's
    # hearing (same conciliator, time and room). Each claim keeps its own row (its cédulas,
    # attendance and outcome); one acta covers them all.
    conjunta_con = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conjuntas",
        verbose_name=_("audiencia conjunta del reclamo principal"),
    )
    cancelada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    motivo_cancelacion = models.TextField(_("motivo"), blank=True)
    celebrada_en = models.DateTimeField(null=True, blank=True)
    observaciones = models.TextField(_("observaciones"), blank=True)
    # D202-I.11: confidentiality may be waived only when every participant signs it.
    dispensa_confidencialidad = models.BooleanField(default=False)
    # Calendar invites: stable UID, SEQUENCE bumped on every change (RFC 5545).
    uid_ics = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    secuencia_ics = models.PositiveIntegerField(default=0)
    recordatorio_enviado = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("audiencia")
        verbose_name_plural = _("audiencias")
        ordering = ["reclamo", "inicio"]
        constraints = [
            models.UniqueConstraint(
                fields=["conciliador", "inicio"],
                condition=Q(estado="fijada", conjunta_con__isnull=True),
                name="audiencia_conciliador_turno_unico",
                violation_error_message=_("Ese turno acaba de ser tomado; elegí otro."),
            ),
            models.UniqueConstraint(
                fields=["reclamo"],
                condition=Q(estado="fijada"),
                name="audiencia_pendiente_unica_por_reclamo",
                violation_error_message=_("El reclamo ya tiene una audiencia pendiente."),
            ),
            models.UniqueConstraint(
                fields=["funcionario", "inicio"],
                condition=Q(estado="fijada"),
                name="audiencia_funcionario_turno_unico",
                violation_error_message=_("Ya tiene otra audiencia convocada a esa hora."),
            ),
            models.CheckConstraint(
                condition=Q(conciliador__isnull=False, funcionario__isnull=True)
                | Q(conciliador__isnull=True, funcionario__isnull=False),
                name="audiencia_la_conduce_una_persona",
            ),
        ]
        indexes = [
            models.Index(fields=["estado", "inicio"]),
            # The conciliator's fixed hearings in "Mi agenda", soonest first (issue 13).
            models.Index(
                fields=["conciliador", "inicio", "id"],
                condition=Q(estado="fijada"),
                name="audiencia_fijada_conciliador",
            ),
            # A claim's hearings by cursor in the API, first to last (issue 13).
            models.Index(fields=["reclamo", "inicio", "id"], name="audiencia_del_reclamo"),
        ]

    def __str__(self):
        cuando = timezone.localtime(self.inicio)
        return f"{self.reclamo} — audiencia {self.orden} ({cuando:%d/%m/%Y %H:%M})"

    @property
    def fin(self):
        return self.inicio + datetime.timedelta(minutes=self.duracion_minutos)

    @property
    def conducida_por(self):
        """The user who conducts the hearing (the conciliator's account or the official)."""
        return self.conciliador.usuario if self.conciliador_id else self.funcionario

    @property
    def nombre_de_quien_conduce(self) -> str:
        if self.conciliador_id:
            return self.conciliador.nombre
        return self.funcionario.nombre_completo or self.funcionario.email


class Cedula(models.Model):
    """The notice of a hearing to one provider (D202-I.10, DOMAIN §4.3) and its service.

    Electronic when the provider registered an electronic domicile (deemed served the next day,
    Decision 3); otherwise by reliable means at the registered domicile, whoever served it (the
    agency in method a, the conciliator in b/c) recording how, when and the uploaded proof."""

    class Via(models.TextChoices):
        ELECTRONICA = "electronica", _("Domicilio electrónico")
        FEHACIENTE = "fehaciente", _("Medio fehaciente en el domicilio registrado")

    audiencia = models.ForeignKey(Audiencia, on_delete=models.PROTECT, related_name="cedulas")
    proveedor = models.ForeignKey(
        "reclamos.ReclamoProveedor", on_delete=models.PROTECT, related_name="cedulas"
    )
    documento = models.OneToOneField(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    via = models.CharField(_("vía"), max_length=12, choices=Via.choices)
    domicilio = models.CharField(_("domicilio de notificación"), max_length=300)
    notificacion = models.ForeignKey(
        "notificaciones.Notificacion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    emitida_en = models.DateTimeField(default=timezone.now)
    # The (deemed or proven) service date; the 3-day check (AR-09) counts from it.
    notificada_el = models.DateField(_("notificada el"), null=True, blank=True)
    medio = models.CharField(_("medio utilizado"), max_length=120, blank=True)
    constancia = models.ForeignKey(
        "documentos.ArchivoSubido",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("constancia de notificación"),
    )
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registrada_en = models.DateTimeField(null=True, blank=True)
    # Computed by the service when the service date is known: ≥ 3 business days strictly between
    # service and hearing (Decision 4). Only a valid cédula can lead to a fine (Decision 11).
    en_termino = models.BooleanField(null=True)
    # A cancelled or replaced hearing's cédula is void: the provider is told; it is never served.
    anulada_en = models.DateTimeField(_("anulada el"), null=True, blank=True)
    motivo_anulacion = models.CharField(_("motivo de la anulación"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("cédula")
        verbose_name_plural = _("cédulas")
        constraints = [
            models.UniqueConstraint(
                fields=["audiencia", "proveedor"], name="cedula_unica_por_audiencia_y_proveedor"
            )
        ]

    def __str__(self):
        return f"Cédula a {self.proveedor} — {self.audiencia}"

    @property
    def destinatario(self) -> str:
        """The addressee as issued, read from the document's snapshot. An art. 11 redirect
        rewrites the claim's provider row, but a cédula stays addressed to whom it was served."""
        if self.documento is not None:
            razon_social = self.documento.snapshot.get("destinatario", {}).get("razon_social")
            if razon_social:
                return razon_social
        return self.proveedor.razon_social


class Asistencia(models.Model):
    """Who attended a hearing, how, and in what capacity (D202-I.11, DOMAIN §4.4)."""

    class Parte(models.TextChoices):
        CONSUMIDOR = "consumidor", _("Consumidor")
        PROVEEDOR = "proveedor", _("Proveedor")

    class Caracter(models.TextChoices):
        PERSONAL = "personal", _("Por derecho propio")
        APODERADO = "apoderado", _("Apoderado")
        REPRESENTANTE_LEGAL = "representante_legal", _("Representante legal")
        LETRADO = "letrado", _("Letrado patrocinante")

    audiencia = models.ForeignKey(Audiencia, on_delete=models.CASCADE, related_name="asistencias")
    parte = models.CharField(max_length=12, choices=Parte.choices)
    proveedor = models.ForeignKey(
        "reclamos.ReclamoProveedor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A further consumer of the claim (litisconsorcio, decision 0026): attendance per consumer.
    coreclamante = models.ForeignKey(
        "reclamos.CoReclamante",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comparecio = models.BooleanField(_("compareció"))
    modo = models.CharField(_("modo"), max_length=12, choices=Modalidad.choices, blank=True)
    nombre = models.CharField(_("nombre de quien asistió"), max_length=200, blank=True)
    documento_identidad = models.CharField(_("documento"), max_length=30, blank=True)
    caracter = models.CharField(_("carácter"), max_length=20, choices=Caracter.choices, blank=True)
    # Art. 11: the representative proves the power at the first hearing; the conciliator checks
    # standing, the principal's domicile and the power to settle, and keeps the copy.
    poder_legitimacion = models.BooleanField(default=False)
    poder_domicilio_mandante = models.BooleanField(default=False)
    poder_facultad_transigir = models.BooleanField(default=False)
    poder_copia = models.ForeignKey(
        "documentos.ArchivoSubido",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("asistencia")
        verbose_name_plural = _("asistencias")
        constraints = [
            models.UniqueConstraint(
                fields=["audiencia", "parte"],
                condition=Q(proveedor__isnull=True, coreclamante__isnull=True),
                name="asistencia_unica_del_consumidor",
            ),
            models.UniqueConstraint(
                fields=["audiencia", "coreclamante"],
                condition=Q(coreclamante__isnull=False),
                name="asistencia_unica_por_coreclamante",
            ),
            models.UniqueConstraint(
                fields=["audiencia", "proveedor"],
                condition=Q(proveedor__isnull=False),
                name="asistencia_unica_por_proveedor",
            ),
        ]

    def __str__(self):
        return f"{self.get_parte_display()}: {'compareció' if self.comparecio else 'no compareció'}"


class Acuerdo(models.Model):
    """The agreement reached at a hearing (DOMAIN §4.5, Decision 12): the acta every party signs.
    Amended versions after homologation observations are new rows pointing at the previous one."""

    audiencia = models.ForeignKey(Audiencia, on_delete=models.PROTECT, related_name="acuerdos")
    reclamo = models.ForeignKey(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="acuerdos"
    )
    terminos = models.TextField(_("términos del acuerdo"))
    monto_total = models.DecimalField(
        _("suma acordada"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # [{"descripcion", "monto", "fecha_cumplimiento" (ISO date), "a_cargo"}]; each obligation has
    # its compliance date (required for homologation).
    obligaciones = models.JSONField(_("obligaciones"), default=list)
    honorarios_a_cargo = models.CharField(
        _("honorarios del conciliador a cargo de"), max_length=20, default="proveedor"
    )
    requiere_ratificacion = models.BooleanField(default=False)
    documento = models.OneToOneField(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveSmallIntegerField(default=1)
    reemplaza = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reemplazado_por"
    )
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    creado_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("acuerdo")
        verbose_name_plural = _("acuerdos")
        ordering = ["reclamo", "version"]
        constraints = [
            models.UniqueConstraint(fields=["reclamo", "version"], name="acuerdo_version_unica")
        ]

    def __str__(self):
        return f"Acuerdo v{self.version} — {self.reclamo}"


class Firma(models.Model):
    """A party's signature of an agreement acta: in person (recorded by the conciliator) or online
    after re-authentication, with the SHA-256 of the signed document (Decision 12)."""

    class Metodo(models.TextChoices):
        PRESENCIAL = "presencial", _("En la audiencia presencial")
        EN_LINEA = "en_linea", _("En línea, tras reautenticarse")

    acuerdo = models.ForeignKey(Acuerdo, on_delete=models.PROTECT, related_name="firmas")

    class Parte(models.TextChoices):
        CONSUMIDOR = "consumidor", _("Consumidor")
        PROVEEDOR = "proveedor", _("Proveedor")
        CONCILIADOR = "conciliador", _("Conciliador")

    parte = models.CharField(max_length=12, choices=Parte.choices)
    proveedor = models.ForeignKey(
        "reclamos.ReclamoProveedor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    coreclamante = models.ForeignKey(
        "reclamos.CoReclamante",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nombre = models.CharField(max_length=200)
    metodo = models.CharField(max_length=12, choices=Metodo.choices)
    sha256 = models.CharField(_("hash del documento firmado"), max_length=64)
    en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("firma")
        verbose_name_plural = _("firmas")
        constraints = [
            models.UniqueConstraint(
                fields=["acuerdo", "parte"],
                condition=Q(proveedor__isnull=True, coreclamante__isnull=True),
                name="firma_unica_sin_proveedor",
            ),
            models.UniqueConstraint(
                fields=["acuerdo", "coreclamante"],
                condition=Q(coreclamante__isnull=False),
                name="firma_unica_por_coreclamante",
            ),
            models.UniqueConstraint(
                fields=["acuerdo", "proveedor"],
                condition=Q(proveedor__isnull=False),
                name="firma_unica_por_proveedor",
            ),
        ]

    def __str__(self):
        return f"Firma de {self.nombre} ({self.get_metodo_display()})"


class FirmaActa(models.Model):
    """A party's online signature of the acta of a hearing an agency official conducted (the
    mediation procedure): the same express act as the conformidad with a proposal — password
    re-entered and the SHA-256 of the exact acta PDF shown (docs/decisions/0009)."""

    audiencia = models.ForeignKey(Audiencia, on_delete=models.PROTECT, related_name="firmas_acta")
    acta = models.ForeignKey("documentos.Documento", on_delete=models.PROTECT, related_name="+")
    parte = models.CharField(max_length=12, choices=Asistencia.Parte.choices)
    proveedor = models.ForeignKey(
        "reclamos.ReclamoProveedor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    nombre = models.CharField(max_length=200)
    sha256 = models.CharField(_("SHA-256 del acta firmada"), max_length=64)
    en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("firma del acta")
        verbose_name_plural = _("firmas del acta")
        ordering = ["acta", "en"]
        constraints = [
            models.UniqueConstraint(
                fields=["acta", "parte"],
                condition=Q(proveedor__isnull=True),
                name="firma_acta_unica_sin_proveedor",
            ),
            models.UniqueConstraint(
                fields=["acta", "proveedor"],
                condition=Q(proveedor__isnull=False),
                name="firma_acta_unica_por_proveedor",
            ),
        ]

    def __str__(self):
        return f"Firma del acta de {self.nombre}"


class RevisionHomologacion(models.Model):
    """One round of the homologation unit's review of an agreement (D202-I.12, I.14): the art. 12
    checklist, the decision and its reasons. Every round is kept."""

    class Decision(models.TextChoices):
        HOMOLOGADO = "homologado", _("Homologado")
        OBSERVADO = "observado", _("Observado")
        DENEGADO = "denegado", _("Denegado")

    acuerdo = models.ForeignKey(Acuerdo, on_delete=models.PROTECT, related_name="revisiones")
    decision = models.CharField(max_length=12, choices=Decision.choices)
    # {"a": bool, "b": bool, "c": bool, "d": bool, "e": bool}: staff's answer to each item.
    lista = models.JSONField(_("lista de control del art. 12"), default=dict)
    # What the portal checked for (b) and computed for (d) when the decision was taken.
    verificaciones = models.JSONField(default=dict)
    fundamentos = models.TextField(_("fundamentos u observaciones"), blank=True)
    documento = models.OneToOneField(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decidido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decidido_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("revisión de homologación")
        verbose_name_plural = _("revisiones de homologación")
        ordering = ["acuerdo", "decidido_en"]

    def __str__(self):
        return f"{self.get_decision_display()} — {self.acuerdo}"


class InformeDeCierre(models.Model):
    """The conciliator's report of a closure without agreement to the Secretaría (D202-I.17,
    AR-14): parties, reason, amount, result and any other data. One per closed claim; a late
    report is still accepted and its lateness recorded (the registry sees it, nothing is
    sanctioned on its own: DOMAIN Q18)."""

    reclamo = models.OneToOneField(
        "reclamos.Reclamo", on_delete=models.PROTECT, related_name="informe_de_cierre"
    )
    conciliador = models.ForeignKey(
        "conciliadores.Conciliador", on_delete=models.PROTECT, related_name="informes_de_cierre"
    )
    # a) [{"parte": "consumidor"|"proveedor", "nombre", "identificador"}], from the record.
    partes = models.JSONField(_("partes del conflicto"), default=list)
    motivo = models.TextField(_("motivo del reclamo"))
    monto = models.DecimalField(
        _("monto del reclamo"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    resultado = models.TextField(_("resultado de la conciliación"))
    otros = models.TextField(_("otra información"), blank=True)
    fuera_de_plazo = models.BooleanField(_("presentado fuera de plazo"), default=False)
    documento = models.OneToOneField(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    presentado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    presentado_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("informe de cierre")
        verbose_name_plural = _("informes de cierre")

    def __str__(self):
        return f"Informe de cierre — {self.reclamo}"
