"""Office filing: admission staff file for a consumer who comes in person (S000)."""

from allauth.account.models import EmailAddress
from django.db import transaction

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado
from cuentas.models import Usuario
from cuentas.roles import Rol
from cuentas.services import nueva_cuenta_sin_contrasena
from reclamos import avisos
from reclamos.models import Reclamo
from reclamos.services.presentacion import iniciar_borrador, presentar_reclamo


def cuenta_para_oficina(
    *, email: str, por: Usuario, permitir_representante: bool = False, regimen=None, **datos
) -> tuple[Usuario, bool]:
    """The consumer's account: an existing one only when that e-mail is verified on it; otherwise
    a new account without password (the consumer sets one through "Solicitar una nueva
    contraseña"). Never matched on DNI, never duplicated. `regimen`: its staff (Regimen.roles)
    file too (CABA: the Comuna's officials)."""
    permitidos = {Rol.ADMISION, Rol.ADMINISTRADOR} | set(regimen.roles if regimen else ())
    if permitir_representante:  # an association's representative, checked by the caller
        permitidos.add(Rol.REPRESENTANTE)
    if por.rol not in permitidos:
        raise AccesoDenegado("Solo el personal de admisión carga reclamos en la oficina.")
    email = email.strip().lower()
    existente = Usuario.objects.filter(email__iexact=email).first()
    if existente is not None:
        verificado = EmailAddress.objects.filter(
            user=existente, email__iexact=email, verified=True
        ).exists()
        if existente.rol != Rol.CONSUMIDOR or not verificado:
            raise ConflictoDeEstado(
                "Ya existe una cuenta con ese correo que no está verificada o no es de "
                "consumidor. Pedí a la persona que verifique su correo o usá otro.",
                codigo="email_unverified",
            )
        return existente, False
    # Looked for above: no second read of the same e-mail.
    usuario = nueva_cuenta_sin_contrasena(email=email, rol=Rol.CONSUMIDOR, por=por, **datos)
    EmailAddress.objects.create(user=usuario, email=email, primary=True, verified=False)
    return usuario, True


@transaction.atomic
def iniciar_en_oficina(
    *, por: Usuario, email: str, nombre: str, apellido: str, dni: str, telefono: str = ""
) -> Reclamo:
    consumidor, _ = cuenta_para_oficina(
        email=email, por=por, nombre=nombre, apellido=apellido, dni=dni, telefono=telefono
    )
    return iniciar_borrador(consumidor=consumidor, por=por)


@transaction.atomic
def presentar_en_oficina(reclamo: Reclamo, *, por: Usuario) -> Reclamo:
    reclamo = presentar_reclamo(reclamo, por=por)
    cuenta_nueva = not reclamo.consumidor.has_usable_password()
    avisos.derivacion(reclamo, cuenta_nueva=cuenta_nueva)
    return reclamo
