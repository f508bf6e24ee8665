"""Loads the demo data set: one user per role, an agency office and an active provider.

Idempotent: running it again changes nothing and creates no duplicates.
"""

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction

from cuentas.models import Membresia, Organizacion, Usuario
from cuentas.roles import ROLES_CON_MFA, Rol

CONTRASENA_DEMO = "conciliar-demo-2026"

PERSONAS = [
    ("consumidora@demo.conciliacion.ar", Rol.CONSUMIDOR, "Lucía", "Fernández", "30123456"),
    ("proveedor@demo.conciliacion.ar", Rol.REPRESENTANTE, "Martín", "Gómez", ""),
    ("conciliador@demo.conciliacion.ar", Rol.CONCILIADOR, "Ana", "Pereyra", ""),
    # The other two demo conciliators (their registry profiles and hours: cargar_demo_audiencias);
    # the draw may land on any of them, so each can log in and act.
    ("conciliador2@demo.conciliacion.ar", Rol.CONCILIADOR, "Bruno", "Carrizo", ""),
    ("conciliador3@demo.conciliacion.ar", Rol.CONCILIADOR, "Elena", "Ibarra", ""),
    ("admision@demo.conciliacion.ar", Rol.ADMISION, "Julián", "Sosa", ""),
    ("homologacion@demo.conciliacion.ar", Rol.HOMOLOGACION, "Carla", "Ruiz", ""),
    ("registro@demo.conciliacion.ar", Rol.REGISTRO, "Diego", "Acosta", ""),
    # The Auditor of Ley 26.993 Title II (decision 0028); the demo keeps the Auditoría off.
    ("auditor@demo.conciliacion.ar", Rol.AUDITOR, "Inés", "Vidal", ""),
    ("funcionario@demo.conciliacion.pe", Rol.FUNCIONARIO, "Rosa", "Quispe", ""),
    ("admin@demo.conciliacion.ar", Rol.ADMINISTRADOR, "Sofía", "Molina", ""),
    # Peru (Reclama Virtual): their registration and claims come from cargar_demo_mediacion.
    ("carmen.huaman@demo.conciliacion.pe", Rol.CONSUMIDOR, "Carmen", "Huamán Torres", "45678912"),
    ("representante.pe@demo.conciliacion.pe", Rol.REPRESENTANTE, "Jorge", "Salazar", ""),
]
# The Argentine provider's representative; the Peruvian one joins Comercial Andina later.
REPRESENTANTE_AR = "proveedor@demo.conciliacion.ar"


class Command(BaseCommand):
    help = "Carga los datos de demostración (idempotente)."

    @transaction.atomic
    def handle(self, *args, **options):
        oficina, _ = Organizacion.objects.get_or_create(
            tipo=Organizacion.Tipo.OFICINA,
            razon_social="Sede Central (demo)",
            defaults={
                "tipo_identificador": "CUIT",
                "identificador": "30700000016",
                "domicilio_legal": "Av. Julio A. Roca 651, CABA",
                "estado": Organizacion.Estado.ACTIVA,
            },
        )
        proveedor, _ = Organizacion.objects.get_or_create(
            tipo_identificador="CUIT",
            identificador="30712345671",
            defaults={
                "tipo": Organizacion.Tipo.PROVEEDOR,
                "razon_social": "Telefonía Ejemplo S.A.",
                "domicilio_legal": "Av. Corrientes 1234, CABA",
                "domicilio_electronico": "notificaciones@telefonia-ejemplo.com.ar",
                "estado": Organizacion.Estado.ACTIVA,
            },
        )
        filas = []
        for email, rol, nombre, apellido, dni in PERSONAS:
            usuario, creado = Usuario.objects.get_or_create(
                email=email,
                defaults={
                    "rol": rol,
                    "nombre": nombre,
                    "apellido": apellido,
                    "dni": dni,
                    "is_staff": rol == Rol.ADMINISTRADOR,
                    "is_superuser": rol == Rol.ADMINISTRADOR,
                    "oficina": oficina if rol in ROLES_CON_MFA else None,
                },
            )
            if creado:
                usuario.set_password(CONTRASENA_DEMO)
                usuario.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=usuario, email=email, defaults={"verified": True, "primary": True}
            )
            if email == REPRESENTANTE_AR:
                Membresia.objects.get_or_create(
                    usuario=usuario, organizacion=proveedor, defaults={"es_administrador": True}
                )
            filas.append((email, usuario.get_rol_display(), rol in ROLES_CON_MFA))
        self._imprimir(filas)

    def _imprimir(self, filas):
        self.stdout.write(
            self.style.SUCCESS(
                f"Usuarios de demostración (contraseña para todos: {CONTRASENA_DEMO}):"
            )
        )
        for email, rol, mfa in filas:
            self.stdout.write(f"  {rol:<30} {email}{'  (MFA obligatoria)' if mfa else ''}")
        self.stdout.write(
            "El personal y los conciliadores deben activar la verificación en dos pasos al "
            "ingresar: el portal muestra un código QR; escanealo con una app TOTP (FreeOTP, "
            "Google Authenticator, Aegis) o copiá la clave, e ingresá el código de 6 dígitos."
        )
