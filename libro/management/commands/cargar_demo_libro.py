"""Demo data for the Libro de Reclamaciones: a Peruvian provider (RUC 20100000009) with one
virtual book, its representative and one sample sheet. Idempotent: a second run changes nothing."""

from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from cuentas.models import Membresia, Organizacion, Usuario
from cuentas.roles import Rol
from libro import services
from libro.models import Libro

CONTRASENA_DEMO = "conciliar-demo-2026"
EMAIL_REPRESENTANTE = "representante.pe@demo.conciliacion.pe"
RUC = "20100000009"
CODIGO_LIBRO = "tienda-virtual-demo"

HOJA_DEMO = {
    "tipo": "reclamo",
    "nombres": "Carmen",
    "apellidos": "Huamán Torres",
    "tipo_documento": "DNI",
    "numero_documento": "45678912",
    "domicilio": "Jr. Junín 345, Cercado de Lima",
    "telefono": "987 654 321",
    "email": "carmen.huaman@demo.conciliacion.pe",
    "tipo_bien": "producto",
    "monto_reclamado": Decimal("1234.50"),
    "descripcion_bien": "Refrigeradora de 300 litros, pedido web.",
    "numero_pedido": "WEB-000123",
    "detalle": "La refrigeradora llegó con la puerta abollada y no enfría.",
    "pedido": "Cambio del producto por uno nuevo o devolución del dinero.",
    "medio_respuesta": "email",
    "declaracion": True,
}


class Command(BaseCommand):
    help = "Carga el proveedor peruano de demostración con su Libro de Reclamaciones virtual."

    @transaction.atomic
    def handle(self, *args, **options):
        organizacion, _ = Organizacion.objects.get_or_create(
            tipo_identificador="RUC",
            identificador=RUC,
            defaults={
                "tipo": Organizacion.Tipo.PROVEEDOR,
                "razon_social": "Comercial Andina S.A.C. (demo)",
                "domicilio_legal": "Av. José Larco 1234, Miraflores, Lima",
                "pais": "PE",
                "estado": Organizacion.Estado.ACTIVA,
            },
        )
        usuario, creado = Usuario.objects.get_or_create(
            email=EMAIL_REPRESENTANTE,
            defaults={"rol": Rol.REPRESENTANTE, "nombre": "Jorge", "apellido": "Salazar"},
        )
        if creado:
            usuario.set_password(CONTRASENA_DEMO)
            usuario.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=usuario, email=EMAIL_REPRESENTANTE, defaults={"verified": True, "primary": True}
        )
        Membresia.objects.get_or_create(
            usuario=usuario, organizacion=organizacion, defaults={"es_administrador": True}
        )
        libro = Libro.objects.filter(codigo=CODIGO_LIBRO).first()
        if libro is None:
            libro = services.crear_libro(
                organizacion=organizacion,
                nombre="Tienda virtual",
                codigo=CODIGO_LIBRO,
                direccion="Av. José Larco 1234, Miraflores, Lima",
                canal=Libro.Canal.WEB,
                por=usuario,
            )
        if not libro.hojas.exists():
            services.presentar_hoja(libro=libro, datos=HOJA_DEMO)
        url = settings.SITE_URL.rstrip("/") + libro.get_absolute_url()
        self.stdout.write(f"Libro de Reclamaciones: {url}")
        self.stdout.write(f"Representante: {EMAIL_REPRESENTANTE} / {CONTRASENA_DEMO}")
