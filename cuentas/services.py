"""Writes about accounts and organisations."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.models import ClaveApi, Membresia, Organizacion, Usuario
from cuentas.permisos import administra_organizacion, puede_revisar_organizaciones
from cuentas.roles import Rol


def _enviar_al_confirmar(*, asunto: str, plantilla: str, contexto: dict, destinatario: str):
    contexto = {**contexto, "sitio": settings.SITE_URL}
    cuerpo = render_to_string(plantilla, contexto)
    transaction.on_commit(
        lambda: send_mail(asunto, cuerpo, settings.DEFAULT_FROM_EMAIL, [destinatario])
    )


def crear_cuenta_sin_contrasena(
    *, email: str, rol: str, por: Usuario | None, **datos
) -> tuple[Usuario, bool]:
    """Returns (user, created). The person sets a password through "Solicitar una nueva
    contraseña" (seed 000). An existing account is reused only with the same role, never
    duplicated."""
    email = email.strip().lower()
    existente = Usuario.objects.filter(email__iexact=email).first()
    if existente is not None:
        if existente.rol != rol:
            raise ConflictoDeEstado(
                "Ya existe una cuenta con ese correo para otra función.",
                codigo="email_taken_other_role",
            )
        return existente, False
    return nueva_cuenta_sin_contrasena(email=email, rol=rol, por=por, **datos), True


def nueva_cuenta_sin_contrasena(*, email: str, rol: str, por: Usuario | None, **datos) -> Usuario:
    """The account of crear_cuenta_sin_contrasena() when the caller has just looked for that
    e-mail and found none (the unique e-mail still refuses a duplicate)."""
    return Usuario.objects.create_user(
        email=email.strip().lower(), password=None, rol=rol, creado_por=por, **datos
    )


@transaction.atomic
def registrar_organizacion(
    *,
    por: Usuario,
    tipo: str,
    tipo_identificador: str,
    identificador: str,
    razon_social: str,
    domicilio_legal: str = "",
    domicilio_electronico: str = "",
    pais: str = "AR",
) -> Organizacion:
    """A representative registers a provider: it starts PENDIENTE and sees no claims until
    staff approve it (nobody sees a provider's claims by merely claiming its CUIT)."""
    if por.rol != Rol.REPRESENTANTE:
        raise AccesoDenegado("Solo una cuenta de representante puede registrar un proveedor.")
    organizacion = Organizacion(
        tipo=tipo,
        tipo_identificador=tipo_identificador,
        identificador=identificador,
        razon_social=razon_social,
        domicilio_legal=domicilio_legal,
        domicilio_electronico=domicilio_electronico,
        pais=pais,
    )
    organizacion.full_clean()
    organizacion.save()
    Membresia.objects.create(usuario=por, organizacion=organizacion, es_administrador=True)
    return organizacion


def _revisar(organizacion: Organizacion, *, por: Usuario, estado: str, observacion: str):
    if not puede_revisar_organizaciones(por):
        raise AccesoDenegado("No tenés permiso para revisar organizaciones.")
    if estado != Organizacion.Estado.ACTIVA and not observacion.strip():
        raise DatosInvalidos("Indicá el motivo.", campos={"observacion": ["Obligatorio."]})
    cambiadas = Organizacion.objects.filter(
        pk=organizacion.pk,
        estado__in=[Organizacion.Estado.PENDIENTE, Organizacion.Estado.OBSERVADA],
    ).update(estado=estado, observacion=observacion, revisada_por=por, revisada_en=timezone.now())
    if cambiadas != 1:
        raise ConflictoDeEstado("La organización ya fue revisada.")
    organizacion.refresh_from_db()
    for membresia in organizacion.membresias.filter(es_administrador=True).select_related(
        "usuario"
    ):
        _enviar_al_confirmar(
            asunto="Revisión de su organización",
            plantilla="correo/organizacion_revisada.txt",
            contexto={"organizacion": organizacion, "usuario": membresia.usuario},
            destinatario=membresia.usuario.email,
        )
    return organizacion


@transaction.atomic
def aprobar_organizacion(organizacion: Organizacion, *, por: Usuario) -> Organizacion:
    return _revisar(organizacion, por=por, estado=Organizacion.Estado.ACTIVA, observacion="")


@transaction.atomic
def observar_organizacion(organizacion: Organizacion, *, por: Usuario, observacion: str):
    return _revisar(
        organizacion, por=por, estado=Organizacion.Estado.OBSERVADA, observacion=observacion
    )


@transaction.atomic
def rechazar_organizacion(organizacion: Organizacion, *, por: Usuario, observacion: str):
    return _revisar(
        organizacion, por=por, estado=Organizacion.Estado.RECHAZADA, observacion=observacion
    )


@transaction.atomic
def invitar_representante(
    organizacion: Organizacion, *, por: Usuario, email: str, es_administrador: bool = False
) -> Membresia:
    """An administrator of an active organisation adds a representative."""
    if not organizacion.activa or not administra_organizacion(por, organizacion):
        raise AccesoDenegado("Solo quien administra una organización activa puede invitar.")
    usuario, creada = crear_cuenta_sin_contrasena(email=email, rol=Rol.REPRESENTANTE, por=por)
    membresia, nueva = Membresia.objects.get_or_create(
        usuario=usuario,
        organizacion=organizacion,
        defaults={"es_administrador": es_administrador, "invitada_por": por},
    )
    if not nueva:
        raise ConflictoDeEstado("Esa persona ya representa a la organización.")
    _enviar_al_confirmar(
        asunto=f"Invitación para representar a {organizacion.razon_social}",
        plantilla="correo/invitacion_representante.txt",
        contexto={
            "organizacion": organizacion,
            "usuario": usuario,
            "cuenta_nueva": creada,
            "url_contrasena": reverse("account_reset_password"),
        },
        destinatario=usuario.email,
    )
    return membresia


@transaction.atomic
def crear_clave_api(
    organizacion: Organizacion, *, por: Usuario, nombre: str
) -> tuple[ClaveApi, str]:
    """Returns the key row and the key text, which is shown once and never stored."""
    if not organizacion.activa or not administra_organizacion(por, organizacion):
        raise AccesoDenegado("Solo quien administra una organización activa puede crear claves.")
    if not nombre.strip():
        raise DatosInvalidos("Poné un nombre a la clave.", campos={"nombre": ["Obligatorio."]})
    return ClaveApi.generar(organizacion=organizacion, nombre=nombre.strip(), creada_por=por)


@transaction.atomic
def revocar_clave_api(clave: ClaveApi, *, por: Usuario) -> ClaveApi:
    if not administra_organizacion(por, clave.organizacion):
        raise AccesoDenegado("No administrás esa organización.")
    ClaveApi.objects.filter(pk=clave.pk, revocada_en__isnull=True).update(
        revocada_en=timezone.now()
    )
    clave.refresh_from_db()
    return clave
