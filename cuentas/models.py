"""Users, organisations (providers, agency offices, consumer associations), API keys and the
stored responses of idempotent API writes."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cuentas.identificadores import TipoIdentificador, validar_identificador
from cuentas.roles import ROLES_CON_MFA, ROLES_PERSONAL, Rol


class UsuarioManager(BaseUserManager):
    use_in_migrations = True

    def _crear(self, email, password, **extra):
        if not email:
            raise ValueError("El correo electrónico es obligatorio")
        usuario = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            usuario.set_password(password)
        else:
            usuario.set_unusable_password()
        usuario.save(using=self._db)
        return usuario

    def create_user(self, email, password=None, **extra):
        extra.setdefault("rol", Rol.CONSUMIDOR)
        return self._crear(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(rol=Rol.ADMINISTRADOR, is_staff=True, is_superuser=True)
        return self._crear(email, password, **extra)


class Usuario(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("correo electrónico"), unique=True)
    nombre = models.CharField(_("nombre"), max_length=120, blank=True)
    apellido = models.CharField(_("apellido"), max_length=120, blank=True)
    dni = models.CharField(_("DNI"), max_length=12, blank=True)
    telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.CONSUMIDOR)
    oficina = models.ForeignKey(
        "cuentas.Organizacion",
        verbose_name=_("oficina"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="personal",
        help_text=_("Oficina de la autoridad donde trabaja (personal y conciliadores)."),
    )
    is_active = models.BooleanField(_("activo"), default=True)
    is_staff = models.BooleanField(_("acceso al admin de Django"), default=False)
    creado_en = models.DateTimeField(_("creado en"), default=timezone.now)
    creado_por = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Staff's scope (decision 0038): the codes of the régimenes this person works. A staff role
    # reaches a régimen's claims only when the régimen's definition names the role
    # (Regimen.roles) and its code is here. Read with the user's row: no query per request.
    regimenes = models.JSONField(
        _("régimenes a cargo"),
        default=list,
        blank=True,
        help_text=_(
            "Personal de la autoridad: actúa solo en los expedientes de estos régimenes. "
            "Vacío: en ninguno."
        ),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UsuarioManager()

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")
        indexes = [models.Index(fields=["rol"])]

    def __str__(self):
        return self.nombre_completo or self.email

    @property
    def nombre_completo(self) -> str:
        return f"{self.nombre} {self.apellido}".strip()

    @property
    def es_personal(self) -> bool:
        return self.rol in ROLES_PERSONAL

    @property
    def requiere_mfa(self) -> bool:
        return self.rol in ROLES_CON_MFA

    def save(self, *args, **kwargs):
        # New staff get, unless told otherwise, every offered régimen their role serves: today's
        # reach in a one-régimen deployment; an administrator narrows it (decision 0038).
        if self._state.adding and self.rol in ROLES_PERSONAL and not self.regimenes:
            from cuentas.alcance import regimenes_por_defecto

            self.regimenes = regimenes_por_defecto(self.rol)
        super().save(*args, **kwargs)


class Organizacion(models.Model):
    class Tipo(models.TextChoices):
        PROVEEDOR = "proveedor", _("Proveedor")
        OFICINA = "oficina", _("Oficina de la autoridad")
        ASOCIACION = "asociacion", _("Asociación de consumidores")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de aprobación")
        ACTIVA = "activa", _("Activa")
        OBSERVADA = "observada", _("Observada")
        RECHAZADA = "rechazada", _("Rechazada")
        SUSPENDIDA = "suspendida", _("Suspendida")

    tipo = models.CharField(_("tipo"), max_length=12, choices=Tipo.choices)
    tipo_identificador = models.CharField(
        _("tipo de identificador"), max_length=4, choices=TipoIdentificador.choices
    )
    identificador = models.CharField(_("CUIT o RUC"), max_length=11)
    razon_social = models.CharField(_("razón social"), max_length=200)
    domicilio_legal = models.CharField(
        _("domicilio legal"),
        max_length=300,
        blank=True,
        help_text=_("El inscripto en el registro de sociedades (IGJ o equivalente)."),
    )
    domicilio_electronico = models.EmailField(
        _("domicilio electrónico constituido"),
        blank=True,
        help_text=_("Si se constituye, las notificaciones se cursan allí (Decisión 3)."),
    )
    pais = models.CharField(_("país"), max_length=2, default="AR")
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado.choices, default=Estado.PENDIENTE
    )
    observacion = models.TextField(_("observación de la revisión"), blank=True)
    revisada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revisada_en = models.DateTimeField(null=True, blank=True)
    creada_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")
        constraints = [
            models.UniqueConstraint(
                fields=["tipo_identificador", "identificador"],
                condition=~Q(tipo="oficina"),
                name="organizacion_identificador_unico",
            )
        ]

    def __str__(self):
        return f"{self.razon_social} ({self.get_tipo_identificador_display()} {self.identificador})"

    def clean(self):
        try:
            self.identificador = validar_identificador(self.tipo_identificador, self.identificador)
        except ValidationError as error:
            raise ValidationError({"identificador": error.messages}) from error

    @property
    def activa(self) -> bool:
        return self.estado == self.Estado.ACTIVA


class Membresia(models.Model):
    """A representative's link to a provider organisation (or a consumer association)."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membresias"
    )
    organizacion = models.ForeignKey(
        Organizacion, on_delete=models.CASCADE, related_name="membresias"
    )
    es_administrador = models.BooleanField(_("administra la organización"), default=False)
    activa = models.BooleanField(default=True)
    invitada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    creada_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membresía")
        constraints = [
            models.UniqueConstraint(fields=["usuario", "organizacion"], name="membresia_unica")
        ]

    def __str__(self):
        return f"{self.usuario} → {self.organizacion}"


def _hash_clave(texto: str) -> str:
    return hashlib.sha256(texto.encode()).hexdigest()


class ClaveApi(models.Model):
    """An organisation's API key: only its SHA-256 is stored; the key is shown once."""

    organizacion = models.ForeignKey(
        Organizacion, on_delete=models.CASCADE, related_name="claves_api"
    )
    nombre = models.CharField(_("nombre"), max_length=80)
    prefijo = models.CharField(max_length=12, unique=True)
    hash = models.CharField(max_length=64, unique=True)
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claves_api"
    )
    creada_en = models.DateTimeField(default=timezone.now)
    revocada_en = models.DateTimeField(null=True, blank=True)
    ultimo_uso = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("clave de API")
        verbose_name_plural = _("claves de API")

    def __str__(self):
        return f"{self.nombre} ({self.prefijo}…)"

    @classmethod
    def generar(cls, *, organizacion, nombre, creada_por) -> tuple["ClaveApi", str]:
        prefijo = secrets.token_hex(4)
        texto = f"cc_{prefijo}_{secrets.token_urlsafe(32)}"
        clave = cls.objects.create(
            organizacion=organizacion,
            nombre=nombre,
            prefijo=prefijo,
            hash=_hash_clave(texto),
            creada_por=creada_por,
        )
        return clave, texto

    @classmethod
    def buscar(cls, texto: str) -> "ClaveApi | None":
        return (
            cls.objects.select_related("organizacion", "creada_por")
            .filter(hash=_hash_clave(texto), revocada_en__isnull=True)
            .first()
        )


class SolicitudIdempotente(models.Model):
    """The first response to a write sent with an Idempotency-Key, replayed on retries."""

    ambito = models.CharField(max_length=40)  # "clave-<id>" or "usuario-<id>"
    clave = models.CharField(max_length=255)
    huella = models.CharField(max_length=64)
    completa = models.BooleanField(default=False)
    status = models.PositiveSmallIntegerField(null=True)
    # The first response exactly as sent (a replay is byte-identical).
    contenido = models.BinaryField(null=True)
    tipo_contenido = models.CharField(max_length=255, blank=True, default="")
    creada_en = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ambito", "clave"], name="idempotencia_unica")
        ]
        indexes = [models.Index(fields=["creada_en"])]

    def __str__(self):
        return f"{self.ambito}:{self.clave}"
