"""Permission predicates: the one place that says who may see and do what.

Pages and API use the same predicates. Each app's permisos.py builds its
`acceder_<entidad>(usuario, pk, *, escribir=False, bloquear=False)` on top of these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.mfa.models import Authenticator

from cuentas.roles import ROLES_PERSONAL, Rol

if TYPE_CHECKING:
    from cuentas.models import Organizacion, Usuario


def autenticado(usuario) -> bool:
    return bool(usuario and usuario.is_authenticated and usuario.is_active)


def tiene_rol(usuario, *roles: str) -> bool:
    return autenticado(usuario) and usuario.rol in roles


def es_consumidor(usuario) -> bool:
    return tiene_rol(usuario, Rol.CONSUMIDOR)


def es_personal(usuario) -> bool:
    return autenticado(usuario) and usuario.rol in ROLES_PERSONAL


def es_conciliador(usuario) -> bool:
    return tiene_rol(usuario, Rol.CONCILIADOR)


def es_administrador(usuario) -> bool:
    return tiene_rol(usuario, Rol.ADMINISTRADOR)


def tiene_mfa(usuario: Usuario) -> bool:
    """True when the user has a TOTP authenticator enrolled."""
    if not autenticado(usuario):
        return False
    memo = getattr(usuario, "_tiene_mfa", None)
    if memo is None:
        memo = _mfa_inscripto(usuario.pk)
        usuario._tiene_mfa = memo
    return memo


MFA_CACHE_SEGUNDOS = 300


def clave_mfa(usuario_id) -> str:
    return f"cuentas:mfa:{usuario_id}"


def _mfa_inscripto(usuario_id) -> bool:
    """Staff ask on every request: an enrolment is remembered in the cache for a few minutes
    (issue 13) and forgotten when an authenticator is added or removed (cuentas.senales). Only
    a positive answer is kept, so enrolling takes effect at once."""
    from django.core.cache import cache

    if cache.get(clave_mfa(usuario_id)):
        return True
    inscripto = Authenticator.objects.filter(
        user_id=usuario_id, type=Authenticator.Type.TOTP
    ).exists()
    if inscripto:
        cache.set(clave_mfa(usuario_id), True, MFA_CACHE_SEGUNDOS)
    return inscripto


def le_falta_mfa(usuario) -> bool:
    """Staff and conciliators may not act until they enrol MFA."""
    return autenticado(usuario) and usuario.requiere_mfa and not tiene_mfa(usuario)


def organizaciones_representadas(usuario, clave=None):
    """Active provider/association organisations the user acts for.

    With an API key the answer is only the key's organisation, whatever else its creator
    represents: a key is scoped to one organisation.
    """
    from cuentas.models import Organizacion

    if not tiene_rol(usuario, Rol.REPRESENTANTE):
        return Organizacion.objects.none()
    qs = Organizacion.objects.filter(
        estado=Organizacion.Estado.ACTIVA,
        membresias__usuario=usuario,
        membresias__activa=True,
    )
    if clave is not None:
        qs = qs.filter(pk=clave.organizacion_id)
    return qs


def representa_a(usuario, organizacion: Organizacion, clave=None) -> bool:
    return organizaciones_representadas(usuario, clave).filter(pk=organizacion.pk).exists()


def administra_organizacion(usuario, organizacion: Organizacion) -> bool:
    return (
        tiene_rol(usuario, Rol.REPRESENTANTE)
        and organizacion.membresias.filter(
            usuario=usuario, activa=True, es_administrador=True
        ).exists()
    )


def puede_revisar_organizaciones(usuario) -> bool:
    return tiene_rol(usuario, Rol.ADMISION, Rol.FUNCIONARIO, Rol.ADMINISTRADOR)


def puede_ver_panel(usuario) -> bool:
    """The staff panel: agency staff and conciliators."""
    return es_personal(usuario) or es_conciliador(usuario)
