"""The VUF integration's API key (decision 0038): an agency office named for the Ventanilla Única
Federal, the DGDyPC official who answers for what the integration files as its member, and a key
shown once. `manage.py clave_vuf --funcionario rosa@dgdypc.example`."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cuentas.models import ClaveApi, Membresia, Organizacion, Usuario
from sumarios.services.sumario import es_personal

NOMBRE = "Ventanilla Única Federal (integración)"


class Command(BaseCommand):
    help = (
        "Crea la clave de API con la que la VUF deriva denuncias a la Ciudad (se muestra una vez)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--funcionario", required=True, help="Correo del funcionario responsable."
        )
        parser.add_argument("--nombre", default="VUF", help="Nombre de la clave.")

    @transaction.atomic
    def handle(self, *args, funcionario, nombre, **opciones):
        usuario = Usuario.objects.filter(email__iexact=funcionario.strip(), is_active=True).first()
        if usuario is None or not es_personal(usuario):
            raise CommandError(
                "Esa cuenta no es personal de la Dirección con la Ciudad a su cargo."
            )
        oficina, _ = Organizacion.objects.get_or_create(
            tipo=Organizacion.Tipo.OFICINA,
            razon_social=NOMBRE,
            defaults={
                "tipo_identificador": "CUIT",
                "identificador": "00000000000",
                "estado": Organizacion.Estado.ACTIVA,
            },
        )
        Membresia.objects.update_or_create(
            usuario=usuario, organizacion=oficina, defaults={"activa": True}
        )
        _clave, texto = ClaveApi.generar(organizacion=oficina, nombre=nombre, creada_por=usuario)
        self.stdout.write(texto)
