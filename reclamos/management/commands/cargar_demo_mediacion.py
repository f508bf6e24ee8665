"""Demo data for the Reclama Virtual-style mediation (seed 001): a Peruvian consumer and a Peruvian
provider, both registered in the platform through the real review, and three claims before the
agency — one waiting for registration (the provider does not see it yet), one in mediation with
messages and a pending proposal, and one with a video hearing convened by the official.
Idempotent: a second run changes nothing. Needs cargar_demo (the official's account)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction

from cuentas.models import Membresia, Organizacion, Usuario
from cuentas.roles import Rol
from documentos.selectors import archivos_de
from reclamos.models import AdhesionMediacion, Reclamo
from reclamos.services import adhesion, mediacion

CONTRASENA_DEMO = "conciliar-demo-2026"
EMAIL_FUNCIONARIO = "funcionario@demo.conciliacion.pe"
EMAIL_CONSUMIDORA = "carmen.huaman@demo.conciliacion.pe"
EMAIL_REPRESENTANTE = "representante.pe@demo.conciliacion.pe"
RUC = "20100000009"  # the same provider as the Libro de Reclamaciones demo
EMPRESA = "Comercial Andina S.A.C. (demo)"

RECLAMOS = [
    # (hechos, pedido, monto, how far it goes)
    (
        "Compré una refrigeradora en la tienda virtual; llegó con la puerta abollada y no enfría.",
        "El cambio del producto por uno nuevo.",
        Decimal("1234.50"),
        "propuesta",
    ),
    (
        "Pagué la instalación de una cocina que nunca se realizó.",
        "La devolución de lo pagado por la instalación.",
        Decimal("180.00"),
        "audiencia",
    ),
    (
        "El delivery de mi pedido WEB-000456 lleva tres semanas de retraso.",
        "La entrega inmediata o la anulación del pedido.",
        Decimal("349.90"),
        "solicitado",
    ),
]


def _cuenta(email: str, rol: str, nombre: str, apellido: str, dni: str = "") -> Usuario:
    usuario, creado = Usuario.objects.get_or_create(
        email=email, defaults={"rol": rol, "nombre": nombre, "apellido": apellido, "dni": dni}
    )
    if creado:
        usuario.set_password(CONTRASENA_DEMO)
        usuario.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=usuario, email=email, defaults={"verified": True, "primary": True}
    )
    return usuario


def _pdf_de_muestra() -> bytes:
    import io

    from pypdf import PdfWriter

    escritor = PdfWriter()
    escritor.add_blank_page(width=595, height=842)
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


class Command(BaseCommand):
    help = "Carga reclamos de demostración en mediación ante el Indecopi (idempotente)."

    @transaction.atomic
    def handle(self, *args, **options):
        funcionario = Usuario.objects.filter(email=EMAIL_FUNCIONARIO).first()
        if funcionario is None:
            self.stderr.write("Primero corré cargar_demo.")
            return
        consumidora = self._consumidora(funcionario)
        representante = self._proveedor(funcionario)
        if Reclamo.objects.filter(consumidor=consumidora).exists():
            self.stdout.write("Los reclamos de mediación de demostración ya estaban cargados.")
        else:
            for hechos, pedido, monto, hasta in RECLAMOS:
                self._reclamo(consumidora, representante, funcionario, hechos, pedido, monto, hasta)
        self.stdout.write(
            f"Mediación (Perú): consumidora {EMAIL_CONSUMIDORA}, proveedor {EMAIL_REPRESENTANTE}, "
            f"funcionaria {EMAIL_FUNCIONARIO} — contraseña {CONTRASENA_DEMO}"
        )

    def _consumidora(self, funcionario) -> Usuario:
        carmen = _cuenta(EMAIL_CONSUMIDORA, Rol.CONSUMIDOR, "Carmen", "Huamán Torres", "45678912")
        if not AdhesionMediacion.objects.filter(usuario=carmen).exists():
            registro = adhesion.solicitar_adhesion_natural(
                usuario=carmen,
                nombres="Carmen",
                apellidos="Huamán Torres",
                documento_tipo="DNI",
                documento_numero="45678912",
                telefono="987654321",
                acepta_terminos=True,
            )
            adhesion.revisar_adhesion(
                registro,
                por=funcionario,
                decision="aprobar",
                documento_tipo="DNI",
                documento_numero="45678912",
                medio="videollamada",
            )
        return carmen

    def _proveedor(self, funcionario) -> Usuario:
        organizacion, _ = Organizacion.objects.get_or_create(
            tipo_identificador="RUC",
            identificador=RUC,
            defaults={
                "tipo": Organizacion.Tipo.PROVEEDOR,
                "razon_social": EMPRESA,
                "domicilio_legal": "Av. José Larco 1234, Miraflores, Lima",
                "pais": "PE",
                "estado": Organizacion.Estado.ACTIVA,
            },
        )
        representante = _cuenta(EMAIL_REPRESENTANTE, Rol.REPRESENTANTE, "Jorge", "Salazar")
        Membresia.objects.get_or_create(
            usuario=representante, organizacion=organizacion, defaults={"es_administrador": True}
        )
        if not AdhesionMediacion.objects.filter(organizacion=organizacion).exists():
            subidos = set(archivos_de(organizacion).values_list("categoria", flat=True))
            for categoria in set(adhesion.DOCUMENTOS_JURIDICA) - subidos:
                adhesion.subir_documento_juridica(
                    organizacion,
                    por=representante,
                    categoria=categoria,
                    archivo=SimpleUploadedFile(
                        f"{categoria}-demo.pdf", _pdf_de_muestra(), "application/pdf"
                    ),
                )
            registro = adhesion.solicitar_adhesion_juridica(
                organizacion, por=representante, acepta_terminos=True
            )
            adhesion.revisar_adhesion(registro, por=funcionario, decision="aprobar")
        return representante

    def _reclamo(self, consumidora, representante, funcionario, hechos, pedido, monto, hasta):
        reclamo = mediacion.presentar_reclamo_mediacion(
            consumidor=consumidora,
            datos={
                "nombres": "Carmen",
                "apellidos": "Huamán Torres",
                "documento_tipo": "DNI",
                "documento_numero": "45678912",
                "domicilio": "Jr. Junín 345, Cercado de Lima",
                "email": EMAIL_CONSUMIDORA,
                "telefono": "987654321",
                "ruc": RUC,
                "razon_social": EMPRESA,
                "domicilio_proveedor": "Av. José Larco 1234, Miraflores, Lima",
                "hechos": hechos,
                "pedido": pedido,
                "monto": monto,
            },
        )
        if hasta == "solicitado":
            return
        mediacion.registrar_reclamo(reclamo, por=funcionario)
        mediacion.iniciar_mediacion(reclamo, por=funcionario)
        reclamo.refresh_from_db()
        mediacion.enviar_mensaje(
            reclamo, por=consumidora, texto="Buenos días. Adjunté las fotos en mi reclamo."
        )
        mediacion.enviar_mensaje(
            reclamo,
            por=representante,
            texto="Lamentamos lo ocurrido. Revisamos el pedido y le escribimos hoy.",
        )
        if hasta == "propuesta":
            mediacion.proponer(
                reclamo,
                por=representante,
                texto="Cambiamos la refrigeradora por una nueva, con entrega en 5 días hábiles.",
                monto=monto,
            )
            return
        reclamo.refresh_from_db()
        mediacion.convocar_audiencia(
            reclamo, por=funcionario, inicio=self._proxima_audiencia(reclamo)
        )

    def _proxima_audiencia(self, reclamo) -> datetime.datetime:
        """10:00 (Lima) on the first day the régimen lets a hearing be convened for."""
        from reclamos.services.mediacion.conciliacion import primer_dia_convocable

        dia = primer_dia_convocable(reclamo)
        return datetime.datetime.combine(dia, datetime.time(10), tzinfo=ZoneInfo("America/Lima"))
