"""Demo data for hearings (idempotent): the texts of Ley 26.993 arts. 11 and 16 marked as demo
transcriptions, registry profiles and weekly hours for the demo conciliators, weekly hours at the
demo agency office for a conciliator authorised under art. 4 b (published by the administrator
through the same service as the office agenda page), and one demo claim admitted so the consumer
can pick a slot ("Seleccionar Turno")."""

import datetime

from django.core.management.base import BaseCommand

from audiencias.models import FranjaSemanal
from conciliadores.models import Conciliador
from cuentas.models import Organizacion, Usuario
from cuentas.roles import Rol
from normativa.models import TextoNormativo
from reclamos.estados import Estado
from reclamos.models import Reclamo

AVISO_DEMO = (
    "[Transcripción de demostración: el personal debe reemplazarla por el texto oficial de la "
    "ley antes de emitir cédulas reales.] "
)
TEXTOS = {
    "ley26993_art11": (
        "Ley 26.993, artículo 11 — Comparecencia",
        "Las partes deben comparecer personalmente a la audiencia; las personas jurídicas lo hacen "
        "por medio de representante con poder suficiente para conciliar. Pueden contar con "
        "asistencia letrada.",
    ),
    "ley26993_art16": (
        "Ley 26.993, artículo 16 — Incomparecencia",
        "El proveedor que, debidamente notificado, no comparezca a la audiencia sin justificar su "
        "inasistencia dentro de los cinco días hábiles será sancionado con una multa equivalente "
        "a un Salario Mínimo, Vital y Móvil.",
    ),
}
CONCILIADORES = [
    ("conciliador@demo.conciliacion.ar", "DEMO-0001", "Lavalle 1200, CABA"),
    ("conciliador2@demo.conciliacion.ar", "DEMO-0002", "Av. Córdoba 800, CABA"),
]
# D202-I.4 b: authorised by the Secretaría; works only at the agency's offices.
CONCILIADOR_OFICINA = ("conciliador3@demo.conciliacion.ar", "DEMO-0003")
OFICINA_DEMO = "Sede Central (demo)"  # created by cargar_demo
EMAIL_CONSUMIDORA = "consumidora@demo.conciliacion.ar"


def _cuenta(email: str, defaults: dict) -> Usuario:
    """A demo conciliator's account (normally created by cargar_demo): every demo person can
    log in with the demo password, since the draw may designate any of them."""
    from allauth.account.models import EmailAddress

    from cuentas.management.commands.cargar_demo import CONTRASENA_DEMO

    usuario, creado = Usuario.objects.get_or_create(email=email, defaults=defaults)
    if creado:
        usuario.set_password(CONTRASENA_DEMO)
        usuario.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=usuario, email=email, defaults={"verified": True, "primary": True}
    )
    return usuario


class Command(BaseCommand):
    help = (
        "Carga textos de la cédula, agendas de conciliadores y un reclamo listo para elegir turno."
    )

    def handle(self, *args, **options):
        for clave, (titulo, texto) in TEXTOS.items():
            TextoNormativo.objects.get_or_create(
                clave=clave,
                vigente_desde=datetime.date(2014, 9, 1),
                defaults={"titulo": titulo, "texto": AVISO_DEMO + texto, "fuente": "Ley 26.993"},
            )
        for email, matricula, domicilio in CONCILIADORES:
            usuario = _cuenta(
                email, {"rol": Rol.CONCILIADOR, "nombre": "Demo", "apellido": matricula}
            )
            conciliador, _ = Conciliador.objects.get_or_create(
                usuario=usuario,
                defaults={
                    "matricula": matricula,
                    "tipo": Conciliador.Tipo.REGISTRO_MEDIACION,
                    "jurisdicciones": ["CABA"],
                    "modalidades": ["presencial", "video"],
                    "domicilio_profesional": domicilio,
                },
            )
            if not conciliador.franjas.exists():
                for dia in range(5):
                    FranjaSemanal.objects.create(
                        conciliador=conciliador,
                        dia_semana=dia,
                        desde=datetime.time(9),
                        hasta=datetime.time(13),
                        modalidad="presencial",
                        lugar=domicilio,
                        vigente_desde=datetime.date(2026, 1, 1),
                        publicada_por=usuario,
                    )
                    FranjaSemanal.objects.create(
                        conciliador=conciliador,
                        dia_semana=dia,
                        desde=datetime.time(15),
                        hasta=datetime.time(18),
                        modalidad="video",
                        vigente_desde=datetime.date(2026, 1, 1),
                        publicada_por=usuario,
                    )
        self._agenda_de_oficina()
        self._admitir_un_reclamo()
        self.stdout.write("Textos de la cédula y agendas de conciliadores cargados.")

    def _agenda_de_oficina(self):
        """Mornings at the demo office, published by the administrator for the art. 4 b
        conciliator. Publishes only while that conciliator has no hours at the office yet."""
        from audiencias.services.agenda import publicar_franja

        oficina = Organizacion.objects.filter(
            tipo=Organizacion.Tipo.OFICINA, razon_social=OFICINA_DEMO
        ).first()
        administrador = Usuario.objects.filter(
            rol=Rol.ADMINISTRADOR, email__endswith="@demo.conciliacion.ar"
        ).first()
        if oficina is None or administrador is None:
            self.stdout.write("Sin oficina o administrador de demo: corré antes cargar_demo.")
            return
        email, matricula = CONCILIADOR_OFICINA
        usuario = _cuenta(
            email,
            {"rol": Rol.CONCILIADOR, "nombre": "Demo", "apellido": matricula, "oficina": oficina},
        )
        conciliador, _ = Conciliador.objects.get_or_create(
            usuario=usuario,
            defaults={
                "matricula": matricula,
                "tipo": Conciliador.Tipo.SECRETARIA,
                "jurisdicciones": ["CABA"],
                "modalidades": ["presencial"],
                "domicilio_profesional": oficina.domicilio_legal,
            },
        )
        conciliador.oficinas.add(oficina)
        if conciliador.franjas.filter(oficina=oficina).exists():
            return
        for dia in range(5):
            publicar_franja(
                conciliador,
                por=administrador,
                dia_semana=dia,
                desde=datetime.time(9),
                hasta=datetime.time(13),
                modalidad="presencial",
                oficina=oficina,
                vigente_desde=datetime.date(2026, 1, 1),
            )

    def _admitir_un_reclamo(self):
        from reclamos.services.admision import admitir_reclamo

        admision = Usuario.objects.filter(rol=Rol.ADMISION).first()
        reclamo = (
            Reclamo.objects.filter(
                consumidor__email=EMAIL_CONSUMIDORA,
                estado=Estado.EN_ADMISION,
                metodo_designacion="a",
            )
            .order_by("pk")
            .first()
        )
        # Admits once: a demo claim that already left admission (waiting for a slot, or further
        # on because someone booked) means this was done, so a second run changes nothing.
        ya_hay = (
            Reclamo.objects.filter(consumidor__email=EMAIL_CONSUMIDORA)
            .exclude(estado__in=(Estado.BORRADOR, Estado.EN_ADMISION))
            .exists()
        )
        if admision is not None and reclamo is not None and not ya_hay:
            admitir_reclamo(reclamo, por=admision)
            self.stdout.write(
                f"Reclamo {reclamo.numero} admitido: espera que la consumidora elija turno."
            )
