"""The claim (Reclamo), its parties, the append-only expediente (Actuacion), joint procedures,
pauses and the log of staff views of personal data."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from normativa.regimenes.coprec import COPREC
from reclamos.estados import Estado, etiqueta_estado


class MetodoDesignacion(models.TextChoices):
    SORTEO = "a", _("Sorteo (gratuito para el consumidor)")
    ACUERDO = "b", _("Acuerdo con el proveedor")
    ELECCION = "c", _("Elección del consumidor")


class Reclamo(models.Model):
    numero = models.CharField(_("número"), max_length=40, unique=True, null=True, blank=True)
    regimen_codigo = models.CharField(_("régimen"), max_length=20, default=COPREC.codigo)
    regimen_version = models.CharField(_("versión del régimen"), max_length=20, default="2015")
    estado = models.CharField(
        _("estado"), max_length=30, choices=Estado.choices, default=Estado.BORRADOR
    )
    consumidor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reclamos"
    )
    cargado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reclamos_cargados",
        help_text=_("Personal que lo cargó en una oficina."),
    )
    oficina = models.ForeignKey(
        "cuentas.Organizacion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The consumer's data as filed (a snapshot: the account may change later).
    consumidor_nombre = models.CharField(_("nombre"), max_length=120, blank=True)
    consumidor_apellido = models.CharField(_("apellido"), max_length=120, blank=True)
    consumidor_dni = models.CharField(_("DNI"), max_length=12, blank=True)
    consumidor_domicilio = models.CharField(_("domicilio real"), max_length=300, blank=True)
    consumidor_email = models.EmailField(_("correo constituido para notificaciones"), blank=True)
    consumidor_telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    hechos = models.TextField(_("qué pasó"), blank=True)
    objeto = models.TextField(_("qué reclamás"), blank=True)
    monto = models.DecimalField(
        _("monto reclamado"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    monto_indeterminado = models.BooleanField(
        _("declaración jurada de que no supera el tope"), default=False
    )
    lugar = models.CharField(_("lugar elegido (art. 5)"), max_length=120, blank=True)
    metodo_designacion = models.CharField(
        _("forma de designar al conciliador"),
        max_length=1,
        choices=MetodoDesignacion.choices,
        blank=True,
    )
    valor_tope_unidad = models.DecimalField(
        _("valor de la unidad del tope a la presentación"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    tope = models.DecimalField(
        _("tope a la presentación"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    paso_borrador = models.CharField(max_length=30, blank=True)
    creado_en = models.DateTimeField(default=timezone.now)
    presentado_en = models.DateTimeField(null=True, blank=True)
    actualizado_en = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reclamo")
        verbose_name_plural = _("reclamos")
        indexes = [
            models.Index(fields=["estado", "presentado_en"]),
            models.Index(fields=["consumidor", "estado"]),
            # Every list's order (newest first) walks an index, with id last so a cursor names
            # one row.
            models.Index(fields=["-presentado_en", "-id"], name="reclamo_presentado_desc"),
            models.Index(
                fields=["regimen_codigo", "-presentado_en", "-id"], name="reclamo_regimen_fecha"
            ),
            models.Index(
                fields=["consumidor", "-creado_en", "-id"], name="reclamo_consumidor_fecha"
            ),
            # The admission queue: only the few claims it can show (reclamos.selectors).
            models.Index(
                fields=["presentado_en", "id"],
                condition=Q(estado__in=["EN_ADMISION", "RECURSO_EN_TRAMITE", "REQUERIMIENTO"]),
                name="reclamo_cola_admision",
            ),
            models.Index(fields=["consumidor_dni"], name="reclamo_dni"),
            # The homologation queue (audiencias.views.homologacion.cola), oldest elevated first.
            models.Index(
                fields=["actualizado_en", "id"],
                condition=Q(estado="EN_HOMOLOGACION"),
                name="reclamo_cola_homologacion",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(monto__isnull=True) | Q(monto__gt=0), name="reclamo_monto_positivo"
            ),
            models.CheckConstraint(
                condition=Q(estado="BORRADOR") | Q(numero__isnull=False),
                name="reclamo_presentado_tiene_numero",
            ),
        ]

    def __str__(self):
        return self.numero or f"Borrador {self.pk}"

    def get_estado_display(self) -> str:
        """The label from a table built once per language (reclamos.estados.etiqueta_estado)."""
        return etiqueta_estado(self.estado)

    @property
    def regimen(self):
        from normativa.regimenes import obtener

        return obtener(self.regimen_codigo)


def copiar_fecha_de_presentacion(fila, kwargs: dict) -> None:
    """For a row that keeps a copy of its claim's filing date so a party's list walks its own
    index (ReclamoProveedor, decision 0033; conciliadores' Designacion, decision 0041): taken
    from the claim when still unset, and added to `kwargs`' update_fields if the save names
    them. Call from the row's save()."""
    if fila.presentado_en is None and fila.reclamo_id is not None:
        fila.presentado_en = fila.reclamo.presentado_en
        campos = kwargs.get("update_fields")
        if campos is not None and fila.presentado_en is not None:
            kwargs["update_fields"] = {*campos, "presentado_en"}


class ReclamoProveedor(models.Model):
    """A provider named in the claim, as the consumer identified it (CUIT, name, domicile)."""

    reclamo = models.ForeignKey(Reclamo, on_delete=models.CASCADE, related_name="proveedores")
    organizacion = models.ForeignKey(
        "cuentas.Organizacion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reclamos_recibidos",
    )
    tipo_identificador = models.CharField(max_length=4, default="CUIT")
    identificador = models.CharField(_("CUIT"), max_length=11)
    razon_social = models.CharField(_("razón social"), max_length=200)
    domicilio_legal = models.CharField(_("domicilio legal inscripto"), max_length=300)
    representante = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Quien representará al proveedor en el trámite."),
    )
    agregado_en = models.DateTimeField(default=timezone.now)
    # When the claim was served on this provider (the first hearing cédula, D202-I.10; in
    # mediation the agency's forwarding, S001). Until then the provider does not see the claim
    # (Decision 0015).
    citado_en = models.DateTimeField(_("citado el"), null=True, blank=True)
    # A copy of the claim's filing date (Reclamo.presentado_en), so a provider's list walks
    # its own index (proveedor_citado_fecha) newest first instead of every claim's (decision
    # 0033). Set on save from the claim and when the claim is filed (services.presentacion).
    presentado_en = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("proveedor reclamado")
        verbose_name_plural = _("proveedores reclamados")
        constraints = [
            models.UniqueConstraint(
                fields=["reclamo", "identificador"], name="proveedor_unico_por_reclamo"
            )
        ]
        indexes = [
            models.Index(fields=["identificador"]),
            # reclamos.permisos._citada: the provider's EXISTS, and its lists driven from here.
            models.Index(
                fields=["organizacion", "reclamo"],
                condition=Q(citado_en__isnull=False),
                name="proveedor_citado",
            ),
            # reclamos.selectors_proveedor: a provider's served claims, newest filed first.
            models.Index(
                fields=["organizacion", "-presentado_en", "-reclamo"],
                condition=Q(citado_en__isnull=False),
                name="proveedor_citado_fecha",
            ),
        ]

    def __str__(self):
        return f"{self.razon_social} ({self.identificador})"

    def save(self, *args, **kwargs):
        copiar_fecha_de_presentacion(self, kwargs)
        super().save(*args, **kwargs)


class ActuacionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("El expediente es inalterable: no se pueden modificar actuaciones.")

    def delete(self):
        raise PermissionError("El expediente es inalterable: no se pueden borrar actuaciones.")


class Actuacion(models.Model):
    """One act in the expediente. Append-only: written by services inside their transaction
    (reclamos.expediente), never updated nor deleted."""

    reclamo = models.ForeignKey(Reclamo, on_delete=models.PROTECT, related_name="actuaciones")
    codigo = models.CharField(_("acto"), max_length=60)
    por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rol = models.CharField(_("en carácter de"), max_length=20, blank=True)
    en = models.DateTimeField(_("fecha"), default=timezone.now)
    estado_desde = models.CharField(max_length=30, blank=True)
    estado_hacia = models.CharField(max_length=30, blank=True)
    texto = models.CharField(_("detalle"), max_length=300)
    datos = models.JSONField(default=dict, blank=True)
    fuente = models.CharField(_("fuente legal"), max_length=120, blank=True)
    visible_para_partes = models.BooleanField(default=True)

    objects = ActuacionQuerySet.as_manager()

    class Meta:
        verbose_name = _("actuación")
        verbose_name_plural = _("actuaciones")
        ordering = ["en", "pk"]
        indexes = [
            models.Index(fields=["reclamo", "en"]),
            # The admission decisions of a period (reclamos.services.demoras).
            models.Index(
                fields=["en"],
                condition=Q(estado_desde="EN_ADMISION"),
                name="actuacion_salida_admision",
            ),
            # Figures by kind of act over a period (the admission wait).
            models.Index(fields=["codigo", "en"], name="actuacion_codigo_en"),
            # The figures' refresh reads the acts written since its last run
            # (estadisticas/refresco.py).
            models.Index(fields=["en"], name="actuacion_en"),
        ]

    def __str__(self):
        return f"{self.codigo} {self.en:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError(
                "El expediente es inalterable: no se pueden modificar actuaciones."
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("El expediente es inalterable: no se pueden borrar actuaciones.")


class ContadorNumeracion(models.Model):
    """Last number handed out per prefix and year (locked while numbering)."""

    prefijo = models.CharField(max_length=20)
    anio = models.PositiveSmallIntegerField()
    ultimo = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefijo", "anio"], name="contador_unico")]

    def __str__(self):
        return f"{self.prefijo}-{self.anio}: {self.ultimo}"


class Acumulacion(models.Model):
    """A joint procedure (litisconsorcio, art. 2): claims on the same facts, connected titles and
    the same object. Each claim keeps its own number and cap check."""

    principal = models.ForeignKey(Reclamo, on_delete=models.PROTECT, related_name="acumulaciones")
    fundamento = models.TextField()
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    creada_en = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Acumulación {self.pk} (principal {self.principal})"


class MiembroAcumulacion(models.Model):
    acumulacion = models.ForeignKey(Acumulacion, on_delete=models.CASCADE, related_name="miembros")
    reclamo = models.ForeignKey(Reclamo, on_delete=models.PROTECT, related_name="membresias_acum")
    desde = models.DateTimeField(default=timezone.now)
    hasta = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reclamo"],
                condition=Q(hasta__isnull=True),
                name="reclamo_en_una_sola_acumulacion",
            )
        ]

    def __str__(self):
        return f"{self.reclamo} en {self.acumulacion_id}"


class CoReclamante(models.Model):
    """A further consumer in the same claim (litisconsorcio facultativo, D202-I.2; decision 0026):
    a party of their own, with their own notices, attendance and signature. The claim's consumer
    (Reclamo.consumidor) files and leads it; the claim keeps one number, one amount and one cap
    check (the cap applies per claim)."""

    reclamo = models.ForeignKey(Reclamo, on_delete=models.PROTECT, related_name="coreclamantes")
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coreclamos",
        help_text=_("Su cuenta en el portal, si la tiene (firma en línea y ve el reclamo)."),
    )
    nombre = models.CharField(_("nombre"), max_length=120)
    apellido = models.CharField(_("apellido"), max_length=120)
    dni = models.CharField(_("DNI"), max_length=12)
    email = models.EmailField(_("correo constituido para notificaciones"), blank=True)
    domicilio = models.CharField(_("domicilio real"), max_length=300, blank=True)
    agregado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agregado_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("co-reclamante")
        verbose_name_plural = _("co-reclamantes")
        ordering = ["reclamo", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["reclamo", "dni"], name="coreclamante_unico")
        ]
        indexes = [models.Index(fields=["usuario", "reclamo"], name="coreclamante_usuario")]

    def __str__(self):
        return f"{self.nombre} {self.apellido} (DNI {self.dni})"


class Pausa(models.Model):
    """A suspension of the procedure that is not a state (Decision 9): domicile search, legal
    assistance, recusación, over-cap review, ratification impediment, appeal pending."""

    class Tipo(models.TextChoices):
        BUSQUEDA_DOMICILIO = "busqueda_domicilio", _("Búsqueda del domicilio del proveedor")
        ASISTENCIA_LETRADA = "asistencia_letrada", _("Asistencia letrada")
        RECUSACION = "recusacion", _("Recusación en trámite")
        LIMITE_EN_REVISION = "limite_en_revision", _("Revisión del tope")
        RATIFICACION = "ratificacion", _("Impedimento para ratificar")

    reclamo = models.ForeignKey(Reclamo, on_delete=models.PROTECT, related_name="pausas")
    tipo = models.CharField(max_length=30, choices=Tipo.choices)
    motivo = models.TextField()
    desde = models.DateTimeField(default=timezone.now)
    hasta = models.DateTimeField(null=True, blank=True)
    abierta_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cerrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolucion = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reclamo", "tipo"],
                condition=Q(hasta__isnull=True),
                name="una_pausa_abierta_por_tipo",
            )
        ]
        indexes = [
            # The admission queue's "suspended for the over-cap review" flag and filter.
            models.Index(
                fields=["reclamo"],
                condition=Q(tipo="limite_en_revision", hasta__isnull=True),
                name="pausa_tope_abierta",
            )
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} ({self.reclamo})"


class AccesoPersonal(models.Model):
    """Every view of a claim's personal data by staff (who, when, which claim)."""

    reclamo = models.ForeignKey(Reclamo, on_delete=models.CASCADE, related_name="accesos")
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    en = models.DateTimeField(default=timezone.now)
    vista = models.CharField(max_length=60)

    class Meta:
        indexes = [models.Index(fields=["reclamo", "en"])]

    def __str__(self):
        return f"{self.usuario} vio {self.reclamo} ({self.vista})"


# --- Reclama Virtual-style mediation (DOMAIN §2.7, §7.2; seed 001) ---------------------------


class AdhesionMediacion(models.Model):
    """Registration to the mediation platform (S001 "¿Cómo registrarse?"). A natural person
    accepts its terms and an official validates their identity; a legal person uploads the terms
    signed by its representative and the documents proving its powers to represent and to
    conciliate (files on the Organizacion), which staff approve or observe. Every review is a
    RevisionAdhesion row."""

    class Tipo(models.TextChoices):
        NATURAL = "natural", _("Persona natural")
        JURIDICA = "juridica", _("Persona jurídica")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de revisión")
        OBSERVADA = "observada", _("Observada")
        ACTIVA = "activa", _("Activa")

    class Documento(models.TextChoices):
        DNI = "DNI", _("DNI")
        CE = "CE", _("Carné de extranjería")
        PASAPORTE = "PAS", _("Pasaporte")

    tipo = models.CharField(_("tipo de persona"), max_length=10, choices=Tipo.choices)
    regimen_codigo = models.CharField(_("régimen"), max_length=20)
    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adhesion_mediacion",
    )
    organizacion = models.OneToOneField(
        "cuentas.Organizacion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adhesion_mediacion",
    )
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.PENDIENTE
    )
    # What the natural person declared (the official checks it against the document).
    nombres = models.CharField(_("nombres"), max_length=120, blank=True)
    apellidos = models.CharField(_("apellidos"), max_length=120, blank=True)
    documento_tipo = models.CharField(
        _("tipo de documento"), max_length=3, choices=Documento.choices, blank=True
    )
    documento_numero = models.CharField(_("número de documento"), max_length=12, blank=True)
    telefono = models.CharField(_("teléfono de contacto"), max_length=40, blank=True)
    terminos_version = models.CharField(_("versión de los términos"), max_length=20)
    terminos_sha256 = models.CharField(_("SHA-256 de los términos aceptados"), max_length=64)
    terminos_aceptados_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    terminos_aceptados_en = models.DateTimeField(_("términos aceptados"))
    solicitada_en = models.DateTimeField(_("solicitada"), default=timezone.now)
    observacion = models.TextField(_("última observación"), blank=True)

    class Meta:
        verbose_name = _("registro en la plataforma de mediación")
        verbose_name_plural = _("registros en la plataforma de mediación")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(tipo="natural", usuario__isnull=False, organizacion__isnull=True)
                    | Q(tipo="juridica", usuario__isnull=True, organizacion__isnull=False)
                ),
                name="adhesion_natural_o_juridica",
            )
        ]
        indexes = [models.Index(fields=["estado", "tipo"])]

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.organizacion or self.usuario}"

    @property
    def activa(self) -> bool:
        return self.estado == self.Estado.ACTIVA


class RevisionAdhesion(models.Model):
    """One review of a registration: who, when, the decision and, for a natural person, which
    identity document was checked and how (S001: "realizaremos la validación de tu identidad").
    Append-only."""

    class Decision(models.TextChoices):
        APROBAR = "aprobar", _("Aprobar")
        OBSERVAR = "observar", _("Observar")

    class Medio(models.TextChoices):
        VIDEOLLAMADA = "videollamada", _("Videollamada")
        LLAMADA = "llamada", _("Llamada telefónica")
        PRESENCIAL = "presencial", _("En persona, en una sede")

    adhesion = models.ForeignKey(
        AdhesionMediacion, on_delete=models.PROTECT, related_name="revisiones"
    )
    decision = models.CharField(_("decisión"), max_length=10, choices=Decision.choices)
    observacion = models.TextField(_("observación"), blank=True)
    documento_tipo = models.CharField(
        _("documento verificado"),
        max_length=3,
        choices=AdhesionMediacion.Documento.choices,
        blank=True,
    )
    documento_numero = models.CharField(_("número verificado"), max_length=12, blank=True)
    medio = models.CharField(_("medio de verificación"), max_length=15, blank=True)
    por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    en = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("revisión del registro")
        verbose_name_plural = _("revisiones del registro")
        ordering = ["en", "pk"]

    def __str__(self):
        return f"{self.get_decision_display()} {self.adhesion} ({self.en:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Una revisión registrada no se modifica.")
        super().save(*args, **kwargs)


class Mediacion(models.Model):
    """The mediation file of a claim under a régimen whose procedure is "mediacion": the official
    in charge, the consumer's id type and when the claim was forwarded to the provider (from then
    on the provider takes part; the hearing, if any, is an audiencias.Audiencia)."""

    reclamo = models.OneToOneField(Reclamo, on_delete=models.PROTECT, related_name="mediacion")
    funcionario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediaciones",
    )
    consumidor_documento_tipo = models.CharField(
        _("tipo de documento"), max_length=3, choices=AdhesionMediacion.Documento.choices
    )
    # S001 / DOMAIN §7.3: the agency contacts the provider when the mediation starts (or when it
    # convenes a hearing straight away); before that the provider neither sees nor is told.
    trasladado_en = models.DateTimeField(_("trasladado al proveedor"), null=True, blank=True)

    class Meta:
        verbose_name = _("mediación")
        verbose_name_plural = _("mediaciones")

    def __str__(self):
        return f"Mediación {self.reclamo}"


class MensajeQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Los mensajes de la mediación no se modifican.")

    def delete(self):
        raise PermissionError("Los mensajes de la mediación no se borran.")


class MensajeMediacion(models.Model):
    """A message of the mediation thread between the consumer, the provider and the official.
    Append-only, like the expediente where each one is also recorded."""

    reclamo = models.ForeignKey(Reclamo, on_delete=models.PROTECT, related_name="mensajes")
    autor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(_("en carácter de"), max_length=20)
    organizacion = models.ForeignKey(
        "cuentas.Organizacion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    texto = models.TextField(_("mensaje"))
    adjunto = models.ForeignKey(
        "documentos.ArchivoSubido",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    creado_en = models.DateTimeField(_("enviado"), default=timezone.now)

    objects = MensajeQuerySet.as_manager()

    class Meta:
        verbose_name = _("mensaje de la mediación")
        verbose_name_plural = _("mensajes de la mediación")
        ordering = ["creado_en", "pk"]
        indexes = [models.Index(fields=["reclamo", "creado_en"])]

    def __str__(self):
        return f"Mensaje {self.pk} ({self.reclamo})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Los mensajes de la mediación no se modifican.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Los mensajes de la mediación no se borran.")


class LecturaMensaje(models.Model):
    """A read receipt: when a participant first saw a message."""

    mensaje = models.ForeignKey(MensajeMediacion, on_delete=models.CASCADE, related_name="lecturas")
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    leido_en = models.DateTimeField(_("leído"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mensaje", "usuario"], name="lectura_unica")]

    def __str__(self):
        return f"{self.usuario} leyó {self.mensaje_id}"


class PropuestaMediacion(models.Model):
    """A provider's solution proposal, issued as a document; the consumer gives conformidad
    (bound to the document's SHA-256) or rejects it (S001)."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de respuesta")
        ACEPTADA = "aceptada", _("Conformidad del consumidor")
        RECHAZADA = "rechazada", _("Rechazada")

    reclamo = models.ForeignKey(Reclamo, on_delete=models.PROTECT, related_name="propuestas")
    proveedor = models.ForeignKey(
        ReclamoProveedor, on_delete=models.PROTECT, related_name="propuestas"
    )
    numero = models.PositiveSmallIntegerField(_("número de propuesta"))
    texto = models.TextField(_("propuesta"))
    monto = models.DecimalField(
        _("monto ofrecido"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    documento = models.ForeignKey(
        "documentos.Documento", on_delete=models.PROTECT, related_name="+"
    )
    propuesta_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    creada_en = models.DateTimeField(default=timezone.now)
    estado = models.CharField(max_length=10, choices=Estado.choices, default=Estado.PENDIENTE)
    respondida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    respondida_en = models.DateTimeField(null=True, blank=True)
    sha256_conformidad = models.CharField(
        _("SHA-256 del documento aceptado"), max_length=64, blank=True
    )
    motivo_rechazo = models.TextField(_("motivo del rechazo"), blank=True)

    class Meta:
        verbose_name = _("propuesta del proveedor")
        verbose_name_plural = _("propuestas del proveedor")
        ordering = ["reclamo", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["reclamo", "numero"], name="propuesta_numero_unico"),
            models.UniqueConstraint(
                fields=["reclamo"],
                condition=Q(estado="pendiente"),
                name="una_propuesta_pendiente_por_reclamo",
            ),
            models.CheckConstraint(
                condition=~Q(estado="aceptada") | ~Q(sha256_conformidad=""),
                name="conformidad_con_huella",
            ),
        ]

    def __str__(self):
        return f"Propuesta {self.numero} ({self.reclamo})"


class Incumplimiento(models.Model):
    """The consumer's report that the provider did not comply with the homologated agreement and
    how it ended (D202-I.19, T39–T42): intimation by reliable means, AR-18, and either proven
    compliance or a verified breach referred for the Ley 24.240 art. 46 procedure."""

    class Resultado(models.TextChoices):
        PENDIENTE = "pendiente", _("En trámite")
        CUMPLIDO = "cumplido", _("El proveedor acreditó el cumplimiento")
        INCUMPLIDO = "incumplido", _("Incumplimiento verificado y remitido (art. 46)")

    reclamo = models.ForeignKey(Reclamo, on_delete=models.PROTECT, related_name="incumplimientos")
    detalle = models.TextField(_("qué no se cumplió"))
    # The agreed obligations the consumer reports as not met (copied from the agreement).
    obligaciones = models.JSONField(_("obligaciones incumplidas"), default=list)
    denunciado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    denunciado_en = models.DateTimeField(default=timezone.now)
    resultado = models.CharField(
        max_length=12, choices=Resultado.choices, default=Resultado.PENDIENTE
    )
    fundamentos = models.TextField(_("fundamentos de la resolución"), blank=True)
    resuelto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resuelto_en = models.DateTimeField(null=True, blank=True)
    remitido_a = models.CharField(_("remitido a"), max_length=200, blank=True)
    remision = models.OneToOneField(
        "documentos.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("denuncia de incumplimiento")
        verbose_name_plural = _("denuncias de incumplimiento")
        ordering = ["reclamo", "denunciado_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["reclamo"],
                condition=Q(resultado="pendiente"),
                name="un_incumplimiento_en_tramite",
            ),
            models.CheckConstraint(
                condition=~Q(resultado="incumplido") | Q(remision__isnull=False),
                name="incumplimiento_verificado_con_remision",
            ),
        ]

    def __str__(self):
        return f"Incumplimiento ({self.reclamo}): {self.get_resultado_display()}"


class Intimacion(models.Model):
    """The intimation to one provider to prove compliance within AR-18 (DOMAIN §4.10). Served as
    a cédula is (Decision 3): through the outbox to a registered electronic domicile (deemed
    served the next day), otherwise by reliable means recorded by staff with the proof."""

    class Via(models.TextChoices):
        ELECTRONICA = "electronica", _("Domicilio electrónico")
        FEHACIENTE = "fehaciente", _("Medio fehaciente")

    incumplimiento = models.ForeignKey(
        Incumplimiento, on_delete=models.PROTECT, related_name="intimaciones"
    )
    proveedor = models.ForeignKey(ReclamoProveedor, on_delete=models.PROTECT, related_name="+")
    documento = models.OneToOneField(
        "documentos.Documento", on_delete=models.PROTECT, related_name="+"
    )
    via = models.CharField(max_length=12, choices=Via.choices)
    domicilio = models.CharField(_("domicilio de notificación"), max_length=300)
    notificacion = models.ForeignKey(
        "notificaciones.Notificacion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notificada_el = models.DateField(_("notificada el"), null=True, blank=True)
    medio = models.CharField(_("medio"), max_length=200, blank=True)
    constancia = models.ForeignKey(
        "documentos.ArchivoSubido",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registrada_en = models.DateTimeField(null=True, blank=True)
    emitida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    emitida_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("intimación de cumplimiento")
        verbose_name_plural = _("intimaciones de cumplimiento")
        ordering = ["incumplimiento", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["incumplimiento", "proveedor"], name="una_intimacion_por_proveedor"
            )
        ]

    def __str__(self):
        return f"Intimación a {self.proveedor.razon_social} ({self.get_via_display()})"


class DemoraDeEtapa(models.Model):
    """How long a step of the procedure took in this portal lately (average days over recent
    claims), per régimen. Maintained by the task `reclamos.calcular_demoras` from one aggregate
    query; pages only read these few rows (reclamos.etapas)."""

    regimen_codigo = models.CharField(_("régimen"), max_length=20)
    etapa = models.CharField(_("etapa"), max_length=30)
    dias = models.DecimalField(_("días en promedio"), max_digits=7, decimal_places=1)
    casos = models.PositiveIntegerField(_("reclamos considerados"))
    calculado_en = models.DateTimeField(_("calculado"), default=timezone.now)

    class Meta:
        verbose_name = _("demora de etapa")
        verbose_name_plural = _("demoras de etapa")
        constraints = [
            models.UniqueConstraint(fields=["regimen_codigo", "etapa"], name="demora_etapa_unica")
        ]

    def __str__(self):
        return f"{self.regimen_codigo} {self.etapa}: {self.dias} días ({self.casos})"

    CACHE_SEGUNDOS = 600

    @staticmethod
    def clave_cache(regimen_codigo: str) -> str:
        return f"reclamos:demoras:{regimen_codigo}"

    @classmethod
    def cifras_de(cls, regimen_codigo: str) -> "dict[str, DemoraDeEtapa]":
        """The régimen's figures, from the cache (issue 13: the claim page does not read this
        table per request). `calcular_demoras` drops the cached copy when it writes."""
        from django.core.cache import cache

        clave = cls.clave_cache(regimen_codigo)
        cifras = cache.get(clave)
        if cifras is None:
            cifras = {d.etapa: d for d in cls.objects.filter(regimen_codigo=regimen_codigo)}
            cache.set(clave, cifras, cls.CACHE_SEGUNDOS)
        return cifras
